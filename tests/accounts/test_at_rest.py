"""Tokens never appear in clear: not in the database, the admin, the logs, nor error pages."""

import logging
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from accounts import crypto, tokens
from accounts.google_signin import SESSION_KEY
from accounts.models import GoogleAccount
from tests.accounts.conftest import ADA, back_to_site, linked_account, start, visit_google
from tests.accounts.factories import GoogleAccountFactory, UserFactory

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_columns(account: GoogleAccount) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token_encrypted, refresh_token_encrypted FROM accounts_googleaccount "
            "WHERE id = %s",
            [account.pk],
        )
        return cursor.fetchone()


def test_raw_columns_hold_only_ciphertext():
    account = GoogleAccountFactory(access_token="ya29.clear-access", refresh_token="1//clear")

    access, refresh = raw_columns(account)

    assert access.startswith("gAAAAA")
    assert refresh.startswith("gAAAAA")
    assert "clear" not in access + refresh
    assert GoogleAccount.objects.get().access_token == "ya29.clear-access"
    assert GoogleAccount.objects.get().refresh_token == "1//clear"


def test_same_token_encrypts_differently_each_time():
    assert crypto.encrypt("ya29.same") != crypto.encrypt("ya29.same")


def test_no_token_is_an_empty_column():
    account = GoogleAccountFactory(access_token="", refresh_token="")
    assert raw_columns(account) == ("", "")
    assert account.access_token == ""


def test_tampered_ciphertext_is_refused_with_a_clear_message():
    account = GoogleAccountFactory()
    value = account.access_token_encrypted
    GoogleAccount.objects.filter(pk=account.pk).update(
        access_token_encrypted=value[:-5] + ("A" if value[-5] != "A" else "B") + value[-4:]
    )
    with pytest.raises(crypto.DecryptionError, match="cannot be decrypted with any key"):
        GoogleAccount.objects.get().access_token  # noqa: B018


def test_newest_key_encrypts_and_every_key_decrypts(settings):
    settings.TOKEN_ENCRYPTION_KEYS = [OLD_KEY]
    old = crypto.encrypt("ya29.x")
    settings.TOKEN_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    assert crypto.decrypt(old) == "ya29.x"
    assert crypto.needs_rotation(old)
    new = crypto.encrypt("ya29.x")
    assert not crypto.needs_rotation(new)
    settings.TOKEN_ENCRYPTION_KEYS = [NEW_KEY]
    assert crypto.decrypt(new) == "ya29.x"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old)


def test_admin_never_shows_tokens(admin_client):
    account = GoogleAccountFactory(access_token="ya29.admin-secret", refresh_token="1//admin")
    change = admin_client.get(f"/admin/accounts/googleaccount/{account.pk}/change/")
    listing = admin_client.get("/admin/accounts/googleaccount/?q=" + account.email)

    for response in (change, listing):
        assert response.status_code == 200
        content = response.content.decode()
        assert account.email in content
        for secret in (
            "ya29.admin-secret",
            "1//admin",
            account.access_token_encrypted,
            account.refresh_token_encrypted,
        ):
            assert secret not in content
    assert "Refresh token stored" in change.content.decode()


def test_admin_cannot_edit_or_add_accounts(admin_client):
    account = GoogleAccountFactory()
    assert admin_client.get("/admin/accounts/googleaccount/add/").status_code == 403
    response = admin_client.post(
        f"/admin/accounts/googleaccount/{account.pk}/change/", {"status": "connected"}
    )
    assert response.status_code == 403


def test_full_sign_in_refresh_and_disconnect_log_no_secret(client, fake_google, caplog):
    caplog.set_level(logging.DEBUG)  # everything, from every library
    fake = fake_google.fake
    url = start(client).url
    verifier = client.session[SESSION_KEY]["code_verifier"]
    callback = visit_google(url)
    code = parse_qs(urlsplit(callback).query)["code"][0]
    back_to_site(client, callback)
    account = GoogleAccount.objects.get()
    first_access, refresh = account.access_token, account.refresh_token
    GoogleAccount.objects.filter(pk=account.pk).update(token_expiry=None)
    second_access = tokens.credentials_for(account.user).token
    client.post("/accounts/google/disconnect/")

    assert fake.counters["token"] == 2
    assert fake.counters["revoke"] == 1
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert "Google sign-in" in logged  # the logs were captured
    for secret in (code, verifier, first_access, second_access, refresh, "fakegoogle-test-secret"):
        assert secret not in logged


def test_error_page_hides_tokens_in_local_variables(fake_google, rf: RequestFactory):
    account = linked_account(fake_google)
    try:
        tokens._store(account, {"access_token": "ya29.on-the-error-page", "expires_in": "soon"})
    except ValueError:
        reporter = ExceptionReporter(rf.get("/"), *sys.exc_info())
    frame = next(f for f in reporter.get_traceback_frames() if f["function"] == "_store")
    shown = " ".join(f"{name}={value}" for name, value in frame["vars"])
    assert "response=" in shown  # the variables are listed ...
    assert "ya29.on-the-error-page" not in shown  # ... but not their values
    assert account.refresh_token not in shown


def test_grant_and_client_reprs_hide_tokens():
    from accounts.google_client import Client
    from accounts.linking import Grant

    grant = Grant("sub", ADA, "Ada", [], "ya29.repr", "1//repr", None)
    assert "ya29.repr" not in repr(grant)
    assert "1//repr" not in repr(grant)
    assert "s3cret" not in repr(Client("id", "s3cret"))


def test_user_admin_still_works(admin_client):
    user = UserFactory()
    assert admin_client.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 200
