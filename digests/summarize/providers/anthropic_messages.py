"""Anthropic's messages API through the official SDK, the schema enforced as a forced tool."""

from __future__ import annotations

import anthropic

from digests.summarize.providers.remote import (
    READ_TIMEOUT_SLACK,
    ModelRequest,
    Remote,
    http_problem,
)
from digests.summarize.providers.schema import SCHEMA_NAME, Answer, parse_answer, parse_answer_text
from digests.summarize.types import ProviderError
from gda_site.config import SummaryConfig

TOOL_DESCRIPTION = "Record the analysis of every email given: overview and one entry per id."


def _client(config: SummaryConfig) -> anthropic.Anthropic:
    return anthropic.Anthropic(
        api_key=config.anthropic_api_key,
        base_url=config.anthropic_base_url.rstrip("/").removesuffix("/v1"),
        timeout=config.timeout + READ_TIMEOUT_SLACK,  # per read: the deadline comes first
        max_retries=0,
        open_telemetry=False,  # no spans, so no mail in anybody's traces
    )


def ask_messages(client: anthropic.Anthropic, request: ModelRequest, *, model: str) -> Answer:
    """One message with the answer as the input of a forced tool; failures name no mail."""
    try:
        reply = client.messages.create(
            model=model,
            max_tokens=request.max_output_tokens,
            system=request.system,
            messages=[{"role": "user", "content": request.user}],
            tools=[
                {
                    "name": SCHEMA_NAME,
                    "description": TOOL_DESCRIPTION,
                    "input_schema": request.schema,
                }
            ],
            tool_choice={"type": "tool", "name": SCHEMA_NAME},
        )
    except anthropic.APIStatusError as exc:
        retry_after = exc.response.headers.get("retry-after")
        raise ProviderError(http_problem(exc.status_code, exc.body, retry_after)) from None
    except anthropic.APITimeoutError:
        raise ProviderError("the API stopped sending (read timeout)") from None
    except anthropic.APIConnectionError:
        raise ProviderError("cannot reach the API") from None
    except (anthropic.AnthropicError, ValueError, TypeError, KeyError) as exc:
        # ValueError and friends: the SDK choked on a broken body (HTML, cut-off JSON).
        raise ProviderError(f"unusable API answer ({exc.__class__.__name__})") from None
    if reply.stop_reason == "max_tokens":
        raise ProviderError("answer cut off at the output token limit")
    blocks = list(getattr(reply, "content", None) or [])
    for block in blocks:
        if block.type == "tool_use" and block.name == SCHEMA_NAME:
            return parse_answer(block.input, request.item_ids)
    text = "".join(block.text for block in blocks if block.type == "text")
    if not text:
        raise ProviderError("the API answer has neither the tool call nor text")
    return parse_answer_text(text, request.item_ids)


def _problem(config: SummaryConfig) -> str | None:
    if config.anthropic_api_key:
        return None
    return "not configured (summary.anthropic_api_key is empty)"


ANTHROPIC = Remote(
    name="anthropic",
    problem=_problem,
    connect=_client,
    ask=lambda client, request, config: ask_messages(client, request, model=config.anthropic_model),
)
