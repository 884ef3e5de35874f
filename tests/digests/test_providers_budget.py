"""Token budgets, batching and the concurrency limit, counted on what the fake LLM received."""

import json
import math

import pytest

from digests.summarize import summarize
from fakellm import Reply
from fakellm.digest import digest_answer
from tests.fakellm.support import CONTEXT, analyzed, config_for, llm, message

__all__ = ["llm"]

PARAGRAPH = "The quarterly numbers are in and the board wants a short note on each region. "


def many(count: int, chars: int = 3000):
    body = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    return analyzed(
        *(
            message(f"g{i:03d}", body, f"Report {i}", sender=f"P{i} <p{i}@x.example>")
            for i in range(count)
        )
    )


def sent_tokens(request) -> int:
    """Prompt tokens the way the budget counts them: characters / 3, rounded up."""
    return math.ceil(len(request.system + request.prompt + json.dumps(request.schema)) / 3)


def test_a_hundred_messages_are_split_into_calls_within_both_budgets(llm):
    found, analyses = many(100)
    config = config_for(llm, ["openai"], token_budget=20000, batch_tokens=5000, message_chars=800)

    result = summarize(found, analyses, CONTEXT, config=config)

    requests = llm.fake.requests
    assert len(requests) > 1
    assert all(sent_tokens(r) <= 5000 for r in requests)
    assert sum(sent_tokens(r) for r in requests) <= 20000
    assert all(len(m["text"]) <= 800 for r in requests for m in r.prompt_json()["messages"])
    sent = sum(len(r.prompt_json()["messages"]) for r in requests)
    assert 0 < sent < 100
    by = [a.analyzed_by for a in result.analyses.values()]
    assert len(by) == 100  # none dropped
    assert by.count("openai") == sent
    assert by.count("offline") == 100 - sent
    assert result.provider == "openai+extractive"
    assert f"openai: {100 - sent} message(s) past the budget of 20000 tokens" in result.notes


def test_the_most_important_messages_get_the_budget(llm):
    found, analyses = many(30)
    config = config_for(llm, ["openai"], token_budget=4000, batch_tokens=4000, message_chars=500)

    result = summarize(found, analyses, CONTEXT, config=config)

    refined = [m.gmail_id for m in found if result.analyses[m.gmail_id].analyzed_by == "openai"]
    assert refined == [m.gmail_id for m in found[: len(refined)]]  # a prefix of the ranking
    assert 0 < len(refined) < 30


def test_one_call_answers_one_batch_and_ids_map_back(llm):
    found, analyses = many(12, chars=400)
    config = config_for(llm, ["anthropic"], batch_tokens=2500, message_chars=400)
    llm.fake.respond_with(
        lambda request: digest_answer(
            request, urgency=lambda item: "high" if item["subject"] == "Report 7" else "low"
        )
    )

    result = summarize(found, analyses, CONTEXT, config=config)

    assert len(llm.fake.requests) > 1
    assert result.analyses["g007"].urgency == "high"
    assert {a.urgency for k, a in result.analyses.items() if k != "g007"} == {"low"}
    assert result.overview == ""  # no single call saw every message


def test_a_message_too_long_for_one_call_is_cut_to_fit(llm):
    found, analyses = many(1, chars=40000)
    config = config_for(llm, ["openai"], batch_tokens=2500, message_chars=100000, token_budget=2500)

    result = summarize(found, analyses, CONTEXT, config=config)

    assert sent_tokens(llm.fake.requests[0]) <= 2500
    assert result.analyses["g000"].analyzed_by == "openai"


@pytest.mark.parametrize("concurrency", [1, 2, 3])
def test_concurrency_limit_holds_across_batches(llm, concurrency):
    found, analyses = many(18, chars=600)
    llm.fake.respond_with(lambda request: Reply(answer=digest_answer(request), delay=0.6))
    config = config_for(
        llm, ["openai"], batch_tokens=2500, message_chars=600, concurrency=concurrency
    )

    result = summarize(found, analyses, CONTEXT, config=config)

    assert len(llm.fake.requests) >= 4
    assert llm.fake.max_in_flight == concurrency
    assert {a.analyzed_by for a in result.analyses.values()} == {"openai"}


def test_one_failed_batch_falls_back_alone(llm):
    from fakellm import error

    found, analyses = many(12, chars=600)
    llm.fake.enqueue(error(500))
    config = config_for(llm, ["openai"], batch_tokens=2500, message_chars=600, concurrency=1)

    result = summarize(found, analyses, CONTEXT, config=config)

    calls = len(llm.fake.requests)
    first = llm.fake.requests[0].prompt_json()["messages"]
    assert calls > 1
    assert result.notes == [f"openai: call 1 of {calls}: HTTP 500 (api_error)"]
    offline = [m for m in found if result.analyses[m.gmail_id].analyzed_by == "offline"]
    assert len(offline) == len(first)
    assert result.provider == "openai+extractive"


def test_text_full_of_json_escapes_is_still_cut_to_fit(llm):
    found, analyses = analyzed(message("g000", 'He said "yes" \\ "no"\n' * 3000, "Quotes"))
    config = config_for(llm, ["openai"], batch_tokens=2500, message_chars=100000, token_budget=2500)

    summarize(found, analyses, CONTEXT, config=config)

    assert sent_tokens(llm.fake.requests[0]) <= 2500
