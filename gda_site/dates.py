"""The house date format, one way for every page, email and staff page, in the reader's zone.

A day is "Fri 4 Dec 2026", a moment "Fri 4 Dec 2026, 15:00", and a clock time alone ("15:00")
only where its day is already said. Pure formatting with no app's models, so every app may
import it: ``jobs`` (whose admin dashboard writes dates this way) as well as ``digests``
(``digests.render.dates`` re-exports it). Templates use the ``site_dates`` filters.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.timesince import timesince

__all__ = ["MONTHS", "WEEKDAYS", "ago", "clock", "day", "day_time", "local", "moment"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def local(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The moment in ``zone``, else in the active zone (the reader's, where pages set it)."""
    if timezone.is_naive(moment):
        return moment
    return timezone.localtime(moment, zone)


def day(value: dt.date) -> str:
    """ "Fri 4 Dec 2026" (a date, or a datetime's date as it stands)."""
    return f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


def clock(moment: dt.datetime | dt.time, zone: dt.tzinfo | None = None) -> str:
    """ "15:00": a moment's time of day in ``zone`` (else the active zone), or a time's."""
    if isinstance(moment, dt.datetime):
        moment = local(moment, zone)
    return f"{moment:%H:%M}"


def day_time(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """ "Fri 4 Dec 2026, 15:00" in ``zone``, else in the active zone."""
    moment = local(moment, zone)
    return f"{day(moment)}, {moment:%H:%M}"


def moment(
    value: dt.datetime, zone: dt.tzinfo | None = None, now: dt.datetime | None = None
) -> str:
    """ "15:00" when ``value`` is today in ``zone`` (else the active zone), otherwise
    "Sat 5 Dec 2026, 15:00": a clock alone only where the day goes without saying."""
    today = local(now or timezone.now(), zone).date()
    return clock(value, zone) if local(value, zone).date() == today else day_time(value, zone)


def ago(value: dt.datetime, now: dt.datetime | None = None) -> str:
    """ "just now" within a minute of ``now`` (or after it), else "5 minutes ago"."""
    return "just now" if _within_a_minute(value, now) else f"{timesince(value, now)} ago"


def waited(value: dt.datetime, now: dt.datetime | None = None) -> str:
    """How long since ``value``: "5 minutes", or "less than a minute" (not "0 minutes")."""
    return "less than a minute" if _within_a_minute(value, now) else timesince(value, now)


def _within_a_minute(value: dt.datetime, now: dt.datetime | None) -> bool:
    return (now or timezone.now()) - value < dt.timedelta(minutes=1)
