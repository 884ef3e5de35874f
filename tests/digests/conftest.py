"""A real fake Google on loopback with the demo mailbox, and the site's config pointed at it.

The digest code runs unchanged: googleapiclient, google-auth and accounts' token code talk
HTTP to the fake, which counts requests and Gmail quota units and injects faults on demand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone

from fakegoogle import DEMO_EMAIL, TEST_CLIENT_ID, TEST_CLIENT_SECRET, FakeGoogle, serve
from fakegoogle.server import RunningFakeGoogle
from gda_site.config import fake_google_endpoints
from tests.accounts.factories import GoogleAccountFactory, UserFactory

READONLY = "https://www.googleapis.com/auth/gmail.readonly"
SEND = "https://www.googleapis.com/auth/gmail.send"
SIGN_IN_SCOPES = ["openid", "email", "profile", READONLY]


def replace_config(settings, section: str, **changes) -> None:
    """settings.CONFIG is a frozen dataclass: swap in a copy with one section changed."""
    changed = dataclasses.replace(getattr(settings.CONFIG, section), **changes)
    settings.CONFIG = dataclasses.replace(settings.CONFIG, **{section: changed})


@pytest.fixture
def google(settings) -> Iterator[RunningFakeGoogle]:
    fake = FakeGoogle()
    fake.load_demo_mailbox()
    with serve(fake) as running:
        values = {"google.client_id": TEST_CLIENT_ID, "google.client_secret": TEST_CLIENT_SECRET}
        endpoints = {
            key.removeprefix("google."): value
            for key, value in fake_google_endpoints(running.base_url, values).items()
        }
        replace_config(settings, "google", fake_url=running.base_url, **endpoints)
        yield running


@pytest.fixture
def fake(google) -> FakeGoogle:
    return google.fake


def connect_google(fake: FakeGoogle, user, scopes: list[str] = SIGN_IN_SCOPES):
    """A connected Google account holding real tokens of the fake, as after sign-in."""
    issued = fake.issue_tokens(user.email, scopes)
    account = GoogleAccountFactory(
        user=user,
        subject=fake.account(user.email).sub,
        email=user.email,
        scopes=scopes,
        access_token=issued["access_token"],
        refresh_token=issued["refresh_token"],
        token_expiry=timezone.now() + dt.timedelta(hours=1),
    )
    fake.reset_counters()
    return account


@pytest.fixture
def demo_user(fake):
    """The newcomer of demo mode: signed in as the demo account, in Berlin."""
    user = UserFactory(email=DEMO_EMAIL, timezone="Europe/Berlin")
    connect_google(fake, user)
    return user


@pytest.fixture
def no_retry_wait(settings) -> None:
    """Gmail errors end the run at once instead of being waited out (real sleeps)."""
    replace_config(settings, "gmail", retry_wait_seconds=0)


def set_digest_preferences(user, **changes) -> None:
    """Change the person's DigestPreferences row (``send_from_gmail`` picks that delivery)."""
    from digests.preferences import DigestPreferences, forget_cached, preferences_for

    if "send_from_gmail" in changes:
        on = changes.pop("send_from_gmail")
        changes["delivery"] = DigestPreferences.Delivery.GMAIL if on else "sign_in"
    prefs = preferences_for(user)
    for key, value in changes.items():
        setattr(prefs, key, value)
    prefs.save()
    forget_cached(user)


@pytest.fixture
def signed_in(demo_user):
    """A browser session signed in as the demo user."""
    client = Client()
    client.force_login(demo_user)
    return client
