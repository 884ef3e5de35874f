"""Deadlines: what "by 5 p.m. ET Friday" means, seen from the reader's clock.

Dates resolve against the message's arrival in the reader's zone ("tomorrow" on a mail that
arrived at 23:30 UTC is two days later in Tokyo than in Los Angeles). A stated time is taken in
the zone it names ("5 p.m. ET") and converted into the reader's zone, which may move the date;
a time without a zone is the reader's own (on the labelled corpus that reads right more often
than the sender's offset from the Date header). The words of dates in English, German, French
and Spanish are in datewords.py, the date each phrase names in calendar_math.py, times of day
in clock.py; a time that a scheduling question is about ("can we start at 14:00 instead?") is
no deadline (proposals.py). "In 25 hours" counts real hours from the send time, also across a
clock change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from digests.summarize.calendar_math import date_of, hours_later, how_many, weekday_date
from digests.summarize.clock import END_OF_DAY, find_time
from digests.summarize.datewords import (
    DATE_PATTERNS,
    HOURS_FROM_NOW,
    IN_HOURS,
    MOVED,
    NEEDS_A_WORD,
    NEEDS_TEXT,
    NEGATED,
    SINCE,
    SLOT_FROM,
    THAT_DAY,
    WEEKDAYS,
    WORD,
    may_name_a_date,
)
from digests.summarize.event_refs import EVENT_NOUNS
from digests.summarize.proposals import is_scheduling_question
from digests.summarize.sentences import Caseless, lower_exactly, lowered
from digests.summarize.tense import AT_ONCE, EARLIER_TODAY, in_the_past, narrated
from digests.summarize.zones import CLOSE_IN_ZONE, zone_of

_DEADLINE_CUE = Caseless(
    re.compile(
        r"(by|before|until|till|no later than|due|deadline|latest|bis|spätestens|avant|d'ici|"
        r"au plus tard|antes del?|hasta|para)\W*(the\s+|le\s+|la\s+|el\s+|am\s+|on\s+|las\s+)?"
        # "by 5pm Friday", "antes de las 18:00 de hoy", "by EOD today": a time may come between.
        r"([\d:.h]+\s*(uhr|h|a\.?m\.?|p\.?m\.?)?\s*)?"
        # "by 3pm Central on Tuesday", "by noon ET Monday": the clock's zone may follow it.
        r"((noon|midday|mittag|midi|mediodía)\s*)?((e[sd]?t|c[sd]?t|p[sd]?t|m[sd]?t|cet|cest|bst|"
        r"gmt|utc|eastern|central|pacific|mountain|uk time|\w+ time)\b,?\s*)?"
        # "by close of business on the 4th", "by end of play Friday"
        r"(eod|cob|eob|end of (the )?(business )?day|(close|end) of (business|play)|"
        r"dienstschluss|geschäftsschluss|feierabend|fin de (la )?journée|fin de la jornada)?\s*"
        r"(de\s+|du\s+|del\s+|on\s+(the\s+)?|am\s+|,\s*)?$",
        re.IGNORECASE,
    )
)
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
    day, end = _find_date(text, received)
    american = str(received.tzinfo).startswith("America/")
    clock, zone_name, clock_at = find_time(text, end, american)
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
        hours = IN_HOURS.search(text) or HOURS_FROM_NOW.search(text)
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
        day = there.date() if dateless else _find_date(text, there)[0] or day
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
        and not _ANY_DEADLINE_WORD.search(text)
    ):
        # "Detected 2026-02-26 08:54" in an alert: when it happened, no time to meet.
        return Deadline(moment.date(), passed=True)
    if clock == END_OF_DAY and not source:
        moment = datetime.combine(day, clock, tzinfo=reader_zone)
    return Deadline(moment.date(), moment.time().replace(second=0, microsecond=0))


def names_a_day(text: str, received: datetime) -> bool:
    """The text names a day ("Sunday", "on the 4th"), not only a time of day ("at 06:00")."""
    return may_name_a_date(text) and _find_date(text, received)[0] is not None


def clock_of(text: str, received: datetime) -> time | None:
    """The time of day the text names, if any ("um 06:00" is 06:00)."""
    return find_time(text, -1, str(received.tzinfo).startswith("America/"))[0]


def resolve_due(text: str, received: datetime) -> date | None:
    """Only the date of :func:`resolve_deadline`: "by Friday 5pm" is that Friday."""
    found = resolve_deadline(text, received)
    return found.due if found else None


def _find_date(text: str, received: datetime) -> tuple[date | None, int]:
    """The date of the phrase that reads most like a deadline, and where that phrase ends."""
    today = received.date()
    candidates: list[tuple[int, int, int, date, bool, bool, bool]] = []
    spans: list[tuple[int, int]] = []  # "within 5 working days": a count of days from now
    vague: set[int] = set()  # "the last payment run this week closes at noon tomorrow"
    # The patterns read lower-cased text without re.IGNORECASE: the same matches, faster.
    low = lower_exactly(text)
    read = low if low is not None else text
    words = frozenset(WORD.findall(low if low is not None else text.lower()))
    digit = _DIGIT.search(read) is not None
    for kind, pattern, lowered_pattern, cues, needs, numeric in _PATTERNS:
        if needs is not None and words.isdisjoint(needs):
            continue  # no weekday or month name: the long alternations need not run
        if numeric and not digit:
            continue  # no digit: no "15.3." nor "the 4th"
        if cues is not None and low is not None and not any(map(low.__contains__, cues)):
            continue  # no "week" in the text: no "end of the week" either
        for match in (lowered_pattern if low is not None else pattern).finditer(read):
            found = date_of(kind, match, today, received)
            if found is None:
                continue
            # "avant le 3", "antes del 25": the pattern holds its own cue, before the day
            lead = match.start(1) if kind == "the_nth" else match.start()
            cued = bool(_DEADLINE_CUE.search(text[max(0, lead - 40) : lead]))
            end_of_day = kind == "today" and not match.group(1).lower().startswith(("to", "th"))
            before = text[max(0, match.start() - 50) : match.start()]
            # a weekday alone, not "el lunes 16" (a weekday with its day of the month)
            weekday = kind == "weekday" and match.group(4) is None
            if SINCE.search(before) and kind in {"day_month", "month_day", "iso", "dotted"}:
                continue  # "concessions agreed after 1 July": a start, no deadline
            if NEGATED.search(before) or (kind == "today" and THAT_DAY.match(text, match.end())):
                continue  # "avísame esta tarde, no mañana"; "by EOD that day": the day named
            if weekday and not match.group(1) and in_the_past(before):
                continue  # "we met on Monday" names no deadline
            if (
                kind == "today"
                and EARLIER_TODAY.match(match.group(1))
                and in_the_past(before)
                and not _ANY_DEADLINE_WORD.search(text)
            ):
                continue  # "we kicked off the migration today": done ("the deadline was": not)
            if kind == "today" and _COMPARED.search(before):
                continue  # "the same scope as today", "busier than today": no date to meet
            if kind == "today" and AT_ONCE.match(match.group(1)) and narrated(before, text, match):
                continue  # "so I immediately thought of you": what happened, no deadline
            if weekday and _SOME_DAY.search(before):
                continue  # "some Thursday in October", "a Tuesday or Thursday": no date yet
            in_next_week = weekday and not match.group(1) and _NEXT_WEEK_BEFORE.search(before)
            # "Tuesday next week", "Monday week", "nächste Woche Dienstag": that day next week
            if in_next_week or (weekday and _NEXT_WEEK_AFTER.match(text, match.end())):
                found = weekday_date(today, WEEKDAYS[match.group(2).lower()], "next")
            elif weekday and found == today and not cued and not match.group(1):
                found += timedelta(days=7)  # "she starts on Monday" said on a Monday: next one
            absolute = (
                kind
                in {
                    "iso",
                    "slashed",
                    "dotted",
                    "month_day",
                    "day_month",
                    "the_nth",
                    "mid_month",
                    "end_of_named_month",
                }
                or (kind == "weekday" and not weekday)
                or bool(in_next_week)
            )
            origin = ("from " in before or "vom " in before) and _ORIGIN.search(before)
            if origin and not _RANGE_AFTER.match(text, match.end()):
                continue  # "the audio of the interview from the 4th": what it is, not when due
            if kind == "dotted" and not match.group(3) and _NUMBERED.search(before):
                continue  # "point 3.4.", "Abschnitt 2.1.": a section, not a date
            if absolute and _AS_OF.search(before):
                continue  # "balances as of 30 April", "actualizado a 30 de abril": no deadline
            # "TODAY, May 14, 23:59 AoE", "Tuesday, March 10": the calendar date after it wins
            relative = weekday or kind in {"next_week", "end_of_week", "today"}
            # "about Wednesday's outage on Monday": the possessive names a thing, not the date.
            owned = weekday and text.startswith(("'s", "\u2019s"), match.end())
            rank = 0 if cued else 2 if owned else 1
            if kind in _SPANS:
                spans.append((match.start(), match.end()))
            if kind == "end_of_week" and not cued and match.group().lower() in _THIS_WEEK:
                vague.add(match.start())
            candidates.append(
                (rank, match.start(), match.end(), found, end_of_day, absolute, relative)
            )
    # "COB Thursday", "EOD Friday": the end of *that* day, not of today. "Tuesday next week,
    # Nov 3", "Tuesday week (19th)": the calendar date says which Tuesday.
    starts = [c[1] for c in candidates]
    absolute = [c[1] for c in candidates if c[5]]
    # "by 3pm on Tuesday March 10": the date that says which Tuesday keeps its cue.
    cued_days = [c[2] for c in candidates if c[6] and c[0] == 0]
    candidates = [
        (0, *c[1:]) if c[5] and any(e <= c[1] <= e + 20 for e in cued_days) else c
        for c in candidates
    ]
    candidates = [
        c
        for c in candidates
        if not (c[4] and any(c[2] <= s <= c[2] + 12 for s in starts))
        and not (c[6] and any(c[2] <= s <= c[2] + 20 for s in absolute))
    ]
    # "within 5 working days (by 10 April)": the date spells out the count, and wins.
    spelled = {
        start
        for start, end in spans
        if any(c[5] and _SPELLS_OUT.fullmatch(text, end, c[1]) for c in candidates)
    }
    candidates = [c for c in candidates if c[1] not in spelled] if spelled else candidates
    week_end = max((c[3] for c in candidates if c[1] in vague), default=None)
    if week_end and any(c[1] not in vague and c[3] <= week_end for c in candidates):
        candidates = [c for c in candidates if c[1] not in vague]  # a day in it wins
    low_text = text.lower()
    purpose = _PURPOSE.search(text) if any(w in low_text for w in _PURPOSE_STEMS) else None
    # only when the ask's own part sets a limit: "After the call on the 3rd, so that we can
    # close, send them by the 10th" keeps the 10th; "within two business days so we can
    # submit it before the 25th" keeps the two days
    own_span = any(start < purpose.start() for start, _ in spans) if purpose else False
    if purpose and (own_span or _ANY_DEADLINE_WORD.search(text, 0, purpose.start())):
        # "by COB on the 4th, so we can take it to the donor before 30 June": the ask's own
        kept = [c for c in candidates if c[1] < purpose.start()]
        candidates = kept or candidates
    if not candidates:
        return None, -1
    _, _, end, found, *_ = min(candidates)
    return found, end


# Each pattern, as written and for lower-cased text, the strings and words it cannot match
# without, and whether it cannot match without a digit.
_NUMERIC = frozenset({"iso", "slashed", "dotted", "month_day", "day_month", "the_nth"})
_PATTERNS = [
    (kind, pattern, lowered(pattern), NEEDS_TEXT.get(pattern), NEEDS_A_WORD.get(kind), numeric)
    for kind, pattern in DATE_PATTERNS
    for numeric in [kind in _NUMERIC]
]
_DIGIT = re.compile(r"\d")
_SPANS = frozenset({"in_days", "in_weeks"})
_THIS_WEEK = frozenset({"this week", "diese woche", "cette semaine", "esta semana"})
# What lies between a count of days and the date that spells it out: " (by ", ", i.e. ".
_SPELLS_OUT = re.compile(
    r"[\s,:;(\[\u2013\u2014-]*(?:i\.\s?e\.,?\s*|that is,?\s*|d\.\s?h\.\s*|soit\s+|"
    r"es decir,?\s*)?(?:by|until|till|bis(?:\s+zum)?|avant(?:\s+le)?|d'ici(?:\s+le)?|"
    r"hasta(?:\s+el)?|antes del?|on|am|le|el)?\s*(?:the\s+)?",
    re.IGNORECASE,
)
_NEXT_WEEK_BEFORE = re.compile(
    r"\b(?:next week|nächste[nr]? woche|la semaine prochaine|la semana que viene|"
    r"la próxima semana),?\s+(?:on\s+|am\s+|le\s+|el\s+)?$",
    re.IGNORECASE,
)
_NEXT_WEEK_AFTER = re.compile(r"(?<!\.)[ \t]*(?:next week|week\b(?!-?end)(?!\s*\d))", re.I)
_AS_OF = re.compile(
    r"\b(?:as (?:of|at)|balances? at|updated (?:to|on)|actualizad[oa]s? a|a fecha de|"
    r"en date du|arrêtée? au|stand|zum stichtag)\s+(?:the\s+|el\s+|le\s+)?$",
    re.IGNORECASE,
)
# "this afternoon, not tomorrow", "heute, nicht morgen": the date ruled out.
# "my 10:30 physio", "our 9:00 stand-up": an appointment, next held at that time.
_BOOKED = re.compile(r"\b(?:my|our|your|his|her|their|mi|mon|ma|notre|mein\w*|unser\w*)\s+$", re.I)
# "Please be at the pharmacy at 8", written at 16:50: the next morning's 8:00.
_ASKED = re.compile(r"\b(?:please|can you|could you|would you|bitte|merci de|por favor)\b", re.I)
_AT = re.compile(r"\b(?:at|um|à|a las|a la)\s+$", re.IGNORECASE)
_TONIGHT = re.compile(r"\b(?:tonight|this evening|heute abend|ce soir|esta noche)\b", re.I)
_TOMORROW = re.compile(r"\b(?:tomorrow|tmrw|morgen|demain|mañana)", re.IGNORECASE)
# "some Thursday", "a Tuesday or Thursday": a day not chosen yet.
_SOME_DAY = re.compile(
    r"\b(?:some|any|every|a|ein|einen|jeden|un|une|cualquier)\s+(?:\w+\s+(?:or|oder|ou|o)\s+)?$",
    re.IGNORECASE,
)
# A bare hour ("by 8"), not "8:00" or "8 Uhr".
_BARE = re.compile(r"\d{1,2}(?!\s*(?:[:h\d]|\.\d)|\s*(?:uhr|am\b|pm\b|a\.m|p\.m))", re.IGNORECASE)
# "4:30", not "04:30" or "4:30 am": a 12-hour clock's afternoon written without "pm".
_CLOCK_TONIGHT = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s+(?:tonight|this evening)\b", re.I)
# "tomorrow" as a day to meet, not "tomorrow's 8:00 list" (a thing of that day).
_TOMORROW_ITSELF = re.compile(r"\b(?:tomorrow|tmrw|morgen|demain|mañana)\b(?!['\u2019]s)", re.I)
# "10am", "7:30 a.m.": a morning hour said as one.
_MORNING_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am\b|a\.m)", re.IGNORECASE)
_SHORT_CLOCK = re.compile(r"\d[:.]\d\d(?!\s*(?:am\b|a\.m))", re.IGNORECASE)
# Any word that makes a time something to meet, anywhere in the sentence.
_ANY_DEADLINE_WORD = re.compile(
    r"\bby\s+(?:the\s+)?(?:\d|today|tonight|tomorrow|noon|midday|eod|cob|end|close|mon|tue|wed|"
    r"thu|fri|sat|sun)|"
    r"\b(?:before|until|till|due|deadline|latest|no later|bis|spätestens|avant|d'ici|"
    r"au plus tard|antes|hasta|a más tardar|plazo|frist|échéance)\b",
    re.IGNORECASE,
)
# What the dates after it are for: "..., so that we have time before the funder's deadline".
_PURPOSE = re.compile(
    r"\b(?:so that|so (?:we|i|you|they|he|she|it|that) (?:can|could|have|get|are|am|will)|"
    r"in order to|damit|um (?:\w+ ){0,4}zu|pour que|afin (?:de|que|d')|para que|de modo que|"
    r"de manera que)\b",
    re.IGNORECASE,
)
_RECORDS_WORDS = """email e-mail mail message note notes minutes letter report recording recordings
    audio video photos pictures figures numbers data invoice statement version draft file files
    slides deck comments feedback transcript protokoll bericht aufnahme notizen"""
_RECORDS = frozenset(_RECORDS_WORDS.split())
_PURPOSE_STEMS = ("so ", "order", "damit", "um ", "pour que", "afin", "para que", "de m")
# A thing named by its date: "the interview from the 4th", "das Protokoll vom 3. März".
_ORIGIN = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, sorted(EVENT_NOUNS | _RECORDS, key=len, reverse=True)))})"
    r"\s+(?:from|vom)\s+(?:the\s+|last\s+)?$",
    re.IGNORECASE,
)
# "from the 4th to the 8th", "du 4 au 8", "del 4 al 8", "vom 4. bis 8.": a span, not an origin
_RANGE_AFTER = re.compile(
    r"[^\n,;.]{0,12}?\s*(?:to|until|till|through|onwards?|au|al|bis|-|\u2013|\u2014)(?:\s|$)", re.I
)
# "the same scope as today", "busier than today", "wie heute"; not "as today is the last day"
# (because), "as soon as today" nor "no later than today"
_COMPARED = re.compile(
    r"(?:\bsame\b[^.,;]{0,40}?\bas|(?<!later )\bthan|\bwie|\bcomme|\bcomo)\s+$", re.IGNORECASE
)
_NUMBERED = re.compile(
    r"\b(?:points?|sections?|sect|fig|figures?|tables?|chapters?|steps?|items?|questions?|q|"
    r"version|v|release|abschnitt|punkt|kapitel|frage|apartado|punto|sección|pregunta|"
    r"paragraphe|article|art)\.?\s*$|§\s*$|\band\s+$",
    re.IGNORECASE,
)
