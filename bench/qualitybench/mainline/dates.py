"""Due dates: what "by Friday 5pm" means, seen from the reader's clock."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+(\d{{4}}))?",
    re.IGNORECASE,
)
_TODAY = re.compile(
    r"\b(eod|end of (the )?day|cob|close of business|today|tonight|this (morning|afternoon|"
    r"evening))\b",
    re.IGNORECASE,
)
_TOMORROW = re.compile(r"\btomorrow\b", re.IGNORECASE)
_BY_TIME_TODAY = re.compile(
    r"\b(by|before|until|till)\s+(\d{1,2}(:\d{2})?\s*(am|pm)|noon|midday)\b", re.IGNORECASE
)
_END_OF_WEEK = re.compile(r"\b(eow|end of (the |this )?week)\b", re.IGNORECASE)
_END_OF_MONTH = re.compile(r"\b(eom|end of (the |this )?month)\b", re.IGNORECASE)
_WITHIN_HOURS = re.compile(r"\bwithin (\d{1,3}) hours?\b", re.IGNORECASE)
_NEXT_WEEK = re.compile(r"\bnext week\b", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(rf"\b(next\s+|this\s+)?({_WEEKDAY})\b\.?", re.IGNORECASE)


def resolve_due(text: str, received: datetime) -> date | None:
    """The date a phrase such as "by Friday 5pm" means, seen from the local receipt time.

    ``received`` must already be in the reader's zone: "by EOD" on a mail that arrived at
    23:30 UTC is tomorrow in Berlin, and the reader plans in Berlin.
    """
    today = received.date()
    if match := _ISO_DATE.search(text):
        return _safe_date(*(int(g) for g in match.groups()))
    if match := _MONTH_DAY.search(text):
        return _month_day(today, _MONTHS[match.group(1).lower()], match.group(2), match.group(3))
    if match := _DAY_MONTH.search(text):
        return _month_day(today, _MONTHS[match.group(2).lower()], match.group(1), match.group(3))
    if _TOMORROW.search(text):
        return today + timedelta(days=1)
    if _TODAY.search(text):
        return today
    if _BY_TIME_TODAY.search(text) and not _WEEKDAY_NAME.search(text):
        return today
    if match := _WITHIN_HOURS.search(text):
        return (received + timedelta(hours=int(match.group(1)))).date()
    if _END_OF_WEEK.search(text):
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if _END_OF_MONTH.search(text):
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    if match := _WEEKDAY_NAME.search(text):
        return _weekday(today, _WEEKDAYS[match.group(2).lower()], bool(match.group(1)))
    if _NEXT_WEEK.search(text):
        return today + timedelta(days=7 - today.weekday())
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(today: date, month: int, day: str, year: str | None) -> date | None:
    if year:
        return _safe_date(int(year), month, int(day))
    found = _safe_date(today.year, month, int(day))
    # "by Jan 4" written in late December means next January, not eleven months ago.
    if found is not None and found < today - timedelta(days=60):
        found = _safe_date(today.year + 1, month, int(day))
    return found


def _weekday(today: date, weekday: int, qualified_next: bool) -> date:
    ahead = (weekday - today.weekday()) % 7  # "by Friday" on a Friday means today
    found = today + timedelta(days=ahead)
    if qualified_next and ahead == 0:
        found += timedelta(days=7)
    return found
