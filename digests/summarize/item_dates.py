"""Which date an action item takes: its own, or one its mail gives it.

An ask's own deadline is read in ``ask_dates`` (in the clause that asks, or in the sentence
after it when that only says when: "Could you review it? I need it by Thursday."). An ask
without one is dated by what it points at: "Please read it before we start", "bring the A3
prints", "prepare a page for that call" are due when the event is (the hearing tomorrow at
9.30, the invitation's start); "before I go" when the sender leaves.
"Would a date in July work?" names its own range and "approve it when you can" says there is
no hurry: neither borrows a date. Otherwise the ask is due when the mail's nearest deadline
is ("by Friday" in another sentence), never on the sender's own diary ("I'm out tomorrow"),
and a date already past makes it due today unless it only names the thing ("die Inventurliste
zum 31.12.2025"). A date that only says when something happens ("your plan renews on April 15",
"a call in January") is no deadline to borrow. "Would you be available?" takes only a limit the
mail sets, never the event's date.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import cached_property

from digests.invitations import CalendarEvent
from digests.summarize.ask_dates import (
    SAME_DEADLINE,
    deadline_ahead,
    fine_by,
    intro_limit,
    listed_deadline,
    restates_deadline,
    sender_zone,
    stated_deadline,
)
from digests.summarize.asks import only_a_question
from digests.summarize.calendar_math import days_earlier
from digests.summarize.cues import CUED, SEPARATE
from digests.summarize.dates import Deadline, clock_of, names_a_day, resolve_deadline
from digests.summarize.event_refs import event_nouns, event_ref
from digests.summarize.limits import (
    ANSWER,
    OTHER_MATTER,
    OWN_RANGE,
    SETS_A_LIMIT,
    asks_attendance,
    incoming,
    no_hurry,
)
from digests.summarize.patterns import may_hold
from digests.summarize.zones import CLOCK_CHANGE, NAMES_A_ZONE, ZONE

# What actions.py takes from here, some of it read in ask_dates.
__all__ = [
    "AWAY",
    "SAME_DEADLINE",
    "MailDates",
    "deadline_ahead",
    "is_dateline",
    "listed_deadline",
    "sender_zone",
    "soonest",
    "stated_deadline",
]

# The sender's own schedule: "I'm travelling tomorrow", "je suis en congé vendredi".
AWAY = re.compile(
    r"^(?:\w+,\s+)?(?:i'?m|i am|i'll be|i will be|i'?ve got|i have|we'?re|we are|we'll be|"
    r"ich bin|je suis|je serai|estoy|estaré)\s+(?:\w+\s+){0,2}?(?:travel\w*|out|off|away|"
    r"offline|flying|on (?:leave|holiday|vacation|pto|the road)|unterwegs|im urlaub|"
    r"nicht (?:da|erreichbar)|en (?:déplacement|congé|vacances)|absente?|de (?:viaje|vacaciones)|"
    r"fuera|(?-i:in [A-Z][\w-]+))\b",
    re.IGNORECASE,
)
# The sender's own plan: "I will handle the metadata today", "I'll be on site from 07:30".
OWN_PLAN = re.compile(
    r"^(?:\w+,\s+)?(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|"
    r" plan to)\s+(?!need\b|want\b|have to\b|require\b)",
    re.IGNORECASE,
)
# Where a person comes or goes: what "before she comes in", "before I leave" waits for.
_MOVES = re.compile(
    r"\b(?:out|off|away|leav\w*|last day|travel\w*|fly\w*|back|return\w*|starts?|starting|"
    r"joins?|joining|comes? in|arriv\w*|on (?:leave|holiday|vacation))\b",
    re.IGNORECASE,
)
# A deadline inside the sender's diary ("I'm out from Friday, so by Thursday"); "until" is not.
_BY_WORD = re.compile(
    r"\b(?:by|before|no later than|due|deadline|latest|spätestens|avant|d'ici|antes)\b", re.I
)
# Words that make a date a deadline rather than when something happens.
_DEADLINE_WORD = re.compile(
    r"\b(?:by|before|until|till|due|deadline|latest|no later than|bis|spätestens|avant|d'ici|"
    r"au plus tard|antes|hasta|plazo|frist|échéance)\b",
    re.IGNORECASE,
)


# A past date the ask must still meet: "the invoice due on 1 March", "überfällig seit".
_OVERDUE = re.compile(
    rf"{_DEADLINE_WORD.pattern}|\b(?:overdue|late|(?:über)?fällig|en retard|échu\w*|vencid\w*|"
    r"atrasad\w*|expired|abgelaufen)\b",
    re.IGNORECASE,
)


# A letter's date line ("15-Feb-2026", "Monday, 3 March 2026", "2026-02-15"): when it was written.
_DATELINE = re.compile(
    r"^\W*(?:[A-Za-z]+,?\s+)?(?:\d{1,2}[-./ ]+[A-Za-zäéû]+\.?[-./ ]+\d{2,4}|"
    r"[A-Za-z]+\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})\W*$"
)


def is_dateline(sentences: list[str], place: int) -> bool:
    """Whether the sentence at ``place`` is the letter's date line: a date alone, at the top."""
    return place <= 1 and bool(_DATELINE.match(sentences[place]))


def soonest(sentences: list[str], received: datetime, zone: tzinfo) -> Deadline | None:
    """The nearest date still ahead that one of the sentences names (not a date line)."""
    dates = [
        d
        for place, s in enumerate(sentences)
        if not is_dateline(sentences, place) and (d := resolve_deadline(s, received))
    ]
    ahead = [d for d in dates if d.due >= received.date()]
    return min(ahead, key=lambda d: d.moment(zone)) if ahead else None


# An add-on that hands something in with the ask before it: "Also send me the proof".
_HANDS_IN = re.compile(
    r"\b(?:send|forward|attach|include|upload|share|return|add|copy)\b", re.IGNORECASE
)


# What an ask to offer dates names: "a couple of dates", "two or three options".
_OPTIONS = re.compile(
    r"\b(?:date|time|slot|option|window|fecha|créneau)s?\b|\bcréneaux\b|termin", re.I
)


@dataclass
class MailDates:
    """What a mail offers its undated asks: its nearest cued date and its events."""

    sentences: list[str]  # the new text's sentences, in order
    received: datetime  # in the reader's zone
    zone: zoneinfo.ZoneInfo
    subject: str = ""
    calendar: CalendarEvent | None = None
    is_ask: Callable[[str], bool] = field(default=lambda _: False)
    subject_due: Deadline | None = None  # "Review für #4821 - heute vor 18 Uhr?"

    @cached_property
    def first(self) -> Deadline | None:
        """The nearest cued date still ahead (read only when an ask or a duty needs it)."""
        return soonest([s for s in self.sentences if CUED.search(s)], self.received, self.zone)

    def due(
        self,
        own: Deadline | None,
        sentence: str,
        index: int,
        ahead: Deadline | None,
        previous: Deadline | None,
    ) -> tuple[Deadline | None, str]:
        """The ask's own deadline, else the one it borrows; a date already past is today's.

        "It was due on 1 March. Please arrange payment." asks for it now, not in the past.
        """
        if own and ahead and ahead.moment(self.zone) < own.moment(self.zone):
            own = ahead  # "What I need before we launch on Wednesday: ... Both by Tuesday?"
        found, source = (own, "own") if own else self.borrowed(sentence, index, ahead, previous)
        if own and own.due < self.received.date() and not _OVERDUE.search(sentence):
            # "die Inventurliste zum 31.12.2025", "le dîner du 12 mai": what it is, not when
            found, source = ahead or self.mails_deadline(index) or own, "own-dated"
        if found and not own and (back := days_earlier(sentence)):
            found = Deadline(found.due - timedelta(days=back))  # "a week before"
        if own and own.time is None and (timed := self.timed_deadline(own)):
            found = timed  # "The deadline is tomorrow at 23:59 AoE. Can you do it tomorrow?"
        elif own and own.time is None and (timed := self.event_time(sentence, index, own)):
            found = timed  # "ahead of Tuesday's call? The call is 10 a.m. Pacific on Nov 3."
        elif own and (timed := self.day_of_time(sentence, index)):
            found = timed  # "The run starts Sunday at 06:00. Could you be there at 06:00?"
        if found and found.due < self.received.date():
            return Deadline(self.received.date()), source + "-past"
        return found, source

    def list_limit(self, stated: Deadline | None, intro: str, index: int) -> Deadline | None:
        """The date a list's intro sets its items (``intro_limit``), at the time another
        sentence gives the event it names ("ahead of Thursday's walkthrough:" after "the
        walkthrough tomorrow, Thursday at 8:00"). ``index`` is the intro's place."""
        limit = intro_limit(stated, intro)
        if limit and limit.time is None:
            return self.event_time(intro, index, limit) or limit
        return limit

    def timed_deadline(self, day: Deadline) -> Deadline | None:
        """The mail's deadline with a time on the day an ask names, in the reader's zone."""
        for sentence in self.sentences:
            if not NAMES_A_ZONE.search(sentence) or not SETS_A_LIMIT.search(sentence):
                continue
            found = resolve_deadline(sentence, self.received)
            there = resolve_deadline(ZONE.sub("", sentence), self.received)
            if found and found.time and there and there.due == day.due:
                return found
        return None

    def borrowed(
        self, sentence: str, index: int, ahead: Deadline | None, previous: Deadline | None
    ) -> tuple[Deadline | None, str]:
        """The date an ask without its own takes, and where it came from.

        ``index`` is the ask's place in ``sentences``; ``ahead`` is a deadline stated just
        after it ("Send them to me by the 5th" beats "for the board on the 15th"),
        ``previous`` one stated just before. A separate matter ("Also, ...") borrows only a
        deadline after it, the date of an event it names, or, when it hands something in
        rather than asks a question, the deadline just before it.
        """
        if own_range := OWN_RANGE.search(sentence):
            return self._options_limit(own_range.group(), index), "options"
        hurry = not no_hurry(sentence)
        if ahead and (hurry or self._restated(index)):
            return ahead, "ahead"  # "No rush - end of next week is fine": a relaxed deadline
        if not hurry:
            return None, "none"  # "approve it when you can? Registration is open until ..."
        if asks_attendance(sentence):
            return self.reply_limit(index), "attendance"
        near = self.sentences[max(0, index - 1) : index + 3]
        if any(no_hurry(s) for s in near):
            return None, "none"  # "No rush on this one. When you get a chance, could you ..."
        if (ref := event_ref(sentence)) and (found := self.event(ref, index)):
            return found, "event"
        handed_in = bool(_HANDS_IN.search(sentence)) and not sentence.rstrip().endswith("?")
        if SEPARATE.match(sentence) and not (handed_in and previous):
            return None, "none"  # "Also, could you let us know who ...?": a matter of its own
        if previous:
            return previous, "previous"  # "Also send me the proof of payment once done"
        answer = ANSWER.search(sentence) or only_a_question(sentence)
        if found := self.mails_deadline(index, not answer):
            return found, "first_date"
        return self.subject_limit(), "subject"

    def _options_limit(self, own_range: str, index: int) -> Deadline | None:
        """When dates to offer ("two or three options that work") are due: only by a limit
        said just after ("I need to confirm his diary by the 13th"); "sometime in the next
        few weeks" is its own time, and a date before the ask is what the options are for."""
        if not _OPTIONS.search(own_range):
            return None
        after = [d for place, d, limit, _ in self._dated if limit and 0 < place - index <= 2]
        return after[0] if after else None

    def _restated(self, index: int) -> bool:
        """One of the two sentences after the ask only says when ("Needed by mid-December")."""
        after = self.sentences[index + 1 : index + 3]
        return any(restates_deadline(s) or fine_by(s) for s in after)

    def subject_limit(self) -> Deadline | None:
        """The subject's date when it sets a limit ("Review - heute vor 18 Uhr?"), not a slot
        it proposes ("Design review -> Monday 2 Nov?")."""
        found = self.subject_due
        if found and (found.due == self.received.date() or SETS_A_LIMIT.search(self.subject)):
            return found
        return None

    def mails_deadline(self, index: int = -1, deliverable: bool = True) -> Deadline | None:
        """The mail's nearest deadline, leaving out the sender's own schedule.

        Something to hand in (a ``deliverable``) takes the nearest date ("I present to the
        board on Thursday. Could you send me the numbers?"). An answer ("Would you be up for
        mentoring her?", "Let me know if ...") takes only a date the mail sets as a limit ("by
        Friday", "the CFP closes on 8 May", "in 48 hours") or something happening today:
        "your plan renews on April 15", "she joins on August 3", "a call in January" are when
        things happen, not when to answer.
        A later sentence that turns to another matter ("Either way, send me the deck by
        Friday") keeps its date to itself; ``index`` is the ask's place in ``sentences``.
        """
        if self.first is None:
            return None
        # the ask's own sentence was read for its deadline: a date there is not one to borrow
        ahead = [
            found
            for place, found, limit, other in self._dated
            if (deliverable or limit) and not (place > index >= 0 and other) and place != index
        ]
        return min(ahead, key=lambda d: d.moment(self.zone)) if ahead else self.meeting()

    def reply_limit(self, index: int) -> Deadline | None:
        """The nearest limit a statement of the mail sets ("Replies by Friday, please"), not
        another ask's own deadline nor the event's date: what an RSVP takes."""
        limits = [
            found
            for place, found, limit, other in self._dated
            if limit
            and not (place > index >= 0 and other)
            and (place == index or not self.is_ask(self.sentences[place]))
        ]
        return min(limits, key=lambda d: d.moment(self.zone)) if limits else None

    @cached_property
    def _dated(self) -> list[tuple[int, Deadline, bool, bool]]:
        """Each dated sentence still ahead that is no diary or no-hurry line: its place, date,
        whether it sets a limit (or is today), whether it turns to another matter."""
        today = self.received.date()
        found_all: list[tuple[int, Deadline, bool, bool]] = []
        for place, sentence in enumerate(self.sentences):
            if (AWAY.search(sentence) or OWN_PLAN.search(sentence)) and not _BY_WORD.search(
                sentence
            ):
                continue  # the sender's own diary or plan
            if not CUED.search(sentence) or no_hurry(sentence) or incoming(sentence):
                continue  # "the thesis would reach you by the 31st": not the reader's limit
            if CLOCK_CHANGE.search(sentence) or is_dateline(self.sentences, place):
                continue  # "Note your clocks go back on Sunday": a zone's change, no limit
            found = resolve_deadline(sentence, self.received)
            if found is None or found.due < today:
                continue
            # a bare time ("the session ends at 15:00") is today but sets no limit
            limit = SETS_A_LIMIT.search(sentence) is not None
            other = OTHER_MATTER.match(sentence) is not None
            found_all.append((place, found, limit, other))
        # "Last check: 22.07.2026 14:00 UTC" happened: it says "now" only when no date is ahead
        ahead = [entry for entry in found_all if not entry[1].passed]
        return ahead or found_all

    def event(self, ref: tuple[str, str], index: int) -> Deadline | None:
        """When the event an ask points at (``event_ref``) happens."""
        received = self.received
        kind, noun = ref
        if kind == "then":
            for sentence in reversed(self.sentences[max(0, index - 2) : index]):
                if found := resolve_deadline(sentence, received):
                    return found if found.due >= received.date() else None
            return None
        if kind == "moves":  # "before she comes in": when "Joanne's back next Tuesday"
            for sentence in self.sentences[:index]:
                found = resolve_deadline(sentence, received) if _MOVES.search(sentence) else None
                if found and found.due >= received.date():
                    return found
        held = [s for s in self.sentences if noun and may_hold(s, noun)]  # none: no compiling
        named = [s for s in held if re.search(rf"\b{re.escape(noun)}\b", s, re.IGNORECASE)]
        for sentence in [*named, self.subject] if noun else []:
            found = resolve_deadline(sentence, received) if sentence else None
            if found and found.due >= received.date():
                return found
        return self.meeting() or self._any_event()

    def event_time(self, sentence: str, index: int, day: Deadline) -> Deadline | None:
        """When the event the ask points at starts, as another sentence times it on that day
        (a day in the sender's zone may be the next or the one before in the reader's)."""
        ref = event_ref(sentence)
        if ref is None or ref[0] != "noun":
            return None
        word = rf"\b{re.escape(ref[1])}\b"  # compiled only for a sentence that holds it
        for place, other in enumerate(self.sentences):
            if place == index or not (may_hold(other, ref[1]) and re.search(word, other, re.I)):
                continue
            found = resolve_deadline(other, self.received)
            if found and found.time and abs((found.due - day.due).days) <= 1:
                return found
        return None

    def day_of_time(self, sentence: str, index: int) -> Deadline | None:
        """The day a sentence just before gives an ask's bare time of day, when it names that
        time or an event ("The run is on Sunday, we start at 06:00. Can you be there at 06:00?")."""
        received = self.received
        clock = None if NAMES_A_ZONE.search(sentence) else clock_of(sentence, received)
        if clock is None or names_a_day(sentence, received):
            return None  # "right at 09:00 UTC" is read in its zone; "Sunday at 6" has its day
        for other in reversed(self.sentences[max(0, index - 2) : index]):
            if not names_a_day(other, received):
                continue
            found = resolve_deadline(other, received)
            if found is None or found.due <= received.date():
                return None
            if found.time and clock > found.time and _BY_WORD.search(sentence):
                # "They want it tomorrow at 9. Send it back before 20h?": this evening's 20:00,
                # before the event, not the evening after it
                return None
            if clock_of(other, received) == clock or event_nouns(other):
                return Deadline(found.due, clock)
            return None
        return None

    def meeting(self) -> Deadline | None:
        """When the meeting the mail invites to starts (None without an invitation)."""
        if (calendar := self.calendar) and calendar.start and calendar.method != "CANCEL":
            if calendar.all_day:
                return Deadline(calendar.start.date())  # a day, not an instant: no zone
            start = calendar.start.astimezone(self.zone)
            return Deadline(start.date(), start.time().replace(second=0, microsecond=0))
        return None

    def _any_event(self) -> Deadline | None:
        """The date of the mail's event: a dated statement that is no deadline or ask."""
        best: tuple[int, int, Deadline] | None = None
        for place, sentence in enumerate(self.sentences):
            if _DEADLINE_WORD.search(sentence) or self.is_ask(sentence):
                continue
            found = resolve_deadline(sentence, self.received)
            if found is None or found.due < self.received.date():
                continue
            rank = 0 if event_nouns(sentence) else 1 if found.time else 2
            if best is None or (rank, place) < best[:2]:
                best = (rank, place, found)
        return best[2] if best and best[0] < 2 else None
