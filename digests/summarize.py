"""What each message says, how urgent it is and what the reader must do by when.

Two layers. :func:`analyze` is local, deterministic and always works: an extractive summary
(the most informative sentences of what the sender wrote this time), an urgency class with
the reasons that produced it, action items with due dates resolved in the reader's time zone,
and a reading time. :func:`summarize` then runs the provider chain from
``settings.CONFIG.summary.providers``: a remote model (``openai``, ``anthropic``) may rewrite
the summaries, urgencies and action items of the listed messages; any timeout, error or
output that does not match the schema falls through to the next provider, and ``extractive``
(the local analysis as is) ends every chain, so a digest never fails for want of a model.
"""

from __future__ import annotations

import json
import logging
import math
import re
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

import requests
from django.conf import settings

from digests.models import Urgency
from digests.parsing import ParsedMessage
from gda_site import serialization as js
from gda_site.config import SummaryConfig

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230
MIN_READING_SECONDS = 5
SUMMARY_CHARS = 280
MAX_ACTION_ITEMS = 3
URGENCY_ORDER = {Urgency.LOW: 0, Urgency.MEDIUM: 1, Urgency.HIGH: 2, Urgency.URGENT: 3}
# Remote providers see a bounded prompt: enough of each mail to summarize, never a novel.
REMOTE_BODY_CHARS = 1500


@dataclass(frozen=True)
class ActionItem:
    text: str
    due: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "due": js.iso(self.due)}


@dataclass(frozen=True)
class Analysis:
    summary: str
    urgency: Urgency
    reasons: tuple[str, ...] = ()
    action_items: tuple[ActionItem, ...] = ()
    reading_seconds: int = MIN_READING_SECONDS

    @property
    def earliest_due(self) -> date | None:
        return min((item.due for item in self.action_items if item.due), default=None)


@dataclass(frozen=True)
class SummaryContext:
    """What the analysis needs besides the message: the reader's clock and zone."""

    now: datetime
    zone: zoneinfo.ZoneInfo


@dataclass
class DigestSummary:
    provider: str
    analyses: dict[str, Analysis]
    overview: str = ""  # a remote provider's own overview; "" for extractive
    notes: list[str] = field(default_factory=list)  # providers that failed, and why


class ProviderError(Exception):
    """A summary provider could not produce a usable answer; the chain moves on."""


# --- reading time and sentences -----------------------------------------------------------


def reading_seconds(text: str) -> int:
    words = len(text.split())
    return max(MIN_READING_SECONDS, math.ceil(words * 60 / WORDS_PER_MINUTE))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATION_END = re.compile(r"\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|vs|approx|incl|No)\.$")
_ABBREVIATION_TAIL = 9  # the longest abbreviation ("approx.") and the character before it


SHORT_LINE = 50  # a plain-text line this short ends where it ends; longer ones are wrapped


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and short lines ("Lena: hero image v2") each on their own."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or re.match(r"(?:[-*•]|\d+[.)])\s", stripped):
            flush()
        if not stripped:
            continue
        current.append(stripped)
        if len(stripped) < SHORT_LINE or stripped.endswith((".", "!", "?", ":")):
            flush()
    flush()
    return blocks


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for block in _blocks(text):
        block = " ".join(block.split())
        if not block:
            continue
        pending = ""
        for piece in _SENTENCE_END.split(block):
            pending = f"{pending} {piece}".strip() if pending else piece
            # The tail only: searching all of a growing ``pending`` is quadratic in "Mr. Mr. ..."
            if not _ABBREVIATION_END.search(pending[-_ABBREVIATION_TAIL:]):
                sentences.append(pending)
                pending = ""
        if pending:
            sentences.append(pending)
    return [re.sub(r"^[-*•]\s+", "", s) for s in sentences]


# --- extractive summary -----------------------------------------------------------------

_STOPWORD_TEXT = """
    a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just let me
    more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with
    would you your yours hi hello dear thanks thank regards best please get got"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_NOISE = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.!?]{0,40}[,!]?$|"
    r"hope (you|this|all)|unsubscribe|view (it |this )?in (your )?browser|"
    r"^https?://\S+$|all rights reserved|privacy policy|you are receiving this|"
    r"manage (your )?preferences",
    re.IGNORECASE,
)
_SIGNAL_WORDS = re.compile(
    r"\b(urgent|asap|deadline|due|by (today|tomorrow|eod|monday|tuesday|wednesday|thursday|"
    r"friday)|please|need|required|action|confirm|approve|sign|decision|blocked|outage|down|"
    r"failed|invoice|payment|meeting|invitation)\b",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-zà-ÿ0-9']+", text.lower()) if len(w) > 2]


def extractive_summary(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> str:
    """One or two of the sentences that carry the most of the message's own vocabulary."""
    if message.calendar is not None:
        return _invitation_line(message, zone)
    candidates = [
        s
        for s in split_sentences(message.clean_body)
        if len(s.split()) >= 3 and not _NOISE.search(s)
    ]
    if not candidates:
        return _truncate(message.snippet or message.subject or "(no text)")
    content = [w for w in _words(" ".join(candidates)) if w not in _STOPWORDS]
    frequency = Counter(content)
    subject_words = set(_words(message.subject)) - _STOPWORDS

    def score(index: int, sentence: str) -> float:
        words = [w for w in _words(sentence) if w not in _STOPWORDS]
        if not words:
            return 0.0
        value = sum(frequency[w] for w in words) / math.sqrt(len(words))
        value += 0.75 * len(subject_words & set(words))
        value += 1.5 if _SIGNAL_WORDS.search(sentence) else 0.0
        value += (1.5, 0.75)[index] if index < 2 else 0.0
        return value - (1.0 if len(sentence) > 300 else 0.0)

    ranked = sorted(range(len(candidates)), key=lambda i: (-score(i, candidates[i]), i))
    chosen = sorted(ranked[:1] if len(candidates[ranked[0]]) > 160 else ranked[:2])
    return _truncate(" ".join(candidates[i] for i in chosen))


def _truncate(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _invitation_line(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> str:
    event = message.calendar
    assert event is not None
    what = "Cancelled" if event.method == "CANCEL" else "Invitation"
    line = f"{what}: {event.summary or message.subject}"
    if event.start is not None:
        start = event.start.astimezone(zone)
        line += f", {start:%a %d %b}" if event.all_day else f", {start:%a %d %b %H:%M}"
    if event.location:
        line += f" ({event.location})"
    return _truncate(line)


# --- action items and due dates -----------------------------------------------------------

_REQUEST = re.compile(
    r"\b(please|pls|kindly|could you|can you|would you|will you|need you to|i need|"
    r"you need to|you must|make sure|don'?t forget|do not forget|remember to|action required|"
    r"action needed|rsvp|let me know|reply by|respond by|deadline|due (by|on|date))\b",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"^(sign|send|submit|review|approve|confirm|complete|return|pay|update|fill|book|call|reply|"
    r"respond|register|schedule|prepare|share|upload|check|read|forward|renew|verify|join|"
    r"finish|fix|provide|bring)\b",
    re.IGNORECASE,
)
_POLITE_PREFIX = re.compile(
    r"^((hi|hello|hey|dear)\s+[\w.-]+,\s*|(also|and|so|but|ok|okay),?\s+|"
    r"(could|can|would|will) you (please |kindly )?|(please|pls|kindly),?\s+|i need you to\s+)",
    re.IGNORECASE,
)
# "Quick nudge: please ...", "Hi Alex - could you ...": the request starts after the lead-in.
_LEAD_IN = re.compile(
    r"^[^.!?]{0,40}?(:|,| -| \u2013| \u2014)\s+(?=(please|could you|can you|would you|kindly)\b)",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"unsubscribe|click here|view in browser|shop now|% off|if you have any questions|"
    r"let me know if you (have|need)|feel free to|do not reply|don'?t reply to this",
    re.IGNORECASE,
)

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


def find_action_items(
    message: ParsedMessage, zone: zoneinfo.ZoneInfo, *, automated: bool
) -> list[ActionItem]:
    """Requests addressed to the reader in the text, each with the due date it names."""
    received = message.received_at.astimezone(zone)
    items: list[ActionItem] = []
    seen: set[str] = set()
    previous_due: date | None = None
    for sentence in split_sentences(message.clean_body):
        if len(sentence) > 400 or _BOILERPLATE.search(sentence):
            continue
        stated_due = resolve_due(sentence, received)
        # "The agency needs it by 3pm today. Could you check the quotes?": the request
        # inherits the deadline stated just before it.
        due, previous_due = stated_due or previous_due, stated_due
        is_request = bool(_REQUEST.search(sentence) or _IMPERATIVE.match(sentence))
        # A machine's "please" is boilerplate; only its dates (a bill, a renewal) matter.
        if automated and stated_due is None:
            continue
        if not is_request and not (automated and re.search(r"\bdue\b", sentence, re.I)):
            continue
        text = _action_text(sentence)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            items.append(ActionItem(text, due))
        if len(items) == MAX_ACTION_ITEMS:
            break
    subject = message.subject
    subject_asks = bool(_REQUEST.search(subject) or _IMPERATIVE.match(subject))
    # "Can you review the press release before 3pm?": the subject is the request.
    if not items and not automated and subject_asks and (text := _action_text(subject)):
        items.append(ActionItem(text, resolve_due(subject, received)))
    return items


def invitation_item(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> ActionItem | None:
    event = message.calendar
    if event is None or event.method == "CANCEL":
        return None
    when = event.start.astimezone(zone).date() if event.start else None
    return ActionItem(f"Reply to the invitation: {event.summary}", when)


def _action_text(sentence: str) -> str:
    text = _LEAD_IN.sub("", sentence.strip(), count=1).strip(" \"'\u201c\u201d")
    text = re.sub(r"^@[\w.-]+[,:]?\s+", "", text)
    for _ in range(3):
        shorter = _POLITE_PREFIX.sub("", text, count=1).strip()
        if shorter == text or not shorter:
            break
        text = shorter
    text = text.rstrip(" .!?\"'\u201c\u201d")
    return _truncate(text[:1].upper() + text[1:], 200) if text else ""


# --- urgency ----------------------------------------------------------------------------

_URGENT_WORDS = re.compile(
    r"\b(urgent|urgently|asap|a\.s\.a\.p|emergency|immediately|right away|time[- ]sensitive|"
    r"critical|outage|is down|p0|sev ?1)\b",
    re.IGNORECASE,
)
_ACTION_WORDS = re.compile(
    r"\b(action required|action needed|response (needed|required)|please respond|reminder|"
    r"deadline|overdue|final notice|needs? your (approval|signature|input|decision))\b",
    re.IGNORECASE,
)


def classify_urgency(
    message: ParsedMessage,
    action_items: Sequence[ActionItem],
    ctx: SummaryContext,
    *,
    automated: bool,
) -> tuple[Urgency, tuple[str, ...]]:
    """Points for each signal, then a class; the reasons say where every point came from.

    Mail from machines is low, with one exception: a notice that is not mass mail and names
    a deadline within a week (a bill, an overdue expense report) is medium, so it is not
    buried under newsletters. It never outranks what a person asks for.
    """
    if automated:
        today = ctx.now.astimezone(ctx.zone).date()
        due = min((item.due for item in action_items if item.due), default=None)
        if not message.is_mass_mail and due is not None and due <= today + timedelta(days=7):
            return Urgency.MEDIUM, ("automated, but names a deadline within a week",)
        return Urgency.LOW, ("automated sender, newsletter or promotion",)
    points = 0
    reasons: list[str] = []

    def add(amount: int, reason: str) -> None:
        nonlocal points
        points += amount
        reasons.append(f"{reason} (+{amount})")

    body = message.clean_body
    if _URGENT_WORDS.search(message.subject):
        add(3, "urgent wording in the subject")
    elif _URGENT_WORDS.search(body):
        add(2, "urgent wording in the text")
    asks = bool(_ACTION_WORDS.search(message.subject) or _ACTION_WORDS.search(body))
    if asks:
        add(1, "asks for action")
    today = ctx.now.astimezone(ctx.zone).date()
    due_dates = [item.due for item in action_items if item.due]
    if due_dates and min(due_dates) <= today + timedelta(days=2):
        add(2, "deadline within 48 hours")
    elif due_dates and min(due_dates) <= today + timedelta(days=7):
        add(1, "deadline within a week")
    elif action_items and not asks:
        add(1, "asks you to do something")
    if message.calendar is not None and message.calendar.method != "CANCEL":
        add(1, "calendar invitation")
        start = message.calendar.start
        if start is not None and ctx.now <= start <= ctx.now + timedelta(hours=48):
            add(1, "event within 48 hours")
    if "IMPORTANT" in message.labels:
        add(1, "marked important by Gmail")
    if "STARRED" in message.labels:
        add(1, "starred")
    if not reasons and "?" in body:
        add(1, "a question for you")
    if not reasons:
        reasons.append("nothing urgent found")
    if points >= 4:
        urgency = Urgency.URGENT
    elif points >= 2:
        urgency = Urgency.HIGH
    elif points == 1:
        urgency = Urgency.MEDIUM
    else:
        urgency = Urgency.LOW
    return urgency, tuple(reasons)


def analyze(message: ParsedMessage, ctx: SummaryContext) -> Analysis:
    # An invitation comes from Google's calendar robot on behalf of a person who wants an
    # answer: it is weighed like a person's mail, not like a notification.
    invitation = message.calendar is not None and message.calendar.method != "CANCEL"
    automated = message.is_automated and not invitation
    items = find_action_items(message, ctx.zone, automated=automated)
    urgency, reasons = classify_urgency(message, items, ctx, automated=automated)
    # The invitation's own item is added after classifying: its date is the event, which
    # classify_urgency already weighs, not a deadline to count a second time.
    if (invitation := invitation_item(message, ctx.zone)) and len(items) < MAX_ACTION_ITEMS:
        items.append(invitation)
    return Analysis(
        summary=extractive_summary(message, ctx.zone),
        urgency=urgency,
        reasons=reasons,
        action_items=tuple(items),
        reading_seconds=reading_seconds(message.clean_body or message.body),
    )


# --- the overview -------------------------------------------------------------------------


def count_by_urgency(analyses: Iterable[Analysis]) -> dict[str, int]:
    counts = dict.fromkeys(Urgency.values, 0)
    for analysis in analyses:
        counts[analysis.urgency] += 1
    return counts


def write_overview(
    ordered: Sequence[tuple[ParsedMessage, Analysis]], provider_overview: str = ""
) -> str:
    """ "14 new messages, 2 urgent: <top items>" over messages in ranked order."""
    if not ordered:
        return "No new messages."
    counts = count_by_urgency(analysis for _, analysis in ordered)
    total = len(ordered)
    head = f"{total} new message{'s' if total != 1 else ''}"
    flagged = [f"{counts[u]} {u}" for u in (Urgency.URGENT, Urgency.HIGH) if counts[u]]
    if flagged:
        head += ", " + ", ".join(flagged)
    if provider_overview:
        return f"{head}. {provider_overview}"
    top = [pair for pair in ordered if pair[1].urgency in (Urgency.URGENT, Urgency.HIGH)] or list(
        ordered
    )
    items = "; ".join(_overview_item(message, analysis) for message, analysis in top[:3])
    return f"{head}: {items}" if flagged else f"{head}, nothing urgent. Top: {items}"


def _overview_item(message: ParsedMessage, analysis: Analysis) -> str:
    subject = _truncate(message.subject or "(no subject)", 70)
    who = message.from_name or message.from_address
    due = analysis.earliest_due
    return f"{subject} ({who}{f', due {due:%a %d %b}' if due else ''})"


# --- providers ----------------------------------------------------------------------------

Provider = Callable[
    [Sequence[ParsedMessage], dict[str, Analysis], SummaryContext, SummaryConfig], DigestSummary
]


def extractive_provider(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> DigestSummary:
    return DigestSummary("extractive", dict(analyses))


_INSTRUCTIONS = """You summarize email for a busy reader. Answer with one JSON object only, no
prose, no code fence:
{"overview": "<one or two sentences on what matters most>",
 "messages": [{"id": "<the id given>", "summary": "<one or two sentences>",
               "urgency": "low" | "medium" | "high" | "urgent",
               "action_items": [{"text": "<what the reader must do>",
                                 "due": "YYYY-MM-DD" or null}]}]}
Every message id given must appear exactly once. Resolve relative dates ("by Friday") against
the message's received time. Newsletters, promotions and automated notices are "low"."""


def _prompt(messages: Sequence[ParsedMessage], ctx: SummaryContext) -> str:
    items = [
        {
            "id": m.gmail_id,
            "from": f"{m.from_name} <{m.from_address}>".strip(),
            "subject": m.subject,
            "received": m.received_at.astimezone(ctx.zone).isoformat(),
            "labels": m.labels,
            "text": (m.clean_body or m.body or m.snippet)[:REMOTE_BODY_CHARS],
        }
        for m in messages
    ]
    return json.dumps(
        {"now": ctx.now.astimezone(ctx.zone).isoformat(), "messages": items}, ensure_ascii=False
    )


def parse_provider_output(
    text: str, messages: Sequence[ParsedMessage], analyses: dict[str, Analysis]
) -> tuple[str, dict[str, Analysis]]:
    """Check a model's answer against the schema; any deviation is a ProviderError naming it."""
    stripped = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise ProviderError(f"answer is not JSON ({exc.msg} at {exc.pos})") from None
    try:
        overview = js.get(data, "overview", str, "")
        entries = js.get_list(data, "messages", dict)
        expected = {m.gmail_id for m in messages}
        refined: dict[str, Analysis] = {}
        for index, entry in enumerate(entries):
            with js.inside(f"messages[{index}]"):
                refined_id, analysis = _parse_entry(entry, analyses, expected)
            if refined_id in refined:
                raise ProviderError(f"messages[{index}].id: {refined_id!r} appears twice")
            refined[refined_id] = analysis
    except js.SerializationError as exc:
        raise ProviderError(f"answer does not match the schema: {exc}") from None
    if missing := expected - set(refined):
        raise ProviderError(f"answer leaves out messages {sorted(missing)}")
    return _truncate(overview, 400), {**analyses, **refined}


def _parse_entry(
    entry: dict[str, Any], analyses: dict[str, Analysis], expected: set[str]
) -> tuple[str, Analysis]:
    message_id = js.get(entry, "id", str)
    if message_id not in expected:
        raise js.SerializationError("id", f"unknown message id {message_id!r}")
    summary = js.get(entry, "summary", str).strip()
    if not summary:
        raise js.SerializationError("summary", "is empty")
    urgency = Urgency(js.get_choice(entry, "urgency", Urgency.values))
    items: list[ActionItem] = []
    for i, item in enumerate(js.get_list(entry, "action_items", dict, [])[:MAX_ACTION_ITEMS]):
        with js.inside(f"action_items[{i}]"):
            text = js.get(item, "text", str).strip()
            if not text:
                raise js.SerializationError("text", "is empty")
            items.append(ActionItem(_truncate(text, 200), js.get_date(item, "due")))
    local = analyses[message_id]
    return message_id, replace(
        local,
        summary=_truncate(summary),
        urgency=urgency,
        reasons=(*local.reasons, "classified by the summary model"),
        action_items=tuple(items),
    )


def _post_json(url: str, headers: dict[str, str], body: dict[str, Any], timeout: float) -> Any:
    try:
        response = requests.post(url, json=body, headers=headers, timeout=timeout)
    except requests.Timeout:
        raise ProviderError(f"no answer within {timeout:g} s") from None
    except requests.RequestException as exc:
        raise ProviderError(f"request failed: {exc.__class__.__name__}") from None
    if response.status_code != 200:
        raise ProviderError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        return response.json()
    except ValueError:
        raise ProviderError("the API answered with something that is not JSON") from None


def openai_provider(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> DigestSummary:
    if not config.openai_api_key:
        raise ProviderError("not configured (summary.openai_api_key is empty)")
    reply = _post_json(
        config.openai_base_url.rstrip("/") + "/chat/completions",
        {"Authorization": f"Bearer {config.openai_api_key}"},
        {
            "model": config.openai_model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": _INSTRUCTIONS},
                {"role": "user", "content": _prompt(messages, ctx)},
            ],
        },
        config.timeout,
    )
    try:
        text = reply["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ProviderError("the API answer has no choices[0].message.content") from None
    if not isinstance(text, str):
        raise ProviderError("choices[0].message.content is not text")
    overview, refined = parse_provider_output(text, messages, analyses)
    return DigestSummary("openai", refined, overview)


def anthropic_provider(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> DigestSummary:
    if not config.anthropic_api_key:
        raise ProviderError("not configured (summary.anthropic_api_key is empty)")
    reply = _post_json(
        config.anthropic_base_url.rstrip("/") + "/messages",
        {"x-api-key": config.anthropic_api_key, "anthropic-version": "2023-06-01"},
        {
            "model": config.anthropic_model,
            "max_tokens": 4096,
            "temperature": 0,
            "system": _INSTRUCTIONS,
            "messages": [{"role": "user", "content": _prompt(messages, ctx)}],
        },
        config.timeout,
    )
    try:
        blocks = reply["content"]
        text = "".join(b["text"] for b in blocks if isinstance(b, dict) and b.get("type") == "text")
    except (KeyError, TypeError):
        raise ProviderError("the API answer has no content blocks") from None
    overview, refined = parse_provider_output(text, messages, analyses)
    return DigestSummary("anthropic", refined, overview)


PROVIDERS: dict[str, Provider] = {
    "extractive": extractive_provider,
    "openai": openai_provider,
    "anthropic": anthropic_provider,
}


def summarize(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    *,
    config: SummaryConfig | None = None,
) -> DigestSummary:
    """Run the provider chain over ``messages`` (the ones the digest lists).

    ``analyses`` holds the local analysis of every message; providers refine the ones given
    and the rest pass through, so counts always cover the whole period.
    """
    config = config or settings.CONFIG.summary
    notes: list[str] = []
    if messages:
        for name in config.providers:
            try:
                result = PROVIDERS[name](messages, analyses, ctx, config)
            except ProviderError as exc:
                logger.warning("summary provider %s failed: %s", name, exc)
                notes.append(f"{name}: {exc}")
                continue
            result.notes = notes
            return result
    result = extractive_provider(messages, analyses, ctx, config)
    result.notes = notes
    return result
