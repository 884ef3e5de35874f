"""The digest's overview: two or three sentences a person would write.

"Two things need you within a day: approve the Q3 budget (Maya, Mon 30 Nov 17:00) and sign
the Acme contract (Priya, Tue 01 Dec). Due this week: review the launch plan (Sam, Fri 04
Dec). Also 3 invitations to answer, 2 messages to read and 12 newsletters and notifications."
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, time

from digests.kinds import message_kind
from digests.models import Kind, Urgency
from digests.parsing import ParsedMessage
from digests.summarize.topics import CONTEXT
from digests.summarize.types import ActionItem, Analysis, truncate

_NUMBERS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
MAX_NAMED = 3


def count_by_urgency(analyses: Iterable[Analysis]) -> dict[str, int]:
    counts = dict.fromkeys(Urgency.values, 0)
    for analysis in analyses:
        counts[analysis.urgency] += 1
    return counts


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _who(message: ParsedMessage) -> str:
    name = message.from_name.strip()
    if not name:
        return message.from_address.partition("@")[0]
    if message.is_automated or "," in name:
        return name  # "Account Security", not "Account"
    return name.split()[0]


def _soonest(items: Sequence[ActionItem]) -> ActionItem | None:
    """The ask due first (the first undated one when none has a date)."""
    dated = [i for i in items if i.due is not None]
    if dated:
        return min(dated, key=lambda i: (i.due, i.time or time.max))
    return items[0] if items else None


def _short(text: str, limit: int = 70) -> str:
    """At most ``limit`` characters, cut after a whole clause where one ends late enough:
    "check the recent activity on your account" rather than "... and secure your account if…"."""
    if len(text) <= limit:
        return text
    cuts = [m.start() for m in _CLAUSE_END.finditer(text, 0, limit) if m.start() >= 25]
    return text[: cuts[-1]] if cuts else truncate(text, limit)


_CLAUSE_END = re.compile(r",\s|;\s|\s(?:and|or|if|so|because|to keep|before|after)\s")


def _what(message: ParsedMessage, analysis: Analysis) -> str:
    """ "approve the Q3 budget (Maya, Mon 30 Nov 17:00)": the soonest ask, who, by when."""
    item = _soonest(analysis.action_items)
    if item is not None:
        # The item's "(re: subject)" helps in a list of items; here the sender says enough.
        bare = CONTEXT.sub("", item.text) or item.text
        text = _short(bare[:1].lower() + bare[1:])
    else:
        text = truncate(message.subject or "(no subject)", 70)
    when = ""
    if item is not None and item.due is not None:
        when = f", {item.due:%a %d %b}" + (f" {item.time:%H:%M}" if item.time else "")
    return f"{text} ({_who(message)}{when})"


def _named(pairs: Sequence[tuple[ParsedMessage, Analysis]]) -> list[tuple[str, int]]:
    """The first few asks, each once with how many mails made it ("send Sam the slides" three
    times is one ask)."""
    counts: dict[str, int] = {}
    for message, analysis in pairs:
        what = _what(message, analysis)
        if what in counts or len(counts) < MAX_NAMED:
            counts[what] = counts.get(what, 0) + 1
    return list(counts.items())


def _texts(named: Sequence[tuple[str, int]]) -> list[str]:
    return [what if count == 1 else f"{what} ({count} mails)" for what, count in named]


def _within_a_day(analysis: Analysis, today: date) -> bool:
    """The mail's soonest ask is due by tomorrow (the digest's day in the reader's zone), or it
    has no date."""
    item = _soonest(analysis.action_items)
    return item is None or item.due is None or (item.due - today).days <= 1


def _rest(pairs: Sequence[tuple[ParsedMessage, Analysis]]) -> str:
    """ "3 invitations to answer, 2 messages to read and 12 newsletters and notifications"."""
    invitations = reads = bulk = suspicious = 0
    for message, analysis in pairs:
        kind = message_kind(message)
        if analysis.suspicious:
            suspicious += 1  # to be wary of, not to read
        elif kind == Kind.CALENDAR and analysis.action_items:
            invitations += 1
        elif analysis.urgency == Urgency.MEDIUM or kind == Kind.PERSON:
            reads += 1
        else:
            bulk += 1
    parts = []
    if invitations:
        parts.append(_plural(invitations, "invitation") + " to answer")
    if reads:
        parts.append(_plural(reads, "message") + " to read")
    if bulk:
        parts.append(_plural(bulk, "newsletter or notification", "newsletters and notifications"))
    if suspicious:
        parts.append(_plural(suspicious, "suspicious message") + " (likely phishing)")
    return _join(parts) if parts else ""


def write_overview(
    ordered: Sequence[tuple[ParsedMessage, Analysis]],
    provider_overview: str = "",
    *,
    today: date | None = None,
) -> str:
    """What needs the reader within a day, what this week, and the rest in one count.

    ``today`` is the digest's day in the reader's zone; urgent asks are said to need the
    reader "within a day" only when due by the next day (always, without it).
    """
    if not ordered:
        return "No new messages."
    if provider_overview:
        counts = count_by_urgency(analysis for _, analysis in ordered)
        head = _plural(len(ordered), "new message")
        flagged = [f"{counts[u]} {u}" for u in (Urgency.URGENT, Urgency.HIGH) if counts[u]]
        return f"{', '.join([head, *flagged])}. {provider_overview}"
    urgent = [p for p in ordered if p[1].urgency == Urgency.URGENT]
    high = [p for p in ordered if p[1].urgency == Urgency.HIGH]
    rest = [p for p in ordered if p[1].urgency in (Urgency.MEDIUM, Urgency.LOW)]
    sentences = []
    if urgent:
        firsts = _named(urgent)
        more = len(urgent) - sum(count for _, count in firsts)
        verb = "needs" if len(urgent) == 1 else "need"
        things = "thing" if len(urgent) == 1 else "things"
        # "within a day" only where it is so: a VIP's ask due next week is urgent, not today's
        soon = today is None or all(_within_a_day(a, today) for _, a in urgent[:MAX_NAMED])
        head = f"{verb} you within a day" if soon else ("is" if len(urgent) == 1 else "are")
        head = head if soon else f"{head} urgent"
        line = f"{_number(len(urgent))} {things} {head}: {_join(_texts(firsts))}"
        sentences.append(line + (f", and {more} more." if more else "."))
    if high:
        listed = _named(high)
        more = len(high) - sum(count for _, count in listed)
        sentences.append(
            f"Due this week: {_join(_texts(listed))}" + (f", and {more} more." if more else ".")
        )
    if not urgent and not high:
        sentences.append("Nothing needs you this week.")
    if summary := _rest(rest):
        also = "Also " if urgent or high else ""
        sentences.append(f"{also}{summary}.".capitalize() if not also else f"{also}{summary}.")
    return " ".join(sentences)
