"""The summary provider chain: remote models that refine the local analysis, and the fallback."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import requests
from django.conf import settings

from digests.models import Urgency
from digests.parsing import ParsedMessage
from digests.summarize.types import (
    MAX_ACTION_ITEMS,
    ActionItem,
    Analysis,
    DigestSummary,
    ProviderError,
    SummaryContext,
    truncate,
)
from gda_site import serialization as js
from gda_site.config import SummaryConfig

logger = logging.getLogger(__name__)

# Remote providers see a bounded prompt: enough of each mail to summarize, never a novel.
REMOTE_BODY_CHARS = 1500

Provider = Callable[
    [Sequence[ParsedMessage], dict[str, Analysis], SummaryContext, SummaryConfig], DigestSummary
]


def extractive_provider(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> DigestSummary:
    return DigestSummary("extractive", dict(analyses))


_INSTRUCTIONS = """You summarize email for a busy reader. Answer with one JSON object only, no
prose, no code fence:
{"overview": "<one or two sentences on what matters most>",
 "messages": [{"id": "<the id given>", "summary": "<one or two sentences>",
               "urgency": "low" | "medium" | "high" | "urgent",
               "action_items": [{"text": "<what the reader must do>",
                                 "due": "YYYY-MM-DD" or null}]}]}
Every message id given must appear exactly once. Resolve relative dates ("by Friday") against
the message's received time. Newsletters, promotions and automated notices are "low"."""


def _prompt(messages: Sequence[ParsedMessage], ctx: SummaryContext) -> str:
    items = [
        {
            "id": m.gmail_id,
            "from": f"{m.from_name} <{m.from_address}>".strip(),
            "subject": m.subject,
            "received": m.received_at.astimezone(ctx.zone).isoformat(),
            "labels": m.labels,
            "text": (m.clean_body or m.body or m.snippet)[:REMOTE_BODY_CHARS],
        }
        for m in messages
    ]
    return json.dumps(
        {"now": ctx.now.astimezone(ctx.zone).isoformat(), "messages": items}, ensure_ascii=False
    )


def parse_provider_output(
    text: str, messages: Sequence[ParsedMessage], analyses: dict[str, Analysis]
) -> tuple[str, dict[str, Analysis]]:
    """Check a model's answer against the schema; any deviation is a ProviderError naming it."""
    stripped = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise ProviderError(f"answer is not JSON ({exc.msg} at {exc.pos})") from None
    try:
        overview = js.get(data, "overview", str, "")
        entries = js.get_list(data, "messages", dict)
        expected = {m.gmail_id for m in messages}
        refined: dict[str, Analysis] = {}
        for index, entry in enumerate(entries):
            with js.inside(f"messages[{index}]"):
                refined_id, analysis = _parse_entry(entry, analyses, expected)
            if refined_id in refined:
                raise ProviderError(f"messages[{index}].id: {refined_id!r} appears twice")
            refined[refined_id] = analysis
    except js.SerializationError as exc:
        raise ProviderError(f"answer does not match the schema: {exc}") from None
    if missing := expected - set(refined):
        raise ProviderError(f"answer leaves out messages {sorted(missing)}")
    return truncate(overview, 400), {**analyses, **refined}


def _parse_entry(
    entry: dict[str, Any], analyses: dict[str, Analysis], expected: set[str]
) -> tuple[str, Analysis]:
    message_id = js.get(entry, "id", str)
    if message_id not in expected:
        raise js.SerializationError("id", f"unknown message id {message_id!r}")
    summary = js.get(entry, "summary", str).strip()
    if not summary:
        raise js.SerializationError("summary", "is empty")
    urgency = Urgency(js.get_choice(entry, "urgency", Urgency.values))
    items: list[ActionItem] = []
    for i, item in enumerate(js.get_list(entry, "action_items", dict, [])[:MAX_ACTION_ITEMS]):
        with js.inside(f"action_items[{i}]"):
            text = js.get(item, "text", str).strip()
            if not text:
                raise js.SerializationError("text", "is empty")
            items.append(ActionItem(truncate(text, 200), js.get_date(item, "due")))
    local = analyses[message_id]
    return message_id, replace(
        local,
        summary=truncate(summary),
        urgency=urgency,
        reasons=(*local.reasons, "classified by the summary model"),
        action_items=tuple(items),
    )


def _post_json(url: str, headers: dict[str, str], body: dict[str, Any], timeout: float) -> Any:
    try:
        response = requests.post(url, json=body, headers=headers, timeout=timeout)
    except requests.Timeout:
        raise ProviderError(f"no answer within {timeout:g} s") from None
    except requests.RequestException as exc:
        raise ProviderError(f"request failed: {exc.__class__.__name__}") from None
    if response.status_code != 200:
        raise ProviderError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        return response.json()
    except ValueError:
        raise ProviderError("the API answered with something that is not JSON") from None


def openai_provider(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> DigestSummary:
    if not config.openai_api_key:
        raise ProviderError("not configured (summary.openai_api_key is empty)")
    reply = _post_json(
        config.openai_base_url.rstrip("/") + "/chat/completions",
        {"Authorization": f"Bearer {config.openai_api_key}"},
        {
            "model": config.openai_model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": _INSTRUCTIONS},
                {"role": "user", "content": _prompt(messages, ctx)},
            ],
        },
        config.timeout,
    )
    try:
        text = reply["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ProviderError("the API answer has no choices[0].message.content") from None
    if not isinstance(text, str):
        raise ProviderError("choices[0].message.content is not text")
    overview, refined = parse_provider_output(text, messages, analyses)
    return DigestSummary("openai", refined, overview)


def anthropic_provider(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> DigestSummary:
    if not config.anthropic_api_key:
        raise ProviderError("not configured (summary.anthropic_api_key is empty)")
    reply = _post_json(
        config.anthropic_base_url.rstrip("/") + "/messages",
        {"x-api-key": config.anthropic_api_key, "anthropic-version": "2023-06-01"},
        {
            "model": config.anthropic_model,
            "max_tokens": 4096,
            "temperature": 0,
            "system": _INSTRUCTIONS,
            "messages": [{"role": "user", "content": _prompt(messages, ctx)}],
        },
        config.timeout,
    )
    try:
        blocks = reply["content"]
        text = "".join(b["text"] for b in blocks if isinstance(b, dict) and b.get("type") == "text")
    except (KeyError, TypeError):
        raise ProviderError("the API answer has no content blocks") from None
    overview, refined = parse_provider_output(text, messages, analyses)
    return DigestSummary("anthropic", refined, overview)


PROVIDERS: dict[str, Provider] = {
    "extractive": extractive_provider,
    "openai": openai_provider,
    "anthropic": anthropic_provider,
}


def summarize(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    *,
    config: SummaryConfig | None = None,
) -> DigestSummary:
    """Run the provider chain over ``messages`` (the ones the digest lists).

    ``analyses`` holds the local analysis of every message; providers refine the ones given
    and the rest pass through, so counts always cover the whole period.
    """
    config = config or settings.CONFIG.summary
    notes: list[str] = []
    if messages:
        for name in config.providers:
            try:
                result = PROVIDERS[name](messages, analyses, ctx, config)
            except ProviderError as exc:
                logger.warning("summary provider %s failed: %s", name, exc)
                notes.append(f"{name}: {exc}")
                continue
            result.notes = notes
            return result
    result = extractive_provider(messages, analyses, ctx, config)
    result.notes = notes
    return result
