"""Times of day: "5 p.m. ET", "18h30", "18.30 Uhr", "noon", "by 8", and the zone named after."""

from __future__ import annotations

import re
from datetime import time

from digests.summarize.datewords import IN_HOURS, MONTH
from digests.summarize.patterns import cues_of, lower_exactly, lowered
from digests.summarize.zones import ZONE

END_OF_DAY = time(23, 59)
_CLOCK_12 = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?)", re.I)
# "18:30", "18h30", "18.30 Uhr", "18 Uhr" (a dot only with "Uhr"/"h": "18.30" may be money);
# each starts at a digit, and saying so first spares the look-behinds everywhere else.
_CLOCK_24 = re.compile(
    r"(?=\d)(?:"
    r"(?:\b|(?<=\d[tT]))([01]?\d|2[0-3])(?::|h|\.(?=\d\d\s*(?:uhr|h)\b))([0-5]\d)(?::[0-5]\d)?"
    r"(?:\b|(?=[zZ]\b))|"
    # "18 Uhr", "à 9h"; "down from 9h", "took 9h" is a span of time
    r"(?<!from )(?<!than )(?<!over )(?<!under )(?<!about )(?<!took )(?<!takes )(?<!for )"
    r"(?<!of )(?<!~)(?<!\d[.,])\b([01]?\d|2[0-3])\s*(?:uhr|h)\b|"
    # "tomorrow at 9.30", "bis 12.30": a dotted time after a word that wants one
    r"(?:(?<=\bat )|(?<=\bbefore )|(?<=\buntil )|(?<=\btomorrow )|(?<=\btoday )|(?<=\btonight )|"
    r"(?<=\bum )|(?<=\bbis )|(?<=\bà )|(?<=\ba las ))([01]?\d|2[0-3])\.([0-5]\d)\b(?![.,]\d|\s*%)"
    r")",
    re.I,
)
_SPACED_H = re.compile(r"\s+h$", re.I)
# "Resolution time (median): 19 h", "MTTR: 3 h": a label naming a span ("Heure limite : 14 h"
# is a time of day)
_LABEL = re.compile(
    r"\b(?:time|times|temps|durée|dauer|median|average|mean|mttr|mtta|sla|uptime|downtime)\b"
    r"[^:\n]{0,20}:\s*$",
    re.IGNORECASE,
)
_OFFSET_SIGN = re.compile(r"(?:UTC|GMT) ?[+\-\u2212] ?$", re.I)
_FIRST_THING = re.compile(
    r"\b(first thing|à la première heure|a primera hora|gleich morgens|als erstes morgen)", re.I
)
_NOON = re.compile(r"\b(?<!après-)(?<!apres-)(noon|midday|mittag|midi|mediodía)\b", re.IGNORECASE)
_MIDNIGHT = re.compile(r"\b(midnight|mitternacht|minuit|medianoche)\b", re.IGNORECASE)
_BARE_HOUR = re.compile(
    # "at 1Password", "at 3M": a name, not an hour
    # "at 1-800-555-0199": a phone number, not one o'clock
    r"\b(?:by|before|until|till|at|antes de las|hasta las|a las)\s+(\d{1,2})"
    r"(?![\d:%/]|[.,]\d|-\d\d)"
    r"(?![^\W\d_])"
    r"(?!\s*(?:days?|hours?|weeks?|am|pm|a\.m|p\.m|min|minutes?|minutos|minuten|tage|días))"
    # "raise it by 5 percent", "cut by 3 points": an amount, not five o'clock
    r"(?!\s*(?:percent|per cent|pct|prozent|pour ?cent|por ?ciento|points?|bps|basis)\b)"
    # "at 4 branches", "by 3 sites": a count of things, not four o'clock
    r"(?!\s+(?!this\b|plus\b|unless\b|hrs\b)[a-zà-ÿ]{2,}s\b)"
    # "by 8 May", "until 2 March": a day of the month, not eight o'clock
    rf"(?!(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?:{MONTH})\b)",
    re.I,
)


def find_time(text: str, after: int, american: bool) -> tuple[time | None, str, int]:
    """A stated time of day (nearest after the date phrase when there is one) and its zone."""
    found: list[tuple[int, time, int]] = []
    # The patterns read lower-cased text without re.IGNORECASE: the same matches, faster.
    low = lower_exactly(text)
    read, patterns = (low, _LOWERED) if low is not None else (text, _PATTERNS)
    clock_12, clock_24, noon, first_thing, midnight, in_hours, bare_hour = patterns
    # noon, midnight and "first thing" are words: not looked for where none of them is written
    worded = low is None or any(map(low.__contains__, _WORDS))
    for match in clock_12.finditer(read):
        hour, minute = int(match.group(1)) % 12, int(match.group(2) or 0)
        if int(match.group(1)) > 12 or minute > 59:
            continue
        hour += 12 if match.group(3).lower().startswith("p") else 0
        found.append((match.start(), time(hour, minute), match.end()))
    for match in clock_24.finditer(read):
        if _OFFSET_SIGN.search(text, max(0, match.start() - 6), match.start()):
            continue  # "UTC+05:30" is a zone, not half past five
        hour, minute = match.group(1) or match.group(4), match.group(2) or match.group(5)
        if hour is not None and minute is not None:
            # "before 5:30" in a US office means the afternoon; "05:30" is written as meant.
            later = american and len(hour) == 1 and 1 <= int(hour) <= 6
            later = later and not re.match(r"\s*[ap]\.?\s?m\b", text[match.end() :], re.I)
            clock = time(int(hour) + 12 * later, int(minute))
            found.append((match.start(), clock, match.end()))
        elif not _SPACED_H.search(match.group(0)) or not _LABEL.search(read, 0, match.start()):
            # "à 19 h" is a French hour; "Resolution time (median): 19 h" a span of time
            found.append((match.start(), time(int(match.group(3))), match.end()))
    for match in noon.finditer(read) if worded else ():
        found.append((match.start(), time(12), match.end()))
    for match in midnight.finditer(read) if worded else ():
        found.append((match.start(), END_OF_DAY, match.end()))
    # "in 2h" is a span of time, not two o'clock.
    spans = [m.span() for m in in_hours.finditer(read)] if found else []
    found = [f for f in found if not any(a <= f[0] < b for a, b in spans)]
    if not found:
        for match in bare_hour.finditer(read):
            hour = int(match.group(1))
            if 1 <= hour <= 7:
                found.append((match.start(1), time(hour + 12), match.end()))
            elif 8 <= hour <= 12:
                found.append((match.start(1), time(hour), match.end()))
    for match in first_thing.finditer(read) if worded else ():
        # "first thing tomorrow" is 09:00 unless it states its time ("first thing, before 8")
        if not any(match.end() <= start <= match.end() + 25 for start, _, _ in found):
            found.append((match.start(), time(9), match.end()))
    if not found:
        return None, "", -1
    start, clock, end = min(found, key=lambda f: abs(f[0] - after) if after >= 0 else f[0])
    # "5 p.m. ET", "noon tomorrow Berlin time": the zone follows, maybe after a date word.
    after_clock = _SKIP_DATE_WORDS.sub("", text[end : end + 40], count=1)
    zone = ZONE.match(after_clock.lstrip(" ,(")) if after_clock.strip() else None
    return clock, zone.group(1) if zone else "", start


_PATTERNS = (_CLOCK_12, _CLOCK_24, _NOON, _FIRST_THING, _MIDNIGHT, IN_HOURS, _BARE_HOUR)
_LOWERED = tuple(lowered(pattern) for pattern in _PATTERNS)
# What noon, "first thing" and midnight cannot be written without, lower-cased.
_WORDS = tuple(cue for pattern in _LOWERED[2:5] for cue in cues_of(pattern))
_SKIP_DATE_WORDS = re.compile(
    r"^\s*(?:uhr\s+)?(?:today|tomorrow|tonight|"
    r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|this (?:morning|afternoon|evening)|"
    # "09:00 our time (NZDT)", "5pm local time, CET": whose clock, then which zone
    r"(?:(?:my|our) (?:local )?|local )time\b|"
    r"(?=\S))",  # "12:00 Uhr MEZ": the zone after the hour's word
    re.IGNORECASE,
)
