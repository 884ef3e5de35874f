"""An ask's own deadline: in the clause that asks, in the sentence after it, or its list's.

"Could you review it by Thursday?" is due Thursday; "Could you review it? I need it by
Thursday." and "No rush - end of next week is fine" say so in the next sentence
(``deadline_ahead``); "I need three things by Monday:" dates its list unless the intro only names
an event and a limit follows the list (``intro_limit``). "by the same date" takes the one just
given (``SAME_DEADLINE``). A bracketed period ("(6 April 2025 - 5 April 2026)") says what a thing
covers, dates to choose between ("on the 15th or wait until the 22nd") are options, a date
inside the question ("whether the bar can stay open until 2am") is what it asks about, and "Would
you be able to join on Wednesday?" names when the event is: none is the ask's deadline.
"By 4pm my time" is the sender's clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from email.utils import parsedate_to_datetime

from digests.parsing import ParsedMessage
from digests.summarize.asks import is_ask as is_request
from digests.summarize.cues import CUED_DATE, DEADLINE_LIKE, FOLLOW_UP, LATEST, NOWADAYS
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.datewords import MONTH, may_name_a_date
from digests.summarize.event_refs import dated_by_its_event
from digests.summarize.limits import (
    OTHER_MATTER,
    SETS_A_LIMIT,
    UNLESS,
    asks_attendance,
    incoming,
)
from digests.summarize.objects import ask_clause
from digests.summarize.sentences import Caseless, new_text

# "by 4pm my time": the sender's clock, not the reader's.
MY_TIME = re.compile(
    r"\b(?:my|our) (?:local )?time\b|\b(?:meiner|unserer) zeit\b|\b(?:mon|notre) heure\b|"
    r"\b(?:mi|nuestra) hora\b|\bhora (?:de aquí|local mía)\b",
    re.IGNORECASE,
)


# The phrases MY_TIME finds, as plain text: a cheap test first.
_MY_CLOCK = (
    "my time", "our time", "my local time", "our local time", "meiner zeit", "unserer zeit",
    "mon heure", "notre heure", "mi hora", "nuestra hora", "hora de aquí", "hora local mía",
)  # fmt: skip


def sender_zone(message: ParsedMessage) -> tzinfo | None:
    """The sender's UTC offset from the Date header, when the mail says "my time"."""
    low = new_text(message).lower()
    if not any(word in low for word in _MY_CLOCK):
        return None  # most mail: no header to parse
    try:
        sent = parsedate_to_datetime(message.headers.get("date", "")[:200])
    except (TypeError, ValueError, IndexError):
        return None
    return sent.tzinfo if sent.tzinfo is not None and sent.utcoffset() is not None else None


def read(text: str, received: datetime, sender: tzinfo | None) -> Deadline | None:
    """The deadline a phrase names; a time "my time" is on the sender's clock."""
    return resolve_deadline(text, received, sender if sender and MY_TIME.search(text) else None)


# "End of next week is totally fine", "Freitag reicht", "fin de semaine prochaine, ça me va":
# when the ask may come, said as what is enough.
_IS_FINE = re.compile(
    r"\b(?:is|are|would be|will be|'s|works?) (?:totally |perfectly |absolutely |completely |"
    r"also |still |more than )?(?:fine|ok|okay|good|enough|plenty)\b|"
    r"\b(?:reicht|genügt|passt (?:mir|uns|auch|völlig)|ist (?:völlig |auch )?(?:ausreichend|"
    r"früh genug))\b|\b(?:ça (?:me|nous) va|c'est (?:très |tout à fait |largement )?"
    r"(?:bien|parfait|suffisant))\b|\b(?:me vale|nos vale|está bien|es suficiente|me sirve)\b",
    re.IGNORECASE,
)


# "Si puede ser el miércoles, mejor", "Wednesday would be better", "ideally Monday": the day
# the ask should come by, said as a wish.
_PREFERS = re.compile(
    r"^(?:and |but |so |y |pero )?(?:ideally|preferably|if possible|if you can|idéalement|"
    r"si possible|de préférence|idealmente|si puede ser|si puedes|de ser posible|a ser posible|"
    r"am besten|idealerweise|möglichst|wenn möglich)\b|\b(?:would be|is) (?:even )?better\b|"
    r"\b(?:ce serait|c'est) mieux\b|\bmejor\W*$|\bwäre (?:noch )?besser\b",
    re.IGNORECASE,
)
_EITHER = re.compile(r"\b(?:or|oder|ou|o)\b", re.IGNORECASE)
# A day or an end to meet: "end of next week", "Friday", "the 22nd"; not "next week" alone.
_POINT = re.compile(
    r"\d|\b(?:end|ende|fin|final|(?:mon|tues|wednes|thurs|fri)day|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|"
    r"viernes)\b",
    re.IGNORECASE,
)


def fine_by(sentence: str) -> bool:
    """ "End of next week is fine", "Friday reicht": a day the ask may come by; "next week or
    the week after is fine" and "next week is fine" give no one date to meet."""
    found = _IS_FINE.search(sentence) and _POINT.search(sentence)
    return bool(found) and not _EITHER.search(sentence)


def restates_deadline(sentence: str) -> bool:
    """ "I need them by Thursday", "Spätestens Donnerstag bitte": only the ask's deadline."""
    cued = CUED_DATE.search(sentence) or LATEST.search(sentence)
    return bool(FOLLOW_UP.search(sentence) or (cued and len(sentence.split()) <= 5))


def deadline_ahead(
    sentences: list[tuple[bool, str]],
    index: int,
    received: datetime,
    sender: tzinfo | None,
    is_ask: Callable[[str], bool],
) -> Deadline | None:
    """The deadline one of the next two sentences states, when it is no ask of its own.

    A list item looks past the rest of its list: "Please put both into the sheet by Monday"
    after the list dates every item of it.
    """
    listed_here = index > 0 and sentences[index - 1][0]
    checked = 0
    for listed, sentence in sentences[index : index + 8]:
        if listed and listed_here:
            continue
        # "We need it back by Thursday", "Thursday is the latest": the ask's own deadline;
        # "Separately, could you confirm by Thursday ...?" after a list: its own matter
        own_ask = is_ask(sentence) and not restates_deadline(sentence)
        if own_ask and (not listed_here or OTHER_MATTER.match(sentence)):
            return None
        cued = CUED_DATE.search(sentence) or LATEST.search(sentence) or FOLLOW_UP.search(sentence)
        cued = cued or fine_by(sentence) or _PREFERS.search(sentence)
        if cued and (found := read(sentence, received, sender)):
            return found
        checked += 1
        if checked == 2:
            break
    return None


# "(6 April 2025 - 5 April 2026)", "(del 1 de enero al 31 de agosto)": an aside naming the
# period a thing covers, not when it is due; a month or a year on each side of the range.
_DAY = rf"(?:\b(?:{MONTH})\b|\b(?:19|20)\d\d\b)"
_TOLD_TIME = re.compile(r"\d(?::\d\d)?\s*(?:[ap]\.?m\b|h\b|uhr\b)|\b\d{1,2}:\d\d\b", re.I)
_ASIDE = re.compile(r"\([^()]*\)")
_PERIOD_ASIDE = re.compile(
    rf"\((?:[^()]*?){_DAY}[^()]*?(?:\s[\u2013\u2014-]\s|\b(?:to|al|au|bis|till|through|"
    rf"until|a)\b)[^()]*?{_DAY}[^()]*\)",
    re.IGNORECASE,
)

# "the recruitment log (through October 23)", "(as of 30 June)": what it covers.
_COVERS_ASIDE = re.compile(
    r"\((?:through|thru|up to|as of|covering|since|bis einschließlich|jusqu'au|hasta el)\s[^()]*\)",
    re.IGNORECASE,
)


# "by the same date", "bis zum selben Termin", "à la même date": the deadline just given.
SAME_DEADLINE = re.compile(
    r"\b(?:by|before|at|on|for) the same (?:date|time|day|deadline)\b|\bsame deadline\b|"
    r"\b(?:zum|am|bis zum) (?:selben|gleichen) (?:termin|zeitpunkt|datum|tag)\b|"
    r"\b(?:à|pour|avant) la même (?:date|heure|échéance)\b|"
    r"\b(?:en|para|antes de) la misma (?:fecha|hora)\b",
    re.IGNORECASE,
)
# Whose answer a choice is: "whether we go on the 15th or wait until the 22nd".
_CHOICE = re.compile(
    r"\b(?:whether|ob|entre|between|(?:know|wondering|tell me|decide|see|check) if|"
    r"(?:savoir|dire|décider|demander) si|(?:saber|decir|decidir|preguntar|dime) si)\b",
    re.IGNORECASE,
)
_CHOICE = Caseless(_CHOICE)  # only where it starts and ends is read: lower-cased, faster


def _options_from(sentence: str, received: datetime) -> int:
    """Where a choice between two dates starts ("whether ... Tuesday or Thursday"), or -1."""
    if (choice := _CHOICE.search(sentence)) is None:
        return -1
    parts = _EITHER.split(sentence[choice.end() :], maxsplit=1)
    if len(parts) == 2 and all(resolve_deadline(part, received) for part in parts):
        return choice.start()
    return -1


# A limit set inside the question: "whether you can send it by Friday", "whether we hold the
# rooms until the 21st"; "open until 2am", "opening (until 21:00)" are opening hours.
_LIMIT_IN_QUESTION = re.compile(
    r"\b(?:by|before|no later than|latest|bis|spätestens|avant|d'ici|antes|a más tardar|"
    r"(until|till|hasta|jusqu'à))\b",
    re.IGNORECASE,
)
_OPEN = re.compile(r"\b(?:open|opening|abiert[oa]s?|geöffnet|ouverte?s?)\W*$", re.IGNORECASE)


# "let me know which of the three dates (3, 5 or 10 March) suit you", "mitteilen, welche"
# and "vérifier si le studio est libre fin janvier", "prüfen, ob der Raum am 3. frei ist"
_WHICH = re.compile(
    r"\b(?:mit|know|tell (?:me|us)|decide|choose|sag(?:en sie)? mir|dis-moi|dites-moi|dire|"
    r"savoir|dime|dígame)\W+(?:which|welche\w*|quel(?:le)?s?|lesquel\w*|cuál(?:es)?|qué)\b|"
    r"\b(?:vérifier|voir|comprobar|verificar|prüfen|klären),? (?:si|ob)\b",
    re.IGNORECASE,
)
_WHICH = Caseless(_WHICH)


def _asked_about(sentence: str) -> int:
    """Where a question whose dates are its matter starts ("whether we keep the Sunday opening
    until 21:00", "ob wir am Freitag öffnen"), or -1 when there is none or it sets a limit."""
    if (choice := _CHOICE.search(sentence) or _WHICH.search(sentence)) is None:
        return -1
    for limit in _LIMIT_IN_QUESTION.finditer(sentence, choice.end()):
        if not limit.group(1) or not _OPEN.search(sentence, 0, limit.start()):
            return -1
    return choice.start()


def own_deadline(sentence: str, received: datetime, sender: tzinfo | None) -> Deadline | None:
    """The deadline the sentence itself states; none in "Today we ship from Leipzig"."""
    return None if NOWADAYS.match(sentence) else stated_deadline(sentence, received, sender)


def then_deadline(before: list[str], received: datetime, sender: tzinfo | None) -> Deadline | None:
    """What "before then" points back to: the last time the sentence before named ("closes at
    23:59 AoE, but I want to submit by 23:00 Lisbon time. I need two things before then:"),
    looking back up to three sentences ("valid until 5pm London today. I'm happy with it.")."""
    for sentence in before[-2:-5:-1]:
        last = re.split(r",\s+(?:but|and)\s+|;\s+", sentence)[-1]
        if found := own_deadline(last, received, sender):
            return found
    return None


def stated_deadline(sentence: str, received: datetime, sender: tzinfo | None) -> Deadline | None:
    """The sentence's deadline, read first in the clause that asks.

    "The editor gave us until 21 September, so could you please, by Monday:" is due Monday;
    "For the board on 15 October, can you prepare three slides?" is not due on the board's
    day (the purpose names an event, and the mail's deadline is elsewhere).
    """
    found = _stated_deadline(sentence, received, sender)
    return None if _aside_time(sentence, found, received) else found


def _stated_deadline(sentence: str, received: datetime, sender: tzinfo | None) -> Deadline | None:
    """:func:`stated_deadline` before the aside check."""
    if not may_name_a_date(sentence):
        return None  # no digit and no date word: every reading below would find nothing
    if incoming(sentence) and not is_request(sentence):
        return None  # "The thesis would reach you by the end of this month": not the reader's
    if "(" in sentence:
        sentence = _COVERS_ASIDE.sub("", _PERIOD_ASIDE.sub("", sentence))
    if (options := _options_from(sentence, received)) >= 0:
        # the dates are what to choose between; a limit before the choice still holds
        return read(sentence[:options], received, sender)
    if (asked := _asked_about(sentence)) >= 0 and not read(sentence[:asked], received, sender):
        return None  # "whether the bar can stay open until 2am": what to answer, not by when
    if (unless := UNLESS.match(sentence)) and (found := read(unless.group(), received, sender)):
        return found  # "If I don't have your OK by 14:00, there is no slot until the 14th"
    if (miss := _IF_MISSED.search(sentence)) and (
        found := read(sentence[: miss.start()], received, sender)
    ):
        return found  # "She needs them by Friday, so if we miss it they're paid mid-November"
    if asks_attendance(sentence) and not SETS_A_LIMIT.search(sentence):
        return None  # "Would you be able to join on Wednesday?": when it is, not a deadline
    clause, purpose = ask_clause(sentence)
    if clause != sentence:
        if found := read(clause, received, sender):
            return found
        if purpose:
            return None
    if (rest := dated_by_its_event(sentence)) is not None and not read(rest, received, sender):
        return None  # "Could you pull it together for the meeting on Wednesday?": the event's
    return read(sentence, received, sender)


# What a miss would bring, after the ask's own date: not when the ask is due ("She needs them
# by Friday, so if we miss it they're paid mid-November"). Not a conditional ask of its own:
# "if you can't attend, please let me know by Thursday".
_IF_MISSED = re.compile(
    r"(?:[,;]|\s[-\u2013\u2014])\s*(?:so |and |but )?(?:if (?:we|it|this|that|they) "
    r"(?:miss(?:es)?|slips?|(?:don't|do not|can't|cannot) (?:get|have|make))\b|otherwise\b|"
    r"or else\b|failing that\b)(?![^.]*\b(?:please|let me know|tell me|send|confirm)\b)",
    re.IGNORECASE,
)


def _aside_time(sentence: str, found: Deadline | None, received: datetime) -> bool:
    """The deadline is only a past time of day told in an aside: "(that 3am alert week)"."""
    if not found or found.time is not None or found.due != received.date() or "(" not in sentence:
        return False
    if DEADLINE_LIKE.search(_ASIDE.sub(" ", sentence)):
        return False  # "Could you fix it today (it broke at 3am)?": today, said outside
    asides = [m.span() for m in _ASIDE.finditer(sentence)]
    times = [m.start() for m in _TOLD_TIME.finditer(sentence)]
    return bool(times) and all(any(a <= t < b for a, b in asides) for t in times)


def intro_limit(stated: Deadline | None, intro: str) -> Deadline | None:
    """The date a list's intro sets its items as a limit ("I need by Monday:"); "To get it into
    this week's review I still need:" names the review, and a limit after the list wins."""
    return stated if stated and SETS_A_LIMIT.search(intro) else None


def listed_deadline(stated: Deadline | None, intro: Deadline | None, item: str) -> Deadline | None:
    """A list item's deadline: its own limit, else the sooner of its date and the list's ("I
    need three things by Monday: ... 3. who will sit in on the interview on Tuesday" is due
    Monday; "book a room for the rehearsal on Thursday" under "by Friday" is due Thursday)."""
    if stated is None or intro is None or SETS_A_LIMIT.search(item):
        return stated or intro
    return intro if intro.due < stated.due else stated
