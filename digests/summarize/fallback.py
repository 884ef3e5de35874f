"""The one item for mail that plainly wants the reader but words no ask the rules can read.

A colleague who writes to the reader alone and expects an answer ("Southern Link's 2027
rates are out; happy to walk you through them") or a system reporting trouble of the
reader's own still leaves something to do: answer the person, or handle what the subject
names. The item says so in the subject's words, due at the nearest date the mail names.
"""

from __future__ import annotations

import re
import zoneinfo

from digests.models import Urgency
from digests.parsing import ParsedMessage
from digests.summarize.actions import mail_deadline
from digests.summarize.people import first_name
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
# A system telling the reader about trouble or an obligation that is theirs.
_OWN_TROUBLE = ("auto_trouble_soon", "oncall_alert", "consequence_owned", "ci_failed_owned")


def fallback_item(
    message: ParsedMessage,
    signals: dict[str, float],
    urgency: Urgency,
    zone: zoneinfo.ZoneInfo,
) -> ActionItem | None:
    """ "Reply to Sam about Southern Link 2027 rates", or None when nothing is wanted."""
    if urgency == Urgency.LOW or any(signals.get(name) for name in _NOTHING_ASKED):
        return None
    topic = _topic(message.subject)
    if not topic:
        return None
    if all(signals.get(name) for name in _PERSON) and not signals.get("automated"):
        asker = first_name(message.from_name) or "the sender"
        text = f"Reply to {asker} about {topic}"
    elif signals.get("automated") and any(signals.get(name) for name in _OWN_TROUBLE):
        text = f"Look into {topic}"
    else:
        return None
    due = mail_deadline(message, zone)
    return ActionItem(text, due.due if due else None, due.time if due else None)


_PREFIXES = re.compile(
    r"^(?:(?:re|fwd?|aw|wg|tr|rv)\s*:\s*|\[[^\]]{1,40}\]\s*|"
    r"(?:urgent|important|action required|fyi)\b\s*[:!-]?\s*)+",
    re.IGNORECASE,
)


def _topic(subject: str) -> str:
    return _PREFIXES.sub("", subject).strip(" -:")
