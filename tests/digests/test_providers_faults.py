"""What providers do when the model or its API misbehaves: every message still gets analyzed."""

import json
import logging
import time

import pytest

from digests.summarize import ProviderError, parse_provider_output, summarize
from fakellm import Reply, drip, error, hang, text
from fakellm.digest import digest_answer
from tests.fakellm.support import CONTEXT, config_for, llm, two_messages

__all__ = ["llm"]


def test_http_500_falls_back_and_the_chain_goes_on(llm):
    llm.fake.enqueue(error(500))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai", "anthropic"]))

    assert result.provider == "anthropic"
    assert result.notes == ["openai: HTTP 500 (api_error)"]
    assert {a.analyzed_by for a in result.analyses.values()} == {"anthropic"}
    assert [r.api for r in llm.fake.requests] == ["openai", "anthropic"]


@pytest.mark.parametrize("name", ["openai", "anthropic"])
def test_429_is_not_retried_by_the_sdk_and_falls_back_to_offline(llm, name):
    llm.fake.enqueue(error(429, retry_after=2))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, [name]))

    assert result.provider == "extractive"
    assert result.analyses == analyses
    assert result.notes == [f"{name}: HTTP 429 (rate_limit_error), retry after 2 s"]
    assert len(llm.fake.requests) == 1  # max_retries=0: our chain decides, not the SDK


def test_wrong_key_is_reported_as_http_401(llm):
    llm.fake.api_key = "sk-right"
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai"]))

    assert result.notes == ["openai: HTTP 401 (authentication_error)"]


@pytest.mark.parametrize("name", ["openai", "anthropic"])
def test_malformed_model_output_falls_back(llm, name):
    llm.fake.enqueue(text('{"overview": "cut off here'))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, [name]))

    assert result.provider == "extractive"
    assert result.notes[0].startswith(f"{name}: answer is not JSON")


def test_a_broken_api_body_falls_back(llm):
    llm.fake.enqueue(Reply(body=b"<html>bad gateway</html>"))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai"]))

    assert result.provider == "extractive"
    assert result.notes == ["openai: unusable API answer (JSONDecodeError)"]


def test_an_answer_cut_at_the_token_limit_falls_back(llm):
    llm.fake.respond_with(
        lambda request: Reply(answer=digest_answer(request), finish_reason="length")
    )
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai"]))

    assert result.notes == ["openai: answer cut off at the output token limit"]


@pytest.mark.parametrize("name", ["openai", "anthropic"])
def test_a_left_out_message_keeps_its_offline_analysis(llm, name):
    llm.fake.respond_with(lambda request: digest_answer(request, urgency="high", omit=["Lunch"]))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, [name]))

    assert result.provider == f"{name}+extractive"
    assert result.analyses["m1"].analyzed_by == name
    assert result.analyses["m2"] == analyses["m2"]  # offline, untouched
    assert result.notes == [f"{name}: the answer left out 1 message(s)"]
    assert result.overview == ""  # one call's overview does not speak for messages it skipped


def test_a_left_out_message_goes_on_to_the_next_provider(llm):
    def answer(request):
        omit = ["Lunch"] if request.api == "openai" else []
        return digest_answer(request, omit=omit)

    llm.fake.respond_with(answer)
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai", "anthropic"]))

    assert result.provider == "openai+anthropic"
    assert result.analyses["m1"].analyzed_by == "openai"
    assert result.analyses["m2"].analyzed_by == "anthropic"
    assert [m["subject"] for m in llm.fake.requests[1].prompt_json()["messages"]] == ["Lunch"]


@pytest.mark.parametrize(
    ("faults", "error_text"),
    [
        (
            {"extra": ["m9"]},
            "answer does not match the schema: messages[2].id: not an id that was sent",
        ),
        ({"duplicate": ["Lunch"]}, "messages[2].id: 'm2' appears twice"),
    ],
)
def test_extra_or_duplicate_ids_refuse_the_whole_answer(llm, faults, error_text):
    llm.fake.respond_with(lambda request: digest_answer(request, urgency="urgent", **faults))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai"]))

    assert result.provider == "extractive"
    assert result.analyses == analyses
    assert result.notes == [f"openai: {error_text}"]


@pytest.mark.parametrize(
    ("answer", "error_text"),
    [
        ("[]", "(root): expected object, got array"),
        ('{"messages": []}', "(root): missing overview"),
        (
            '{"overview": "", "messages": [{"id": "m1"}]}',
            "messages[0]: missing summary, urgency, reason, action_items",
        ),
        (
            '{"overview": "", "messages": [{"id": "m1", "summary": "s", "urgency": "soon", '
            '"reason": "", "action_items": []}]}',
            "messages[0].urgency: expected one of low, medium, high, urgent",
        ),
        (
            '{"overview": "", "messages": [{"id": "m1", "summary": "s", "urgency": "low", '
            '"reason": "", "action_items": [{"text": "x", "due": "Friday", "time": null}]}]}',
            "messages[0].action_items[0].due: expected a date as YYYY-MM-DD",
        ),
        (
            '{"overview": "", "messages": [{"id": "m1", "summary": "s", "urgency": "low", '
            '"reason": "", "action_items": [{"text": "x", "due": "2026-02-30", "time": null}]}]}',
            "messages[0].action_items[0].due: not a real date",
        ),
        (
            '{"overview": "", "messages": [{"id": "m1", "summary": "s", "urgency": "low", '
            '"reason": "", "action_items": [{"text": "x", "due": null, "time": "5pm"}]}]}',
            "messages[0].action_items[0].time: expected a time as HH:MM",
        ),
        (
            '{"overview": "", "messages": [{"id": "m1", "summary": "s", "urgency": "low", '
            '"reason": "", "action_items": [{"text": "x", "due": null}]}]}',
            "messages[0].action_items[0]: missing time",
        ),
        (
            '{"overview": "", "messages": [{"id": "m1", "summary": " ", "urgency": "low", '
            '"reason": "", "action_items": []}]}',
            "messages[0].summary: is empty",
        ),
        (
            '{"overview": "", "messages": [], "urgent": true}',
            "(root): unexpected urgent",
        ),
        (
            '{"overview": 3, "messages": []}',
            "overview: expected string, got integer",
        ),
    ],
)
def test_schema_violations_name_the_first_deviation(answer, error_text):
    with pytest.raises(ProviderError) as info:
        parse_provider_output(answer, ["m1", "m2"])
    assert error_text in str(info.value)


def test_schema_errors_never_quote_the_answer():
    secret_text = "the merger with Initech closes Friday"
    answer = json.dumps(
        {"overview": "", "messages": [{"id": "m1", "summary": 5, "urgency": secret_text}]}
    )
    with pytest.raises(ProviderError) as info:
        parse_provider_output(answer, ["m1"])
    assert "Initech" not in str(info.value)


def test_output_in_a_code_fence_is_accepted():
    body = json.dumps({"overview": "", "messages": []})
    assert parse_provider_output(f"```json\n{body}\n```", ["m1"]).entries == {}


@pytest.mark.parametrize("fault", ["drip", "hang"])
@pytest.mark.parametrize("name", ["openai", "anthropic"])
def test_overall_deadline_holds_against_a_dripping_or_hung_server(llm, name, fault):
    """A byte every 0.5 s never trips a per-read timeout; the call's deadline still holds."""
    llm.fake.respond_with(
        lambda request: drip(digest_answer(request), 0.5) if fault == "drip" else hang()
    )
    found, analyses = two_messages()
    started = time.monotonic()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, [name], timeout=1.5))

    elapsed = time.monotonic() - started
    assert elapsed < 5  # generous: the drip alone would take minutes
    assert result.provider == "extractive"
    assert result.analyses == analyses
    assert result.notes == [f"{name}: no answer within 1.5 s"]
    if fault == "drip":  # the abandoned call was ended, not left dripping in the background
        deadline = time.monotonic() + 3
        while llm.fake.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)
        assert llm.fake.in_flight == 0
        assert llm.fake.requests[0].finished is False


def test_failures_log_neither_keys_nor_mail(llm, caplog):
    llm.fake.enqueue(error(500))
    found, analyses = two_messages()
    with caplog.at_level(logging.DEBUG):
        summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai"]))
    logged = caplog.text
    assert "summary provider openai failed: HTTP 500" in logged
    assert "sk-test" not in logged
    assert "contract" not in logged.lower()


def test_an_unexpected_error_in_a_provider_costs_no_message(monkeypatch, llm):
    from digests.summarize.providers import PROVIDERS
    from digests.summarize.providers.remote import Remote

    def broken(client, request, config):
        return {"overview": "x"}["messages"]  # a bug: KeyError naming no mail

    real = PROVIDERS["openai"]
    monkeypatch.setitem(PROVIDERS, "openai", Remote("openai", real.problem, real.connect, broken))
    found, analyses = two_messages()

    result = summarize(found, analyses, CONTEXT, config=config_for(llm, ["openai", "anthropic"]))

    assert result.provider == "anthropic"
    assert result.notes[0].startswith("openai: unexpected KeyError at test_providers_faults.py:")
