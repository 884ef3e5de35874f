"""The Google OAuth client we are: its configuration, the scopes we ask for, and the Flow.

The client id and secret come from the config keys or the JSON file the Google Cloud console
downloads; the redirect URI is the site's own unless configured. Both the sign-in
(accounts.google_signin) and the token refresh (accounts.tokens) use them.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables
from google_auth_oauthlib.flow import Flow

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
