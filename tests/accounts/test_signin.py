"""The sign-in flow through the real Flow against the fake Google: success and every failure."""

import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client

from accounts.google_client import GMAIL_READONLY, GMAIL_SEND
from accounts.google_signin import SESSION_KEY
from accounts.models import GoogleAccount, User
from accounts.signals import google_connected
from jobs.models import Job
from tests.accounts.conftest import ADA, BOB, back_to_site, follow, sign_in, start, visit_google
from tests.accounts.factories import GoogleAccountFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_google")]


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def assert_nothing_made():
    assert not User.objects.exists()
    assert not GoogleAccount.objects.exists()
    assert not Job.objects.exists()


def test_new_person_gets_account_and_lands_on_dashboard(client):
    response = sign_in(client)

    assert response.status_code == 302
    assert response.url == "/digests/"
    user = User.objects.get()
    assert (user.email, user.name) == (ADA, "Ada Lovelace")
    assert not user.has_usable_password()
    assert client.get("/digests/").status_code == 200  # signed in


def test_new_account_is_connected_with_tokens_and_scopes(client, fake_google):
    sign_in(client)

    account = GoogleAccount.objects.get()
    assert account.status == GoogleAccount.Status.CONNECTED
    assert account.subject == fake_google.fake.account(ADA).sub
    assert account.email == ADA
    assert GMAIL_READONLY in account.scopes
    assert GMAIL_SEND not in account.scopes
    assert account.access_token.startswith("ya29.")
    assert account.refresh_token.startswith("1//")
    assert account.token_expiry is not None


def test_authorization_request_asks_offline_pkce_and_least_scopes(client):
    url = start(client).url
    params = query(url)

    assert params["access_type"] == "offline"
    assert params["code_challenge_method"] == "S256"
    assert params["include_granted_scopes"] == "true"
    assert params["scope"].split() == ["openid", "email", "profile", GMAIL_READONLY]
    assert params["redirect_uri"] == "http://127.0.0.1:8000/accounts/google/callback/"
    assert "prompt" not in params
    pending = client.session[SESSION_KEY]
    assert params["state"] == pending["state"]
    assert len(pending["state"]) >= 40
    assert pending["code_verifier"] not in url


def test_each_sign_in_has_its_own_state_and_verifier(client):
    first = query(start(client).url)
    second = query(start(client).url)
    assert first["state"] != second["state"]
    assert first["code_challenge"] != second["code_challenge"]


def test_sign_in_schedules_one_refresh_job(client):
    sign_in(client)
    client.logout()
    sign_in(client)

    job = Job.objects.get(type="token_refresh")
    assert job.user == User.objects.get()
    assert job.schedule
    assert job.status == Job.Status.PENDING


def test_connected_signal_tells_new_from_returning(client):
    seen = []

    def receiver(sender, user, account, created, reconnected, **kwargs):
        seen.append((user.email, created, reconnected))

    google_connected.connect(receiver)
    try:
        sign_in(client)
        client.logout()
        sign_in(client)
    finally:
        google_connected.disconnect(receiver)
    assert seen == [(ADA, True, False), (ADA, False, False)]


def test_returning_person_keeps_refresh_token_google_does_not_resend(client, fake_google):
    sign_in(client)
    refresh_token = GoogleAccount.objects.get().refresh_token
    client.logout()
    fake_google.fake.reset_counters()

    response = sign_in(client)

    assert response.url == "/digests/"
    assert fake_google.fake.counters["authorize"] == 1  # no second trip for consent
    assert GoogleAccount.objects.get().refresh_token == refresh_token
    assert User.objects.count() == 1


def test_missing_refresh_token_is_asked_again_with_consent(client, fake_google):
    # Google remembers an earlier grant (e.g. from before an account was deleted here), so it
    # sends no refresh token: the app goes back once with prompt=consent.
    fake_google.fake.issue_tokens(ADA, ["openid", "email", GMAIL_READONLY])
    first = start(client)
    callback = visit_google(first.url)
    assert "prompt" not in query(first.url)

    again = back_to_site(client, callback)

    assert query(again.url)["prompt"] == "consent"
    assert follow(client, again).url == "/digests/"
    assert GoogleAccount.objects.get().refresh_token.startswith("1//")


def test_existing_user_with_same_email_is_linked_not_duplicated(client):
    person = UserFactory(email=ADA)

    sign_in(client)

    assert User.objects.get() == person
    assert GoogleAccount.objects.get().user == person
    assert person.check_password("correct horse battery staple")  # password untouched


def test_next_within_the_site_is_followed(client):
    assert sign_in(client, next="/digests/42/").url == "/digests/42/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http:/x"]
)
def test_next_elsewhere_is_ignored(client, target):
    assert sign_in(client, next=target).url == "/digests/"


def test_granting_send_is_incremental_and_keeps_the_account(client, fake_google):
    sign_in(client)
    account = GoogleAccount.objects.get()

    response = follow(client, start(client, "/accounts/google/grant/send/"))

    assert response.url == "/accounts/"
    account.refresh_from_db()
    assert GMAIL_SEND in account.scopes
    assert GMAIL_READONLY in account.scopes
    assert User.objects.count() == 1


def test_sign_in_after_granting_send_survives_scope_change(client):
    # Google answers with every scope granted so far (include_granted_scopes): more than we
    # asked for, which oauthlib reports as "Scope has changed".
    sign_in(client)
    follow(client, start(client, "/accounts/google/grant/send/"))
    client.logout()

    assert sign_in(client).url == "/digests/"
    assert GMAIL_SEND in GoogleAccount.objects.get().scopes


def test_unknown_optional_permission_is_named(client):
    client.force_login(UserFactory())
    response = client.get("/accounts/google/grant/everything/")
    assert response.status_code == 404
    assert b"Unknown permission 'everything'; known: send." in response.content


# --- failures ---------------------------------------------------------------------------


def assert_error_page(response, kind: str, title: str, status: int = 400):
    assert response.status_code == status
    content = response.content.decode()
    assert title in content
    assert f"Reference: {kind}" in content
    assert "Try again" in content or "Sign in with Google" in content or "Back" in content


def test_callback_without_a_sign_in_in_progress(client):
    response = client.get("/accounts/google/callback/?state=abc&code=4/0Axyz")
    assert_error_page(response, "state_missing", "This sign-in has expired")
    assert_nothing_made()


def test_callback_without_state(client, fake_google):
    callback = visit_google(start(client).url)
    params = query(callback)
    response = client.get(f"/accounts/google/callback/?code={params['code']}")
    assert_error_page(response, "state_missing", "This sign-in has expired")
    assert_nothing_made()


def test_answer_to_an_older_sign_in_is_a_state_mismatch(client):
    older = visit_google(start(client).url)
    start(client)  # a second tab replaces the first sign-in

    response = back_to_site(client, older)

    assert_error_page(response, "state_mismatch", "This sign-in did not match")
    assert_nothing_made()


def test_missing_code_verifier(client):
    callback = visit_google(start(client).url)
    session = client.session
    del session[SESSION_KEY]["code_verifier"]
    session.save()

    response = back_to_site(client, callback)

    assert_error_page(response, "verifier_missing", "This sign-in is incomplete")
    assert_nothing_made()


def test_callback_is_good_for_one_use(client):
    callback = visit_google(start(client).url)
    back_to_site(client, callback)
    client.logout()

    response = back_to_site(client, callback)

    assert_error_page(response, "state_missing", "This sign-in has expired")


def test_reused_code_is_refused_by_google(client):
    used = query(visit_google(start(client).url))
    client.get(f"/accounts/google/callback/?state={used['state']}&code={used['code']}")
    client.logout()
    state = query(start(client).url)["state"]

    response = client.get(f"/accounts/google/callback/?state={state}&code={used['code']}")

    assert_error_page(response, "invalid_grant", "already used or has expired")


def test_expired_code_is_refused_by_google(client, fake_google):
    callback = visit_google(start(client).url)
    fake_google.fake.advance_clock(11 * 60)

    response = back_to_site(client, callback)

    assert_error_page(response, "invalid_grant", "already used or has expired")
    assert_nothing_made()


def test_cancel_on_the_consent_screen(client, fake_google):
    fake_google.fake.auto_consent = "deny"

    response = sign_in(client)

    assert_error_page(response, "access_denied", "You cancelled at Google")
    assert b"Sign in with Google" in response.content
    assert_nothing_made()


@pytest.mark.parametrize("status", [500, 503])
def test_token_endpoint_down(client, fake_google, status):
    fake_google.fake.inject_fault("token", status)

    response = sign_in(client)

    assert_error_page(response, "google_unavailable", "Google is not answering", 503)
    assert_nothing_made()


def test_userinfo_down(client, fake_google):
    fake_google.fake.inject_fault("userinfo", 503)

    response = sign_in(client)

    assert_error_page(response, "google_unavailable", "Google is not answering", 503)
    assert_nothing_made()


def test_unverified_email_is_refused(client, fake_google):
    fake_google.fake.add_account("unverified@example.com", email_verified=False)
    fake_google.fake.login_as("unverified@example.com")

    response = sign_in(client)

    assert_error_page(response, "email_unverified", "not verified")
    assert_nothing_made()


def test_unticked_gmail_permission_is_refused(client):
    # The person unticks Gmail on Google's consent screen: the grant lacks gmail.readonly.
    url = start(client).url
    narrowed = url.replace("+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.readonly", "")
    assert narrowed != url

    response = back_to_site(client, visit_google(narrowed))

    assert_error_page(response, "scope_denied", "Gmail access was not granted")
    assert_nothing_made()


def test_reconnecting_with_another_google_account_is_refused(client):
    sign_in(client)
    url = start(client, "/accounts/google/reconnect/").url
    assert query(url)["login_hint"] == ADA
    # At Google, the person picks another of their accounts than the one suggested.
    chosen = url.replace("login_hint=ada%40example.com", "login_hint=bob%40example.com")

    response = back_to_site(client, visit_google(chosen))

    assert_error_page(response, "wrong_account", "different Google account")
    assert not User.objects.filter(email=BOB).exists()
    assert b"/accounts/google/reconnect/" in response.content


def test_email_linked_to_another_google_account_is_refused(client):
    GoogleAccountFactory(user=UserFactory(email=ADA), subject="someone-else")

    response = sign_in(client)

    assert_error_page(response, "account_conflict", "another Google account")
    assert GoogleAccount.objects.get().subject == "someone-else"


def test_disabled_user_is_not_signed_in(client):
    UserFactory(email=ADA, is_active=False)

    response = sign_in(client)

    assert_error_page(response, "inactive", "This account is disabled")
    assert not GoogleAccount.objects.exists()
    assert client.get("/digests/").status_code == 302


@pytest.mark.parametrize("rights", [{"is_staff": True}, {"is_superuser": True, "is_staff": True}])
def test_google_never_signs_into_a_staff_account(client, rights):
    """Owning the Google address of a staff account must not open a staff session."""
    staff = UserFactory(email=ADA, **rights)

    response = sign_in(client)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Staff accounts sign in with their password" in content
    assert 'href="/accounts/login/"' in content
    assert not GoogleAccount.objects.exists()
    assert client.get("/admin/").status_code == 302  # not signed in
    assert "_auth_user_id" not in client.session
    staff.refresh_from_db()
    assert staff.is_staff


def test_staff_signed_in_with_a_password_may_link_google(client):
    staff = UserFactory(email=ADA, is_staff=True)
    client.force_login(staff)

    follow(client, start(client, "/accounts/google/reconnect/"))

    assert GoogleAccount.objects.get().user == staff


def test_other_authorization_errors_are_reported(client):
    state = query(start(client).url)["state"]
    response = client.get(f"/accounts/google/callback/?state={state}&error=admin_policy_enforced")
    assert_error_page(response, "google_error", "Google could not complete the sign-in")


def test_no_refresh_token_even_after_consent_explains_and_offers_consent(client):
    # Google ignored offline access on the consent round too (simulated by asking online).
    url = start(client, consent="1").url
    assert query(url)["prompt"] == "consent"
    online = url.replace("access_type=offline", "access_type=online")

    response = back_to_site(client, visit_google(online))

    assert_error_page(response, "no_refresh_token", "Google did not grant offline access")
    assert b"/accounts/google/start/?next=%2Fdigests%2F&amp;consent=1" in response.content
    assert_nothing_made()


@pytest.mark.django_db(transaction=True)
def test_racing_callbacks_for_a_new_person_make_one_account(fake_google):
    # Two tabs, both through the consent screen, so both callbacks bring a refresh token and
    # both try to create the person (on PostgreSQL one of them meets the unique constraint).
    clients = [Client(), Client()]
    callbacks = [visit_google(start(c, consent="1").url) for c in clients]
    barrier = threading.Barrier(2)
    landed: list[str] = []

    def finish(client, callback):
        try:
            barrier.wait()
            landed.append(follow(client, back_to_site(client, callback)).url)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=finish, args=pair) for pair in zip(clients, callbacks, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert landed == ["/digests/", "/digests/"]
    assert User.objects.count() == 1
    assert GoogleAccount.objects.count() == 1
    assert Job.objects.filter(type="token_refresh").count() == 1
    for c in clients:
        assert c.get("/digests/").status_code == 200


def test_an_ordinary_return_is_not_called_a_reconnection(client):
    sign_in(client)
    client.logout()

    landed = sign_in(client)

    said = [str(m) for m in client.get(landed.url).context["messages"]]
    assert said == []
