"""The first VEVENT of an iCalendar invitation: what, when, where, and the method.

Dates a database or a time zone cannot hold (year 1 in Tokyo, year 9999) are dropped, with
the event kept: an invitation with an unknown start is still an invitation.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from tzlocal.windows_tz import win_tz

from digests.textsafety import display_line, sane_datetime

__all__ = ["MAX_CALENDAR_CHARS", "CalendarEvent", "parse_calendar"]

MAX_CALENDAR_CHARS = 200_000  # of iCalendar text read; the first VEVENT comes early


@dataclass(frozen=True)
class CalendarEvent:
    """The first VEVENT of an invitation; ``start`` is None when only an .ics file came."""

    summary: str
    start: datetime | None = None
    all_day: bool = False
    location: str = ""
    method: str = ""  # REQUEST, CANCEL, REPLY...


def parse_calendar(text: str, fallback_summary: str = "") -> CalendarEvent:
    """The first VEVENT's SUMMARY, DTSTART and LOCATION; never raises on odd input."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text[:MAX_CALENDAR_CHARS])
    method = ""
    in_event = False
    fields: dict[str, tuple[dict[str, str], str]] = {}
    for line in unfolded.splitlines():
        name_part, _, value = line.partition(":")
        name, *raw_params = name_part.split(";")
        name = name.strip().upper()
        if name == "METHOD" and not in_event:
            method = value.strip().upper()
        elif name == "BEGIN" and value.strip().upper() == "VEVENT":
            in_event = True
        elif name == "END" and value.strip().upper() == "VEVENT":
            break
        elif in_event and name not in fields:
            params = dict(p.split("=", 1) for p in raw_params[:20] if "=" in p)
            fields[name] = ({k.upper(): v.strip('"') for k, v in params.items()}, value.strip())
    summary = _ics_unescape(fields.get("SUMMARY", ({}, ""))[1]) or fallback_summary
    start, all_day = _ics_datetime(*fields.get("DTSTART", ({}, "")))
    location = _ics_unescape(fields.get("LOCATION", ({}, ""))[1])
    return CalendarEvent(
        display_line(summary, 500),
        sane_datetime(start),
        all_day and start is not None,
        display_line(location, 300),
        display_line(method, 20),
    )


def _ics_unescape(value: str) -> str:
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _zone(tzid: str) -> tzinfo:
    """The zone a TZID names: IANA, or Windows as Outlook and Teams write ("Eastern Standard
    Time"); floating time and unknown names are read as UTC, the least surprising guess."""
    try:
        return zoneinfo.ZoneInfo(win_tz.get(tzid, tzid)) if tzid else UTC
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        return UTC


def _ics_datetime(params: dict[str, str], value: str) -> tuple[datetime | None, bool]:
    value = value.strip()[:40]
    try:
        if params.get("VALUE", "").upper() == "DATE" or re.fullmatch(r"\d{8}", value):
            day = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
            return datetime(day.year, day.month, day.day, tzinfo=UTC), True
        moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        return None, False
    if value.endswith("Z"):
        return moment.replace(tzinfo=UTC), False
    zone = _zone(params.get("TZID", "")[:100])
    # sane_datetime, not astimezone: year 1 in Tokyo is before year 1 in UTC (OverflowError).
    return sane_datetime(moment.replace(tzinfo=zone)), False
