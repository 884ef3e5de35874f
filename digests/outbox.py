"""Every digest email delivered exactly once: the outbox.

The email is rendered once and stored (:class:`digests.bookkeeping.OutboundEmail`) with a
``Message-ID`` generated once. Its state moves only by conditional UPDATE, each move naming
the state and claim token it expects (optimistic locking, as the jobs engine claims jobs)::

    queued --claim--> sending --sent--> sent
                         |  \\--refused--> failed --claim--> sending ...
                         \\--crash / timeout: stays sending (the outcome is unknown)

A retry resumes from the stored row and never renders a different email. ``sending`` found by
a retry means an earlier attempt died or timed out mid-send, so the outcome is unknown. It is
decided by evidence: once ``delivery.verify_grace_seconds`` have passed since that attempt
began (the job waits with :class:`AwaitingEvidence`, a ``RetryLater``), the reader's Gmail is
searched for ``rfc822msgid:<Message-ID>`` (``in:anywhere`` for mail to their own address,
``in:sent`` for mail sent from their Gmail). Found: sent. Not found: sent again. Mail to an
address we cannot read is sent again without looking: at least once, and the stable
Message-ID lets mail clients drop the duplicate.
"""

from __future__ import annotations

import logging
import math
import os
import secrets
import signal
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from digests import delivery, gmail, metrics
from digests.bookkeeping import OutboundEmail
from digests.models import Digest
from digests.render import render_email
from jobs.registry import RetryLater

__all__ = ["AwaitingEvidence", "checkpoint", "deliver", "new_message_id", "queue"]

logger = logging.getLogger(__name__)

State = OutboundEmail.State


class AwaitingEvidence(RetryLater):
    """An earlier send may have worked: look for it in the reader's Gmail after ``seconds``."""


def new_message_id(digest_pk: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<digest-{digest_pk}-{secrets.token_hex(8)}@{host}>"


def compose(digest: Digest) -> OutboundEmail:
    """The digest's email, rendered now and never again (unsaved)."""
    user = digest.user
    rendered = render_email(digest)
    channel, note = delivery.choose_channel(user)
    extra = rendered.headers
    return OutboundEmail(
        digest=digest,
        channel=channel,
        message_id=new_message_id(digest.pk),
        sender=user.email if channel == "gmail" else settings.DEFAULT_FROM_EMAIL,
        recipient=delivery.recipient(user),
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        headers={**{str(k): str(v) for k, v in extra.items()}, **delivery.base_headers(digest.pk)},
        note=note,
    )


def queue(digest: Digest) -> OutboundEmail:
    """The digest's outbox row: stored on the first call, the same row on every later one."""
    existing = OutboundEmail.objects.filter(digest=digest).first()
    if existing is not None:
        return existing
    row = compose(digest)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # a concurrent run of the same digest stored it first
        return OutboundEmail.objects.get(digest=digest)
    return row


def deliver(digest: Digest, connect_gmail: delivery.ConnectGmail = gmail.connect) -> OutboundEmail:
    """Bring the digest's email to ``sent``; raises when that has to wait or failed."""
    row = queue(digest)
    for _ in range(5):  # each turn either finishes or loses a race and looks again
        if row.state == State.SENT:
            return row
        if row.state == State.SENDING:
            verdict = _look_for_it(row, connect_gmail)
            if verdict == "found":
                metrics.DELIVERY_VERIFICATIONS.labels("found").inc()
                return row
            if verdict == "changed":
                continue
            metrics.DELIVERY_VERIFICATIONS.labels("resent").inc()
        token = _claim(row)
        if token is not None:
            _send_claimed(row, token, connect_gmail)
            return row
        row.refresh_from_db()
    raise RuntimeError(f"outbox email {row.pk} keeps changing under us; giving up this run")


def _move(row: OutboundEmail, expected: tuple[str, str], **changes: object) -> bool:
    """Apply ``changes`` only if the row is still in the (state, claim) this run last saw."""
    state, claim = expected
    changes.setdefault("updated_at", timezone.now())
    moved = OutboundEmail.objects.filter(pk=row.pk, state=state, claim=claim).update(**changes)
    if moved:
        row.refresh_from_db()
    return bool(moved)


def _claim(row: OutboundEmail) -> str | None:
    """queued, failed or an abandoned sending -> sending under a new token, or None if taken."""
    token = secrets.token_hex(16)
    claimed = _move(
        row,
        (row.state, row.claim),
        state=State.SENDING,
        claim=token,
        sending_since=timezone.now(),
        attempts=F("attempts") + 1,
    )
    return token if claimed else None


def _grace() -> timedelta:
    return timedelta(seconds=settings.CONFIG.delivery.verify_grace_seconds)


def _look_for_it(row: OutboundEmail, connect_gmail: delivery.ConnectGmail) -> str:
    """Decide an unknown outcome: "found" (now sent), "absent", or "changed" (row moved on)."""
    since = row.sending_since or row.updated_at
    wait = (since + _grace() - timezone.now()).total_seconds()
    if wait > 0:
        raise AwaitingEvidence(
            math.ceil(wait), "the last send may have worked; looking for it in Gmail later"
        )
    client = delivery.readable_mailbox(row, connect_gmail)
    if client is None:
        logger.info("outbox %s: mailbox not readable, sending again (at least once)", row.pk)
        return "absent"
    found = delivery.find_in_mailbox(row, client)
    if found is None:
        logger.info("outbox %s: not in the reader's Gmail after the grace period", row.pk)
        return "absent"
    sent_at = row.sending_since or timezone.now()
    provider_id = found if row.channel == OutboundEmail.Channel.GMAIL else ""
    if _move(
        row,
        (State.SENDING, row.claim),
        state=State.SENT,
        sent_at=sent_at,
        provider_id=provider_id,
        found_by_search=True,
    ):
        logger.info("outbox %s: found in the reader's Gmail; marked sent", row.pk)
        return "found"
    row.refresh_from_db()
    return "changed"


def _send_claimed(row: OutboundEmail, token: str, connect_gmail: delivery.ConnectGmail) -> None:
    checkpoint("after_claim")
    try:
        provider_id = delivery.send(row, connect_gmail)
    except Exception as exc:
        if delivery.outcome_unknown(exc):
            logger.warning(
                "outbox %s: outcome of the send unknown (%s); will look for it",
                row.pk,
                exc.__class__.__name__,
            )
            raise AwaitingEvidence(
                settings.CONFIG.delivery.verify_grace_seconds,
                "the send may have worked; looking for it in Gmail later",
            ) from exc
        _move(
            row,
            (State.SENDING, token),
            state=State.FAILED,
            failure_reason=f"{exc.__class__.__name__}: {exc}"[:1000],
        )
        raise
    checkpoint("after_send")
    if not _move(
        row,
        (State.SENDING, token),
        state=State.SENT,
        sent_at=timezone.now(),
        provider_id=provider_id,
    ):
        # Another run took over after the grace period: possible only if this send outlasted
        # it, which the timeouts (below verify_grace_seconds) are there to prevent.
        logger.error("outbox %s: sent, but another attempt had taken over the claim", row.pk)
        row.refresh_from_db()


def checkpoint(step: str) -> None:
    """Test-only: SIGKILL this process at ``step`` ("after_store", "after_claim", "after_send").

    Active only when the setting ``OUTBOX_KILL_AT`` names the step; only the tests' process
    settings define it, and it is refused with debug off, so production never stops here.
    """
    kill_at = getattr(settings, "OUTBOX_KILL_AT", "")
    if not kill_at:
        return
    if not settings.CONFIG.debug:
        raise ImproperlyConfigured("OUTBOX_KILL_AT is for tests only and refused with debug off")
    if kill_at == step:
        logger.warning("OUTBOX_KILL_AT=%s: killing process %s", step, os.getpid())
        os.kill(os.getpid(), signal.SIGKILL)
