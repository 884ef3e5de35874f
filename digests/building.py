"""Making one digest: the period, the mail in it, the summary, the stored rows, the email
(sent, or the failure told, by digests/finishing.py).

A digest covers ``[period_start, period_end)`` of the person's mailbox as recorded by their
sync cursor (digests.sync): every message that matches their search lands in exactly one
digest, including mail that became visible late, and a digest that failed is retried over
the same start. A mailbox with more than ``gmail.max_messages`` new messages is covered
oldest first: the period closes after the last message read and the next run goes on.

Idempotence, because jobs are retried and processes get killed:

* **Built once.** Everything read from Gmail is stored in one transaction together with
  ``provider``, which is therefore the mark of a built digest. A retry of a built digest
  goes straight to delivery, with the same period and the same content.
* **Delivered exactly once.** The email is rendered once into the outbox
  (digests/outbox.py) with a stable Message-ID; a send whose outcome is unknown (a crash, a
  timeout, a dropped connection) is decided by looking for that Message-ID in the reader's
  Gmail before sending again. ``delivered_at`` is when the outbox saw it sent.
* **One builder per user at a time.** Choosing the period locks the user's row, so a
  scheduled digest and a "send now" racing each other agree on one digest row.

Failures are written on the digest in words for its reader ("Google asked us to slow down;
we will retry at 08:05") and the original exception is re-raised for the job to act on.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from digests import gmail, metrics, outbox, shaping, sync
from digests.bookkeeping import OutboundEmail
from digests.delivery import DIGEST_HEADER
from digests.finishing import (
    UNFINISHED,
    ConnectGmail,
    deliver_once,
    deliver_owed_nothing_new,
    emails_empty,
    handle_empty,
    record_failure,
)
from digests.kinds import message_kind
from digests.links import mailbox_address
from digests.models import Digest, Email, Urgency
from digests.parsing import ParsedMessage, safe_parse
from digests.preferences import preferences_for
from digests.ranking import Ranked, rank
from digests.render import counts
from digests.summarize import (
    Analysis,
    SummaryContext,
    analyze,
    count_by_urgency,
    summarize,
    write_overview,
)
from digests.textsafety import capped, storable

__all__ = ["Progress", "build_digest", "collect", "is_built"]

logger = logging.getLogger(__name__)

LOCAL_PROVIDERS = {"offline", "extractive"}  # the local analyzer, under either name

Progress = sync.Progress


def is_built(digest: Digest) -> bool:
    """``provider`` is written in the same transaction as the emails, and only then."""
    return bool(digest.provider)


def build_digest(
    user: Any,
    *,
    now: datetime,
    connect_gmail: ConnectGmail = gmail.connect,
    progress: Progress = sync.no_progress,
    deliver: bool = True,
    since: datetime | None = None,
    email: bool | None = None,
    zone: str = "",
    final_attempt: int | None = None,
) -> Digest:
    """Build (or finish) the user's digest up to ``now`` and deliver it; see the module doc.

    ``progress(stage, done, total)`` hears about each step (listing, fetching, analysing,
    storing, rendering, sending). ``deliver=False`` stops after storing: the digest stays
    unfinished.
    ``since`` starts a new digest there instead of where the last one ended (mail already
    in a digest is still skipped). ``email`` says whether to email it (a schedule's channel);
    None follows the ``deliver_email`` preference. ``zone`` is the schedule's time zone, in
    which deadlines are read and times shown; empty: the person's. ``final_attempt``: the job
    will not retry a failure of this run (its attempt number), so the digest must not promise
    a retry.
    """
    # A "nothing new" an earlier run owed (it was killed, or the send failed) is this run's
    # news: a second one for the minutes since would only repeat it.
    told = deliver and deliver_owed_nothing_new(user, connect_gmail, now)
    digest = claim_period(user, now, since=since, zone=zone)
    if not is_built(digest):
        try:
            owed = deliver and emails_empty(user, email) and not told
            fill(digest, connect_gmail, progress, since, email_if_empty=owed)
        except Exception as exc:
            record_failure(digest, exc, now, final_attempt=final_attempt)
            raise
        outbox.checkpoint("after_store")
    if deliver and digest.status == Digest.Status.EMPTY and digest.delivered_at is None:
        return handle_empty(digest, connect_gmail, now, email=email, told=told)
    if deliver and digest.status in UNFINISHED:
        try:
            deliver_once(digest, connect_gmail, now, progress, email=email)
        except outbox.AwaitingEvidence:
            raise  # not a failure: the job looks for the email later
        except Exception as exc:
            record_failure(digest, exc, now, final_attempt=final_attempt)
            raise
    return digest


def last_finished(user: Any) -> Digest | None:
    """The person's latest digest that was sent or found nothing."""
    done = Digest.objects.filter(user=user, status__in=[Digest.Status.SENT, Digest.Status.EMPTY])
    return done.order_by("-period_end").first()


def next_period_start(user: Any, now: datetime) -> datetime:
    """Where the sync cursor stopped; or the last finished digest's end; or the look-back."""
    if covered := sync.covered_until(user):
        return covered
    last = last_finished(user)
    return last.period_end if last else now - timedelta(hours=settings.CONFIG.gmail.lookback_hours)


def claim_period(user: Any, now: datetime, since: datetime | None = None, zone: str = "") -> Digest:
    """The user's unfinished digest since the last finished one, or a new one (in ``zone``)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        last = last_finished(user)
        start = since or next_period_start(user, now)
        end = max(now, start)
        unfinished = Digest.objects.filter(user=user, status__in=UNFINISHED)
        if last is not None:
            unfinished = unfinished.filter(period_start__gte=last.period_end)
        digest = unfinished.order_by("-created_at").first()
        if digest is None:
            return Digest.objects.create(
                user=user,
                period_start=start,
                period_end=end,
                status=Digest.Status.BUILDING,
                # read and shown in this zone for good: a later change of the person's zone
                # does not move a digest already made
                timezone=zone or user.timezone,
            )
        if not is_built(digest) and digest.period_end < end:
            digest.period_end = end  # nothing was read yet: cover everything up to now
            digest.timezone = zone or digest.timezone  # read for this run's schedule
            digest.save(update_fields=["period_end", "timezone"])
        return digest


def read_messages(
    digest: Digest,
    client: gmail.Gmail,
    progress: Progress = sync.no_progress,
    *,
    since: datetime | None = None,
    dedupe: bool = True,
) -> tuple[list[ParsedMessage], sync.SyncResult]:
    """The messages this digest covers (digests.sync), parsed; our own digests left out."""
    result = sync.read_mail(digest, client, progress=progress, since=since, dedupe=dedupe)
    # A message whose own date cannot be read is dated at the period's end: it stays here.
    fallback = result.period_end
    parsed = [safe_parse(resource, fallback_received_at=fallback) for resource in result.resources]
    unique = {message.gmail_id: message for message in reversed(parsed)}  # first of each id
    ours = our_digest_emails(digest.user, parsed)
    kept = [m for m in parsed if unique.get(m.gmail_id) is m and m.gmail_id not in ours]
    return kept, result


def our_digest_emails(user: Any, messages: list[ParsedMessage]) -> set[str]:
    """Ids of the messages that are digest emails we sent this person (never summarized).

    The header alone proves nothing (anyone can write it): the Message-ID must be one the
    outbox made for one of this person's digests.
    """
    marked = {
        m.headers.get("message-id", "").strip(): m.gmail_id
        for m in messages
        if DIGEST_HEADER.lower() in m.headers
    }
    if not marked:
        return set()
    sent = OutboundEmail.objects.filter(digest__user=user, message_id__in=list(marked))
    return {marked[message_id] for message_id in sent.values_list("message_id", flat=True)}


def analyze_safely(message: ParsedMessage, ctx: SummaryContext) -> Analysis:
    """One message the analysis chokes on must not cost the reader the whole digest.

    A message read only in part carries a note for the reader, shown with its summary.
    Only the message id and the exception class are logged: never mail content.
    """
    if message.note and not message.body:
        return Analysis(summary=message.note, urgency=Urgency.LOW)
    try:
        with metrics.ANALYSIS_SECONDS.time():
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


@dataclasses.dataclass
class Collected:
    """A digest's content before it is stored: every message covered, ranked."""

    ranked: list[Ranked]  # listed first, then unlisted, then muted (digests.shaping)
    max_items: int  # how many of ``ranked`` are listed
    provider: str
    overview: str
    synced: sync.SyncResult


def collect(
    digest: Digest,
    client: gmail.Gmail,
    progress: Progress = sync.no_progress,
    *,
    since: datetime | None = None,
    dedupe: bool = True,
) -> Collected:
    """Read, analyze, rank and summarize; stores nothing (``manage.py digest --dry-run``)."""
    user = digest.user
    messages, synced = read_messages(digest, client, progress, since=since, dedupe=dedupe)
    digest.period_end = synced.period_end
    me = mailbox_address(user)
    ctx = SummaryContext(now=digest.period_end, zone=digest.zone, me=me.lower())
    progress("analysing", 0, len(messages))
    prefs = preferences_for(user)
    analyses = {message.gmail_id: analyze_safely(message, ctx) for message in messages}
    first = rank(messages, shaping.lift_vips(messages, analyses, prefs), me=me)
    shortlist, listed = shaping.listed_first(first, prefs.max_items, prefs)
    result = summarize([item.message for item in shortlist[:listed]], analyses, ctx)
    lifted = shaping.lift_vips(messages, {**analyses, **result.analyses}, prefs)
    ranked, listed = shaping.listed_first(rank(messages, lifted, me=me), prefs.max_items, prefs)
    shown = [(r.message, r.analysis) for r in ranked if not shaping.is_muted(r.message, prefs)]
    today = ctx.now.astimezone(ctx.zone).date()
    overview = write_overview(shown, result.overview, today=today)
    progress("analysing", len(messages), len(messages))
    return Collected(ranked, listed, result.provider, overview, synced)


def fill(
    digest: Digest,
    connect_gmail: ConnectGmail,
    progress: Progress = sync.no_progress,
    since: datetime | None = None,
    *,
    email_if_empty: bool = False,
) -> None:
    """Collect and store; the digest is built when this returns."""
    collected = collect(digest, connect_gmail(digest.user), progress, since=since)
    progress("storing", 0, len(collected.ranked))
    store(digest, collected, email_if_empty=email_if_empty)


def email_row(digest: Digest, position: int, item: Ranked, *, listed: bool) -> Email:
    """The Email row of one ranked message (unsaved)."""
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
        reasons=storable(list(analysis.reasons)),
        suspicious=analysis.suspicious,
        analyzed_by=analysis.analyzed_by,
        kind=message_kind(message),
        listed=listed,
        action_items=storable([item.to_dict() for item in analysis.action_items]),
        reading_seconds=analysis.reading_seconds,
    )


def email_rows(digest: Digest, collected: Collected) -> list[Email]:
    """Every covered message as a row: the best ``max_items`` listed, the rest counted."""
    return [
        email_row(digest, i, item, listed=i < collected.max_items)
        for i, item in enumerate(collected.ranked)
    ]


def apply_content(digest: Digest, collected: Collected) -> None:
    """Summary, provider, counts over every message, reading time and status (unsaved)."""
    ranked = collected.ranked
    listed = ranked[: collected.max_items]
    digest.summary = storable(collected.overview)
    digest.provider = collected.provider
    for urgency, count in count_by_urgency(item.analysis for item in ranked).items():
        setattr(digest, f"count_{urgency}", count)
    digest.reading_seconds = sum(item.analysis.reading_seconds for item in listed)
    digest.status = Digest.Status.BUILDING if ranked else Digest.Status.EMPTY
    digest.last_error = ""


def store(digest: Digest, collected: Collected, *, email_if_empty: bool = False) -> None:
    """The digest (with the counts it shows), all its Email rows and the moved sync cursor, in
    one transaction.

    An empty digest is finished when stored, so its "nothing new" email is queued in the same
    transaction: a process killed right after it leaves an outbox row that the next run sends
    (:func:`deliver_owed_nothing_new`), never an empty digest owed an email no one knows of.
    """
    with transaction.atomic():
        locked = Digest.objects.select_for_update().get(pk=digest.pk)
        if is_built(locked):  # a concurrent run of the same digest got here first
            _copy_state(locked, digest)
            return
        rows = email_rows(digest, collected)
        Email.objects.bulk_create(rows, batch_size=500)
        apply_content(digest, collected)
        counts.remember(digest, rows)  # what the history and the live card show, stored once
        digest.save()
        sync.advance_cursor(digest, collected.synced)
        if email_if_empty and digest.status == Digest.Status.EMPTY:
            outbox.queue(digest)
    metrics.DIGESTS.labels("empty" if digest.status == Digest.Status.EMPTY else "built").inc()
    # A fallback: a remote provider made the digest, yet this message kept the local analysis.
    remote = collected.provider not in LOCAL_PROVIDERS
    for item in collected.ranked:
        by = item.analysis.analyzed_by
        fallback = remote and by in LOCAL_PROVIDERS
        metrics.SUMMARY_PROVIDER.labels(by, "yes" if fallback else "no").inc()


def _copy_state(source: Digest, target: Digest) -> None:
    for field in Digest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
