"""Remote summary providers against a tiny HTTP server on loopback, and the fallback chain."""

import contextlib
import dataclasses
import datetime as dt
import json
import threading
import time
import zoneinfo
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from digests.models import Urgency
from digests.parsing import parse_message
from digests.summarize import (
    ActionItem,
    ProviderError,
    SummaryContext,
    analyze,
    parse_provider_output,
    summarize,
)
from gda_site.config import SummaryConfig
from tests.digests.factories import gmail_message, mail

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
CONTEXT = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("Europe/Berlin"))


class Recorded:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.respond: Callable[[dict], tuple[int, object]] = lambda request: (500, {})


class ModelServer(ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture
def model_api() -> Iterator[tuple[str, Recorded]]:
    recorded = Recorded()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            request = {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": json.loads(self.rfile.read(length)),
            }
            recorded.requests.append(request)
            status, body = recorded.respond(request)
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gave up
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        def log_message(self, format, *args):
            pass

    server = ModelServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", recorded
    server.shutdown()
    server.server_close()
    thread.join()


def config(base: str, providers: list[str], **changes) -> SummaryConfig:
    values = {
        "providers": providers,
        "timeout": 2.0,
        "openai_api_key": "sk-test",
        "openai_base_url": base,
        "anthropic_api_key": "ak-test",
        "anthropic_base_url": base,
    }
    return dataclasses.replace(SummaryConfig(), **{**values, **changes})


def messages():
    found = [
        parse_message(
            gmail_message(
                mail("Please send the contract by Friday.", subject="Contract"),
                received=NOW,
                gmail_id="m1",
            )
        ),
        parse_message(gmail_message(mail("Lunch?", subject="Lunch"), received=NOW, gmail_id="m2")),
    ]
    return found, {m.gmail_id: analyze(m, CONTEXT) for m in found}


def model_answer(request: dict) -> dict:
    """What a well-behaved model says: an entry for every id it was given."""
    if "messages" in request["body"] and request["path"].endswith("/chat/completions"):
        prompt = json.loads(request["body"]["messages"][1]["content"])
    else:
        prompt = json.loads(request["body"]["messages"][0]["content"])
    return {
        "overview": "Sign the contract this week.",
        "messages": [
            {
                "id": item["id"],
                "summary": f"Model summary of {item['subject']}.",
                "urgency": "urgent" if item["subject"] == "Contract" else "low",
                "action_items": [{"text": "Sign it", "due": "2026-12-04"}]
                if item["subject"] == "Contract"
                else [],
            }
            for item in prompt["messages"]
        ],
    }


def openai_reply(request: dict) -> tuple[int, dict]:
    content = json.dumps(model_answer(request))
    return 200, {"choices": [{"message": {"role": "assistant", "content": content}}]}


def anthropic_reply(request: dict) -> tuple[int, dict]:
    return 200, {"content": [{"type": "text", "text": json.dumps(model_answer(request))}]}


def test_openai_provider_refines_the_analysis(model_api):
    base, api = model_api
    api.respond = openai_reply
    found, analyses = messages()

    result = summarize(found, analyses, CONTEXT, config=config(base, ["openai", "extractive"]))

    assert result.provider == "openai"
    assert result.overview == "Sign the contract this week."
    contract = result.analyses["m1"]
    assert contract.summary == "Model summary of Contract."
    assert contract.urgency == Urgency.URGENT
    assert contract.action_items == (ActionItem("Sign it", dt.date(2026, 12, 4)),)
    assert contract.reading_seconds == analyses["m1"].reading_seconds
    request = api.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == "Bearer sk-test"
    assert request["body"]["model"] == "gpt-4o-mini"
    assert request["body"]["response_format"] == {"type": "json_object"}


def test_anthropic_provider(model_api):
    base, api = model_api
    api.respond = anthropic_reply
    found, analyses = messages()

    result = summarize(found, analyses, CONTEXT, config=config(base, ["anthropic"]))

    assert result.provider == "anthropic"
    assert result.analyses["m2"].summary == "Model summary of Lunch."
    request = api.requests[0]
    assert request["path"] == "/v1/messages"
    assert request["headers"]["x-api-key"] == "ak-test"
    assert request["headers"]["anthropic-version"] == "2023-06-01"


def test_timeout_falls_back_to_the_next_provider(model_api):
    base, api = model_api

    def slow(request):
        time.sleep(0.5)
        return openai_reply(request)

    api.respond = slow
    found, analyses = messages()

    result = summarize(
        found, analyses, CONTEXT, config=config(base, ["openai", "extractive"], timeout=0.1)
    )

    assert result.provider == "extractive"
    assert result.analyses == analyses
    assert result.notes == ["openai: no answer within 0.1 s"]


def test_http_error_falls_back_and_the_chain_goes_on(model_api):
    base, api = model_api
    api.respond = lambda request: (
        (503, {"error": "overloaded"}) if "chat" in request["path"] else anthropic_reply(request)
    )
    found, analyses = messages()

    result = summarize(found, analyses, CONTEXT, config=config(base, ["openai", "anthropic"]))

    assert result.provider == "anthropic"
    assert result.notes[0].startswith("openai: HTTP 503")


def test_unconfigured_provider_is_skipped_without_a_request(model_api):
    base, api = model_api
    found, analyses = messages()

    result = summarize(found, analyses, CONTEXT, config=config(base, ["openai"], openai_api_key=""))

    assert result.provider == "extractive"  # the chain always ends in the local summary
    assert result.notes == ["openai: not configured (summary.openai_api_key is empty)"]
    assert api.requests == []


def test_no_messages_means_no_request(model_api):
    base, api = model_api
    result = summarize([], {}, CONTEXT, config=config(base, ["openai"]))
    assert result.provider == "extractive"
    assert api.requests == []


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ("not json", "answer is not JSON"),
        ("[]", "answer does not match the schema: (root): expected an object"),
        ('{"messages": [{"id": "m1"}]}', "messages[0].summary: missing"),
        (
            '{"messages": [{"id": "m1", "summary": "s", "urgency": "soon"}]}',
            "messages[0].urgency: expected one of low, medium, high, urgent, got 'soon'",
        ),
        (
            '{"messages": [{"id": "m9", "summary": "s", "urgency": "low"}]}',
            "messages[0].id: unknown message id 'm9'",
        ),
        (
            '{"messages": [{"id": "m1", "summary": "s", "urgency": "low", '
            '"action_items": [{"text": "x", "due": "Friday"}]}]}',
            "messages[0].action_items[0].due: expected an ISO 8601 date, got 'Friday'",
        ),
        (
            '{"messages": [{"id": "m1", "summary": "s", "urgency": "low"}]}',
            "answer leaves out messages ['m2']",
        ),
        (
            '{"messages": [{"id": "m1", "summary": "s", "urgency": "low"}, '
            '{"id": "m1", "summary": "s", "urgency": "low"}]}',
            "messages[1].id: 'm1' appears twice",
        ),
    ],
)
def test_bad_model_output_is_refused_naming_the_problem(answer, error):
    found, analyses = messages()
    with pytest.raises(ProviderError) as info:
        parse_provider_output(answer, found, analyses)
    assert error in str(info.value)


def test_output_in_a_code_fence_is_accepted():
    found, analyses = messages()
    answer = json.dumps(
        {
            "overview": "",
            "messages": [{"id": m.gmail_id, "summary": "s", "urgency": "low"} for m in found],
        }
    )
    overview, refined = parse_provider_output(f"```json\n{answer}\n```", found, analyses)
    assert overview == ""
    assert refined["m1"].urgency == Urgency.LOW


def test_bad_output_from_the_api_falls_back(model_api):
    base, api = model_api
    api.respond = lambda request: (200, {"choices": [{"message": {"content": "Sure! Here:"}}]})
    found, analyses = messages()

    result = summarize(found, analyses, CONTEXT, config=config(base, ["openai", "extractive"]))

    assert result.provider == "extractive"
    assert result.notes[0].startswith("openai: answer is not JSON")
