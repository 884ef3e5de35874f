"""The one item for mail that plainly wants the reader but words no ask the rules can read.

A person who writes to the reader alone and puts a question the rules do not read as an ask
("Our 2027 rates are out. Interested?") still leaves something to do: answer them. The item
says so in the subject's words, due at the nearest date the mail names. News without a
question, tools ("Jenkins", "Deploy Bot"), systems and invitations get none: a system's
trouble of the reader's own gets its item from the duty it names (``obligations.py``), and a
bare "Look into <subject>" was wrong more often than right on the labelled mail.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime

from digests.models import Urgency
from digests.parsing import ParsedMessage
from digests.summarize.answers import answer_text
from digests.summarize.asks import as_request, is_ask, only_a_question
from digests.summarize.dates import resolve_deadline
from digests.summarize.mail_dates import mail_deadline
from digests.summarize.people import first_name
from digests.summarize.rewrite import action_text
from digests.summarize.sentences import new_text
from digests.summarize.topics import subject_topic
from digests.summarize.types import ActionItem

# The signals of a person's own mail to the reader that wants something back.
_PERSON = ("bias_person", "to_me")
# Mail that asks nothing even when a person sends it straight to the reader.
_NOTHING_ASKED = (
    "fyi",
    "mass_mail",
    "many_recipients",
    "announcement",
    "rsvp_answer",
    "recruiter",
    "auto_reply",
    "from_me",
)


def fallback_item(
    message: ParsedMessage,
    signals: dict[str, float],
    urgency: Urgency,
    zone: zoneinfo.ZoneInfo,
) -> ActionItem | None:
    """ "Reply to Sam about Southern Link 2027 rates", or None when nothing is wanted."""
    if urgency == Urgency.LOW or any(signals.get(name) for name in _NOTHING_ASKED):
        return None
    if message.calendar is not None:
        return None  # an invitation's own answer is its RSVP item, when it asks for one
    topic = subject_topic(message.subject)
    if not topic:
        return None
    person = all(signals.get(name) for name in _PERSON) and not signals.get("automated")
    if person and _a_person(message.from_name) and _wants_an_answer(message):
        asker = first_name(message.from_name) or "the sender"
        text = f"Reply to {asker} about {topic}"
    else:
        return None
    due = mail_deadline(message, zone)
    return ActionItem(text, due.due if due else None, due.time if due else None)


def _a_person(name: str) -> bool:
    """ "Sam Reid" writes as a person; "Jenkins", "Deploy Bot", "CloudHost Support" do not."""
    words = name.split()
    return len(words) >= 2 and not _NOT_A_PERSON.search(name)


def _wants_an_answer(message: ParsedMessage) -> bool:
    """A question in the new text or the subject: the sender waits for a word back."""
    return "?" in message.subject or "?" in new_text(message) or "¿" in new_text(message)


_NOT_A_PERSON = re.compile(
    r"\b(?:bot|support|team|center|centre|desk|service|services|billing|notifications?|"
    r"rewards|alerts?|no-?reply|admin|helpdesk|office|news|updates)\b",
    re.IGNORECASE,
)


def subject_ask(subject: str, asker: str, received: datetime) -> list[ActionItem]:
    """The ask only the subject makes: "Need your sign-off on the vendor contract today"."""
    subject = re.sub(r"^((re|fwd?|aw|wg|tr|rv)\s*:\s*)+", "", subject, flags=re.I)
    subject = as_request(subject)
    if not is_ask(subject):
        return []
    text = answer_text(subject, asker) if only_a_question(subject) else action_text(subject, asker)
    found = resolve_deadline(subject, received)
    due, time = (found.due, found.time) if found else (None, None)
    return [ActionItem(text, due, time)] if text else []
