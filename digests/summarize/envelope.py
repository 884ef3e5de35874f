"""What a message's headers and calendar part say: an automatic reply, an RSVP, when it starts."""

from __future__ import annotations

import re
from datetime import datetime

from digests.parsing import ParsedMessage

# Both are matched against the lower-cased subject.
AUTO_REPLY_SUBJECT = re.compile(
    r"^(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|ooo\b|abwesenheit|"
    r"réponse automatique|respuesta automática|absence\s*:|away from)",
)
RSVP = re.compile(
    r"^(accepted|declined|tentative(ly accepted)?|angenommen|abgelehnt|zugesagt|abgesagt|"
    r"accept[ée]e?|refus[ée]e?|aceptad[oa]|rechazad[oa]|invitation (accept[ée]e|refus[ée]e))"
    # "Accepted: Design review", "Declined - Weekly sync", not "Declined transaction on ..."
    r"(?=\s*[:\-\u2013\u2014]|\s+with note\b|\s+invitation\b)",
)


def method(message: ParsedMessage) -> str:
    """The calendar part's METHOD ("REQUEST", "REPLY", "CANCEL"), or "" without one."""
    return message.calendar.method if message.calendar is not None else ""


def starts_within(message: ParsedMessage, now: datetime, hours: float) -> bool:
    """Whether the calendar event starts at most ``hours`` after ``now``."""
    start = message.calendar.start if message.calendar is not None else None
    return start is not None and (start - now).total_seconds() <= hours * 3600


def is_auto_reply(message: ParsedMessage) -> bool:
    """An out-of-office or other automatic reply, by its headers or its subject."""
    auto = message.headers.get("auto-submitted", "no").strip().lower()
    return bool(
        auto.startswith("auto-replied")
        or message.headers.get("x-autoreply")
        or message.headers.get("x-autorespond")
        or message.headers.get("precedence", "").strip().lower() == "auto_reply"
        or AUTO_REPLY_SUBJECT.search(message.subject.lower())
    )
