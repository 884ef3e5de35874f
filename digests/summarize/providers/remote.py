"""What every remote provider is: a name, a configuration check, a client, one call."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from digests.summarize.providers.schema import Answer
from gda_site.config import SummaryConfig

# The SDK's own per-read timeout sits past the call's deadline, so the deadline always decides
# and the read timeout only ends a call the deadline already abandoned.
READ_TIMEOUT_SLACK = 1.0
OUTPUT_TOKENS_PER_MESSAGE = 300  # summary, reason and three items, generously
OUTPUT_TOKENS_BASE = 300  # the overview and the JSON around it


@dataclass(frozen=True)
class ModelRequest:
    system: str
    user: str
    schema: dict[str, Any]
    item_ids: Sequence[str]

    @property
    def max_output_tokens(self) -> int:
        return OUTPUT_TOKENS_BASE + OUTPUT_TOKENS_PER_MESSAGE * len(self.item_ids)


class Client(Protocol):
    def close(self) -> None: ...


@dataclass(frozen=True)
class Remote:
    """A remote provider. ``ask`` runs under the call's deadline; ``close`` aborts it."""

    name: str
    problem: Callable[[SummaryConfig], str | None]  # why it cannot run, or None
    connect: Callable[[SummaryConfig], Client]
    ask: Callable[[Any, ModelRequest, SummaryConfig], Answer]


def http_problem(status: int, body: object, retry_after: str | None) -> str:
    """ "HTTP 429 (rate_limit_error), retry after 2 s": status and error type, never the text."""
    inner = body.get("error", body) if isinstance(body, dict) else None
    kind = inner.get("type") if isinstance(inner, dict) else None
    text = f"HTTP {status}"
    if isinstance(kind, str) and re.fullmatch(r"[a-z_]{1,40}", kind):
        text += f" ({kind})"
    if retry_after and re.fullmatch(r"\d+(\.\d+)?", retry_after.strip()):
        text += f", retry after {retry_after.strip()} s"
    return text
