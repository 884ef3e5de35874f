"""Scheduling questions: a time that is the subject of a proposal is no deadline.

"Can the second shift start at 14:00 instead of 15:00?" and "are you open to a 30-minute call
sometime in March?" ask about a time; they do not set one. A deadline word ("by", "before",
"bis", "avant", "antes de", ...) or a preparation ask ("prepare the numbers for the meeting
on Thursday at 10") still makes a date a deadline.
"""

from __future__ import annotations

import re

# What a question about when something happens says: a slot offered, moved or asked for.
_PROPOSAL = re.compile(
    r"\b(?:instead(?: of)?|rather than|works? for you|suits? you|are you (?:free|available|"
    r"around|open)|open to|how about|what about|sometime|some time|any time|anytime|"
    r"(?:meet|call|chat|talk|catch up|sync|start|begin|move|shift|push|reschedule|slot)\b"
    r"[^?]{0,40}\b(?:at|on|in|to)\b|would [^?]{1,30}\bwork|does [^?]{1,30}\bwork|"
    r"\d+[- ]min(?:ute)?s?\b|hätten sie|hättest du|haben sie zeit|hast du zeit|zeit für|"
    r"passt (?:es|dir|ihnen)|statt|anstatt|disponible|dispo\b|au lieu de|plutôt que|"
    r"te (?:viene|va) bien|le (?:viene|va) bien|tienes tiempo|tiene tiempo|en lugar de|"
    r"en vez de)",
    re.IGNORECASE,
)
# A deadline word, or an ask to make or bring something for the event.
_DEADLINE_OR_PREPARATION = re.compile(
    r"\b(?:by|before|until|till|no later than|due|deadline|latest|bis|spätestens|vorher|avant|"
    r"d'ici|au plus tard|antes|hasta|a más tardar|prepare|prep|bring|send|share|draft|review|"
    r"read|finish|submit|fill|sign|approve|vorbereiten|mitbringen|schicken|senden|préparer|"
    r"apporter|envoyer|preparar|traer|llevar|enviar|mandar)\b",
    re.IGNORECASE,
)


def is_scheduling_question(text: str) -> bool:
    """The sentence asks whether a time suits, and names no deadline and nothing to prepare."""
    return (
        "?" in text
        and _PROPOSAL.search(text) is not None
        and _DEADLINE_OR_PREPARATION.search(text) is None
    )
