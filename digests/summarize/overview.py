"""The digest's overview: a few lines on what matters most."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from digests.models import Urgency
from digests.parsing import ParsedMessage
from digests.summarize.types import Analysis, truncate


def count_by_urgency(analyses: Iterable[Analysis]) -> dict[str, int]:
    counts = dict.fromkeys(Urgency.values, 0)
    for analysis in analyses:
        counts[analysis.urgency] += 1
    return counts


def write_overview(
    ordered: Sequence[tuple[ParsedMessage, Analysis]], provider_overview: str = ""
) -> str:
    """ "14 new messages, 2 urgent: <top items>" over messages in ranked order."""
    if not ordered:
        return "No new messages."
    counts = count_by_urgency(analysis for _, analysis in ordered)
    total = len(ordered)
    head = f"{total} new message{'s' if total != 1 else ''}"
    flagged = [f"{counts[u]} {u}" for u in (Urgency.URGENT, Urgency.HIGH) if counts[u]]
    if flagged:
        head += ", " + ", ".join(flagged)
    if provider_overview:
        return f"{head}. {provider_overview}"
    top = [pair for pair in ordered if pair[1].urgency in (Urgency.URGENT, Urgency.HIGH)] or list(
        ordered
    )
    items = "; ".join(_overview_item(message, analysis) for message, analysis in top[:3])
    return f"{head}: {items}" if flagged else f"{head}, nothing urgent. Top: {items}"


def _overview_item(message: ParsedMessage, analysis: Analysis) -> str:
    subject = truncate(message.subject or "(no subject)", 70)
    who = message.from_name or message.from_address
    due = analysis.earliest_due
    return f"{subject} ({who}{f', due {due:%a %d %b}' if due else ''})"
