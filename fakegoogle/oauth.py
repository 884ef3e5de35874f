"""Pure OAuth helpers: scope rules, PKCE and the id_token, kept apart from the mutable state."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from typing import Any

USERINFO_EMAIL = "https://www.googleapis.com/auth/userinfo.email"
USERINFO_PROFILE = "https://www.googleapis.com/auth/userinfo.profile"
GMAIL_PREFIX = "https://www.googleapis.com/auth/gmail."
MAIL_FULL = "https://mail.google.com/"

# Google answers the short OpenID names with their long URLs in the token response. That is
# exactly what makes oauthlib raise "Scope has changed" for apps that ask for "email".
_SCOPE_ALIASES = {"email": USERINFO_EMAIL, "profile": USERINFO_PROFILE}

SCOPE_DESCRIPTIONS = {
    "openid": "Associate you with your personal info on Google",
    USERINFO_EMAIL: "See your primary Google Account email address",
    USERINFO_PROFILE: "See your personal info, including any personal info you've made public",
    MAIL_FULL: "Read, compose, send and permanently delete all your email from Gmail",
    GMAIL_PREFIX + "readonly": "View your email messages and settings",
    GMAIL_PREFIX + "metadata": "View your email message metadata such as labels and headers, "
    "but not the email body",
    GMAIL_PREFIX + "modify": "Read, compose and send emails from your Gmail account",
    GMAIL_PREFIX + "send": "Send email on your behalf",
    GMAIL_PREFIX + "compose": "Manage drafts and send emails",
    GMAIL_PREFIX + "labels": "See and edit your email labels",
}

ID_TOKEN_ISSUER = "https://accounts.google.com"


def expand_scopes(scopes: str | Iterable[str]) -> frozenset[str]:
    """Scopes as Google records them: space-separated or a list, short names expanded."""
    names = scopes.split() if isinstance(scopes, str) else scopes
    return frozenset(_SCOPE_ALIASES.get(name, name) for name in names)


def unknown_scopes(scopes: frozenset[str]) -> list[str]:
    return sorted(
        s for s in scopes if s not in SCOPE_DESCRIPTIONS and not s.startswith(GMAIL_PREFIX)
    )


def describe_scope(scope: str) -> str:
    return SCOPE_DESCRIPTIONS.get(scope, scope)


def format_scopes(scopes: frozenset[str]) -> str:
    return " ".join(sorted(scopes))


def pkce_s256(code_verifier: str) -> str:
    digest = hashlib.sha256(code_verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def pkce_matches(code_verifier: str, code_challenge: str) -> bool:
    return hmac.compare_digest(pkce_s256(code_verifier), code_challenge)


def new_token(prefix: str) -> str:
    """Opaque tokens with Google's recognisable prefixes (ya29. access, 1// refresh, 4/ code)."""
    return prefix + secrets.token_urlsafe(32)


def _b64url_json(data: dict[str, Any]) -> bytes:
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=")


def make_id_token(claims: dict[str, Any], client_secret: str) -> str:
    """An HS256 JWT signed with the client secret.

    Google signs with RS256 keys published at its JWKS URL; the fake cannot, so this token is for
    display only. Apps must identify the user through the userinfo endpoint, never by trusting
    this token's signature.
    """
    header = _b64url_json({"alg": "HS256", "kid": "fakegoogle", "typ": "JWT"})
    payload = _b64url_json(claims)
    signing_input = header + b"." + payload
    signature = hmac.new(client_secret.encode(), signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()


def decode_id_token(token: str) -> dict[str, Any]:
    """Read the claims without verifying, like a debugging tool would (tests use it)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
