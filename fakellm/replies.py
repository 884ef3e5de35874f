"""What the fake says to one request: an answer, raw text, an HTTP error, or a fault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted reply; the app wraps ``answer`` in the shape of the API that was called.

    ``answer`` is the JSON value the model "means": the OpenAI endpoint sends it as the
    message content (JSON text), the Anthropic one as the input of a ``tool_use`` block when
    the request forces a tool, else as text. ``text`` replaces it with raw model text
    (malformed output). ``body`` replaces the whole HTTP body (a broken API).
    """

    answer: Any = None
    text: str | None = None
    body: bytes | None = None
    status: int = 200
    error_type: str = ""  # the API's error type for status >= 400
    retry_after: float | None = None  # Retry-After header, seconds
    delay: float = 0.0  # seconds before anything is sent
    drip_interval: float = 0.0  # > 0: the body goes out one byte at a time, this far apart
    hang: bool = False  # send nothing until the server stops (or 120 s)
    finish_reason: str = "stop"  # OpenAI finish_reason / Anthropic stop_reason ("length", ...)


def answer(value: Any, **options: Any) -> Reply:
    return Reply(answer=value, **options)


def text(raw: str, **options: Any) -> Reply:
    """Model text that is not what was asked for: prose, cut-off JSON, a code fence."""
    return Reply(text=raw, **options)


def error(status: int, error_type: str = "", *, retry_after: float | None = None) -> Reply:
    """An HTTP error in the API's own error shape (500, 429 with Retry-After, 401...)."""
    default = {429: "rate_limit_error", 401: "authentication_error", 529: "overloaded_error"}
    return Reply(
        status=status,
        error_type=error_type or default.get(status, "api_error"),
        retry_after=retry_after,
    )


def drip(value: Any, interval: float = 0.5) -> Reply:
    """A good answer sent one byte every ``interval`` seconds: defeats per-read timeouts."""
    return Reply(answer=value, drip_interval=interval)


def hang() -> Reply:
    """Accept the request and never answer (until the server stops)."""
    return Reply(hang=True)
