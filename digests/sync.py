"""Which messages a digest covers: every message that matches the person's search lands in
exactly one digest.

The person's :class:`~digests.bookkeeping.SyncCursor` says where the last built digest stopped:
the mailbox ``historyId`` read before it synced, the end of its period, the ids it read near
that end, and the ids it saw but left for later. A run finds its candidates by

* **first digest**: ``messages.list`` with the search over the look-back
  (``gmail.lookback_hours``), the historyId read just before;
* **later digests**: ``history.list(startHistoryId, historyTypes=messageAdded)``, paged, plus
  the cursor's pending ids. Mail that became visible late (its internal date before the last
  digest's end) is added to history when it arrives, so it lands in this digest;
* **history gone** (404, after about a week) or no cursor yet: ``messages.list`` from the
  last covered end minus ``gmail.overlap_minutes``, with the historyId read just before.
  Listing has no upper bound: mail that arrived after the period's end but before that
  historyId is in no later history, so it is listed and kept pending.

Ids already in an earlier digest of this person are dropped (nothing repeated). The oldest
``gmail.max_messages`` candidates (Gmail ids grow with time) are fetched in batches; the rest
stay pending and the period then ends just after the newest message read, so the next run
goes on from there (nothing dropped). Mail dated just after the period's end (it arrived
while the digest read) stays pending too; mail dated further out (clock skew, imported mail,
spam dated years ahead) is covered by the digest that reads it, instead of waiting for its date.

Candidates from history are checked against the search: by their labels when the search
speaks only of labels (digests.labelquery, free), else by one ``messages.list`` with the
search restricted to the window of their internal dates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings

from accounts.models import GoogleAccount
from digests import gmail
from digests.bookkeeping import SyncCursor
from digests.labelquery import label_matcher
from digests.models import Digest, Email
from digests.preferences import preferences_for

__all__ = ["Progress", "SyncResult", "advance_cursor", "internal_date", "read_mail"]

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
ID_CHUNK = 500  # ids per IN (...) lookup


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: nobody is watching."""


@dataclass
class SyncResult:
    """What one run read: the messages it covers and where the cursor goes after it."""

    resources: list[dict[str, Any]]  # Gmail message resources, oldest first
    period_end: datetime
    history_id: int | None
    pending_ids: list[str] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)  # 404 between listing and fetching
    source: str = "history"  # first | history | list | since
    overlap: timedelta = timedelta(0)


# How far past a period's end mail may be dated and still wait for the next digest.
FUTURE_SKEW = timedelta(minutes=10)


def internal_date(resource: dict[str, Any]) -> datetime:
    """Gmail's internalDate (ms since the epoch, a string) as an aware datetime."""
    try:
        return datetime.fromtimestamp(int(resource.get("internalDate") or 0) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        # Hostile or broken: the epoch sorts it first, so it lands in the digest reading it.
        return datetime.fromtimestamp(0, tz=UTC)


def search_query(user: Any) -> str:
    """The person's own Gmail search, or the site's default."""
    return preferences_for(user).query or settings.CONFIG.gmail.query


def read_mail(
    digest: Digest,
    client: gmail.Gmail,
    *,
    progress: Progress = no_progress,
    since: datetime | None = None,
    dedupe: bool = True,
) -> SyncResult:
    """Find, fetch and check the mail this digest covers; see the module doc."""
    user = digest.user
    config = settings.CONFIG.gmail
    query = search_query(user)
    cursor = SyncCursor.objects.filter(user=user).first()
    overlap = timedelta(minutes=config.overlap_minutes)
    start, end = digest.period_start, digest.period_end
    progress("listing", 0, 0)
    checked: dict[str, bool] = {}  # id -> already known to match the search
    if since is not None or cursor is None or cursor.history_id is None:
        source = "since" if since is not None else ("list" if _had_digests(digest) else "first")
        window = since or (start - overlap if source == "list" else start)
        history_id = client.history_id()
        if cursor is not None:
            # What the cursor still owes (left by the cap, or dated after its end) is owed by
            # this run too: the cursor is replaced when it is stored.
            checked.update(dict.fromkeys(cursor.pending_ids, False))
            if since is not None and cursor.covered_until is not None:
                window = min(window, cursor.covered_until - overlap)
        checked.update(_listed(client, query, window))
    else:
        source = "history"
        checked.update(dict.fromkeys(cursor.pending_ids, False))
        try:
            added, history_id, _pages = client.added_since(cursor.history_id)
            checked.update({i: checked.get(i, False) for i in added})
        except gmail.GmailHistoryExpired:
            source = "list"
            history_id = client.history_id()
            checked.update(_listed(client, query, cursor.covered_until - overlap))
    if dedupe:
        for known in already_covered(user, digest, checked):
            checked.pop(known, None)
    ordered = sorted(checked, key=_age_key)
    wanted, pending = ordered[: config.max_messages], ordered[config.max_messages :]
    progress("fetching", 0, len(wanted))
    resources = client.get_messages(wanted, lambda done, total: progress("fetching", done, total))
    if client.skipped:
        logger.warning(
            "digest %s: %d message(s) vanished before they could be read: %s",
            digest.pk,
            len(client.skipped),
            ", ".join(client.skipped),
        )
    resources = _matching(client, query, resources, checked)
    # Dated just after the end (it arrived while we read): the next digest's. Dated further
    # out (clock skew, imported or spam mail dated 2037): this digest's, or it would wait.
    soon = end + FUTURE_SKEW
    later = [r for r in resources if end <= internal_date(r) < soon]
    covered = sorted((r for r in resources if not end <= internal_date(r) < soon), key=_covered_key)
    period_end = end
    dated = [r for r in covered if internal_date(r) < end]
    if pending and dated:
        # Over the per-run limit: close the period just after the newest message read.
        period_end = min(end, max(start, internal_date(dated[-1]) + timedelta(milliseconds=1)))
    return SyncResult(
        resources=covered,
        period_end=period_end,
        history_id=history_id,
        pending_ids=[str(r["id"]) for r in later] + pending,
        skipped_ids=list(client.skipped),
        source=source,
        overlap=overlap,
    )


def _covered_key(resource: dict[str, Any]) -> datetime:
    """Oldest first; mail dated in the future sorts as if it came now (after the rest)."""
    return internal_date(resource)


def _had_digests(digest: Digest) -> bool:
    """A person with built digests but no cursor (made before cursors existed)."""
    built = Digest.objects.filter(user=digest.user).exclude(provider="").exclude(pk=digest.pk)
    return built.exists()


def _listed(client: gmail.Gmail, query: str, start: datetime) -> dict[str, bool]:
    """Matching ids from ``start`` on per Gmail, oldest first, marked as checked.

    No upper bound: the historyId was read before this listing, so mail that arrived since
    the period's end is in no later history; listed here, it stays pending (dated after the
    end) instead of being lost.
    """
    ids = client.list_message_ids(gmail.period_query(query, start, None))
    return dict.fromkeys(reversed(ids), True)


def _age_key(message_id: str) -> tuple[int, str]:
    """Gmail ids are hexadecimal and grow with time: oldest first, odd ones last."""
    try:
        return int(message_id, 16), message_id
    except ValueError:
        return 1 << 64, message_id


def already_covered(user: Any, digest: Digest, ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that an earlier digest of this person already holds."""
    ids = list(ids)
    found: set[str] = set()
    for index in range(0, len(ids), ID_CHUNK):
        chunk = ids[index : index + ID_CHUNK]
        rows = Email.objects.filter(digest__user=user, gmail_id__in=chunk)
        if digest.pk is not None:
            rows = rows.exclude(digest=digest)
        found.update(rows.values_list("gmail_id", flat=True))
    return found


def _matching(
    client: gmail.Gmail,
    query: str,
    resources: Sequence[dict[str, Any]],
    checked: dict[str, bool],
) -> list[dict[str, Any]]:
    """Those of ``resources`` that match the search, checking the ones not yet known to."""
    unknown = [r for r in resources if not checked.get(str(r["id"]))]
    if not unknown:
        return list(resources)
    matcher = label_matcher(query)
    if matcher is not None:
        rejected = {str(r["id"]) for r in unknown if not matcher(r.get("labelIds") or [])}
    else:
        dates = [internal_date(r) for r in unknown]
        window = gmail.period_query(query, min(dates), max(dates) + timedelta(seconds=1))
        found = set(client.list_message_ids(window))
        rejected = {str(r["id"]) for r in unknown if str(r["id"]) not in found}
    return [r for r in resources if str(r["id"]) not in rejected]


def advance_cursor(digest: Digest, result: SyncResult) -> None:
    """Move the person's cursor past what ``digest`` covered (inside the store transaction)."""
    recent = digest.period_end - result.overlap
    covered_ids = [str(r["id"]) for r in result.resources if internal_date(r) >= recent]
    SyncCursor.objects.update_or_create(
        user=digest.user,
        defaults={
            "history_id": result.history_id,
            "covered_until": digest.period_end,
            "covered_ids": covered_ids,
            "pending_ids": result.pending_ids,
            "digest": digest,
        },
    )
    if result.history_id is not None:
        GoogleAccount.objects.filter(user=digest.user).update(gmail_history_id=result.history_id)


def covered_until(user: Any) -> datetime | None:
    """Where the person's next digest starts, if a cursor says so."""
    cursor = SyncCursor.objects.filter(user=user).only("covered_until").first()
    return cursor.covered_until if cursor else None
