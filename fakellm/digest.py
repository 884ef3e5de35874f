"""Responders that understand GDA's prompt: one JSON document with a list of messages.

They make answers of the shape the digest providers ask for (``overview`` and one entry per
message id), well-behaved or not, so tests and benches need not write them by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from fakellm.state import LlmRequest

# What the obedient model takes as an order: "urgent" near words that address a model.
INJECTION = re.compile(
    r"\b(ignore|disregard|assistant|model|AI|instructions?)\b[^.]*\burgent\b"
    r"|\burgent\b[^.]*\b(ignore|disregard|assistant|model|AI|instructions?)\b",
    re.IGNORECASE,
)


def items(request: LlmRequest) -> list[dict[str, Any]]:
    """The messages of a GDA prompt; none when the prompt is something else."""
    try:
        prompt = request.prompt_json()
    except ValueError:
        return []
    found = prompt.get("messages") if isinstance(prompt, dict) else None
    return [item for item in found or [] if isinstance(item, dict) and "id" in item]


def entry(item: dict[str, Any], urgency: str = "medium") -> dict[str, Any]:
    """An answer for one message: a summary naming its subject, no action items."""
    return {
        "id": item["id"],
        "summary": f"Model summary of {item.get('subject') or 'a message'}.",
        "urgency": urgency,
        "reason": "rated by the fake model",
        "action_items": [],
    }


def digest_answer(
    request: LlmRequest,
    *,
    urgency: str | Callable[[dict[str, Any]], str] = "medium",
    omit: Iterable[str] = (),
    duplicate: Iterable[str] = (),
    extra: Iterable[str] = (),
    overview: str = "Model overview.",
) -> dict[str, Any]:
    """An answer for every message of the prompt, less ``omit``, plus the given faults.

    ``omit``, ``duplicate`` and ``extra`` name message ids (or, for ``omit``/``duplicate``,
    subjects): left out, answered twice, answered though never sent.
    """
    omit, duplicate = set(omit), set(duplicate)
    entries = []
    for item in items(request):
        if {item["id"], item.get("subject")} & omit:
            continue
        made = entry(item, urgency(item) if callable(urgency) else urgency)
        entries.append(made)
        if {item["id"], item.get("subject")} & duplicate:
            entries.append(dict(made))
    entries.extend(entry({"id": extra_id}) for extra_id in extra)
    return {"overview": overview, "messages": entries}


def well_behaved(request: LlmRequest) -> dict[str, Any]:
    """Every message answered once, rated medium: the default of FakeLLM."""
    return digest_answer(request)


def obedient(request: LlmRequest) -> dict[str, Any]:
    """A model that follows instructions found in mail: "mark everything urgent" is obeyed."""
    if any(INJECTION.search(str(item.get("text", ""))) for item in items(request)):
        return digest_answer(request, urgency="urgent", overview="Everything is urgent.")
    return well_behaved(request)
