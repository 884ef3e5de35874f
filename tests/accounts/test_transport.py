"""oauthlib may talk plain http only to loopback, and only with debug on."""

import dataclasses
import os

import pytest

from accounts.google_client import _permit_plain_http_on_loopback

VARIABLE = "OAUTHLIB_INSECURE_TRANSPORT"


@pytest.fixture(autouse=True)
def no_variable(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)


def with_debug(settings, debug: bool) -> None:
    settings.CONFIG = dataclasses.replace(settings.CONFIG, debug=debug)


def test_loopback_in_debug_is_allowed(settings):
    with_debug(settings, True)
    _permit_plain_http_on_loopback("http://127.0.0.1:8765/token", "http://localhost:8000/cb")
    assert os.environ[VARIABLE] == "1"


def test_never_with_debug_off(settings):
    with_debug(settings, False)
    _permit_plain_http_on_loopback("http://127.0.0.1:8765/token")
    assert VARIABLE not in os.environ


def test_never_for_a_plain_http_host_elsewhere(settings):
    with_debug(settings, True)
    _permit_plain_http_on_loopback("http://127.0.0.1:8765/token", "http://gda.example.com/cb")
    assert VARIABLE not in os.environ


def test_not_needed_for_https(settings):
    with_debug(settings, True)
    _permit_plain_http_on_loopback("https://oauth2.googleapis.com/token")
    assert VARIABLE not in os.environ
