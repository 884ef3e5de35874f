"""The values the analysis passes around: items, analyses, the reader's context."""

from __future__ import annotations

import math
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from digests.models import Urgency
from gda_site import serialization as js

WORDS_PER_MINUTE = 230
MIN_READING_SECONDS = 5
SUMMARY_CHARS = 280
MAX_ACTION_ITEMS = 5
URGENCY_ORDER = {Urgency.LOW: 0, Urgency.MEDIUM: 1, Urgency.HIGH: 2, Urgency.URGENT: 3}


@dataclass(frozen=True)
class ActionItem:
    """One thing the reader is asked to do; ``due`` and ``time`` are in the reader's zone."""

    text: str
    due: date | None = None
    time: time | None = None  # the stated time of day, when there is one

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "due": js.iso(self.due),
            "time": self.time.strftime("%H:%M") if self.time else None,
        }


@dataclass(frozen=True)
class Analysis:
    summary: str
    urgency: Urgency
    reasons: tuple[str, ...] = ()
    action_items: tuple[ActionItem, ...] = ()
    reading_seconds: int = MIN_READING_SECONDS
    suspicious: bool = False  # looks like phishing
    analyzed_by: str = "offline"  # the local analyzer, or the provider that refined it

    @property
    def earliest_due(self) -> date | None:
        return min((item.due for item in self.action_items if item.due), default=None)


@dataclass(frozen=True)
class SummaryContext:
    """What the analysis needs besides the message: the reader's clock, zone and address."""

    now: datetime
    zone: zoneinfo.ZoneInfo
    me: str = ""  # the reader's mailbox address, lower-case ("" when unknown)


@dataclass
class DigestSummary:
    provider: str
    analyses: dict[str, Analysis]
    overview: str = ""  # a remote provider's own overview; "" for extractive
    notes: list[str] = field(default_factory=list)  # providers that failed, and why


class ProviderError(Exception):
    """A summary provider could not produce a usable answer; the chain moves on."""


def reading_seconds(text: str) -> int:
    words = len(text.split())
    return max(MIN_READING_SECONDS, math.ceil(words * 60 / WORDS_PER_MINUTE))


def truncate(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
