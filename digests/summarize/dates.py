"""Deadlines: what "by 5 p.m. ET Friday" means, seen from the reader's clock.

Dates resolve against the message's arrival in the reader's zone ("tomorrow" on a mail that
arrived at 23:30 UTC is two days later in Tokyo than in Los Angeles). A stated time is taken in
the zone it names ("5 p.m. ET") and converted into the reader's zone, which may move the date;
a time without a zone is the reader's own (on the labelled corpus that reads right more often
than the sender's offset from the Date header). The words of dates in English, German, French
and Spanish are in datewords.py, which phrase of a text gives its day in date_phrases.py, the
date each phrase names in calendar_math.py, times of day in clock.py; a time that a scheduling
question is about ("can we start at 14:00 instead?") is no deadline (proposals.py). "In 25
hours" counts real hours from the send time, also across a clock change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from digests.summarize.calendar_math import hours_later, how_many
from digests.summarize.clock import END_OF_DAY, find_time
from digests.summarize.date_phrases import ANY_DEADLINE_WORD, find_date
from digests.summarize.datewords import (
    HOURS_FROM_NOW,
    IN_HOURS,
    MOVED,
    SLOT_FROM,
    may_name_a_date,
)
from digests.summarize.patterns import Caseless
from digests.summarize.proposals import is_scheduling_question
from digests.summarize.zones import CLOSE_IN_ZONE, zone_of

# Read for their count only: on lower-cased text ("from now" only where it is written).
_IN_HOURS, _HOURS_FROM_NOW = Caseless(IN_HOURS), Caseless(HOURS_FROM_NOW, gated=True)
_TIME_CUE = re.compile(
    r"\b(by|before|until|till|no later than|latest|bis|vor|avant|antes de(?: las)?|hasta(?: las)?|"
    r"a más tardar(?: a las)?|como muy tarde(?: a las)?|au plus tard(?: à)?|spätestens(?: um)?)"
    r"\W*(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    """A due date in the reader's zone, and the time of day when one was stated."""

    due: date
    time: time | None = None
    # "Last check: 22.07.2026 14:00 UTC", "stuck since 15:20": when something happened
    passed: bool = field(default=False, compare=False, repr=False)

    def moment(self, zone: tzinfo) -> datetime:
        """The instant it falls due: the stated time, else the end of that day."""
        return datetime.combine(self.due, self.time or END_OF_DAY, tzinfo=zone)


def resolve_deadline(
    text: str, received: datetime, sender_zone: tzinfo | None = None
) -> Deadline | None:
    """The deadline a phrase names, resolved against ``received`` (in the reader's zone).

    ``sender_zone`` is where a time of day without a named zone is read ("before 18:00"
    from a sender in Berlin); None means the reader's own zone.
    """
    # Equal instants in different zones are equal datetimes: the zones must be in the key.
    return _resolve(text, received, str(received.tzinfo), sender_zone, str(sender_zone))


@lru_cache(maxsize=4096)
def _resolve(
    text: str, received: datetime, _zone: str, sender_zone: tzinfo | None, _sender: str
) -> Deadline | None:
    if not may_name_a_date(text) or is_scheduling_question(text):
        return None
    day, end = find_date(text, received)
    american = str(received.tzinfo).startswith("America/")
    clock, zone_name, clock_at = find_time(text, end, american)
    if clock is not None and day is not None and _other_day(text, end, clock_at, day, received):
        clock = None  # "until 14 April, so I've set a call for Tuesday 7 April at 9am": 7 April's
    if clock is None and (close := CLOSE_IN_ZONE.search(text)):
        # "by COB Thursday ET": the close of business there, 17:00 in that zone.
        clock, zone_name, clock_at = time(17), close.group(1), close.start()
    if day is None and clock is None:
        return None
    reader_zone = received.tzinfo
    assert reader_zone is not None
    dateless = day is None
    slot = (
        dateless and clock is not None and SLOT_FROM.search(text[max(0, clock_at - 14) : clock_at])
    )
    if slot and not MOVED.search(text[:clock_at]):
        return None  # "findet von 18:30 bis 20:00 Uhr statt": when it happens, no deadline
    if day is None:
        day = received.date()
    if clock is None:
        hours = _IN_HOURS.search(text) or _HOURS_FROM_NOW.search(text)
        at = hours_later(received, how_many(hours.group(1))) if hours else None
        if at is not None and at.date() == day:
            return Deadline(day, at.time().replace(second=0, microsecond=0))  # "within 24 hours"
        return Deadline(day)
    source = zone_of(zone_name) if zone_name else None
    zone = source or sender_zone or reader_zone
    if source:
        # "noon tomorrow Berlin time" is tomorrow as Berlin counts days; "by 17:00 Sydney
        # time" alone is today there, which may already be tomorrow for the reader.
        there = received.astimezone(zone)
        day = there.date() if dateless else find_date(text, there)[0] or day
    moment = datetime.combine(day, clock, tzinfo=zone).astimezone(reader_zone)
    if dateless and moment < received:
        lead = text[max(0, clock_at - 24) : clock_at]
        asked_at = bool(_ASKED.search(text) and _AT.search(lead))
        booked = _BOOKED.search(lead) is not None  # "cancel my 10:30 physio" at 16:48: tomorrow's
        if not _TIME_CUE.search(lead) and not asked_at and not booked:
            return Deadline(received.date(), passed=True)  # "stuck since 15:20": no time to meet
        evening = None
        # "by 8" or "by 4:30" written after that hour in the morning: the afternoon's.
        short = _SHORT_CLOCK.match(text, clock_at) and 1 <= clock.hour <= 7
        if clock.hour < 12 and not (asked_at or booked) and (_BARE.match(text, clock_at) or short):
            evening = datetime.combine(day, clock.replace(hour=clock.hour + 12), tzinfo=zone)
        if evening is not None and evening > received:
            moment = evening.astimezone(reader_zone)  # "by 8" written at 15:00: tonight's 20:00
        else:
            # "by 8:00" written at 21:00 is the next morning's 8:00, not this morning's.
            moment = datetime.combine(day + timedelta(days=1), clock, tzinfo=zone)
            moment = moment.astimezone(reader_zone)
    elif moment < received and day == received.date() and clock.hour < 12 and not source:
        # "by 8 tonight", "8:30 tonight" written at 16:30: the evening's, not the morning's;
        # "tonight whether we cancel tomorrow's 8:00 list" times another day
        clock_12 = _BARE.match(text, clock_at) or _SHORT_CLOCK.match(text, clock_at)
        tonight = _TONIGHT.search(text)
        said_tonight = _CLOCK_TONIGHT.match(text, clock_at)  # "by 8 tonight, ... tomorrow"
        if clock_12 and tonight and clock.hour and (not _TOMORROW.search(text) or said_tonight):
            evening = datetime.combine(day, clock.replace(hour=clock.hour + 12), tzinfo=zone)
            moment = evening.astimezone(reader_zone)
        elif tonight and (
            _TOMORROW_ITSELF.search(text) or _MORNING_CLOCK.match(text, clock_at) or clock.hour < 5
        ):
            # "tonight, or first thing tomorrow, before 8", "tonight; otherwise latest 10am"
            # written at 16:45, "before tonight's 02:00 backup": the next morning's hour.
            moment = datetime.combine(day + timedelta(days=1), clock, tzinfo=zone)
            moment = moment.astimezone(reader_zone)
    if (
        moment < received
        and not dateless
        and not _TIME_CUE.search(text[max(0, clock_at - 24) : clock_at])
        and not ANY_DEADLINE_WORD.search(text)
    ):
        # "Detected 2026-02-26 08:54" in an alert: when it happened, no time to meet.
        return Deadline(moment.date(), passed=True)
    if clock == END_OF_DAY and not source:
        moment = datetime.combine(day, clock, tzinfo=reader_zone)
    return Deadline(moment.date(), moment.time().replace(second=0, microsecond=0))


def _other_day(text: str, end: int, clock_at: int, day: date, received: datetime) -> bool:
    """Another day is named between the date phrase and the time: the time is that day's."""
    between = text[end:clock_at] if clock_at > end else ""
    if len(between) < 12 or not _DAY_NAMED.search(between) or _SUPERSEDED.search(between):
        return False  # "by 20 November (extended from 13 November) at 17:00": the 20th's time
    other = find_date(between, received)[0]
    return other is not None and other != day


_SUPERSEDED = re.compile(
    r"\b(?:extended from|previously|originally|instead of|rather than|moved from|was|not)\b", re.I
)
# A day named on its own: "Tuesday 7 April", "the 14th", "2026-04-07".
_DAY_NAMED = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b(?!['\u2019]s)|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d\d-\d\d\b",
    re.IGNORECASE,
)


def names_a_day(text: str, received: datetime) -> bool:
    """The text names a day ("Sunday", "on the 4th"), not only a time of day ("at 06:00")."""
    return may_name_a_date(text) and find_date(text, received)[0] is not None


def clock_of(text: str, received: datetime) -> time | None:
    """The time of day the text names, if any ("um 06:00" is 06:00)."""
    return find_time(text, -1, str(received.tzinfo).startswith("America/"))[0]


def resolve_due(text: str, received: datetime) -> date | None:
    """Only the date of :func:`resolve_deadline`: "by Friday 5pm" is that Friday."""
    found = resolve_deadline(text, received)
    return found.due if found else None


# "this afternoon, not tomorrow", "heute, nicht morgen": the date ruled out.
# "my 10:30 physio", "our 9:00 stand-up": an appointment, next held at that time.
_BOOKED = re.compile(r"\b(?:my|our|your|his|her|their|mi|mon|ma|notre|mein\w*|unser\w*)\s+$", re.I)
# "Please be at the pharmacy at 8", written at 16:50: the next morning's 8:00.
_ASKED = re.compile(r"\b(?:please|can you|could you|would you|bitte|merci de|por favor)\b", re.I)
_AT = re.compile(r"\b(?:at|um|à|a las|a la)\s+$", re.IGNORECASE)
_TONIGHT = re.compile(r"\b(?:tonight|this evening|heute abend|ce soir|esta noche)\b", re.I)
_TOMORROW = re.compile(r"\b(?:tomorrow|tmrw|morgen|demain|mañana)", re.IGNORECASE)
# A bare hour ("by 8"), not "8:00" or "8 Uhr".
_BARE = re.compile(r"\d{1,2}(?!\s*(?:[:h\d]|\.\d)|\s*(?:uhr|am\b|pm\b|a\.m|p\.m))", re.IGNORECASE)
# "4:30", not "04:30" or "4:30 am": a 12-hour clock's afternoon written without "pm".
_CLOCK_TONIGHT = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s+(?:tonight|this evening)\b", re.I)
# "tomorrow" as a day to meet, not "tomorrow's 8:00 list" (a thing of that day).
_TOMORROW_ITSELF = re.compile(r"\b(?:tomorrow|tmrw|morgen|demain|mañana)\b(?!['\u2019]s)", re.I)
# "10am", "7:30 a.m.": a morning hour said as one.
_MORNING_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am\b|a\.m)", re.IGNORECASE)
_SHORT_CLOCK = re.compile(r"\d[:.]\d\d(?!\s*(?:am\b|a\.m))", re.IGNORECASE)
