"""Split the listed messages into calls that fit the per-call and per-digest token budgets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from digests.parsing import ParsedMessage
from digests.summarize.providers.prompt import (
    CHARS_PER_TOKEN,
    SYSTEM_PROMPT,
    estimate_tokens,
    message_item,
    user_prompt,
)
from digests.summarize.providers.remote import ModelRequest
from digests.summarize.providers.schema import answer_schema
from digests.summarize.types import Analysis, SummaryContext
from gda_site.config import SummaryConfig

MAX_BATCH_MESSAGES = 20  # bounds the answer's size as well as the prompt's
ID_TOKENS = 4  # each id appears again in the schema's enum


@dataclass(frozen=True)
class Batch:
    """One call: which messages (by gmail id, in prompt order) and what is sent."""

    gmail_ids: tuple[str, ...]
    request: ModelRequest
    tokens: int  # estimated prompt tokens: system prompt, schema and messages

    def gmail_id(self, item_id: str) -> str:
        return self.gmail_ids[int(item_id.removeprefix("m")) - 1]


def call_overhead() -> int:
    """Tokens every call spends before its first message: system prompt and schema."""
    return estimate_tokens(SYSTEM_PROMPT + json.dumps(answer_schema([]))) + 30


def plan_batches(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> tuple[list[Batch], list[str]]:
    """Batches in the order given (most important first), and the ids past the budget."""
    overhead = call_overhead()
    groups: list[list[tuple[ParsedMessage, dict[str, Any]]]] = []
    group: list[tuple[ParsedMessage, dict[str, Any]]] = []
    group_tokens = spent = 0
    left_out: list[str] = []
    for message in messages:
        item = _fitting_item(message, analyses[message.gmail_id], ctx, config, overhead)
        tokens = _item_tokens(item)
        full = group and (
            overhead + group_tokens + tokens > config.batch_tokens
            or len(group) >= MAX_BATCH_MESSAGES
        )
        extra = (overhead if full or not group else 0) + tokens
        if spent + extra > config.token_budget:
            left_out.append(message.gmail_id)
            continue
        if full:
            groups.append(group)
            group, group_tokens = [], 0
        group.append((message, item))
        group_tokens += tokens
        spent += extra
    if group:
        groups.append(group)
    return [_batch(group, ctx) for group in groups], left_out


def _fitting_item(
    message: ParsedMessage,
    analysis: Analysis,
    ctx: SummaryContext,
    config: SummaryConfig,
    overhead: int,
) -> dict[str, Any]:
    """The message's item, its text cut further if it alone would not fit in one call."""
    item = message_item(message, analysis, "m00", ctx, config.message_chars)
    room = config.batch_tokens - overhead
    while item["text"] and (excess := _item_tokens(item) - room) > 0:
        # JSON escapes make the item longer than its text: cut the excess, and check again.
        keep = len(item["text"]) - excess * CHARS_PER_TOKEN - 8
        item["text"] = item["text"][: max(0, keep)]
    return item


def _item_tokens(item: dict[str, Any]) -> int:
    return estimate_tokens(json.dumps(item, ensure_ascii=False)) + ID_TOKENS


def _batch(group: list[tuple[ParsedMessage, dict[str, Any]]], ctx: SummaryContext) -> Batch:
    items = [{**item, "id": f"m{index}"} for index, (_, item) in enumerate(group, start=1)]
    item_ids = [item["id"] for item in items]
    schema = answer_schema(item_ids)
    request = ModelRequest(SYSTEM_PROMPT, user_prompt(items, ctx), schema, item_ids)
    tokens = estimate_tokens(request.system + request.user + json.dumps(schema))
    return Batch(tuple(m.gmail_id for m, _ in group), request, tokens)
