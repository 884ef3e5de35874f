"""The HTTP face of :class:`~fakellm.state.FakeLLM`: a plain WSGI app, no framework.

``POST .../chat/completions`` answers like OpenAI's chat completions API (and the
OpenAI-compatible servers: Ollama, vLLM, llama.cpp); ``POST .../messages`` like Anthropic's
messages API. ``/_fake/...`` is the control API for other processes.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from collections.abc import Iterator
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from fakellm.replies import Reply
from fakellm.state import FakeLLM, LlmRequest

logger = logging.getLogger("fakellm")

JSON = "application/json"
HANG_LIMIT = 120.0  # a hung reply gives up by itself, so no test run waits forever


def make_wsgi_app(fake: FakeLLM) -> WSGIApplication:
    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterator[bytes]:
        method = environ["REQUEST_METHOD"].upper()
        path = environ.get("PATH_INFO") or "/"
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        if path.startswith("/_fake/"):
            return _control(fake, method, path, raw, start_response)
        api = _api_for(path)
        if method != "POST" or api is None:
            return _send(start_response, 404, {"error": {"message": f"no route {method} {path}"}})
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return _send(start_response, 400, _error_body(api, "invalid_request_error", "bad JSON"))
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        request = LlmRequest(api=api, path=path, headers=headers, body=body)
        if fake.api_key and _key_of(request) != fake.api_key:
            fake.record(request)
            return _send(start_response, 401, _error_body(api, "authentication_error", "bad key"))
        try:
            reply = fake.receive(request)
        except Exception as exc:  # a test's responder is broken: say so instead of hanging up
            logger.exception("fakellm responder failed")
            return _send(start_response, 500, _error_body(api, "responder_error", repr(exc)))
        status, payload = _payload(request, reply, len(fake.requests))
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        extra = [("Retry-After", f"{reply.retry_after:g}")] if reply.retry_after is not None else []
        start_response(
            f"{status} {http.client.responses.get(status, 'Status')}",
            [("Content-Type", JSON), ("Content-Length", str(len(data))), *extra],
        )
        return _deliver(fake, request, reply, data)

    return app


def _api_for(path: str) -> str | None:
    if path.rstrip("/").endswith("/chat/completions"):
        return "openai"
    if path.rstrip("/").endswith("/messages"):
        return "anthropic"
    return None


def _key_of(request: LlmRequest) -> str:
    if request.api == "anthropic" and "x-api-key" in request.headers:
        return request.headers["x-api-key"]
    return request.headers.get("authorization", "").removeprefix("Bearer ")


def _deliver(fake: FakeLLM, request: LlmRequest, reply: Reply, data: bytes) -> Iterator[bytes]:
    """Send ``data`` as the reply says: at once, late, a byte at a time, or never.

    The request counts as finished, and no longer in flight, as the last bytes are handed to
    the socket: before the client can have read them, so a test never sees a stale count.
    """
    fake.started()
    counted = True
    try:
        if reply.hang:
            fake.stopping.wait(HANG_LIMIT)
            return
        if reply.delay and fake.stopping.wait(reply.delay):
            return
        step = 1 if reply.drip_interval > 0 else len(data)
        chunks = [data[i : i + step] for i in range(0, len(data), step)] or [b""]
        for index, chunk in enumerate(chunks):
            if index and fake.stopping.wait(reply.drip_interval):
                return
            if index == len(chunks) - 1:
                request.finished = True
                fake.ended()
                counted = False
            yield chunk
    finally:  # also when the client hangs up: the server closes this generator
        if counted:
            fake.ended()


def _payload(request: LlmRequest, reply: Reply, number: int) -> tuple[int, Any]:
    if reply.body is not None:
        return reply.status, reply.body
    if reply.status >= 400:
        return reply.status, _error_body(request.api, reply.error_type, f"fake {reply.status}")
    if request.api == "anthropic":
        return 200, _anthropic_message(request, reply, number)
    return 200, _openai_completion(request, reply, number)


def _error_body(api: str, error_type: str, message: str) -> dict[str, Any]:
    if api == "anthropic":
        return {"type": "error", "error": {"type": error_type, "message": message}}
    return {"error": {"message": message, "type": error_type, "param": None, "code": None}}


def _content_text(reply: Reply) -> str:
    return reply.text if reply.text is not None else json.dumps(reply.answer)


def _openai_completion(request: LlmRequest, reply: Reply, number: int) -> dict[str, Any]:
    content = _content_text(reply)
    prompt_tokens, completion_tokens = len(request.prompt) // 4, len(content) // 4
    return {
        "id": f"chatcmpl-fake{number}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": reply.finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _anthropic_message(request: LlmRequest, reply: Reply, number: int) -> dict[str, Any]:
    if request.forced_tool and reply.text is None:
        block: dict[str, Any] = {
            "type": "tool_use",
            "id": f"toolu_fake{number}",
            "name": request.forced_tool,
            "input": reply.answer,
        }
        stop = "tool_use"
    else:
        block = {"type": "text", "text": _content_text(reply)}
        stop = "end_turn"
    if reply.finish_reason == "length":
        stop = "max_tokens"
    return {
        "id": f"msg_fake{number}",
        "type": "message",
        "role": "assistant",
        "model": request.model,
        "content": [block],
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": len(request.prompt) // 4, "output_tokens": 100},
    }


def _control(
    fake: FakeLLM, method: str, path: str, raw: bytes, start_response: StartResponse
) -> Iterator[bytes]:
    """GET /_fake/requests; POST /_fake/enqueue {"replies": [Reply fields]}; POST /_fake/reset."""
    if method == "GET" and path == "/_fake/requests":
        listed = [
            {"api": r.api, "path": r.path, "model": r.model, "finished": r.finished}
            for r in fake.requests
        ]
        return _send(start_response, 200, {"requests": listed, "max_in_flight": fake.max_in_flight})
    if method == "POST" and path == "/_fake/enqueue":
        try:
            replies = [Reply(**fields) for fields in json.loads(raw)["replies"]]
        except (ValueError, KeyError, TypeError) as exc:
            return _send(start_response, 400, {"error": f"bad replies: {exc}"})
        fake.enqueue(*replies)
        return _send(start_response, 200, {"queued": len(replies)})
    if method == "POST" and path == "/_fake/reset":
        fake.reset()
        return _send(start_response, 200, {})
    return _send(start_response, 404, {"error": f"no control route {method} {path}"})


def _send(start_response: StartResponse, status: int, payload: Any) -> Iterator[bytes]:
    data = json.dumps(payload).encode()
    start_response(
        f"{status} {http.client.responses.get(status, 'Status')}",
        [("Content-Type", JSON), ("Content-Length", str(len(data)))],
    )
    return iter([data])
