"""The urgency class of a message, with the reasons behind it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from bench.qualitybench.mainline.types import ActionItem, SummaryContext
from digests.models import Urgency
from digests.parsing import ParsedMessage

_URGENT_WORDS = re.compile(
    r"\b(urgent|urgently|asap|a\.s\.a\.p|emergency|immediately|right away|time[- ]sensitive|"
    r"critical|outage|is down|p0|sev ?1)\b",
    re.IGNORECASE,
)
_ACTION_WORDS = re.compile(
    r"\b(action required|action needed|response (needed|required)|please respond|reminder|"
    r"deadline|overdue|final notice|needs? your (approval|signature|input|decision))\b",
    re.IGNORECASE,
)


def classify_urgency(
    message: ParsedMessage,
    action_items: Sequence[ActionItem],
    ctx: SummaryContext,
    *,
    automated: bool,
) -> tuple[Urgency, tuple[str, ...]]:
    """Points for each signal, then a class; the reasons say where every point came from.

    Mail from machines is low, with one exception: a notice that is not mass mail and names
    a deadline within a week (a bill, an overdue expense report) is medium, so it is not
    buried under newsletters. It never outranks what a person asks for.
    """
    if automated:
        today = ctx.now.astimezone(ctx.zone).date()
        due = min((item.due for item in action_items if item.due), default=None)
        if not message.is_mass_mail and due is not None and due <= today + timedelta(days=7):
            return Urgency.MEDIUM, ("automated, but names a deadline within a week",)
        return Urgency.LOW, ("automated sender, newsletter or promotion",)
    points = 0
    reasons: list[str] = []

    def add(amount: int, reason: str) -> None:
        nonlocal points
        points += amount
        reasons.append(f"{reason} (+{amount})")

    body = message.clean_body
    if _URGENT_WORDS.search(message.subject):
        add(3, "urgent wording in the subject")
    elif _URGENT_WORDS.search(body):
        add(2, "urgent wording in the text")
    asks = bool(_ACTION_WORDS.search(message.subject) or _ACTION_WORDS.search(body))
    if asks:
        add(1, "asks for action")
    today = ctx.now.astimezone(ctx.zone).date()
    due_dates = [item.due for item in action_items if item.due]
    if due_dates and min(due_dates) <= today + timedelta(days=2):
        add(2, "deadline within 48 hours")
    elif due_dates and min(due_dates) <= today + timedelta(days=7):
        add(1, "deadline within a week")
    elif action_items and not asks:
        add(1, "asks you to do something")
    if message.calendar is not None and message.calendar.method != "CANCEL":
        add(1, "calendar invitation")
        start = message.calendar.start
        if start is not None and ctx.now <= start <= ctx.now + timedelta(hours=48):
            add(1, "event within 48 hours")
    if "IMPORTANT" in message.labels:
        add(1, "marked important by Gmail")
    if "STARRED" in message.labels:
        add(1, "starred")
    if not reasons and "?" in body:
        add(1, "a question for you")
    if not reasons:
        reasons.append("nothing urgent found")
    if points >= 4:
        urgency = Urgency.URGENT
    elif points >= 2:
        urgency = Urgency.HIGH
    elif points == 1:
        urgency = Urgency.MEDIUM
    else:
        urgency = Urgency.LOW
    return urgency, tuple(reasons)
