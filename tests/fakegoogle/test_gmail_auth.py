"""Bearer tokens on the Gmail and userinfo endpoints, with Google's error bodies."""

import pytest
import requests
from googleapiclient.errors import HttpError

from fakegoogle import DEMO_EMAIL

from .conftest import OTHER_EMAIL, READONLY, gmail_service


def get_profile(server, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(f"{server.base_url}/gmail/v1/users/me/profile", headers=headers, timeout=5)


@pytest.mark.parametrize("token", [None, "ya29.forged"])
def test_missing_or_unknown_token_is_401_in_googles_shape(server, token):
    response = get_profile(server, token)

    assert response.status_code == 401
    error = response.json()["error"]
    assert error["status"] == "UNAUTHENTICATED"
    assert error["errors"][0]["reason"] == "authError"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_expired_token_is_401(server, fake):
    token = fake.issue_tokens(DEMO_EMAIL, [READONLY])["access_token"]

    fake.advance_clock(3600)

    assert get_profile(server, token).status_code == 401


def test_token_without_gmail_scope_is_403_insufficient_scope(server):
    gmail = gmail_service(server, "openid", "email")

    with pytest.raises(HttpError) as caught:
        gmail.users().getProfile(userId="me").execute()

    assert caught.value.status_code == 403
    assert caught.value.reason == "Request had insufficient authentication scopes."


def test_another_users_mailbox_is_delegation_denied(server):
    gmail = gmail_service(server, READONLY)

    with pytest.raises(HttpError) as caught:
        gmail.users().getProfile(userId=OTHER_EMAIL).execute()

    assert caught.value.status_code == 403
    assert "Delegation denied" in caught.value.reason


def test_userinfo_without_token_is_401_oauth_style(server):
    response = requests.get(f"{server.base_url}/v1/userinfo", timeout=5)

    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "Invalid Credentials",
    }


def test_userinfo_fields_follow_the_granted_scopes(server, fake):
    token = fake.issue_tokens(DEMO_EMAIL, ["openid", "profile"])["access_token"]

    info = requests.get(
        f"{server.base_url}/v1/userinfo", headers={"Authorization": f"Bearer {token}"}, timeout=5
    ).json()

    assert set(info) == {"sub", "name", "picture"}
    assert info["name"] == "Alex Morgan"
    avatar = requests.get(info["picture"], timeout=5)
    assert avatar.headers["Content-Type"] == "image/svg+xml"
    assert ">A</text>" in avatar.text


def test_userinfo_needs_an_identity_scope(server, fake):
    token = fake.issue_tokens(DEMO_EMAIL, [READONLY])["access_token"]

    response = requests.get(
        f"{server.base_url}/v1/userinfo", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )

    assert response.status_code == 403
    assert response.json()["error"] == "insufficient_scope"


def test_unknown_paths_are_404_and_wrong_methods_405(server):
    missing = requests.get(f"{server.base_url}/gmail/v1/users/me/drafts", timeout=5)
    wrong_method = requests.delete(f"{server.base_url}/token", timeout=5)

    assert missing.status_code == 404
    assert "/gmail/v1/users/me/drafts" in missing.json()["error"]["message"]
    assert wrong_method.status_code == 405
