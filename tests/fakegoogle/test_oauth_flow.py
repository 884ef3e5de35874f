"""The authorization-code flow with PKCE, driven by google-auth-oauthlib's real Flow."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from google_auth_oauthlib.flow import Flow
from oauthlib.oauth2.rfc6749.errors import (
    AccessDeniedError,
    InsecureTransportError,
    InvalidGrantError,
)

from fakegoogle import DEMO_EMAIL
from fakegoogle.oauth import decode_id_token

from .conftest import OTHER_EMAIL, READONLY

REDIRECT_URI = "http://localhost:8000/oauth/callback"
CLIENT_ID = "gda-test.apps.googleusercontent.com"
CLIENT_SECRET = "gda-test-secret"
EMAIL_SCOPE = "https://www.googleapis.com/auth/userinfo.email"
SCOPES = ["openid", EMAIL_SCOPE, READONLY]

pytestmark = pytest.mark.usefixtures("loopback_oauth")


def make_flow(server, scopes=SCOPES, client_id=CLIENT_ID, secret=CLIENT_SECRET, **kwargs) -> Flow:
    config = {
        "web": {
            "client_id": client_id,
            "client_secret": secret,
            "auth_uri": f"{server.base_url}/o/oauth2/auth",
            "token_uri": f"{server.base_url}/token",
            "redirect_uris": [REDIRECT_URI],
        }
    }
    kwargs.setdefault("autogenerate_code_verifier", True)
    return Flow.from_client_config(config, scopes=scopes, redirect_uri=REDIRECT_URI, **kwargs)


def consent(flow: Flow, **params) -> str:
    """What the browser does: visit the authorization URL, come back with the redirect."""
    url, _ = flow.authorization_url(**params)
    response = requests.get(url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_full_flow_with_pkce_ends_with_userinfo(server):
    flow = make_flow(server)
    callback = consent(flow, prompt="consent")

    token = flow.fetch_token(authorization_response=callback)

    assert callback.startswith(REDIRECT_URI)
    assert token["refresh_token"].startswith("1//")
    assert set(token["scope"]) == set(SCOPES)
    userinfo = flow.authorized_session().get(f"{server.base_url}/v1/userinfo").json()
    assert userinfo["email"] == DEMO_EMAIL
    assert userinfo["email_verified"] is True
    assert userinfo["sub"] == server.fake.account(DEMO_EMAIL).sub


def test_credentials_from_flow_carry_tokens_and_client(server):
    flow = make_flow(server)
    flow.fetch_token(authorization_response=consent(flow))

    credentials = flow.credentials

    assert credentials.token.startswith("ya29.")
    assert credentials.refresh_token
    assert credentials.token_uri == f"{server.base_url}/token"
    assert credentials.client_id == CLIENT_ID


def test_id_token_names_the_user_and_the_client(server):
    flow = make_flow(server)
    token = flow.fetch_token(authorization_response=consent(flow))

    claims = decode_id_token(token["id_token"])

    assert claims["aud"] == CLIENT_ID
    assert claims["email"] == DEMO_EMAIL
    assert claims["sub"] == server.fake.account(DEMO_EMAIL).sub
    assert claims["exp"] > claims["iat"]


def test_oauthlib_refuses_loopback_http_without_the_insecure_transport_switch(server, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT")

    with pytest.raises(InsecureTransportError):
        make_flow(server).authorization_url()


def test_cancel_redirects_with_access_denied_and_state(server):
    server.fake.auto_consent = "deny"
    flow = make_flow(server)

    callback = consent(flow, state="xyz-state")

    assert query(callback) == {"error": "access_denied", "state": "xyz-state"}
    with pytest.raises(AccessDeniedError):
        flow.fetch_token(authorization_response=callback)


def test_reused_code_is_invalid_grant(server):
    flow = make_flow(server)
    callback = consent(flow)
    flow.fetch_token(authorization_response=callback)

    with pytest.raises(InvalidGrantError, match="already redeemed"):
        flow.fetch_token(authorization_response=callback)


def test_wrong_code_verifier_is_invalid_grant(server):
    flow = make_flow(server)
    callback = consent(flow)
    flow.code_verifier = "x" * 64

    with pytest.raises(InvalidGrantError, match="Invalid code verifier"):
        flow.fetch_token(authorization_response=callback)


def test_expired_code_is_invalid_grant(server):
    flow = make_flow(server)
    callback = consent(flow)
    server.fake.advance_clock(601)

    with pytest.raises(InvalidGrantError, match="expired"):
        flow.fetch_token(authorization_response=callback)


def test_refresh_token_only_on_first_consent_unless_prompt_consent(server):
    first = make_flow(server)
    second = make_flow(server)
    third = make_flow(server)

    first_token = first.fetch_token(authorization_response=consent(first))
    second_token = second.fetch_token(authorization_response=consent(second))
    third_token = third.fetch_token(authorization_response=consent(third, prompt="consent"))

    assert "refresh_token" in first_token
    assert "refresh_token" not in second_token
    assert "refresh_token" in third_token


def test_online_access_never_gets_a_refresh_token(server):
    flow = make_flow(server)

    token = flow.fetch_token(authorization_response=consent(flow, access_type="online"))

    assert "refresh_token" not in token


def test_include_granted_scopes_returns_the_union_which_oauthlib_reports(server, monkeypatch):
    first = make_flow(server)
    first.fetch_token(authorization_response=consent(first))
    narrower = make_flow(server, scopes=["openid", EMAIL_SCOPE])
    callback = consent(narrower, include_granted_scopes="true")

    with pytest.raises(Warning, match="Scope has changed"):
        narrower.fetch_token(authorization_response=callback)

    assert set(query(callback)["scope"].split()) == set(SCOPES)


def test_relaxed_token_scope_accepts_the_union(server, monkeypatch):
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    first = make_flow(server)
    first.fetch_token(authorization_response=consent(first))
    narrower = make_flow(server, scopes=["openid", EMAIL_SCOPE])

    token = narrower.fetch_token(
        authorization_response=consent(narrower, include_granted_scopes="true")
    )

    assert set(token["scope"]) == set(SCOPES)


def test_short_scope_names_come_back_as_urls_like_google(server):
    flow = make_flow(server, scopes=["openid", "email"])

    with pytest.raises(Warning, match=r"userinfo\.email"):
        flow.fetch_token(authorization_response=consent(flow))


def test_login_as_chooses_the_identity(server):
    server.fake.login_as(OTHER_EMAIL)
    flow = make_flow(server)
    flow.fetch_token(authorization_response=consent(flow))

    userinfo = flow.authorized_session().get(f"{server.base_url}/v1/userinfo").json()

    assert userinfo["email"] == OTHER_EMAIL


def test_login_hint_preselects_the_account(server):
    flow = make_flow(server)
    flow.fetch_token(authorization_response=consent(flow, login_hint=OTHER_EMAIL))

    userinfo = flow.authorized_session().get(f"{server.base_url}/oauth2/v3/userinfo").json()

    assert userinfo["email"] == OTHER_EMAIL
