"""Disconnect Google, delete my account and data, the account page, the banner, sign-in page."""

import pytest
import requests

from accounts.models import GoogleAccount, User
from accounts.signals import google_disconnected
from digests.models import Digest, Email
from jobs.models import Job
from tests.accounts.conftest import ADA, BOB, follow, linked_account, start
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import EmailFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake(fake_google):
    return fake_google.fake


@pytest.fixture
def ada(fake_google, client) -> GoogleAccount:
    account = linked_account(fake_google)
    Job.objects.enqueue("other.report", user=account.user, schedule="0 8 * * *")
    client.force_login(account.user)
    return account


def refresh_works(fake_google, refresh_token: str) -> bool:
    answer = requests.post(
        fake_google.base_url + "/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": "fakegoogle-test-client.apps.googleusercontent.com",
            "client_secret": "fakegoogle-test-secret",
        },
        timeout=5,
    )
    return answer.status_code == 200


# --- disconnect -------------------------------------------------------------------------


def test_disconnect_asks_first(client, ada, fake):
    response = client.get("/accounts/google/disconnect/")
    assert response.status_code == 200
    assert b"Disconnect Google?" in response.content
    assert fake.counters["revoke"] == 0
    assert GoogleAccount.objects.get().is_connected


def test_disconnect_revokes_at_google(client, ada, fake, fake_google):
    refresh_token = ada.refresh_token
    assert refresh_works(fake_google, refresh_token)

    client.post("/accounts/google/disconnect/")

    assert fake.counters["revoke"] == 1
    assert not refresh_works(fake_google, refresh_token)


def test_disconnect_deletes_tokens_and_records_why(client, ada):
    response = client.post("/accounts/google/disconnect/")

    assert response.url == "/accounts/"
    account = GoogleAccount.objects.get()
    assert account.status == GoogleAccount.Status.REVOKED
    assert account.status_reason == "disconnected by the user"
    assert account.access_token_encrypted == account.refresh_token_encrypted == ""
    assert account.token_expiry is None


def test_disconnect_stops_the_refresh_and_digests_pause_the_schedules(client, ada):
    from digests.schedules import ensure_first_schedule
    from digests.scheduling import sync_digest_jobs

    ensure_first_schedule(ada.user)
    sync_digest_jobs(ada.user)
    assert Job.objects.filter(type="digest.send", status="pending").count() == 1

    client.post("/accounts/google/disconnect/")

    assert Job.objects.get(type="token_refresh").status == Job.Status.CANCELLED
    assert not Job.objects.filter(type="digest.send").exists()  # digests removed its own
    schedule = ada.user.schedules.get()
    assert (schedule.paused, schedule.paused_by) == (True, "Google disconnected")
    assert schedule.paused_reason == "You disconnected Google"


def test_disconnect_sends_signal(client, ada):
    seen = []

    def receiver(sender, user, account, **kwargs):
        seen.append((user.email, account.status))

    google_disconnected.connect(receiver)
    try:
        client.post("/accounts/google/disconnect/")
    finally:
        google_disconnected.disconnect(receiver)
    assert seen == [(ADA, GoogleAccount.Status.REVOKED)]


def test_disconnect_with_google_down_still_forgets_tokens(client, ada, fake):
    fake.inject_fault("revoke", 503)

    response = client.post("/accounts/google/disconnect/", follow=True)

    account = GoogleAccount.objects.get()
    assert account.status == GoogleAccount.Status.REVOKED
    assert account.refresh_token_encrypted == ""
    assert b"could not reach Google" in response.content
    assert b"myaccount.google.com" in response.content


def test_disconnected_person_sees_the_banner_and_can_reconnect(client, ada, fake):
    client.post("/accounts/google/disconnect/")
    assert "Google is disconnected" in client.get("/digests/").content.decode()

    landed = follow(client, start(client, "/accounts/google/reconnect/"))

    said = [str(m) for m in client.get(landed.url).context["messages"]]
    assert said == ["Google is connected again: your digests are back on schedule."]
    account = GoogleAccount.objects.get()
    assert account.is_connected
    assert account.refresh_token  # a fresh consent gave a new one
    assert Job.objects.get(type="token_refresh").status == Job.Status.PENDING
    assert Job.objects.get(type="other.report").status == Job.Status.PENDING
    assert "Google is disconnected" not in client.get("/digests/").content.decode()


def test_disconnect_needs_sign_in(client):
    response = client.post("/accounts/google/disconnect/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# --- delete my account and data ---------------------------------------------------------


def test_delete_asks_first(client, ada):
    response = client.get("/accounts/delete/")
    assert response.status_code == 200
    assert b"Type your email address, ada@example.com, to confirm" in response.content
    assert User.objects.exists()


def test_delete_needs_the_email_typed(client, ada, fake):
    response = client.post("/accounts/delete/", {"confirm": "bob@example.com"})

    assert response.status_code == 400
    assert b"Type your email address, ada@example.com, to confirm." in response.content
    assert User.objects.exists()
    assert fake.counters["revoke"] == 0


def test_delete_removes_everything_of_the_person(client, ada, fake, fake_google):
    email = EmailFactory(digest__user=ada.user)
    other = linked_account(fake_google, email=BOB)
    refresh_token = ada.refresh_token

    response = client.post("/accounts/delete/", {"confirm": "ADA@example.com "})

    assert response.url == "/"
    assert not User.objects.filter(email=ADA).exists()
    assert not GoogleAccount.objects.filter(pk=ada.pk).exists()
    assert not Job.objects.filter(user_id=ada.user_id).exists()
    assert not Digest.objects.filter(pk=email.digest_id).exists()
    assert not Email.objects.filter(pk=email.pk).exists()
    assert fake.counters["revoke"] == 1
    assert not refresh_works(fake_google, refresh_token)
    assert GoogleAccount.objects.get() == other  # nobody else's data
    assert Job.objects.filter(user=other.user).exists()


def test_delete_signs_out(client, ada):
    client.post("/accounts/delete/", {"confirm": ADA}, follow=True)
    assert client.get("/digests/").status_code == 302


def test_delete_with_google_down_still_deletes(client, ada, fake):
    fake.inject_fault("revoke", 500)

    response = client.post("/accounts/delete/", {"confirm": ADA}, follow=True)

    assert not User.objects.exists()
    assert b"could not reach Google" in response.content


def test_delete_of_a_password_only_user(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/accounts/delete/", {"confirm": user.email})
    assert not User.objects.exists()


# --- pages ------------------------------------------------------------------------------


def test_account_page_shows_the_connection(client, ada):
    content = client.get("/accounts/").content.decode()
    assert ADA in content
    assert "Connected" in content
    assert "/accounts/google/disconnect/" in content
    assert "/accounts/google/grant/send/" in content
    assert "/accounts/delete/" in content


def test_account_page_offers_reconnect_when_needed(client):
    account = GoogleAccountFactory(status=GoogleAccount.Status.NEEDS_REAUTH)
    client.force_login(account.user)
    content = client.get("/accounts/").content.decode()
    assert "Needs reconnecting" in content
    assert "Reconnect Google" in content
    assert "/accounts/google/disconnect/" not in content


def test_no_banner_when_connected_or_without_google(client):
    client.force_login(GoogleAccountFactory().user)
    assert 'class="banner"' not in client.get("/digests/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert 'class="banner"' not in client.get("/digests/").content.decode()


def test_login_page_offers_google_and_keeps_next(client):
    content = client.get("/accounts/login/?next=/digests/7/").content.decode()
    assert "Sign in with Google" in content
    assert "/accounts/google/start/?next=/digests/7/" in content
    assert "Staff sign-in with a password" in content


def test_staff_password_sign_in_still_works(client):
    UserFactory(email="staff@example.com", is_staff=True)
    response = client.post(
        "/accounts/login/",
        {"username": "staff@example.com", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response.url == "/digests/"


def test_sign_in_without_a_google_client_explains(client, settings):
    from tests.accounts.conftest import override_google

    override_google(settings, client_id="", client_secret="", client_secrets_file="")
    response = client.get("/accounts/google/start/")
    assert response.status_code == 503
    assert b"Sign-in with Google is not set up" in response.content


def test_client_secrets_file_is_used_when_no_client_id(client, settings, tmp_path):
    from tests.accounts.conftest import override_google

    secrets_file = tmp_path / "client_secret.json"
    secrets_file.write_text('{"web": {"client_id": "from-file", "client_secret": "s"}}')
    override_google(settings, client_id="", client_secret="", client_secrets_file=str(secrets_file))

    response = client.get("/accounts/google/start/")

    assert response.status_code == 302
    assert "client_id=from-file" in response.url
