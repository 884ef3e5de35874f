"""Helpers for tests that run the providers against a real fakellm server on loopback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Iterator

import pytest

from digests.parsing import ParsedMessage, parse_message
from digests.summarize import Analysis, SummaryContext, analyze
from fakellm import FakeLLM, RunningFakeLLM, serve
from gda_site.config import SummaryConfig
from tests.digests.factories import ME, gmail_message, mail

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
CONTEXT = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("Europe/Berlin"), me=ME)


@pytest.fixture
def llm() -> Iterator[RunningFakeLLM]:
    with serve(FakeLLM()) as running:
        yield running


def config_for(server: RunningFakeLLM, providers: list[str], **changes: object) -> SummaryConfig:
    """Every provider pointed at the fake, with keys where the real API wants them."""
    values: dict[str, object] = {
        "providers": providers,
        "timeout": 5.0,
        "openai_api_key": "sk-test",
        "openai_base_url": server.base_url,
        "anthropic_api_key": "ak-test",
        "anthropic_base_url": server.root_url,
        "compatible_base_url": server.base_url,
    }
    return dataclasses.replace(SummaryConfig(), **{**values, **changes})


def message(
    gmail_id: str, body: str = "Lunch on Thursday?", subject: str = "Lunch", **options: object
) -> ParsedMessage:
    headers = options.pop("headers", None)
    labels = options.pop("labels", ("INBOX", "UNREAD"))
    return parse_message(
        gmail_message(
            mail(body, subject=subject, headers=headers, **options),  # type: ignore[arg-type]
            received=NOW,
            gmail_id=gmail_id,
            labels=labels,  # type: ignore[arg-type]
        )
    )


def analyzed(*messages: ParsedMessage) -> tuple[list[ParsedMessage], dict[str, Analysis]]:
    return list(messages), {m.gmail_id: analyze(m, CONTEXT) for m in messages}


def two_messages() -> tuple[list[ParsedMessage], dict[str, Analysis]]:
    return analyzed(
        message("m1", "Please send the contract by Friday.", "Contract"),
        message("m2"),
    )
