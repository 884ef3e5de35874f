"""credentials_for(): valid tokens for Gmail, refreshed once, by one refresher at a time."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone
from google.auth.transport.requests import Request
from googleapiclient.discovery import build

from accounts import crypto, tokens
from accounts.models import GoogleAccount
from accounts.signals import google_needs_reauth
from jobs.models import Job
from tests.accounts.conftest import (
    ADA,
    linked_account,
    override_google,
    point_config_at,
    unused_loopback_url,
)
from tests.accounts.factories import GoogleAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake(fake_google):
    return fake_google.fake


def stored(account: GoogleAccount) -> GoogleAccount:
    return GoogleAccount.objects.get(pk=account.pk)


def test_fresh_token_is_used_as_it_is(fake_google, fake):
    account = linked_account(fake_google, expires_in=3000)

    credentials = tokens.credentials_for(account.user)

    assert credentials.token == account.access_token
    assert fake.counters["token"] == 0


def test_expiring_token_is_refreshed_and_stored_encrypted(fake_google, fake):
    account = linked_account(fake_google, expires_in=60)

    credentials = tokens.credentials_for(account.user)

    assert credentials.token != account.access_token
    assert fake.counters["token"] == 1
    now = stored(account)
    assert now.access_token == credentials.token
    assert now.refresh_token == account.refresh_token
    assert now.token_expiry > timezone.now() + dt.timedelta(minutes=50)
    assert credentials.token not in now.access_token_encrypted


def test_margin_comes_from_config(fake_google, fake, settings):
    account = linked_account(fake_google, expires_in=1200)
    tokens.credentials_for(account)
    assert fake.counters["token"] == 0

    override_google(settings, refresh_margin_seconds=1800)
    tokens.credentials_for(account)
    assert fake.counters["token"] == 1


def test_credentials_read_gmail(fake_google):
    account = linked_account(fake_google, expires_in=60)
    gmail = build(
        "gmail",
        "v1",
        credentials=tokens.credentials_for(account.user),
        client_options={"api_endpoint": fake_google.base_url},
        static_discovery=True,
    )
    assert gmail.users().getProfile(userId="me").execute()["emailAddress"] == ADA


def test_credentials_carry_no_refresh_token(fake_google):
    credentials = tokens.credentials_for(linked_account(fake_google))
    assert credentials.refresh_token is None
    assert credentials.client_secret is None


def test_rejected_token_is_replaced_through_our_lock(fake_google, fake):
    # Gmail answers 401 (the token was revoked early): google-auth calls our refresh handler.
    account = linked_account(fake_google, expires_in=3000)
    credentials = tokens.credentials_for(account)

    credentials.refresh(Request())

    assert credentials.token != account.access_token
    assert stored(account).access_token == credentials.token
    assert fake.counters["token"] == 1


def test_stale_credentials_pick_up_a_token_refreshed_elsewhere(fake_google, fake):
    account = linked_account(fake_google, expires_in=3000)
    first = tokens.credentials_for(account)
    second = tokens.credentials_for(account)
    first.refresh(Request())

    second.refresh(Request())  # holds the replaced token: takes the new one, no new request

    assert second.token == first.token
    assert fake.counters["token"] == 1


def test_revoked_grant_marks_account_needs_reauth(fake_google, fake):
    account = linked_account(fake_google, expires_in=60)
    fake.revoke_refresh_tokens(ADA)

    with pytest.raises(tokens.TokenRevoked, match="invalid_grant"):
        tokens.credentials_for(account.user)

    now = stored(account)
    assert now.status == GoogleAccount.Status.NEEDS_REAUTH
    assert "invalid_grant" in now.status_reason
    assert now.status_changed_at > timezone.now() - dt.timedelta(seconds=10)
    assert now.access_token_encrypted == now.refresh_token_encrypted == ""


def test_revoked_grant_stops_only_the_token_refresh(fake_google, fake):
    """accounts writes its own job only; other apps decide about theirs from the signal."""
    from accounts.connection import schedule_token_refresh

    account = linked_account(fake_google, expires_in=60)
    refresh = schedule_token_refresh(account.user)
    other_job = Job.objects.enqueue("other.report", user=account.user, schedule="0 8 * * *")
    fake.revoke_refresh_tokens(ADA)

    with pytest.raises(tokens.TokenRevoked):
        tokens.credentials_for(account.user)

    refresh.refresh_from_db()
    assert refresh.status == Job.Status.CANCELLED
    other_job.refresh_from_db()
    assert other_job.status == Job.Status.PENDING


def test_revoked_grant_sends_needs_reauth_signal(fake_google, fake):
    account = linked_account(fake_google, expires_in=60)
    fake.revoke_refresh_tokens(ADA)
    seen = []

    def receiver(sender, user, account, reason, **kwargs):
        seen.append((user.email, reason))

    google_needs_reauth.connect(receiver)
    try:
        with pytest.raises(tokens.TokenRevoked):
            tokens.credentials_for(account.user)
    finally:
        google_needs_reauth.disconnect(receiver)
    assert len(seen) == 1
    assert seen[0][0] == ADA
    assert "invalid_grant" in seen[0][1]


def test_account_needing_reauth_gives_no_credentials(fake_google, fake):
    account = GoogleAccountFactory(status=GoogleAccount.Status.NEEDS_REAUTH)
    with pytest.raises(tokens.NotConnected, match="needs_reauth"):
        tokens.credentials_for(account.user)
    assert fake.counters["token"] == 0


def test_user_without_google_account(fake_google):
    user = UserFactory()
    with pytest.raises(tokens.NotConnected, match=f"User {user.pk} has no Google account"):
        tokens.credentials_for(user)


@pytest.mark.parametrize("status", [500, 503, 429])
def test_google_errors_are_retryable_and_change_nothing(fake_google, fake, status):
    account = linked_account(fake_google, expires_in=60)
    fake.inject_fault("token", status)

    with pytest.raises(tokens.GoogleUnavailable, match=f"HTTP {status}"):
        tokens.credentials_for(account.user)

    now = stored(account)
    assert now.status == GoogleAccount.Status.CONNECTED
    assert now.access_token_encrypted == account.access_token_encrypted
    assert tokens.credentials_for(account.user).token != account.access_token  # then it works


def test_unreachable_google_is_retryable(fake_google, settings):
    account = linked_account(fake_google, expires_in=60)
    point_config_at(settings, unused_loopback_url())
    with pytest.raises(tokens.GoogleUnavailable, match="ConnectionError"):
        tokens.credentials_for(account.user)
    assert stored(account).status == GoogleAccount.Status.CONNECTED


def test_wrong_client_secret_is_not_blamed_on_the_person(fake_google, settings):
    account = linked_account(fake_google, expires_in=60)
    override_google(settings, client_secret="wrong")

    with pytest.raises(tokens.TokenRefreshFailed, match="invalid_client"):
        tokens.credentials_for(account.user)
    assert stored(account).status == GoogleAccount.Status.CONNECTED


def test_conditional_update_never_overwrites_a_newer_token(fake_google):
    account = linked_account(fake_google, expires_in=60)
    # Another refresher wrote in between (as if the row lock had been bypassed).
    GoogleAccount.objects.filter(pk=account.pk).update(
        access_token_encrypted=crypto.encrypt("ya29.theirs")
    )

    tokens._store(account, {"access_token": "ya29.ours", "expires_in": 3599})

    assert stored(account).access_token == "ya29.theirs"
    assert account.access_token == "ya29.theirs"


def test_rotated_refresh_token_is_kept(fake_google):
    account = linked_account(fake_google, expires_in=60)
    tokens._store(
        account, {"access_token": "ya29.new", "refresh_token": "1//rotated", "expires_in": 3599}
    )
    assert stored(account).refresh_token == "1//rotated"


@pytest.mark.django_db(transaction=True)
def test_racing_refreshes_make_one_request_and_agree(fake_google, fake):
    account = linked_account(fake_google, expires_in=60)
    # Slow Google down so both refreshers are surely inside refresh() at the same time.
    fake.inject_fault("token", None, delay=0.3, times=None)
    start = threading.Barrier(2)
    results: dict[str, str] = {}
    errors: list[BaseException] = []

    def refresher(name: str) -> None:
        try:
            start.wait()
            results[name] = tokens.credentials_for(account.user).token
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=refresher, args=(n,)) for n in ("digest", "refresh")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert fake.counters["token"] == 1
    assert results["digest"] == results["refresh"] == stored(account).access_token
    assert results["digest"] != account.access_token
