"""The deadlines a whole mail names: the nearest date still ahead, and the subject's own."""

from __future__ import annotations

import re
import zoneinfo

from digests.parsing import ParsedMessage
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.item_dates import soonest
from digests.summarize.sentences import new_text, split_sentences


def mail_deadline(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> Deadline | None:
    """The nearest date still ahead that the new text (or the subject) names."""
    received = message.received_at.astimezone(zone)
    sentences = [message.subject, *split_sentences(new_text(message))]
    return soonest(sentences, received, zone)


def subject_deadline(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> Deadline | None:
    """A deadline still ahead named in the subject line ("... - heute vor 18 Uhr?").

    A recap's subject ("Notes from today's product sync") dates the meeting, not a deadline.
    """
    if _RECAP.search(message.subject):
        return None
    received = message.received_at.astimezone(zone)
    found = resolve_deadline(message.subject, received)
    return found if found and found.due >= received.date() else None  # not "Notes 3 March"


_RECAP = re.compile(
    r"\b(?:notes|minutes|recap|summary|protokoll|mitschrift|compte[- ]rendu|acta|resumen)\b"
    r"[^:]{0,20}\b(?:from|of|vom|von|de|du|del)\b",
    re.IGNORECASE,
)
