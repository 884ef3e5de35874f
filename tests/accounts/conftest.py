"""A real fake Google on loopback, with the site's configuration pointed at it.

The app's own code runs unchanged: google-auth-oauthlib's Flow, requests and google-auth talk
HTTP to the fake. The test plays the browser: it follows our redirect to the fake's
authorization URL with ``requests`` (auto-consent answers with a redirect to our callback)
and brings the code back to our callback through Django's test client.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import pytest
import requests
from django.test import Client
from django.utils import timezone

from fakegoogle import TEST_CLIENT_ID, TEST_CLIENT_SECRET, FakeGoogle, RunningFakeGoogle, serve
from gda_site.config import fake_google_endpoints

ADA = "ada@example.com"
BOB = "bob@example.com"
CALLBACK_PATH = "/accounts/google/callback/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Factories give every user a password; the real hasher costs ~0.3 s per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fake_google(settings) -> Iterator[RunningFakeGoogle]:
    fake = FakeGoogle(auto_consent="allow", strict_clients=True)
    fake.add_account(ADA, name="Ada Lovelace")
    fake.add_account(BOB, name="Bob Babbage")
    fake.login_as(ADA)
    with serve(fake) as running:
        # Registered with exactly the redirect URI a deployment registers at Google: the
        # site URL plus the callback path, which the app derives when none is configured.
        fake.register_client(
            TEST_CLIENT_ID, TEST_CLIENT_SECRET, [settings.SITE_URL + CALLBACK_PATH]
        )
        point_config_at(settings, running.base_url)
        yield running


def point_config_at(settings, base_url: str) -> None:
    values = {"google.client_id": TEST_CLIENT_ID, "google.client_secret": TEST_CLIENT_SECRET}
    endpoints = {
        key.removeprefix("google."): value
        for key, value in fake_google_endpoints(base_url, values).items()
    }
    override_google(settings, fake_url=base_url, redirect_uri="", **endpoints)


def override_google(settings, **changes) -> None:
    google = dataclasses.replace(settings.CONFIG.google, **changes)
    settings.CONFIG = dataclasses.replace(settings.CONFIG, google=google)


def unused_loopback_url() -> str:
    """A loopback URL where nothing listens: the port was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def at_google(response) -> bool:
    return response.status_code == 302 and not response.url.startswith("/")


def visit_google(url: str) -> str:
    """What the browser does at Google: the fake answers with a redirect to our callback."""
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def back_to_site(client: Client, callback_url: str):
    parts = urlsplit(callback_url)
    assert parts.path == CALLBACK_PATH, callback_url
    return client.get(f"{parts.path}?{parts.query}")


def follow(client: Client, response, hops: int = 3):
    """Follow redirects through Google until the site answers with a page of its own."""
    for _ in range(hops):
        if not at_google(response):
            return response
        response = back_to_site(client, visit_google(response.url))
    raise AssertionError("still bouncing between the site and Google")


def start(client: Client, path: str = "/accounts/google/start/", **params: str):
    response = client.get(path + ("?" + urlencode(params) if params else ""))
    assert at_google(response), (response.status_code, response.content[:300])
    return response


def sign_in(client: Client, **params: str):
    """The whole sign-in, as a browser with auto-consent at Google experiences it."""
    return follow(client, start(client, **params))


SIGN_IN_SCOPES = ["openid", "email", "profile", "https://www.googleapis.com/auth/gmail.readonly"]


def linked_account(fake_google: RunningFakeGoogle, email: str = ADA, expires_in: int = 3600):
    """A connected account holding real tokens of the fake, as if the person had signed in."""
    from accounts.connection import schedule_token_refresh
    from tests.accounts.factories import GoogleAccountFactory, UserFactory

    issued = fake_google.fake.issue_tokens(email, SIGN_IN_SCOPES)
    account = GoogleAccountFactory(
        user=UserFactory(email=email),
        subject=fake_google.fake.account(email).sub,
        access_token=issued["access_token"],
        refresh_token=issued["refresh_token"],
        token_expiry=timezone.now() + dt.timedelta(seconds=expires_in),
    )
    schedule_token_refresh(account.user)
    fake_google.fake.reset_counters()
    return account
