"""The date a matched date phrase names, counted on the calendar from the day a mail arrived."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from digests.summarize.datewords import MONTHS, NUMBER_WORDS, WEEKDAYS


def date_of(kind: str, match: re.Match[str], today: date, received: datetime) -> date | None:
    """The date a phrase of that kind (see ``DATE_PATTERNS``) names; None when none exists."""
    groups = match.groups()
    if kind == "iso":
        return _safe_date(int(groups[0]), int(groups[1]), int(groups[2]))
    if kind == "slashed":
        first, second = int(groups[0]), int(groups[1])
        american = str(received.tzinfo).startswith("America/")
        # Month first for a reader in the Americas, unless it cannot be ("13/05" from Mexico)
        month, day = (
            (first, second) if (american and first <= 12) or second > 12 else (second, first)
        )
        year = int(groups[2]) if groups[2] else None
        year = year + 2000 if year is not None and year < 100 else year
        return _month_day(today, month, day, year) if 1 <= month <= 12 else None
    if kind == "end_of_named_month":
        month, year = MONTHS[groups[0].lower()], int(groups[1]) if groups[1] else None
        following = date((year or today.year) + month // 12, month % 12 + 1, 1)
        return _month_day(today, month, (following - timedelta(days=1)).day, year)
    if kind == "mid_month":
        return _month_day(today, MONTHS[groups[0].lower()], 15, None)
    if kind == "dotted":
        if not groups[2] and (int(groups[1]) > 12 or int(groups[0]) > 31):
            return None
        year = int(groups[2]) if groups[2] else None
        if year is not None and year < 100:
            year += 2000
        return _month_day(today, int(groups[1]), int(groups[0]), year)
    if kind == "month_day":
        year = int(groups[2]) if groups[2] else None
        return _month_day(today, MONTHS[groups[0].lower()], int(groups[1]), year)
    if kind == "day_month":
        year = int(groups[2]) if groups[2] else None
        return _month_day(today, MONTHS[groups[1].lower()], int(groups[0]), year)
    if kind == "the_nth" or (kind == "weekday" and groups[3]):
        day = int(groups[3] if kind == "weekday" else groups[0])
        found = _safe_date(today.year, today.month, day)
        if found is None or found < today:
            following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
            found = _safe_date(following.year, following.month, day)
        return found
    if kind == "after_tomorrow":
        return today + timedelta(days=2)
    if kind == "tomorrow":
        return today + timedelta(days=1)
    if kind == "today":
        return today
    if kind == "in_hours":
        return hours_later(received, how_many(groups[0])).date()
    if kind == "in_days":
        count = how_many(groups[0])
        business = groups[1] or groups[3] or groups[2].lower().startswith(("werk", "arbeit"))
        return _business_days(today, count) if business else today + timedelta(days=count)
    if kind == "in_weeks":
        return today + timedelta(weeks=how_many(groups[0]))
    if kind == "end_of_quarter":
        quarter = int(groups[0]) if groups[0] else (today.month - 1) // 3 + 1
        return _month_day(today, quarter * 3, 30 if quarter in (2, 3) else 31, None)
    if kind == "mid_next_week":
        return today + timedelta(days=9 - today.weekday())
    if kind == "end_next_week":
        return today + timedelta(days=(4 - today.weekday()) % 7 + 7)
    if kind == "end_of_week":
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if kind == "end_of_month":
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    if kind == "end_next_month":
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        after = (following.replace(day=28) + timedelta(days=4)).replace(day=1)
        return after - timedelta(days=1)
    if kind == "weekday":
        qualifier = (groups[0] or "").strip().lower()
        if groups[2] or qualifier.startswith(("nächst", "próx", "prox")):
            return weekday_date(today, WEEKDAYS[groups[1].lower()], "following")
        return weekday_date(today, WEEKDAYS[groups[1].lower()], qualifier)
    if kind == "next_week":
        return today + timedelta(days=7 - today.weekday())
    return None


def hours_later(received: datetime, hours: int) -> datetime:
    """Elapsed hours, counted in UTC: "in 25 hours" across a clock change is 25 real hours."""
    later = received.astimezone(UTC) + timedelta(hours=hours)
    return later.astimezone(received.tzinfo)


def how_many(word: str) -> int:
    """ "48" or "two": how many."""
    return NUMBER_WORDS.get(word.lower()) or int(word)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(today: date, month: int, day: int, year: int | None) -> date | None:
    if year:
        return _safe_date(year, month, day)
    found = _safe_date(today.year, month, day)
    # "by Jan 4" written in late December means next January, not eleven months ago.
    if found is not None and found < today - timedelta(days=60):
        found = _safe_date(today.year + 1, month, day)
    return found


def weekday_date(today: date, weekday: int, qualifier: str) -> date:
    """ "Friday" is the coming one (today on a Friday); "next Friday" is in next week.

    "Vendredi prochain", "nächsten Freitag" ("following") is the coming one after today.
    """
    if qualifier.strip().lower() == "next":
        return today + timedelta(days=7 - today.weekday() + weekday)
    if qualifier == "following":
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _business_days(today: date, count: int) -> date:
    found = today
    while count > 0:
        found += timedelta(days=1)
        count -= found.weekday() < 5
    return found


# "send me the abstract a week before", "two days ahead of that": before the date it borrows.
_EARLIER_BY = re.compile(
    r"\b(a|an|one|two|three|four|five|\d{1,2}) (day|week)s? (?:before|earlier|ahead)"
    r"(?: (?:then|that|it|of (?:time|that|it|then)))?\b(?!\s+(?:the|your|our|we|you|i|it)\b)",
    re.IGNORECASE,
)


def days_earlier(sentence: str) -> int:
    """How many days before a date "a week before" asks for (0 when it says none)."""
    low = sentence.lower()
    cheap = "before" in low or "ahead" in low or "earlier" in low
    found = _EARLIER_BY.search(sentence) if cheap else None
    if found is None:
        return 0
    return how_many(found.group(1)) * (7 if found.group(2).lower() == "week" else 1)
