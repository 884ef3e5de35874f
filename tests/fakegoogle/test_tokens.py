"""Token endpoint and revocation, through google-auth's own refresh code."""

import pytest
import requests
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials

from fakegoogle import DEMO_EMAIL, TEST_CLIENT_ID, TEST_CLIENT_SECRET

from .conftest import READONLY, credentials_for, gmail_service


def test_refresh_gets_a_new_working_access_token(server):
    credentials = credentials_for(server, READONLY)
    old_token = credentials.token

    credentials.refresh(Request())

    assert credentials.token != old_token
    assert credentials.valid
    response = requests.get(
        f"{server.base_url}/gmail/v1/users/me/profile",
        headers={"Authorization": f"Bearer {credentials.token}"},
        timeout=5,
    )
    assert response.json()["emailAddress"] == DEMO_EMAIL


def test_refresh_does_not_return_a_new_refresh_token(server):
    credentials = credentials_for(server, READONLY)
    refresh_token = credentials.refresh_token

    credentials.refresh(Request())

    assert credentials.refresh_token == refresh_token


def test_revoked_refresh_tokens_fail_with_invalid_grant(server):
    credentials = credentials_for(server, READONLY)

    revoked = server.fake.revoke_refresh_tokens(DEMO_EMAIL)

    assert revoked == 1
    with pytest.raises(RefreshError, match="invalid_grant"):
        credentials.refresh(Request())


def test_unknown_refresh_token_fails_with_invalid_grant(server):
    credentials = Credentials(
        None,
        refresh_token="1//not-a-real-token",
        token_uri=f"{server.base_url}/token",
        client_id=TEST_CLIENT_ID,
        client_secret=TEST_CLIENT_SECRET,
    )

    with pytest.raises(RefreshError, match="Token has been expired or revoked"):
        credentials.refresh(Request())


def with_scopes(credentials: Credentials, scopes: list[str]) -> Credentials:
    return Credentials(
        None,
        refresh_token=credentials.refresh_token,
        token_uri=credentials.token_uri,
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        scopes=scopes,
    )


def test_refresh_may_narrow_scopes(server):
    credentials = credentials_for(server, READONLY, "openid")
    narrower = with_scopes(credentials, [READONLY])

    narrower.refresh(Request())

    assert narrower.granted_scopes == [READONLY]


def test_refresh_may_not_widen_scopes(server):
    credentials = credentials_for(server, READONLY)
    wider = with_scopes(credentials, [READONLY, "https://www.googleapis.com/auth/gmail.send"])

    with pytest.raises(RefreshError, match="invalid_scope"):
        wider.refresh(Request())


def test_expired_access_token_is_refreshed_transparently_by_the_client(server):
    gmail = gmail_service(server, READONLY)
    server.fake.advance_clock(3600)

    profile = gmail.users().getProfile(userId="me").execute()

    assert profile["emailAddress"] == DEMO_EMAIL
    assert server.fake.counters["token"] == 1


def post_token(server, **form) -> requests.Response:
    return requests.post(f"{server.base_url}/token", data=form, timeout=5)


def test_registered_client_needs_its_secret(server):
    server.fake.register_client("gda-web", "right-secret")

    response = post_token(
        server, grant_type="refresh_token", client_id="gda-web", client_secret="wrong"
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_client_may_authenticate_with_http_basic(server):
    tokens = server.fake.issue_tokens(DEMO_EMAIL, [READONLY])

    response = requests.post(
        f"{server.base_url}/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(TEST_CLIENT_ID, TEST_CLIENT_SECRET),
        timeout=5,
    )

    assert response.status_code == 200
    assert response.json()["token_type"] == "Bearer"
    assert response.json()["expires_in"] == server.fake.access_token_lifetime


def test_refresh_token_of_another_client_is_refused(server):
    tokens = server.fake.issue_tokens(DEMO_EMAIL, [READONLY])

    response = post_token(
        server,
        grant_type="refresh_token",
        refresh_token=tokens["refresh_token"],
        client_id="someone-else",
        client_secret="x",
    )

    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"


def test_unsupported_grant_type_is_named(server):
    response = post_token(server, grant_type="password", client_id="c", client_secret="s")

    assert response.status_code == 400
    assert response.json() == {
        "error": "unsupported_grant_type",
        "error_description": "Invalid grant_type: password",
    }


def test_missing_client_id_is_invalid_request(server):
    response = post_token(server, grant_type="refresh_token")

    assert response.json()["error"] == "invalid_request"


def test_access_token_lifetime_is_configurable(server):
    server.fake.access_token_lifetime = 60
    credentials = credentials_for(server, READONLY)

    credentials.refresh(Request())

    assert 0 < (credentials.expiry - credentials.expiry.now()).total_seconds() <= 60


def revoke(server, token: str, *, in_query: bool = False) -> requests.Response:
    url = f"{server.base_url}/revoke"
    if in_query:
        return requests.post(url, params={"token": token}, timeout=5)
    return requests.post(url, data={"token": token}, timeout=5)


def test_revoking_the_refresh_token_kills_its_access_tokens(server):
    credentials = credentials_for(server, READONLY)

    response = revoke(server, credentials.refresh_token)

    assert (response.status_code, response.json()) == (200, {})
    userinfo = requests.get(
        f"{server.base_url}/gmail/v1/users/me/profile",
        headers={"Authorization": f"Bearer {credentials.token}"},
        timeout=5,
    )
    assert userinfo.status_code == 401
    with pytest.raises(RefreshError, match="invalid_grant"):
        credentials.refresh(Request())


def test_revoking_the_access_token_in_the_query_ends_the_grant(server):
    credentials = credentials_for(server, READONLY)

    response = revoke(server, credentials.token, in_query=True)

    assert response.status_code == 200
    with pytest.raises(RefreshError, match="invalid_grant"):
        credentials.refresh(Request())


def test_revoking_an_unknown_token_is_invalid_token(server):
    response = revoke(server, "ya29.unknown")

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_token"
    assert server.fake.counters["revoke"] == 1
