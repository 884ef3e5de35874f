"""Dates as the digest's pages and emails write them, in the reader's zone: one format each.

The format itself (a day "Fri 4 Dec 2026", a moment "Fri 4 Dec 2026, 15:00", a clock alone
only where its day is already said) is the site's, :mod:`gda_site.dates`, re-exported here so
digests code keeps one import. The web page, the HTML email and the text email all write
dates through this module (templates through the ``digest_dates`` filters).

The analyzer writes dates into stored text as "Fri 04 Dec" or "Fri 04 Dec 15:00" (the
overview, a calendar summary); :func:`house_dates` rewrites those at render time, so the
stored text and its maker stay as they are.
"""

from __future__ import annotations

import datetime as dt
import re

from gda_site.dates import MONTHS, WEEKDAYS, clock, day, day_time, local, moment

__all__ = ["MONTHS", "WEEKDAYS", "clock", "day", "day_time", "house_dates", "local", "moment"]

_MONTH = "|".join(MONTHS)
_ANALYZERS = re.compile(
    rf"\b(?P<weekday>{'|'.join(WEEKDAYS)}) (?P<day>\d{{2}}) (?P<month>{_MONTH})\b"
    r"(?! \d{4})(?: (?P<clock>[0-2]\d:[0-5]\d)\b)?"
)


def _year_of(weekday: int, month: int, day_of_month: int, near: dt.date) -> dt.date | None:
    """The date with this day, month and weekday nearest to ``near`` (a year either side)."""
    found = []
    for year in (near.year, near.year + 1, near.year - 1):
        try:
            candidate = dt.date(year, month, day_of_month)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            found.append(candidate)
    return min(found, key=lambda d: abs(d - near), default=None)


def house_dates(text: str, near: dt.date) -> str:
    """The analyzer's "Fri 04 Dec[ 15:00]" in ``text`` written as "Fri 4 Dec 2026[, 15:00]".

    The year is the one, within a year of ``near`` (the digest's day), whose calendar has that
    weekday on that date; a date no such year fits is left as it was.
    """

    def rewrite(match: re.Match[str]) -> str:
        found = _year_of(
            WEEKDAYS.index(match["weekday"]),
            MONTHS.index(match["month"]) + 1,
            int(match["day"]),
            near,
        )
        if found is None:
            return match[0]
        return f"{day(found)}, {match['clock']}" if match["clock"] else day(found)

    return _ANALYZERS.sub(rewrite, text)
