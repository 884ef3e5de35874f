"""What each message says, how urgent it is and what the reader must do by when.

Two layers. :func:`analyze` is local, deterministic and always works: an extractive summary
(the most informative sentences of what the sender wrote this time), an urgency class with
the reasons that produced it, action items with due dates resolved in the reader's time zone,
and a reading time. :func:`summarize` then runs the provider chain from
``settings.CONFIG.summary.providers``: a remote model (``openai``, ``anthropic``) may rewrite
the summaries, urgencies and action items of the listed messages; any timeout, error or
output that does not match the schema falls through to the next provider, and ``extractive``
(the local analysis as is) ends every chain, so a digest never fails for want of a model.

One concern a module, imported one way: ``types`` <- ``sentences`` <- ``dates`` <- ``actions``,
``urgency``, ``summary``, ``overview``, ``providers``; this module puts them together.
"""

from __future__ import annotations

from digests.parsing import ParsedMessage
from digests.summarize.actions import find_action_items, invitation_item
from digests.summarize.dates import resolve_due
from digests.summarize.overview import count_by_urgency, write_overview
from digests.summarize.providers import PROVIDERS, parse_provider_output, summarize
from digests.summarize.sentences import split_sentences
from digests.summarize.summary import extractive_summary
from digests.summarize.types import (
    MAX_ACTION_ITEMS,
    URGENCY_ORDER,
    ActionItem,
    Analysis,
    DigestSummary,
    ProviderError,
    SummaryContext,
    reading_seconds,
)
from digests.summarize.urgency import classify_urgency

__all__ = [
    "MAX_ACTION_ITEMS",
    "PROVIDERS",
    "URGENCY_ORDER",
    "ActionItem",
    "Analysis",
    "DigestSummary",
    "ProviderError",
    "SummaryContext",
    "analyze",
    "classify_urgency",
    "count_by_urgency",
    "extractive_summary",
    "find_action_items",
    "invitation_item",
    "parse_provider_output",
    "reading_seconds",
    "resolve_due",
    "split_sentences",
    "summarize",
    "write_overview",
]


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
