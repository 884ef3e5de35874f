"""OpenAI's chat completions through the official SDK, and OpenAI-compatible local servers.

Both ask for structured output (``response_format`` json_schema, strict); the answer is
checked again here. The SDK's retries are off: the chain and its deadline decide.
"""

from __future__ import annotations

from typing import Any

import openai

from digests.summarize.providers.remote import (
    READ_TIMEOUT_SLACK,
    ModelRequest,
    Remote,
    http_problem,
)
from digests.summarize.providers.schema import SCHEMA_NAME, Answer, parse_answer_text
from digests.summarize.types import ProviderError
from gda_site.config import SummaryConfig

# The SDK refuses to start without some key; a keyless local server gets this placeholder
# and the request goes out with no Authorization header at all.
NO_KEY = "no-key"


def _client(base_url: str, api_key: str, config: SummaryConfig) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=api_key or NO_KEY,
        base_url=base_url,
        timeout=config.timeout + READ_TIMEOUT_SLACK,  # per read: the deadline comes first
        max_retries=0,
    )


def ask_chat(
    client: openai.OpenAI,
    request: ModelRequest,
    *,
    model: str,
    keyless: bool = False,
    legacy_max_tokens: bool = False,
) -> Answer:
    """One chat completion; any failure becomes a ProviderError that names no mail."""
    limit: dict[str, Any] = (
        {"max_tokens": request.max_output_tokens}
        if legacy_max_tokens
        else {"max_completion_tokens": request.max_output_tokens}
    )
    try:
        completion = client.chat.completions.create(
            model=model,
            messages=[
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.user},
            ],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": request.schema},
            },
            temperature=0,
            extra_headers={"Authorization": openai.Omit()} if keyless else None,
            **limit,
        )
    except openai.APIStatusError as exc:
        retry_after = exc.response.headers.get("retry-after")
        raise ProviderError(http_problem(exc.status_code, exc.body, retry_after)) from None
    except openai.APITimeoutError:
        raise ProviderError("the API stopped sending (read timeout)") from None
    except openai.APIConnectionError:
        raise ProviderError("cannot reach the API") from None
    except (openai.OpenAIError, ValueError, TypeError, KeyError) as exc:
        # ValueError and friends: the SDK choked on a broken body (HTML, cut-off JSON).
        raise ProviderError(f"unusable API answer ({exc.__class__.__name__})") from None
    if not getattr(completion, "choices", None):
        raise ProviderError("the API answer has no choices")
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        raise ProviderError("answer cut off at the output token limit")
    if choice.message.refusal:
        raise ProviderError("the model refused to answer")
    if not isinstance(choice.message.content, str):
        raise ProviderError("the API answer has no message content")
    return parse_answer_text(choice.message.content, request.item_ids)


def _openai_problem(config: SummaryConfig) -> str | None:
    return None if config.openai_api_key else "not configured (summary.openai_api_key is empty)"


OPENAI = Remote(
    name="openai",
    problem=_openai_problem,
    connect=lambda config: _client(config.openai_base_url, config.openai_api_key, config),
    ask=lambda client, request, config: ask_chat(client, request, model=config.openai_model),
)

COMPATIBLE = Remote(
    name="openai_compatible",
    problem=lambda config: None,  # a local server needs no key
    connect=lambda config: _client(config.compatible_base_url, config.compatible_api_key, config),
    ask=lambda client, request, config: ask_chat(
        client,
        request,
        model=config.compatible_model,
        keyless=not config.compatible_api_key,
        legacy_max_tokens=True,  # Ollama, llama.cpp and vLLM know max_tokens
    ),
)
