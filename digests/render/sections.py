"""The digest as sections, for the email and the web page alike.

Urgent and high threads get full cards, medium ones compact cards, low ones a line each under
"Also arrived", grouped by kind. Suspicious threads (likely phishing) are none of these: they
have their own section, "Suspicious: don't click", whatever their class. What is not listed
(rows stored with ``listed=False``, and threads the size budget turned into counts) is one
line of counts by kind, suspicious mail apart, with a link to the Gmail search for the
period. A :class:`Plan` says how far each thread is shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from digests.links import gmail_search_url, period_search
from digests.models import Digest, Email, Kind, Urgency
from digests.preferences import Length, preferences_for
from digests.render import dates
from digests.render.counts import DigestCounts, tally
from digests.render.threads import TIERS, Limits, ThreadView, threads, truncate
from digests.sync import search_query

__all__ = [
    "DigestView",
    "Form",
    "KindGroup",
    "Plan",
    "demotable",
    "digest_view",
    "forms",
    "natural_form",
]


class Form(IntEnum):
    """How much of a thread is shown, from most to least."""

    FULL = 0
    COMPACT = 1
    LINE = 2
    COUNT = 3


KIND_ORDER = [Kind.PERSON, Kind.CALENDAR, Kind.NOTIFICATION, Kind.RECEIPT, Kind.NEWSLETTER]
KIND_HEADINGS = {
    Kind.PERSON: "From people",
    Kind.CALENDAR: "Calendar",
    Kind.NOTIFICATION: "Notifications",
    Kind.RECEIPT: "Receipts",
    Kind.NEWSLETTER: "Newsletters",
}
SUSPICIOUS = "suspicious"  # a key of the counts, beside the kinds: never "from people"
# "80 newsletters, 41 notifications, 16 from people"
KIND_WORDS = {
    Kind.PERSON: ("from people", "from people"),
    Kind.CALENDAR: ("calendar message", "calendar messages"),
    Kind.NOTIFICATION: ("notification", "notifications"),
    Kind.RECEIPT: ("receipt", "receipts"),
    Kind.NEWSLETTER: ("newsletter", "newsletters"),
    SUSPICIOUS: ("suspicious message", "suspicious messages"),
    "": ("other", "others"),
}


DASH = "\N{EN DASH}"
# The most important threads keep their cards until everything below them is only counted.
KEEP_CARDS = 5
NORMAL_SUMMARY = 600  # characters of summary at the fullest tier for a normal length


def natural_form(urgency: str) -> Form:
    if urgency in (Urgency.URGENT, Urgency.HIGH):
        return Form.FULL
    return Form.COMPACT if urgency == Urgency.MEDIUM else Form.LINE


@dataclass(frozen=True)
class Plan:
    """Field limits, and how many of the least important threads drop to a line or a count."""

    tier: int = 0
    to_line: int = 0
    to_count: int = 0


@dataclass(frozen=True)
class KindGroup:
    kind: str
    heading: str
    threads: list[ThreadView]

    @property
    def messages(self) -> int:
        return sum(thread.count for thread in self.threads)


@dataclass(frozen=True)
class DigestView:
    digest: Digest
    overview: str
    period: str
    zone: str
    total: int
    conversations: int
    counts: DigestCounts  # of what this rendering shows (digests.render.counts)
    full: list[ThreadView]
    compact: list[ThreadView]
    also: list[KindGroup]
    more: int
    more_words: str
    search_url: str
    digest_url: str
    settings_url: str
    pause_url: str
    reading_minutes: int
    shown: int = field(default=0)
    suspicious: list[ThreadView] = field(default_factory=list)


def reading_minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def describe_period(start: dt.datetime, end: dt.datetime, zone: dt.tzinfo) -> str:
    """ "Mon 30 Nov 2026, 08:00 - 17:00" (an en dash), or both days when it spans midnight."""
    start, end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    if start.date() == end.date():
        return f"{dates.day_time(start, zone)} {DASH} {dates.clock(end, zone)}"
    return f"{dates.day_time(start, zone)} {DASH} {dates.day_time(end, zone)}"


def kind_words(counts: Counter[str]) -> str:
    """ "80 newsletters, 41 notifications, 16 from people": largest first."""
    parts = []
    for kind, n in sorted(counts.items(), key=lambda pair: (-pair[1], str(pair[0]))):
        one, many = KIND_WORDS.get(kind, KIND_WORDS[""])
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def forms(views: Sequence[ThreadView], plan: Plan) -> list[Form]:
    """Each thread's form under the plan; the least important threads give way first."""
    result = [natural_form(view.urgency) for view in views]
    demotable = [i for i, form in enumerate(result) if form < Form.LINE and i >= KEEP_CARDS]
    for i in demotable[max(0, len(demotable) - plan.to_line) :] if plan.to_line > 0 else []:
        result[i] = Form.LINE
    for i in range(max(0, len(result) - plan.to_count), len(result)):
        result[i] = Form.COUNT
    return result


def sized(limits: Limits, length: Length) -> Limits:
    """The tier's limits with the summary scaled to the reader's summary length."""
    summary = max(40, limits.summary * length.summary_chars // NORMAL_SUMMARY)
    return dataclasses.replace(limits, summary=summary)


def cap_cards(placed: list[Form], cards: int | None) -> list[Form]:
    """At most ``cards`` cards (full or compact); the least important ones become lines."""
    if cards is None:
        return placed
    result, seen = list(placed), 0
    for i, form in enumerate(result):
        if form < Form.LINE:
            seen += 1
            if seen > cards:
                result[i] = Form.LINE
    return result


def demotable(views: Sequence[ThreadView]) -> int:
    """How many threads the budget may turn from cards into lines."""
    return sum(
        1
        for i, view in enumerate(views)
        if natural_form(view.urgency) < Form.LINE and i >= KEEP_CARDS
    )


def _search_url(digest: Digest) -> str:
    search = period_search(digest.period_start, digest.period_end, search_query(digest.user))
    return gmail_search_url(digest.mailbox, search)


def digest_view(
    digest: Digest, rows: Sequence[Email], plan: Plan = Plan(), *, pause_url: str = ""
) -> DigestView:
    """The sections of ``digest`` made of its stored ``rows`` (listed and unlisted)."""
    length = preferences_for(digest.user).length
    limits = sized(TIERS[plan.tier], length)
    listed = [row for row in rows if row.listed]
    made = timezone.localtime(digest.period_end, digest.zone)
    today = made.date()
    views = threads(listed, limits, today, made.time())
    placed = cap_cards(forms(views, plan), length.cards)
    counted: Counter[str] = Counter(_count_key(row) for row in rows if not row.listed)
    also: dict[str, list[ThreadView]] = {}
    full, compact, suspicious = [], [], []
    for view, form in zip(views, placed, strict=True):
        if form == Form.COUNT:
            counted[SUSPICIOUS if view.suspicious else view.kind] += view.count
        elif view.suspicious:
            suspicious.append(view)
        elif form == Form.FULL:
            full.append(view)
        elif form == Form.COMPACT:
            compact.append(view)
        else:
            also.setdefault(view.kind, []).append(view)
    total = max(sum(digest.counts.values()), len(rows))
    if total > len(rows):  # rows of digests made before unlisted mail was stored
        counted[""] += total - len(rows)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    groups = [
        KindGroup(kind, KIND_HEADINGS.get(kind, "Other"), items)
        for kind, items in sorted(also.items(), key=lambda pair: order.get(pair[0], 99))
    ]
    shown = [
        (view.urgency, view.suspicious, view.count)
        for view, form in zip(views, placed, strict=True)
        if form != Form.COUNT
    ]
    zone = digest.zone
    return DigestView(
        digest=digest,
        overview=truncate(dates.house_dates(digest.summary, today), limits.overview),
        period=describe_period(digest.period_start, digest.period_end, zone),
        zone=str(zone),
        total=total,
        conversations=len({row.thread_id or row.gmail_id for row in rows}),
        counts=tally(shown, sum(counted.values())),
        full=full,
        compact=compact,
        also=groups,
        more=sum(counted.values()),
        more_words=kind_words(counted),
        search_url=_search_url(digest),
        digest_url=settings.SITE_URL + reverse("digests:detail", args=[digest.pk]),
        settings_url=settings.SITE_URL + reverse("digests:schedule"),
        pause_url=pause_url,
        reading_minutes=reading_minutes(digest.reading_seconds),
        shown=sum(1 for form in placed if form != Form.COUNT),
        suspicious=suspicious,
    )


def _count_key(row: Email) -> str:
    """Where an unlisted message is counted: its kind, or "suspicious" if it looks like phishing."""
    return SUSPICIOUS if row.suspicious else row.kind
