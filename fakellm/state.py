"""The fake's memory: scripted replies, the requests it received, how many ran at once."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fakellm.replies import Reply

Responder = Callable[["LlmRequest"], Reply | Any]
"""Turns a request into a Reply, or into a plain answer value (wrapped as ``Reply(answer=)``)."""


@dataclass
class LlmRequest:
    """One request as received: which API, the raw body, and the parts tests look at."""

    api: str  # "openai" (chat completions) or "anthropic" (messages)
    path: str
    headers: dict[str, str]  # lower-case names
    body: dict[str, Any]
    received_at: float = field(default_factory=time.monotonic)
    finished: bool = False  # the last bytes went out (False: still running, or hung up on)

    @property
    def model(self) -> str:
        return str(self.body.get("model", ""))

    @property
    def system(self) -> str:
        """The system prompt (OpenAI: the system/developer messages; Anthropic: ``system``)."""
        if self.api == "anthropic":
            return _text_of(self.body.get("system", ""))
        return "\n".join(
            _text_of(m.get("content", ""))
            for m in self.body.get("messages", [])
            if m.get("role") in ("system", "developer")
        )

    @property
    def prompt(self) -> str:
        """The user turns' text, joined."""
        return "\n".join(
            _text_of(m.get("content", ""))
            for m in self.body.get("messages", [])
            if m.get("role") == "user"
        )

    @property
    def forced_tool(self) -> str:
        """The tool an Anthropic request forces (``tool_choice`` of type tool), else ""."""
        choice = self.body.get("tool_choice") or {}
        return str(choice.get("name", "")) if choice.get("type") == "tool" else ""

    @property
    def schema(self) -> dict[str, Any] | None:
        """The JSON schema the answer must follow: response_format or the forced tool's."""
        if self.api == "openai":
            response_format = self.body.get("response_format") or {}
            return (response_format.get("json_schema") or {}).get("schema")
        for tool in self.body.get("tools", []):
            if tool.get("name") == self.forced_tool:
                return tool.get("input_schema")
        return None

    def prompt_json(self) -> Any:
        """The user text parsed as JSON (GDA sends its messages as one JSON document)."""
        return json.loads(self.prompt)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts / blocks
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


class FakeLLM:
    """Scripted model: queued replies first, then the responder; thread-safe."""

    def __init__(self, responder: Responder | None = None, *, api_key: str = "") -> None:
        from fakellm.digest import well_behaved

        self.responder: Responder = responder or well_behaved
        self.api_key = api_key  # "" accepts any key or none, like a local server
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._queue: deque[Reply] = deque()
        self._requests: list[LlmRequest] = []
        self._in_flight = 0
        self.max_in_flight = 0

    def enqueue(self, *replies: Reply) -> None:
        """Replies used once each, in order, before the responder is asked."""
        with self._lock:
            self._queue.extend(replies)

    def respond_with(self, responder: Responder) -> None:
        self.responder = responder

    @property
    def requests(self) -> list[LlmRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self._requests.clear()
            self.max_in_flight = 0

    def record(self, request: LlmRequest) -> None:
        """Note a request that gets no scripted reply (refused before that)."""
        with self._lock:
            self._requests.append(request)

    def receive(self, request: LlmRequest) -> Reply:
        """Record ``request`` and decide the reply."""
        with self._lock:
            self._requests.append(request)
            queued = self._queue.popleft() if self._queue else None
        if queued is not None:
            return queued
        reply = self.responder(request)
        return reply if isinstance(reply, Reply) else Reply(answer=reply)

    def started(self) -> None:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)

    def ended(self) -> None:
        with self._lock:
            self._in_flight -= 1
