"""One card per Gmail thread: the messages of a conversation in a digest, shaped for reading.

A thread's card shows its newest message (sender, time, link) and the summary, reasons and
to-dos of its most important message, with the number of messages. Its urgency is the
highest of its messages, so a reply cannot hide an urgent request below it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from digests.models import Email, Urgency
from digests.render import dates
from digests.summarize.summary import topic_of
from digests.summarize.topics import subject_topic

__all__ = [
    "TIERS",
    "ActionView",
    "Limits",
    "ThreadView",
    "by_thread",
    "thread_urgency",
    "threads",
    "truncate",
]

URGENCY_ORDER = {u: i for i, u in enumerate(Urgency.values)}  # low < medium < high < urgent
URGENCY_LABELS = {
    Urgency.URGENT: "Urgent",
    Urgency.HIGH: "High",
    Urgency.MEDIUM: "Medium",
    Urgency.LOW: "Low",
}


@dataclass(frozen=True)
class Limits:
    """How much of each field a card shows; the size budget tightens them step by step."""

    subject: int
    summary: int
    sender: int
    reasons: int
    reason: int
    actions: int
    action: int
    overview: int


TIERS = (
    Limits(subject=200, summary=600, sender=80, reasons=3, reason=120, actions=5, action=200,
           overview=1500),
    Limits(subject=120, summary=300, sender=60, reasons=2, reason=80, actions=3, action=120,
           overview=700),
    Limits(subject=80, summary=160, sender=40, reasons=1, reason=60, actions=2, action=80,
           overview=300),
)  # fmt: skip


@dataclass(frozen=True)
class ActionView:
    text: str
    due: dt.date | None
    time: dt.time | None = None  # when the mail stated one, in the reader's zone
    overdue: bool = False  # due before the digest was made

    @property
    def when(self) -> str:
        """ "due Fri 4 Dec 2026, 15:00", "overdue since Sun 6 Dec 2026", or "" without a date."""
        if self.due is None:
            return ""
        day = dates.day(self.due)
        clock = f", {dates.clock(self.time)}" if self.time else ""
        return f"overdue since {day}{clock}" if self.overdue else f"due {day}{clock}"


@dataclass(frozen=True)
class ThreadView:
    lead: Email  # the most important message (best rank)
    latest: Email  # the newest message
    count: int
    urgency: str
    kind: str
    suspicious: bool
    subject: str
    sender: str
    summary: str
    reasons: list[str]
    actions: list[ActionView]
    attachments: int

    @property
    def urgency_label(self) -> str:
        return URGENCY_LABELS[Urgency(self.urgency)]

    @property
    def rank(self) -> int:
        return self.lead.rank

    @property
    def url(self) -> str:
        return self.latest.gmail_url

    @property
    def received_at(self) -> dt.datetime:
        return self.latest.received_at


def truncate(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word where one is near, with an ellipsis."""
    head = " ".join(text[: limit * 4].split())  # a bounded look: fields may be megabytes
    enough = len(head) > limit or len(text) <= limit * 4  # else mostly whitespace: read it all
    text = head if enough else " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def _sender(email: Email) -> str:
    return email.from_name or email.from_address


def _actions(
    messages: Sequence[Email],
    limits: Limits,
    today: dt.date | None = None,
    clock: dt.time | None = None,
) -> list[ActionView]:
    seen: set[str] = set()
    actions = []
    for message in messages:
        for entry in message.action_items if isinstance(message.action_items, list) else []:
            if not isinstance(entry, dict):
                continue
            text = truncate(
                _without_subject(str(entry.get("text", "")), message.subject), limits.action
            )
            if not text or text.lower() in seen:
                continue
            seen.add(text.lower())
            due = _date(entry.get("due"))
            at = _time(entry.get("time")) if due else None
            # "by 3pm today" in a digest made at 19:27 is overdue too
            late = bool(
                due and today and (due < today or (due == today and at and clock and at < clock))
            )
            actions.append(ActionView(text, due, at, late))
    # The soonest first ("send the invoice by Wednesday" before "sign it by Friday"); undated
    # last; otherwise in the mail's order.
    actions.sort(key=lambda a: (a.due is None, a.due or dt.date.max, a.time or dt.time.max))
    return actions[: limits.actions]


def _without_subject(text: str, subject: str) -> str:
    """The to-do without the "(re: subject)" its card already shows as its title."""
    head, sep, about = text.partition(" (re: ")
    about = about.rstrip(")…").rstrip().lower()
    if sep and head and about and subject_topic(subject).lower().startswith(about):
        return head
    return text


def _detail(summary: str, subject: str) -> str:
    """The summary without its "Subject (Sender): " head when the card shows that subject."""
    head, colon, rest = summary.partition("): ")
    topic = topic_of(subject).lower()
    if colon and rest and topic and head.rpartition(" (")[0].strip().lower() == topic:
        return rest
    return summary


def _date(value: object) -> dt.date | None:
    """A due date as stored (``YYYY-MM-DD``); anything else shows no date rather than failing."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _time(value: object) -> dt.time | None:
    """A stated time as stored (``HH:MM``); anything else shows none rather than failing."""
    try:
        return dt.time.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _written(summary: str, today: dt.date | None) -> str:
    """The summary with the analyzer's dates in the digest's format (digests.render.dates)."""
    return dates.house_dates(summary, today) if today is not None else summary


def thread_view(
    messages: Sequence[Email],
    limits: Limits,
    today: dt.date | None = None,
    clock: dt.time | None = None,
) -> ThreadView:
    """The card of one thread; ``messages`` are in rank order; ``today`` and ``clock`` are when
    the digest was made."""
    lead = messages[0]
    latest = max(messages, key=lambda m: (m.received_at, -m.rank))
    urgency = thread_urgency(messages)
    return ThreadView(
        lead=lead,
        latest=latest,
        count=len(messages),
        urgency=urgency,
        kind=lead.kind,
        suspicious=any(m.suspicious for m in messages),
        subject=truncate(lead.subject or latest.subject or "(no subject)", limits.subject),
        sender=truncate(_sender(latest), limits.sender),
        summary=truncate(
            _written(_detail(lead.summary, lead.subject) or lead.snippet, today), limits.summary
        ),
        reasons=[truncate(str(r), limits.reason) for r in list(lead.reasons)[: limits.reasons]],
        actions=_actions(messages, limits, today, clock),
        attachments=sum(len(m.attachments) for m in messages),
    )


def thread_urgency(messages: Iterable[Email]) -> str:
    """A thread is as urgent as its most urgent message."""
    return max((m.urgency for m in messages), key=lambda u: URGENCY_ORDER.get(u, -1))


def by_thread(emails: Iterable[Email]) -> list[list[Email]]:
    """The messages grouped by thread, each in rank order, threads by their best rank."""
    grouped: dict[str, list[Email]] = {}
    for email in sorted(emails, key=lambda e: e.rank):
        grouped.setdefault(email.thread_id or email.gmail_id, []).append(email)
    return list(grouped.values())


def threads(
    emails: Iterable[Email],
    limits: Limits = TIERS[0],
    today: dt.date | None = None,
    clock: dt.time | None = None,
) -> list[ThreadView]:
    """Cards in rank order of each thread's most important message; ``today`` and ``clock``
    are when the digest was made, in its zone."""
    return [thread_view(messages, limits, today, clock) for messages in by_thread(emails)]
