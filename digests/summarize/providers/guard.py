"""How far a model's answer is believed: where it may overrule the offline analysis.

The model reads text an attacker may have written, so its urgency is taken as is only for
mail from people. Two cases are bounded by what the local analyzer knows for certain:

- suspicious mail (looks like phishing): the model never raises its urgency, never clears
  the flag and adds no action items: a phishing mail must not become a to-do;
- automated mail (newsletters, notifications, receipts) the analyzer rated low: the model
  may raise it one class, to medium, and no further. A real alert the analyzer missed then
  still rises above the newsletters; a marketing mail that talks a model into "urgent", or
  a model that obeys instructions hidden in a mail, cannot put it at the top.

Lowering is always allowed: a wrong "low" costs a glance, a wrong "urgent" costs trust.
"""

from __future__ import annotations

from dataclasses import replace

from digests.models import Urgency
from digests.summarize.providers.schema import Entry
from digests.summarize.types import URGENCY_ORDER, Analysis

_BY_ORDER = {order: urgency for urgency, order in URGENCY_ORDER.items()}


def allowed_urgency(local: Analysis, proposed: Urgency, *, automated: bool) -> Urgency:
    """The highest urgency the guard lets ``proposed`` reach."""
    ceiling = URGENCY_ORDER[Urgency.URGENT]
    if local.suspicious:
        ceiling = URGENCY_ORDER[local.urgency]
    elif automated and local.urgency == Urgency.LOW:
        ceiling = URGENCY_ORDER[Urgency.MEDIUM]
    return _BY_ORDER[min(URGENCY_ORDER[proposed], ceiling)]


def refine(local: Analysis, entry: Entry, provider: str, *, automated: bool) -> Analysis:
    """The offline analysis with the model's summary, urgency and items, as far as allowed."""
    urgency = allowed_urgency(local, entry.urgency, automated=automated)
    said = f"{provider}: {entry.reason}" if entry.reason else f"rated by {provider}"
    reasons = (*local.reasons, said) if urgency == local.urgency else (said,)
    if urgency != entry.urgency:
        why = "looks like phishing" if local.suspicious else "automated mail"
        reasons = (*reasons, f"{provider} said {entry.urgency}; kept at {urgency}: {why}")
    return replace(
        local,
        summary=entry.summary,
        urgency=urgency,
        reasons=reasons,
        action_items=local.action_items if local.suspicious else entry.action_items,
        analyzed_by=provider,
    )
