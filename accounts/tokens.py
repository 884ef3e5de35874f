"""Valid Google access tokens for Gmail-reading code, refreshed once, by one process at a time.

Everything that calls Gmail asks :func:`credentials_for` and gets
``google.oauth2.credentials.Credentials`` holding an access token that is good for at least
``google.refresh_margin_seconds``. The credentials carry no refresh token: when a Gmail call
still meets a 401, google-auth calls back into :func:`refresh` here, so every refresh of every
account goes through one path that

- locks the account row (``select_for_update()``; on SQLite the IMMEDIATE transaction already
  serializes writers) so a digest job and the refresh job never refresh the same token at
  once; whoever comes second finds the fresh token and makes no request;
- writes the result with an UPDATE conditional on the ciphertext it read, so even without the
  lock two refreshers could never overwrite each other;
- turns Google's answers into three outcomes: a new token; ``TokenRevoked`` for
  ``invalid_grant`` (the account is marked needs_reauth and digests paused, permanently until
  the person reconnects); ``GoogleUnavailable`` for network errors, 5xx and 429 (retry later).

The token request is a plain form POST rather than ``Credentials.refresh()``, whose built-in
retries sleep for seconds while holding our row lock: retrying is the jobs engine's business.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from google.auth.transport import Request as TransportRequest
from google.oauth2.credentials import Credentials

from accounts import connection, metrics
from accounts.google_client import canonical_scopes, client
from accounts.models import GoogleAccount, User

logger = logging.getLogger(__name__)

HTTP_TIMEOUT = 10  # seconds; the row stays locked while we wait


class TokenError(Exception):
    """No valid access token could be had for an account."""


class NotConnected(TokenError):
    """The user has no Google account, disconnected it, or must reconnect it."""


class TokenRevoked(TokenError):
    """Google refused the refresh token (invalid_grant): the person must reconnect."""


class GoogleUnavailable(TokenError):
    """Google could not be reached or answered 5xx/429: try again later."""


class TokenRefreshFailed(TokenError):
    """Google refused the refresh for a reason that is ours to fix (e.g. invalid_client)."""


def _account(user_or_account: User | GoogleAccount) -> GoogleAccount:
    if isinstance(user_or_account, GoogleAccount):
        return user_or_account
    account = GoogleAccount.objects.filter(user=user_or_account).first()
    if account is None:
        raise NotConnected(f"User {user_or_account.pk} has no Google account connected.")
    return account


def margin() -> timedelta:
    return timedelta(seconds=settings.CONFIG.google.refresh_margin_seconds)


def expires_soon(account: GoogleAccount, within: timedelta | None = None) -> bool:
    if not account.access_token_encrypted or account.token_expiry is None:
        return True
    return account.token_expiry <= timezone.now() + (margin() if within is None else within)


def credentials_for(user_or_account: User | GoogleAccount) -> Credentials:
    """Credentials for Gmail, with an access token valid for at least the refresh margin.

    Raises NotConnected, TokenRevoked (the account is now needs_reauth) or GoogleUnavailable.
    """
    account = ensure_fresh(_account(user_or_account))
    credentials = Credentials(
        token=account.access_token,
        expiry=_naive_utc(account.token_expiry),
        scopes=list(account.scopes),
    )

    def refresh_handler(request: TransportRequest, scopes: Sequence[str]) -> tuple[str, datetime]:
        # google-auth calls this when the token went stale while in use, or Gmail said 401:
        # refresh unless someone else already replaced the token these credentials hold.
        fresh = refresh(account.pk, stale_token=credentials.token)
        return fresh.access_token, _naive_utc(fresh.token_expiry)

    credentials.refresh_handler = refresh_handler
    return credentials


def ensure_fresh(account: GoogleAccount, within: timedelta | None = None) -> GoogleAccount:
    """The account with an access token valid for at least ``within`` (default: the margin)."""
    if not account.is_connected:
        raise NotConnected(f"Google account {account.pk} is {account.status}.")
    if not expires_soon(account, within):
        return account
    return refresh(account.pk, within=within)


@sensitive_variables()
def refresh(
    account_id: int, *, within: timedelta | None = None, stale_token: str | None = None
) -> GoogleAccount:
    """Refresh the account's access token under its row lock, unless someone just did.

    Without ``stale_token`` a token valid for longer than ``within`` is kept. With it, the
    token is replaced if it is still the stale one, whatever its expiry (Gmail rejected it).
    """
    with transaction.atomic():
        account = GoogleAccount.objects.select_for_update().get(pk=account_id)
        if not account.is_connected:
            raise NotConnected(f"Google account {account.pk} is {account.status}.")
        if stale_token is not None:
            needed = account.access_token == stale_token
        else:
            needed = expires_soon(account, within)
        if not needed:
            return account
        outcome = _counted_request(account.refresh_token)
        if isinstance(outcome, TokenRevoked):
            connection.mark_needs_reauth(account, str(outcome))
        else:
            _store(account, outcome)
    if isinstance(outcome, TokenRevoked):
        raise outcome
    return account


@sensitive_variables()
def _store(account: GoogleAccount, response: dict[str, Any]) -> None:
    """Write the new token only over the exact ciphertext we read: never over a newer one."""
    old_ciphertext = account.access_token_encrypted
    account.access_token = response["access_token"]
    if response.get("refresh_token"):  # Google may rotate it
        account.refresh_token = response["refresh_token"]
    account.token_expiry = timezone.now() + timedelta(seconds=int(response.get("expires_in", 0)))
    if response.get("scope"):
        account.scopes = canonical_scopes(response["scope"])
    account.updated_at = timezone.now()
    updated = GoogleAccount.objects.filter(
        pk=account.pk, access_token_encrypted=old_ciphertext
    ).update(
        access_token_encrypted=account.access_token_encrypted,
        refresh_token_encrypted=account.refresh_token_encrypted,
        token_expiry=account.token_expiry,
        scopes=account.scopes,
        updated_at=account.updated_at,
    )
    if not updated:
        # Only reachable if the row lock was bypassed: keep theirs, drop ours.
        account.refresh_from_db()
        logger.warning("Google account %s was refreshed concurrently; kept the other", account.pk)
    else:
        logger.info("Refreshed the Google access token of account %s", account.pk)


@sensitive_variables()
def _counted_request(refresh_token: str) -> dict[str, Any] | TokenRevoked:
    """:func:`_request_access_token`, counted by outcome for /metrics."""
    try:
        outcome = _request_access_token(refresh_token)
    except GoogleUnavailable:
        metrics.TOKEN_REFRESHES.labels("unavailable").inc()
        raise
    except TokenRefreshFailed:
        metrics.TOKEN_REFRESHES.labels("refused").inc()
        raise
    revoked = isinstance(outcome, TokenRevoked)
    metrics.TOKEN_REFRESHES.labels("invalid_grant" if revoked else "refreshed").inc()
    return outcome


@sensitive_variables()
def _request_access_token(refresh_token: str) -> dict[str, Any] | TokenRevoked:
    """One refresh_token grant: the token response, TokenRevoked, or an exception raised."""
    oauth = client()
    try:
        response = requests.post(
            settings.CONFIG.google.token_uri,
            data={
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": oauth.client_id,
                "client_secret": oauth.client_secret,
            },
            timeout=HTTP_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise GoogleUnavailable(f"Google's token endpoint: {type(exc).__name__}") from None
    if response.status_code >= 500 or response.status_code == 429:
        raise GoogleUnavailable(f"Google's token endpoint answered HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise TokenRefreshFailed(
            f"Google's token endpoint answered HTTP {response.status_code} without JSON"
        )
    if response.status_code == 200 and body.get("access_token"):
        return body
    error = str(body.get("error", "")) or f"HTTP {response.status_code}"
    description = str(body.get("error_description", ""))
    if error == "invalid_grant":
        return TokenRevoked(f"Google refused the refresh token (invalid_grant: {description})")
    raise TokenRefreshFailed(f"Google refused the refresh ({error}: {description})")


def _naive_utc(value: datetime | None) -> datetime | None:
    """google-auth compares expiry with a naive UTC clock."""
    return value.astimezone(UTC).replace(tzinfo=None) if value else None
