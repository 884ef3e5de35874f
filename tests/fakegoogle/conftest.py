"""Fixtures that start a real fakegoogle server on loopback and point the real clients at it."""

from collections.abc import Iterator

import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import Resource, build

from fakegoogle import DEMO_EMAIL, TEST_CLIENT_ID, TEST_CLIENT_SECRET, FakeGoogle, serve
from fakegoogle.server import RunningFakeGoogle

GMAIL = "https://www.googleapis.com/auth/gmail."
READONLY = GMAIL + "readonly"
SEND = GMAIL + "send"
MODIFY = GMAIL + "modify"
OTHER_EMAIL = "olive@example.com"


@pytest.fixture
def fake() -> FakeGoogle:
    fake = FakeGoogle(auto_consent="allow")
    fake.load_demo_mailbox()
    fake.add_account(OTHER_EMAIL, name="Olive Other")
    return fake


@pytest.fixture
def server(fake: FakeGoogle) -> Iterator[RunningFakeGoogle]:
    with serve(fake) as running:
        yield running


@pytest.fixture
def loopback_oauth(monkeypatch: pytest.MonkeyPatch) -> None:
    """oauthlib refuses http:// authorization and token URLs unless this variable is set.

    It is process-wide, so the app must set it only when its Google endpoints are loopback.
    """
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


def credentials_for(
    server: RunningFakeGoogle, *scopes: str, email: str = DEMO_EMAIL
) -> Credentials:
    tokens = server.fake.issue_tokens(email, scopes)
    return Credentials(
        tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        token_uri=f"{server.base_url}/token",
        client_id=TEST_CLIENT_ID,
        client_secret=TEST_CLIENT_SECRET,
        scopes=list(scopes),
    )


def gmail_service(server: RunningFakeGoogle, *scopes: str, email: str = DEMO_EMAIL) -> Resource:
    """Exactly how the app builds its client, plus the one option that points it here."""
    return build(
        "gmail",
        "v1",
        credentials=credentials_for(server, *(scopes or (READONLY,)), email=email),
        client_options={"api_endpoint": server.base_url},
        cache_discovery=False,
        static_discovery=True,
    )


@pytest.fixture
def gmail(server: RunningFakeGoogle) -> Resource:
    return gmail_service(server, READONLY)
