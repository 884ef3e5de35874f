"""Which day a text names: of its date phrases, the one that reads most like a deadline."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from digests.summarize.calendar_math import date_of, weekday_date
from digests.summarize.datewords import (
    DATE_PATTERNS,
    NEEDS_A_WORD,
    NEEDS_TEXT,
    NEGATED,
    SINCE,
    THAT_DAY,
    WEEKDAYS,
    words_of,
)
from digests.summarize.event_refs import EVENT_NOUNS
from digests.summarize.patterns import Caseless, lower_exactly, lowered
from digests.summarize.tense import AT_ONCE, EARLIER_TODAY, in_the_past, narrated

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


# "some Thursday", "a Tuesday or Thursday": a day not chosen yet.
_SOME_DAY = re.compile(
    r"\b(?:some|any|every|a|ein|einen|jeden|un|une|cualquier)\s+(?:\w+\s+(?:or|oder|ou|o)\s+)?$",
    re.IGNORECASE,
)


def find_date(text: str, received: datetime) -> tuple[date | None, int]:
    """The date of the phrase that reads most like a deadline, and where that phrase ends."""
    today = received.date()
    candidates: list[tuple[int, int, int, date, bool, bool, bool]] = []
    spans: list[tuple[int, int]] = []  # "within 5 working days": a count of days from now
    vague: set[int] = set()  # "the last payment run this week closes at noon tomorrow"
    # The patterns read lower-cased text without re.IGNORECASE: the same matches, faster.
    low = lower_exactly(text)
    read = low if low is not None else text
    low_text = low if low is not None else text.lower()
    words = words_of(text)
    # no digit: no "15.3." nor "the 4th"; no word of those the patterns need: only the others
    plan = _PLANS[_DIGIT.search(read) is not None, not words.isdisjoint(_NEEDED_WORDS)]
    for kind, pattern, lowered_pattern, cues, needs in plan:
        if needs is not None and words.isdisjoint(needs):
            continue  # no weekday or month name: the long alternations need not run
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
            if kind in {"day_month", "month_day", "iso", "dotted"} and (
                SINCE.search(before)
                or (
                    _STARTS_FROM.search(before)
                    and not _RANGE_AFTER.match(text, match.end())
                    and not _BY_THEN.search(text, match.end())
                )
            ):
                continue  # "after 1 July", "goes ahead from 1 April": a start, no deadline
            if NEGATED.search(before) or (kind == "today" and THAT_DAY.match(text, match.end())):
                continue  # "avísame esta tarde, no mañana"; "by EOD that day": the day named
            if weekday and not match.group(1) and in_the_past(before):
                continue  # "we met on Monday" names no deadline
            if (
                kind == "today"
                and EARLIER_TODAY.match(match.group(1))
                and in_the_past(before)
                and not ANY_DEADLINE_WORD.search(text)
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
    if not candidates:
        return None, -1  # what follows only chooses among them
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
    stems = any(map(low_text.__contains__, _PURPOSE_STEMS))
    purpose = _PURPOSE.search(text) if stems else None
    # only when the ask's own part sets a limit: "After the call on the 3rd, so that we can
    # close, send them by the 10th" keeps the 10th; "within two business days so we can
    # submit it before the 25th" keeps the two days
    own_span = any(start < purpose.start() for start, _ in spans) if purpose else False
    if purpose and (own_span or ANY_DEADLINE_WORD.search(text, 0, purpose.start())):
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
    (kind, pattern, lowered(pattern), NEEDS_TEXT.get(pattern), NEEDS_A_WORD.get(kind))
    for kind, pattern in DATE_PATTERNS
]
_NEEDED_WORDS = frozenset().union(*NEEDS_A_WORD.values())
# The patterns to run, in their order, by whether the text holds a digit and a needed word.
_PLANS = {
    (digit, word): [
        entry
        for entry in _PATTERNS
        if (digit or entry[0] not in _NUMERIC) and (word or entry[4] is None)
    ]
    for digit in (False, True)
    for word in (False, True)
}
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
# Any word that makes a time something to meet, anywhere in the sentence.
ANY_DEADLINE_WORD = re.compile(
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
# "the restructuring goes ahead from 1 April", "gilt ab dem 1. März": when a thing starts.
_STARTS_FROM = re.compile(
    r"\b(?:goes ahead|applies|apply|effective|valid|available|starting|takes effect|live)\s+"
    r"(?:from|as of|ab(?: dem)?|à partir du|a partir del?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "... goes live from 1 December, so I need your OK before then": the start is the deadline.
_BY_THEN = re.compile(
    r"\b(?:before|by|until|ahead of) (?:then|that date|that day|it (?:applies|"
    r"starts|goes live|takes effect))\b",
    re.IGNORECASE,
)
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
