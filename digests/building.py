"""Making one digest: the period, the mail in it, the summary, the stored rows, the email.

A digest covers ``[period_start, period_end)``. ``period_start`` is where the last digest
that was sent (or found nothing) ended, or 24 hours back for a first digest, so every
message lands in exactly one digest, and a digest that failed is retried over the same start.

Idempotence, because jobs are retried and processes get killed:

* **Built once.** Everything read from Gmail is stored in one transaction together with
  ``provider``, which is therefore the mark of a built digest. A retry of a built digest
  goes straight to delivery, with the same period and the same content.
* **Sent at most once.** Delivery is claimed with a conditional UPDATE of ``delivered_at``
  before sending; only the claimer sends. A failed send releases the claim (and the job
  retries); a process killed mid-send leaves the claim in place, so the retry marks the
  digest sent instead of mailing it twice. Missing one email is better than two: the digest
  is in the web UI either way.
* **One builder per user at a time.** Choosing the period locks the user's row, so a
  scheduled digest and a "send now" racing each other agree on one digest row.

Failures are written on the digest in words for its reader ("Google asked us to slow down;
we will retry at 08:05") and the original exception is re-raised for the job to act on.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import GoogleAccount
from accounts.preferences import clean_preferences
from digests import gmail
from digests.delivery import DIGEST_HEADER, deliver
from digests.models import Digest, Email, Urgency
from digests.parsing import ParsedMessage, safe_parse
from digests.ranking import Ranked, rank
from digests.render import render_email
from digests.summarize import (
    Analysis,
    SummaryContext,
    analyze,
    count_by_urgency,
    summarize,
    write_overview,
)
from digests.textsafety import capped, storable

__all__ = ["FIRST_DIGEST_LOOKBACK", "build_digest", "describe_failure", "is_built"]

logger = logging.getLogger(__name__)

FIRST_DIGEST_LOOKBACK = timedelta(hours=24)
UNFINISHED = [Digest.Status.BUILDING, Digest.Status.FAILED]

ConnectGmail = Callable[[Any], gmail.Gmail]


def is_built(digest: Digest) -> bool:
    """``provider`` is written in the same transaction as the emails, and only then."""
    return bool(digest.provider)


def build_digest(
    user: Any, *, now: datetime, connect_gmail: ConnectGmail = gmail.connect
) -> Digest:
    """Build (or finish) the user's digest up to ``now`` and deliver it; see the module doc."""
    digest = claim_period(user, now)
    if not is_built(digest):
        try:
            fill(digest, connect_gmail)
        except Exception as exc:
            record_failure(digest, exc, now)
            raise
    if digest.status in UNFINISHED:
        try:
            deliver_once(digest, connect_gmail, now)
        except Exception as exc:
            record_failure(digest, exc, now)
            raise
    return digest


def claim_period(user: Any, now: datetime) -> Digest:
    """The user's unfinished digest since the last finished one, or a new one."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        done = Digest.objects.filter(
            user=user, status__in=[Digest.Status.SENT, Digest.Status.EMPTY]
        )
        last = done.order_by("-period_end").first()
        start = last.period_end if last else now - FIRST_DIGEST_LOOKBACK
        end = max(now, start)
        unfinished = Digest.objects.filter(user=user, status__in=UNFINISHED)
        if last is not None:
            unfinished = unfinished.filter(period_start__gte=last.period_end)
        digest = unfinished.order_by("-created_at").first()
        if digest is None:
            return Digest.objects.create(
                user=user, period_start=start, period_end=end, status=Digest.Status.BUILDING
            )
        if not is_built(digest) and digest.period_end < end:
            digest.period_end = end  # nothing was read yet: cover everything up to now
            digest.save(update_fields=["period_end"])
        return digest


def mailbox_address(user: Any) -> str:
    """The Gmail address the mail was sent to, which may differ from the login address."""
    account = GoogleAccount.objects.filter(user=user).only("email").first()
    return account.email if account and account.email else user.email


def read_messages(digest: Digest, client: gmail.Gmail) -> list[ParsedMessage]:
    preferences = clean_preferences(digest.user.digest_preferences)
    query = gmail.period_query(
        preferences["query"] or settings.CONFIG.gmail.query, digest.period_start, digest.period_end
    )
    ids = client.list_message_ids(query, limit=settings.CONFIG.gmail.max_messages)
    fallback = digest.period_end  # the date of a message whose own date cannot be read
    parsed = [safe_parse(item, fallback_received_at=fallback) for item in client.get_messages(ids)]
    unique = {message.gmail_id: message for message in reversed(parsed)}  # first of each id
    return [
        message
        for message in parsed
        if unique.get(message.gmail_id) is message
        # Gmail listed it for this period; an unreadable date cannot move it to another.
        and (
            message.received_at_estimated
            or digest.period_start <= message.received_at < digest.period_end
        )
        and DIGEST_HEADER.lower() not in message.headers
    ]


def analyze_safely(message: ParsedMessage, ctx: SummaryContext) -> Analysis:
    """One message the analysis chokes on must not cost the reader the whole digest.

    A message read only in part carries a note for the reader, shown with its summary.
    Only the message id and the exception class are logged: never mail content.
    """
    if message.note and not message.body:
        return Analysis(summary=message.note, urgency=Urgency.LOW)
    try:
        analysis = analyze(message, ctx)
    except Exception as exc:
        logger.warning(
            "could not analyze message %s (%s); listing it unanalyzed",
            message.gmail_id,
            type(exc).__name__,
        )
        note = "This message could not be summarized; open it in Gmail."
        return Analysis(summary=message.snippet or message.subject or note, urgency=Urgency.LOW)
    if message.note:
        summary = capped(analysis.summary, 300)
        return dataclasses.replace(analysis, summary=f"{summary} ({message.note})")
    return analysis


def fill(digest: Digest, connect_gmail: ConnectGmail) -> None:
    """Read, analyze, rank, summarize and store; the digest is built when this returns."""
    user = digest.user
    messages = read_messages(digest, connect_gmail(user))
    ctx = SummaryContext(now=digest.period_end, zone=user.zone)
    analyses = {message.gmail_id: analyze_safely(message, ctx) for message in messages}
    me = mailbox_address(user)
    max_items = clean_preferences(user.digest_preferences)["max_items"]
    shortlist = rank(messages, analyses, me=me)[:max_items]
    result = summarize([item.message for item in shortlist], analyses, ctx)
    ranked = rank(messages, result.analyses, me=me)
    overview = write_overview([(r.message, r.analysis) for r in ranked], result.overview)
    store(digest, ranked, max_items, provider=result.provider, overview=overview)


def _email_row(digest: Digest, position: int, item: Ranked) -> Email:
    message, analysis = item.message, item.analysis
    return Email(
        digest=digest,
        rank=position,
        gmail_id=message.gmail_id,
        thread_id=message.thread_id,
        from_name=message.from_name[:300],
        from_address=message.from_address[:320],
        to=message.to,
        cc=message.cc,
        subject=message.subject,
        snippet=message.snippet,
        received_at=message.received_at,
        labels=message.labels,
        body_excerpt=message.clean_body[:2000],
        attachments=[attachment.to_dict() for attachment in message.attachments],
        # A remote provider may echo what the mail held (NUL included): storable, like the rest.
        summary=storable(analysis.summary),
        urgency=analysis.urgency,
        action_items=storable([item.to_dict() for item in analysis.action_items]),
        reading_seconds=analysis.reading_seconds,
    )


def store(
    digest: Digest, ranked: list[Ranked], max_items: int, *, provider: str, overview: str
) -> None:
    listed = ranked[:max_items]
    counts = count_by_urgency(item.analysis for item in ranked)
    with transaction.atomic():
        locked = Digest.objects.select_for_update().get(pk=digest.pk)
        if is_built(locked):  # a concurrent run of the same digest got here first
            _copy_state(locked, digest)
            return
        Email.objects.bulk_create(_email_row(digest, i, item) for i, item in enumerate(listed))
        digest.summary = storable(overview)
        digest.provider = provider
        for urgency, count in counts.items():
            setattr(digest, f"count_{urgency}", count)
        digest.reading_seconds = sum(item.analysis.reading_seconds for item in listed)
        digest.status = Digest.Status.BUILDING if ranked else Digest.Status.EMPTY
        digest.last_error = ""
        digest.save()


def _copy_state(source: Digest, target: Digest) -> None:
    for field in Digest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def deliver_once(digest: Digest, connect_gmail: ConnectGmail, now: datetime) -> None:
    preferences = clean_preferences(digest.user.digest_preferences)
    if not preferences["deliver_email"]:
        _finish(digest, note="")  # kept in the web UI only, as the person chose
        return
    claimed = Digest.objects.filter(pk=digest.pk, delivered_at__isnull=True).update(
        delivered_at=now
    )
    if not claimed:
        # An earlier attempt claimed the delivery and then died or is still sending: never
        # send twice (see the module doc).
        logger.warning("digest %s was already claimed for delivery; not sending again", digest.pk)
        _finish(digest, note=digest.last_error)
        return
    digest.delivered_at = now
    try:
        outcome = deliver(digest, render_email(digest), connect_gmail=connect_gmail)
    except Exception:
        Digest.objects.filter(pk=digest.pk).update(delivered_at=None)
        digest.delivered_at = None
        raise
    _finish(digest, note=outcome.note)


def _finish(digest: Digest, *, note: str) -> None:
    Digest.objects.filter(pk=digest.pk, status__in=UNFINISHED).update(
        status=Digest.Status.SENT, last_error=note
    )
    digest.refresh_from_db()


def describe_failure(exc: BaseException, user: Any, now: datetime) -> str:
    """What went wrong, in words for the person whose digest it is."""
    if isinstance(exc, gmail.GmailRateLimited):
        retry_at = timezone.localtime(now + timedelta(seconds=exc.retry_after), user.zone)
        return f"Google asked us to slow down; we will retry at {retry_at:%H:%M}."
    if isinstance(exc, gmail.GoogleAccessRevoked):
        return "Your Google access was revoked: reconnect Google."
    if isinstance(exc, gmail.GmailUnavailable):
        return "Gmail is not answering right now; we will try again in a few minutes."
    if isinstance(exc, gmail.GmailRequestRejected):
        return (
            f"Gmail refused to search your mail ({exc}). Check the search query in your "
            "digest settings."
        )
    if isinstance(exc, OSError):
        return "We could not send the digest email; we will try again in a few minutes."
    return "Something went wrong on our side while making this digest; we will try again."


def record_failure(digest: Digest, exc: BaseException, now: datetime) -> None:
    message = describe_failure(exc, digest.user, now)
    logger.warning("digest %s failed: %s (%r)", digest.pk, message, exc)
    Digest.objects.filter(pk=digest.pk, status__in=UNFINISHED).update(
        status=Digest.Status.FAILED, last_error=message
    )
    digest.status = Digest.Status.FAILED
    digest.last_error = message
