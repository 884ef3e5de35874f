"""Action items: what the reader is asked to do, and by when."""

from __future__ import annotations

import re
import zoneinfo
from datetime import date

from bench.qualitybench.mainline.dates import resolve_due
from bench.qualitybench.mainline.sentences import split_sentences
from bench.qualitybench.mainline.types import MAX_ACTION_ITEMS, ActionItem, truncate
from digests.parsing import ParsedMessage

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
    return truncate(text[:1].upper() + text[1:], 200) if text else ""
