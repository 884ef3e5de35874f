"""How a digest run ends: the email sent exactly once, "nothing new" told or forgotten, or the
failure written on the digest in words for its reader.

``digests.building`` makes the digest; this module finishes it. Delivery goes through the
outbox (digests/outbox.py), so a retried run resumes the same email and never sends a second.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from digests import gmail, metrics, outbox, sync
from digests.bookkeeping import OutboundEmail
from digests.delivery import GmailSendRejected
from digests.models import Digest
from digests.preferences import preferences_for
from digests.render import dates

__all__ = [
    "UNFINISHED",
    "deliver_once",
    "deliver_owed_nothing_new",
    "describe_failure",
    "emails_empty",
    "handle_empty",
    "is_bad_query",
    "record_failure",
]

logger = logging.getLogger(__name__)

UNFINISHED = [Digest.Status.BUILDING, Digest.Status.FAILED]

ConnectGmail = Callable[[Any], gmail.Gmail]


def emails_empty(user: Any, email: bool | None) -> bool:
    """Whether a digest that finds nothing new is emailed ("nothing new") to this person."""
    prefs = preferences_for(user)
    if prefs.empty_policy == prefs.EmptyPolicy.SKIP:
        return False
    return prefs.deliver_email if email is None else email


def deliver_once(
    digest: Digest,
    connect_gmail: ConnectGmail,
    now: datetime,
    progress: sync.Progress = sync.no_progress,
    *,
    email: bool | None = None,
) -> None:
    """Send the digest's email through the outbox (exactly once), then mark the digest sent."""
    if email is None:
        email = preferences_for(digest.user).deliver_email
    if not email:
        _finish(digest, note="", delivered_at=None)  # kept in the web UI only, as chosen
        return
    progress("rendering", 0, 1)
    outbox.queue(digest)  # rendered once; a retry finds the stored email
    progress("rendering", 1, 1)
    progress("sending", 0, 1)
    row = outbox.deliver(digest, connect_gmail)
    _finish(digest, note=row.note, delivered_at=row.sent_at or now)
    progress("sending", 1, 1)


def deliver_owed_nothing_new(user: Any, connect_gmail: ConnectGmail, now: datetime) -> bool:
    """Finish a "nothing new" email an earlier run queued but could not send (or confirm).

    An empty digest is finished when it is stored, so no later run would resume it: its
    outbox row (queued with it, see :func:`store`) is retried here first, exactly once as
    every outbox email. A row already sent only has ``delivered_at`` written; one queued or
    refused is dropped with its digest if the person has since chosen to skip "nothing new".
    Returns whether there was one.
    """
    owed = Digest.objects.filter(
        user=user,
        status=Digest.Status.EMPTY,
        delivered_at__isnull=True,
        outbound_email__isnull=False,
    )
    prefs = preferences_for(user)
    if prefs.empty_policy == prefs.EmptyPolicy.SKIP:
        unsent = [OutboundEmail.State.QUEUED, OutboundEmail.State.FAILED]
        owed.filter(outbound_email__state__in=unsent).delete()
    told = False
    for digest in owed:
        _send_nothing_new(digest, connect_gmail, now)
        told = True
    return told


def handle_empty(
    digest: Digest,
    connect_gmail: ConnectGmail,
    now: datetime,
    *,
    email: bool | None = None,
    told: bool = False,
) -> Digest:
    """Nothing new: forget the digest (no email, no history row) or send "nothing new".

    ``told``: this run already sent a "nothing new" an earlier run owed, so this one is
    forgotten too.
    """
    prefs = preferences_for(digest.user)
    if told or prefs.empty_policy == prefs.EmptyPolicy.SKIP:
        forgotten = Digest.objects.filter(pk=digest.pk, status=Digest.Status.EMPTY)
        # not one whose email a concurrent run queued meanwhile: that run sends it
        forgotten.filter(outbound_email__isnull=True).delete()
        return digest  # unsaved now; the sync cursor has moved on regardless
    if emails_empty(digest.user, email):
        _send_nothing_new(digest, connect_gmail, now)
        digest.refresh_from_db()
    return digest


def _send_nothing_new(digest: Digest, connect_gmail: ConnectGmail, now: datetime) -> None:
    """Send the empty digest's stored email (exactly once) and write when it went."""
    row = outbox.deliver(digest, connect_gmail)
    Digest.objects.filter(pk=digest.pk).update(delivered_at=row.sent_at or now, last_error=row.note)


def _finish(digest: Digest, *, note: str, delivered_at: datetime | None) -> None:
    if Digest.objects.filter(pk=digest.pk, status__in=UNFINISHED).update(
        status=Digest.Status.SENT, last_error=note, delivered_at=delivered_at
    ):
        metrics.DIGESTS.labels("sent").inc()
    digest.refresh_from_db()


BAD_QUERY = "Gmail refused to search your mail"
STOPPED_TRYING = "we stopped trying after"


def describe_failure(
    exc: BaseException, user: Any, now: datetime, *, final_attempt: int | None = None
) -> str:
    """What went wrong, in words for the person whose digest it is.

    ``final_attempt``: this was the job's last allowed attempt (its number), so a failure that
    would be retried says that we stopped instead of promising a retry that never comes.
    """
    what, retry = _failure_words(exc, user, now)
    if not retry:
        return what
    if final_attempt is not None:
        return (
            f"{what}; {STOPPED_TRYING} {final_attempt} attempts and our staff have been told. "
            'You can press "Send a digest now" to try again later.'
        )
    return f"{what}; {retry}."


def _failure_words(exc: BaseException, user: Any, now: datetime) -> tuple[str, str]:
    """(what went wrong, what we do next): the second is empty when we do not retry."""
    if isinstance(exc, gmail.GmailRateLimited):
        retry_at = dates.moment(now + timedelta(seconds=exc.retry_after), user.zone, now)
        return "Google asked us to slow down", f"we will retry at {retry_at}"
    if isinstance(exc, gmail.GoogleAccessRevoked):
        return f"{ACCESS_REVOKED}: reconnect Google.", ""
    if isinstance(exc, gmail.GmailUnavailable):
        return "Gmail is not answering right now", "we will try again in a few minutes"
    if isinstance(exc, gmail.GmailPermissionDenied):
        return f"{NO_PERMISSION}: reconnect Google and allow reading Gmail.", ""
    if isinstance(exc, GmailSendRejected):
        return (
            f"Gmail refused to send the digest from your Gmail ({exc})",
            "we will try again later",
        )
    if isinstance(exc, gmail.GmailRequestRejected) and exc.is_bad_query:
        return f"{BAD_QUERY}: {_gmails_words(str(exc))}. Check the search in your preferences.", ""
    if isinstance(exc, gmail.GmailRequestRejected):
        return f"Gmail refused to let us read your messages ({exc})", "we will try again later"
    if isinstance(exc, OSError):
        return "We could not send the digest email", "we will try again in a few minutes"
    return "Something went wrong on our side while making this digest", "we will try again"


ACCESS_REVOKED = "Your Google access was revoked"
NO_PERMISSION = "Google did not give us permission to read your mail"


def needed_access(digest: Digest) -> bool:
    """The digest failed for want of Google access (the person's to give back)."""
    return digest.status == Digest.Status.FAILED and digest.last_error.startswith(
        (ACCESS_REVOKED, NO_PERMISSION)
    )


def _gmails_words(error: str) -> str:
    """What Gmail said, without our request's wrapping and query ("in q='... after:17966'")."""
    said = re.sub(r"^Gmail refused the request \(HTTP \d+\):\s*", "", error)
    said = re.sub(r"\s+in q='[^']*'", "", said).strip().rstrip(".")
    return said or "it refused the search"


def is_bad_query(digest: Digest) -> bool:
    """The digest failed because Gmail refused the person's search query (theirs to fix)."""
    return digest.status == Digest.Status.FAILED and digest.last_error.startswith(BAD_QUERY)


def record_failure(
    digest: Digest, exc: BaseException, now: datetime, *, final_attempt: int | None = None
) -> None:
    """Mark the unfinished digest failed, with what went wrong in words for its reader."""
    message = describe_failure(exc, digest.user, now, final_attempt=final_attempt)
    logger.warning("digest %s failed: %s (%r)", digest.pk, message, exc)
    Digest.objects.filter(pk=digest.pk, status__in=UNFINISHED).update(
        status=Digest.Status.FAILED, last_error=message
    )
    metrics.DIGESTS.labels("failed").inc()
    digest.status = Digest.Status.FAILED
    digest.last_error = message
