"""The offline analyzer as it was on main before issue 8 (commit 7b4a7e9): the floor to beat."""

from __future__ import annotations

from bench.qualitybench.mainline.actions import find_action_items, invitation_item
from bench.qualitybench.mainline.summary import extractive_summary
from bench.qualitybench.mainline.types import (
    MAX_ACTION_ITEMS,
    Analysis,
    SummaryContext,
    reading_seconds,
)
from bench.qualitybench.mainline.urgency import classify_urgency
from digests.parsing import ParsedMessage

__all__ = ["analyze"]


def analyze(message: ParsedMessage, ctx: SummaryContext) -> Analysis:
    # An invitation comes from Google's calendar robot on behalf of a person who wants an
    # answer: it is weighed like a person's mail, not like a notification.
    invitation = message.calendar is not None and message.calendar.method != "CANCEL"
    automated = message.is_automated and not invitation
    items = find_action_items(message, ctx.zone, automated=automated)
    urgency, reasons = classify_urgency(message, items, ctx, automated=automated)
    # The invitation's own item is added after classifying: its date is the event, which
    # classify_urgency already weighs, not a deadline to count a second time.
    if (invitation := invitation_item(message, ctx.zone)) and len(items) < MAX_ACTION_ITEMS:
        items.append(invitation)
    return Analysis(
        summary=extractive_summary(message, ctx.zone),
        urgency=urgency,
        reasons=reasons,
        action_items=tuple(items),
        reading_seconds=reading_seconds(message.clean_body or message.body),
    )
