"""The order of a digest: what the reader should look at first.

Criteria, most significant first: urgency; the soonest deadline (mail with a deadline before
mail without); mail addressed to the reader before copies and list traffic; Gmail's IMPORTANT
and STARRED; a person before a machine; the newest first. The sort is lexicographic over
those criteria, not a weighted sum, so no amount of minor signals can lift a newsletter above
an urgent request, and each position is explained by its :class:`Breakdown`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from digests.parsing import ParsedMessage
from digests.summarize import URGENCY_ORDER, Analysis

__all__ = ["Breakdown", "Ranked", "rank"]

_NO_DEADLINE = date.max
_DIRECTNESS = {"to": 2, "cc": 1, "": 0}


@dataclass(frozen=True)
class Breakdown:
    """Each criterion's value for one message, in the order they are compared."""

    urgency: int  # 0 low .. 3 urgent
    deadline: date | None
    directness: int  # 2 in To, 1 in Cc, 0 list or Bcc
    flagged: int  # IMPORTANT + STARRED, 0..2
    human: bool
    received_at: datetime

    def sort_key(self) -> tuple[Any, ...]:
        return (
            -self.urgency,
            self.deadline or _NO_DEADLINE,
            -self.directness,
            -self.flagged,
            not self.human,
            -self.received_at.timestamp(),
        )

    def explain(self) -> list[str]:
        """Plain words for the admin and for tests: why this message sits where it does."""
        names = {v: k for k, v in URGENCY_ORDER.items()}
        return [
            f"urgency {names[self.urgency]}",
            f"deadline {self.deadline.isoformat()}" if self.deadline else "no deadline",
            ("sent to you", "copied to you", "list or Bcc")[2 - self.directness],
            f"{self.flagged} of IMPORTANT/STARRED",
            "from a person" if self.human else "automated",
            f"received {self.received_at.isoformat()}",
        ]


@dataclass(frozen=True)
class Ranked:
    message: ParsedMessage
    analysis: Analysis
    breakdown: Breakdown


def breakdown(message: ParsedMessage, analysis: Analysis, me: str) -> Breakdown:
    labels = set(message.labels)
    return Breakdown(
        urgency=URGENCY_ORDER[analysis.urgency],
        deadline=analysis.earliest_due,
        directness=_DIRECTNESS[message.addressed_to(me)],
        flagged=len(labels & {"IMPORTANT", "STARRED"}),
        human=not message.is_automated,
        received_at=message.received_at,
    )


def rank(
    messages: Sequence[ParsedMessage], analyses: Mapping[str, Analysis], *, me: str
) -> list[Ranked]:
    """Most important first; ties keep the given order (Python's sort is stable)."""
    ranked = [
        Ranked(m, analyses[m.gmail_id], breakdown(m, analyses[m.gmail_id], me)) for m in messages
    ]
    ranked.sort(key=lambda item: item.breakdown.sort_key())
    return ranked
