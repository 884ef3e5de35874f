"""Gmail's failures, sorted into what a digest can act on.

* :class:`GmailRateLimited` (429, or 403 ``rateLimitExceeded``): carries Google's Retry-After.
* :class:`GmailUnavailable` (5xx, network trouble, Google's token endpoint down): transient.
* :class:`GoogleAccessRevoked` (401 after a refresh, ``invalid_grant``, no account).
* :class:`GmailPermissionDenied` (403 ``insufficientPermissions``): our grant lacks a scope;
  the person must reconnect Google and allow reading mail.
* :class:`GmailHistoryExpired` (404 on ``history.list``): the start id is too old.
* :class:`GmailRequestRejected` (any other 4xx, e.g. a search query Gmail refuses).
"""

from __future__ import annotations

import json

from googleapiclient.errors import HttpError

__all__ = [
    "DEFAULT_RETRY_AFTER",
    "GmailError",
    "GmailHistoryExpired",
    "GmailPermissionDenied",
    "GmailRateLimited",
    "GmailRequestRejected",
    "GmailUnavailable",
    "GoogleAccessRevoked",
    "classify",
]

DEFAULT_RETRY_AFTER = 30.0
_RATE_LIMIT_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "RESOURCE_EXHAUSTED"}


class GmailError(Exception):
    """Reading from or sending through Gmail failed."""


class GmailRateLimited(GmailError):
    """Google asked us to slow down; ``retry_after`` is its delay in seconds."""

    def __init__(self, retry_after: float, message: str = "") -> None:
        self.retry_after = retry_after
        super().__init__(message or f"Gmail rate limit: retry after {retry_after:g} s")


class GmailUnavailable(GmailError):
    """5xx, a network error or Google's token endpoint down: try again later."""


class GoogleAccessRevoked(GmailError):
    """The person must reconnect Google; retrying cannot help."""


class GmailRequestRejected(GmailError):
    """Gmail refused the request itself (400, 403 without a rate limit, ...)."""

    def __init__(self, status: int, message: str, method: str = "") -> None:
        self.status = status
        self.method = method  # the Gmail method refused, e.g. "messages.list"
        super().__init__(message)

    @property
    def is_bad_query(self) -> bool:
        """Gmail refused the search itself (400 on messages.list): retrying cannot help."""
        return self.method == "messages.list" and self.status == 400


class GmailPermissionDenied(GmailRequestRejected):
    """403 ``insufficientPermissions``: the grant we hold cannot read this mail."""


class GmailHistoryExpired(GmailRequestRejected):
    """404 on ``history.list``: Gmail no longer has history that old (about a week)."""


def _error_details(error: HttpError) -> tuple[int, str, str]:
    """(status, reason, message) from Google's error envelope, tolerating any body."""
    status = int(error.resp.status)
    try:
        body = json.loads(error.content.decode("utf-8", "replace"))["error"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return status, "", error.content[:200].decode("utf-8", "replace")
    if not isinstance(body, dict):
        return status, "", str(body)[:200]
    reasons = [e.get("reason", "") for e in body.get("errors") or [] if isinstance(e, dict)]
    reason = next((r for r in reasons if r), "") or str(body.get("status") or "")
    return status, reason, str(body.get("message") or "")


MAX_RETRY_AFTER = 3600.0  # a longer (or infinite, or NaN) Retry-After is taken as an hour


def _retry_after(error: HttpError) -> float:
    value = error.resp.get("retry-after", "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_RETRY_AFTER
    if seconds != seconds:  # NaN
        return DEFAULT_RETRY_AFTER
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


def classify(error: HttpError, method: str = "") -> GmailError:
    """The GmailError kind for an HTTP error answered to ``method``."""
    status, reason, message = _error_details(error)
    if status == 429 or (status == 403 and reason in _RATE_LIMIT_REASONS):
        return GmailRateLimited(_retry_after(error), f"HTTP {status} {reason}: {message}")
    if status >= 500:
        return GmailUnavailable(f"Gmail answered HTTP {status}: {message}")
    if status == 401:
        return GoogleAccessRevoked(f"Gmail refused our access token (HTTP 401): {message}")
    if status == 403 and reason == "insufficientPermissions":
        text = f"Gmail refused our permissions (HTTP 403): {message}"
        return GmailPermissionDenied(status, text, method)
    if status == 404 and method == "history.list":
        return GmailHistoryExpired(status, f"Gmail history is gone (HTTP 404): {message}", method)
    text = f"Gmail refused the request (HTTP {status}): {message}"
    return GmailRequestRejected(status, text, method)
