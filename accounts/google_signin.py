"""Sign in with Google: the OAuth 2.0 web-server flow with PKCE, over google-auth-oauthlib.

``begin()`` builds the authorization URL and keeps the state, the PKCE code verifier and where
to go afterwards in the server-side session (database sessions: the verifier must never travel
in a cookie). ``complete()`` checks the callback against that session, redeems the code,
identifies the person through the userinfo endpoint and creates or links the local user.

Every way the flow can fail ends in a :class:`SignInError` whose ``kind`` names it and whose
message tells the person what happened and what to do; nothing is written to the database
before everything succeeded, so a failed sign-in never leaves half an account behind.

The identity comes from the userinfo endpoint, called with the access token we just redeemed
over TLS. The ID token in the token response is ignored: verifying it would need Google's
signing keys, and an unverified JWT is not evidence of anything.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_variables
from google_auth_oauthlib.flow import Flow
from oauthlib.oauth2.rfc6749.errors import InvalidGrantError, OAuth2Error

from accounts.google_client import REQUIRED_SCOPES, SIGN_IN_SCOPES, build_flow, canonical_scopes
from accounts.linking import Grant, link
from accounts.models import GoogleAccount, User
from accounts.signin_failures import SignInError

logger = logging.getLogger(__name__)

SESSION_KEY = "google_oauth"
HTTP_TIMEOUT = 10  # seconds; Google answers in well under one


def safe_next(request: HttpRequest, next_url: str | None) -> str:
    """``next`` if it stays on this site, else the dashboard."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def begin(
    request: HttpRequest,
    next_url: str | None,
    extra_scopes: Iterable[str] = (),
    *,
    force_consent: bool = False,
    login_hint: str = "",
    expected_user_id: int | None = None,
) -> str:
    """Start a sign-in and return Google's authorization URL to redirect the browser to.

    ``force_consent`` asks Google to show the consent screen again, which is the only way to
    get a new refresh token for a grant that already exists (reconnecting, or when Google
    left the refresh token out). ``expected_user_id`` makes the sign-in fail unless Google's
    answer is that user's account (reconnecting, granting more scopes). One sign-in at a time
    per session: starting another replaces it, and the older tab's answer is state_mismatch.
    """
    extra = tuple(scope for scope in extra_scopes if scope not in SIGN_IN_SCOPES)
    scopes = [*SIGN_IN_SCOPES, *extra]
    try:
        flow = build_flow(scopes)
    except ImproperlyConfigured as exc:
        logger.error("Google sign-in is not configured: %s", exc)
        raise SignInError("not_configured", str(exc)) from None
    state = secrets.token_urlsafe(32)
    options = {"access_type": "offline", "include_granted_scopes": "true"}
    if force_consent:
        options["prompt"] = "consent"
    if login_hint:
        options["login_hint"] = login_hint
    url, _ = flow.authorization_url(state=state, **options)
    request.session[SESSION_KEY] = {
        "state": state,
        "code_verifier": flow.code_verifier,
        "restart": {
            "next_url": safe_next(request, next_url),
            "extra_scopes": list(extra),
            "force_consent": force_consent,
            "login_hint": login_hint,
            "expected_user_id": expected_user_id,
        },
    }
    return url


@dataclass(frozen=True)
class SignIn:
    user: User
    account: GoogleAccount
    next_url: str
    created: bool
    reconnected: bool = False  # the account was disconnected (needs_reauth, revoked) until now


@sensitive_variables()
def complete(request: HttpRequest) -> SignIn:
    """Finish the sign-in Google redirected back to; raise SignInError on any failure."""
    pending = request.session.pop(SESSION_KEY, None)  # one use, whatever happens next
    params = request.GET
    if not isinstance(pending, dict) or not pending.get("state") or not params.get("state"):
        raise SignInError("state_missing")
    if not constant_time_compare(params["state"], pending["state"]):
        raise SignInError("state_mismatch")
    restart = pending.get("restart") or {}
    if error := params.get("error"):
        kind = "access_denied" if error == "access_denied" else "google_error"
        raise SignInError(kind, f"authorization error {error!r}", restart)
    if not pending.get("code_verifier"):
        raise SignInError("verifier_missing", restart=restart)
    if not params.get("code"):
        raise SignInError("google_error", "the callback carried no code", restart)

    scopes = [*SIGN_IN_SCOPES, *restart.get("extra_scopes", ())]
    try:
        flow = build_flow(scopes, code_verifier=pending["code_verifier"])
    except ImproperlyConfigured as exc:
        raise SignInError("not_configured", str(exc), restart) from None
    token = _redeem_code(flow, params["code"], restart)
    granted = canonical_scopes(token.get("scope") or scopes)
    if missing := REQUIRED_SCOPES - set(granted):
        raise SignInError("scope_denied", f"not granted: {' '.join(sorted(missing))}", restart)
    info = _fetch_userinfo(token["access_token"], restart)
    if info.get("email_verified") is not True:
        raise SignInError("email_unverified", restart=restart)
    grant = Grant(
        subject=str(info["sub"]),
        email=str(info["email"]).lower(),
        name=str(info.get("name") or ""),
        scopes=granted,
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token") or "",
        expiry=_expiry(token),
    )
    try:
        user, account, created, reconnected = link(grant, restart)
    except IntegrityError:
        # Two callbacks for the same new person raced; the other one made the rows.
        user, account, created, reconnected = link(grant, restart)
    next_url = restart.get("next_url") or safe_next(request, None)
    return SignIn(user, account, next_url, created, reconnected)


def _refuse_server_errors(response: requests.Response) -> requests.Response:
    """Compliance hook: a 5xx or 429 from the token endpoint means "try later", not "bad"."""
    if response.status_code >= 500 or response.status_code == 429:
        raise _Unavailable(f"token endpoint answered HTTP {response.status_code}")
    return response


class _Unavailable(Exception):
    pass


@sensitive_variables()
def _redeem_code(flow: Flow, code: str, restart: Mapping[str, Any]) -> dict[str, Any]:
    flow.oauth2session.register_compliance_hook("access_token_response", _refuse_server_errors)
    try:
        return dict(flow.fetch_token(code=code, timeout=HTTP_TIMEOUT))
    except _Unavailable as exc:
        raise SignInError("google_unavailable", str(exc), restart) from None
    except requests.RequestException as exc:
        raise SignInError("google_unavailable", type(exc).__name__, restart) from None
    except InvalidGrantError as exc:
        raise SignInError("invalid_grant", exc.description or "", restart) from None
    except OAuth2Error as exc:
        raise SignInError("google_error", f"token endpoint: {exc.error}", restart) from None
    except Warning as warning:
        # oauthlib raises (not warns) "Scope has changed" when Google returns other scopes
        # than we asked for, which incremental grants always do; the token is attached.
        if token := getattr(warning, "token", None):
            return dict(token)
        raise


@sensitive_variables()
def _fetch_userinfo(access_token: str, restart: Mapping[str, Any]) -> dict[str, Any]:
    try:
        response = requests.get(
            settings.CONFIG.google.userinfo_uri,
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=HTTP_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise SignInError(
            "google_unavailable", f"userinfo: {type(exc).__name__}", restart
        ) from None
    if response.status_code >= 500 or response.status_code == 429:
        raise SignInError(
            "google_unavailable", f"userinfo answered HTTP {response.status_code}", restart
        )
    try:
        info = response.json() if response.status_code == 200 else None
    except ValueError:
        info = None
    if not isinstance(info, dict) or not info.get("sub") or not info.get("email"):
        raise SignInError("google_error", f"userinfo answered HTTP {response.status_code}", restart)
    return info


def _expiry(token: Mapping[str, Any]) -> datetime | None:
    if expires_at := token.get("expires_at"):
        return datetime.fromtimestamp(float(expires_at), UTC)
    if expires_in := token.get("expires_in"):
        return datetime.now(UTC) + timedelta(seconds=float(expires_in))
    return None
