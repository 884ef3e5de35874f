"""How a person's preferences shape one digest: VIP senders lifted, muted mail left unlisted.

* A VIP sender's message is one urgency class higher (never below medium) and always listed,
  even past ``max_items``.
* A muted sender's message, or one carrying a muted label, is never listed; it is still
  stored (``listed=False``) and so counted with the rest of what arrived.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from digests.models import Urgency
from digests.parsing import ParsedMessage
from digests.preferences import DigestPreferences
from digests.ranking import Ranked
from digests.summarize import Analysis

__all__ = ["is_muted", "lift_vips", "lifted", "listed_first"]

_UP = {
    Urgency.LOW: Urgency.MEDIUM,
    Urgency.MEDIUM: Urgency.HIGH,
    Urgency.HIGH: Urgency.URGENT,
    Urgency.URGENT: Urgency.URGENT,
}


def lifted(urgency: str) -> Urgency:
    """One class higher, and never below medium (low goes to medium)."""
    return _UP[Urgency(urgency)]


def is_muted(message: ParsedMessage, prefs: DigestPreferences) -> bool:
    if prefs.is_muted_sender(message.from_address):
        return True
    muted = {label.lower() for label in prefs.muted_labels}
    return any(label.lower() in muted for label in message.labels)


def is_vip(message: ParsedMessage, prefs: DigestPreferences) -> bool:
    return prefs.is_vip(message.from_address) and not is_muted(message, prefs)


def lift_vips(
    messages: Sequence[ParsedMessage], analyses: Mapping[str, Analysis], prefs: DigestPreferences
) -> dict[str, Analysis]:
    """The analyses with every VIP sender's message one urgency class higher."""
    result = dict(analyses)
    for message in messages:
        if is_vip(message, prefs):
            analysis = result[message.gmail_id]
            reasons = (*analysis.reasons, "from a sender you always want to see")
            result[message.gmail_id] = dataclasses.replace(
                analysis, urgency=lifted(analysis.urgency), reasons=reasons
            )
    return result


def listed_first(
    ranked: Sequence[Ranked], max_items: int, prefs: DigestPreferences
) -> tuple[list[Ranked], int]:
    """The ranking reordered as (listed, then unlisted, then muted) and how many are listed.

    Listed: the best ``max_items`` messages that are not muted, and every VIP message.
    """
    muted = [item for item in ranked if is_muted(item.message, prefs)]
    kept = [item for item in ranked if not is_muted(item.message, prefs)]
    listed_ids = {item.message.gmail_id for item in kept[:max_items]}
    listed_ids |= {item.message.gmail_id for item in kept if is_vip(item.message, prefs)}
    listed = [item for item in kept if item.message.gmail_id in listed_ids]
    unlisted = [item for item in kept if item.message.gmail_id not in listed_ids]
    return [*listed, *unlisted, *muted], len(listed)
