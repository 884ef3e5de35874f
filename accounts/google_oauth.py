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

import ipaddress
import json
import logging
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_variables
from google_auth_oauthlib.flow import Flow
from oauthlib.oauth2.rfc6749.errors import InvalidGrantError, OAuth2Error

from accounts import connection
from accounts.models import GoogleAccount, User

logger = logging.getLogger(__name__)

USERINFO_EMAIL = "https://www.googleapis.com/auth/userinfo.email"
USERINFO_PROFILE = "https://www.googleapis.com/auth/userinfo.profile"
GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly"
GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send"

# The least that works: who you are, and reading mail. gmail.send is asked for only when a
# person chooses to send digests from their own Gmail (an incremental grant).
SIGN_IN_SCOPES = ("openid", "email", "profile", GMAIL_READONLY)
OPTIONAL_SCOPES = {"send": GMAIL_SEND}
# Google answers the short OpenID names with their long URLs.
_SCOPE_ALIASES = {"email": USERINFO_EMAIL, "profile": USERINFO_PROFILE}
REQUIRED_SCOPES = frozenset({"openid", USERINFO_EMAIL, GMAIL_READONLY})

SESSION_KEY = "google_oauth"
HTTP_TIMEOUT = 10  # seconds; Google answers in well under one


# --- the OAuth client -------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str = ""

    def __repr__(self) -> str:  # the secret stays out of logs and error pages
        return f"Client(client_id={self.client_id!r})"


def client() -> Client:
    """The configured OAuth client: config keys first, else the downloaded JSON file."""
    google = settings.CONFIG.google
    if google.client_id:
        return Client(google.client_id, google.client_secret)
    if google.client_secrets_file:
        return _client_from_file(google.client_secrets_file)
    raise ImproperlyConfigured(
        "No Google OAuth client is configured: set google.client_id and google.client_secret "
        "(or google.client_secrets_file), or google.fake_url for the local demo."
    )


def _client_from_file(path: str) -> Client:
    where = f"google.client_secrets_file ({path})"
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise ImproperlyConfigured(f"{where}: cannot read it: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"{where}: invalid JSON at line {exc.lineno}") from None
    section = data.get("web") or data.get("installed") if isinstance(data, dict) else None
    if not isinstance(section, dict) or not section.get("client_id"):
        raise ImproperlyConfigured(
            f"{where}: expected a 'web' section with client_id and client_secret, as the "
            "Google Cloud console downloads it for a Web application client"
        )
    return Client(section["client_id"], section.get("client_secret", ""))


def redirect_uri() -> str:
    return settings.CONFIG.google.redirect_uri or settings.SITE_URL + "/accounts/google/callback/"


def canonical_scopes(scopes: str | Iterable[str]) -> list[str]:
    names = scopes.split() if isinstance(scopes, str) else scopes
    return sorted({_SCOPE_ALIASES.get(name, name) for name in names})


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _permit_plain_http_on_loopback(*urls: str) -> None:
    """Let oauthlib talk plain http to the fake Google and runserver, and nothing else.

    oauthlib refuses http:// endpoints unless OAUTHLIB_INSECURE_TRANSPORT is set. We set it
    only with debug on (config refuses debug and the fake in production) and only when every
    plain-http URL involved is on loopback, so a deployment always keeps the https check.
    ``CONFIG.debug`` rather than ``settings.DEBUG``, which pytest-django turns off.
    """
    plain = [url for url in urls if urlsplit(url).scheme == "http"]
    if plain and settings.CONFIG.debug and all(_is_loopback(url) for url in plain):
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"


@sensitive_variables()
def build_flow(scopes: Iterable[str], *, code_verifier: str | None = None) -> Flow:
    google = settings.CONFIG.google
    oauth = client()
    _permit_plain_http_on_loopback(google.auth_uri, google.token_uri, redirect_uri())
    config = {
        "web": {
            "client_id": oauth.client_id,
            "client_secret": oauth.client_secret,
            "auth_uri": google.auth_uri,
            "token_uri": google.token_uri,
        }
    }
    return Flow.from_client_config(
        config,
        scopes=list(scopes),
        redirect_uri=redirect_uri(),
        code_verifier=code_verifier,
        autogenerate_code_verifier=code_verifier is None,
    )


# --- failures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    title: str
    message: str
    action: str = "Try again"


FAILURES: dict[str, Failure] = {
    "not_configured": Failure(
        "Sign-in with Google is not set up",
        "This site has no Google OAuth client configured yet. Ask its administrator to follow "
        "the set-up steps in the README.",
        "Back to sign-in",
    ),
    "state_missing": Failure(
        "This sign-in has expired",
        "We could not find the sign-in you started: it may have expired, or Google's answer "
        "was opened in another browser. Nothing was changed.",
    ),
    "state_mismatch": Failure(
        "This sign-in did not match",
        "Google's answer belongs to a different sign-in than the one this browser started, "
        "so we stopped for your safety. Nothing was changed.",
    ),
    "verifier_missing": Failure(
        "This sign-in is incomplete",
        "Part of the sign-in we keep for you was missing, so we could not finish it safely. "
        "Nothing was changed.",
    ),
    "access_denied": Failure(
        "You cancelled at Google",
        "Without your permission we cannot read your inbox, so no account was made and "
        "nothing was stored. You can sign in whenever you are ready.",
        "Sign in with Google",
    ),
    "scope_denied": Failure(
        "Gmail access was not granted",
        "Digests need permission to read your Gmail. Please sign in again and leave the "
        "Gmail box ticked on Google's consent screen. Nothing was stored.",
    ),
    "invalid_grant": Failure(
        "This sign-in link was already used or has expired",
        "Google refused the sign-in code: it can be used only once and only for a few "
        "minutes. Please start again.",
    ),
    "google_unavailable": Failure(
        "Google is not answering",
        "We could not reach Google to finish signing you in. This is usually brief: please "
        "try again in a minute.",
    ),
    "google_error": Failure(
        "Google could not complete the sign-in",
        "Google answered with an error we did not expect. Please try again; if it keeps "
        "happening, tell the site's administrator.",
    ),
    "no_refresh_token": Failure(
        "Google did not grant offline access",
        "Digests are made while you are away, which needs Google's offline access, and "
        "Google did not grant it. Please sign in again and allow access on Google's screen.",
    ),
    "email_unverified": Failure(
        "Your Google email address is not verified",
        "We link accounts by verified email only. Verify your address in your Google "
        "Account, then sign in again.",
    ),
    "account_conflict": Failure(
        "This email belongs to another Google account",
        "An account here with this email address is linked to a different Google account. "
        "Sign in with that Google account instead.",
    ),
    "wrong_account": Failure(
        "That is a different Google account",
        "You chose a different Google account than the one linked to your account here. "
        "Please choose the linked account on Google's screen. Nothing was changed.",
    ),
    "staff_account": Failure(
        "Staff accounts sign in with their password",
        "This email belongs to a staff account here, and staff accounts never sign in with "
        "Google: a Google account is not proof enough for staff rights. Use the password "
        "sign-in instead. Nothing was changed.",
        "Sign in with a password",
    ),
    "inactive": Failure(
        "This account is disabled",
        "Your account on this site has been disabled. Contact the site's administrator.",
        "Back to the home page",
    ),
}


class SignInError(Exception):
    """A sign-in that cannot finish: ``kind`` names why, ``failure`` says it to the person.

    ``restart`` holds the options the sign-in was begun with (``begin()``'s keyword
    arguments), so the way forward can start the same sign-in again.
    """

    def __init__(self, kind: str, detail: str = "", restart: Mapping[str, Any] | None = None):
        if kind not in FAILURES:
            raise ValueError(f"Unknown sign-in failure kind {kind!r}")
        self.kind = kind
        self.detail = detail  # for logs and staff; never a token
        self.restart = dict(restart or {})
        super().__init__(f"{kind}: {detail}" if detail else kind)

    @property
    def failure(self) -> Failure:
        return FAILURES[self.kind]


# --- the flow ---------------------------------------------------------------------------


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
        user, account, created, reconnected = _link(grant, restart)
    except IntegrityError:
        # Two callbacks for the same new person raced; the other one made the rows.
        user, account, created, reconnected = _link(grant, restart)
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


@dataclass(frozen=True)
class Grant:
    """What one successful sign-in learned from Google."""

    subject: str
    email: str
    name: str
    scopes: list[str]
    access_token: str
    refresh_token: str
    expiry: datetime | None

    def __repr__(self) -> str:  # tokens stay out of logs and error pages
        return f"Grant(subject={self.subject!r}, email={self.email!r})"


@sensitive_variables()
def _link(grant: Grant, restart: Mapping[str, Any]) -> tuple[User, GoogleAccount, bool, bool]:
    """Create or update the user and their Google account, all or nothing; created and
    reconnected say whether the user is new and whether a disconnected account came back."""
    with transaction.atomic():
        account = (
            GoogleAccount.objects.select_for_update()
            .select_related("user")
            .filter(subject=grant.subject)
            .first()
        )
        user = account.user if account else User.objects.filter(email__iexact=grant.email).first()
        if account is None and user is not None and hasattr(user, "google_account"):
            if user.google_account.subject != grant.subject:
                raise SignInError("account_conflict", f"user {user.pk} has another sub", restart)
            # Another tab's callback committed this very account between our two reads.
            account = GoogleAccount.objects.select_for_update().get(pk=user.google_account.pk)
        expected = restart.get("expected_user_id")
        if expected is not None and (user is None or user.pk != expected):
            raise SignInError("wrong_account", f"expected user {expected}", restart)
        if user is not None and not user.is_active:
            raise SignInError("inactive", f"user {user.pk} is inactive", restart)
        if user is not None and expected is None and (user.is_staff or user.is_superuser):
            # Owning a Google address must never grant staff rights: staff use the password
            # form (and link Google, if they want digests, while signed in with it).
            raise SignInError("staff_account", f"user {user.pk} is staff", restart)
        refresh_token = grant.refresh_token
        if not refresh_token and account is not None and account.is_connected:
            refresh_token = account.refresh_token  # Google sends one only on first consent
        if not refresh_token:
            raise SignInError("no_refresh_token", restart=restart)

        created = user is None
        if user is None:
            user = User.objects.create_user(grant.email, name=grant.name)
        previous_status = account.status if account else None
        if account is None:
            account = GoogleAccount(user=user, subject=grant.subject)
        account.email = grant.email
        account.scopes = grant.scopes
        account.access_token = grant.access_token
        account.refresh_token = refresh_token
        account.token_expiry = grant.expiry
        if previous_status != GoogleAccount.Status.CONNECTED:
            account.set_status(GoogleAccount.Status.CONNECTED, "signed in with Google")
        account.save()
        reconnected = connection.connected(
            account, created=previous_status is None, previous=previous_status
        )
    logger.info(
        "Google sign-in: user %s, account %s, %s",
        user.pk,
        account.pk,
        "new user" if created else f"was {previous_status or 'not linked'}",
    )
    return user, account, created, reconnected
