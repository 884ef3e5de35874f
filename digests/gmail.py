"""Reading a user's new mail from Gmail, and sending a digest through it, at a known cost.

One ``messages.list`` page per 500 ids, then ``messages.get(format="full")`` in batches of
``gmail.batch_size`` (one HTTP request each, still 5 quota units per message). Failures are
sorted into what the caller can act on:

* :class:`GmailRateLimited` (429, or 403 ``rateLimitExceeded``): carries Google's
  Retry-After. Rate-limited items of a batch are retried once after a short pause first,
  since a burst limit usually clears within a second or two.
* :class:`GmailUnavailable` (5xx, network trouble, Google's token endpoint down): transient.
* :class:`GoogleAccessRevoked` (401 after a refresh, ``invalid_grant``, no account):
  permanent until the person reconnects Google.
* :class:`GmailRequestRejected` (any other 4xx, e.g. a search query Gmail refuses).

A message that vanished between list and get (404) is skipped, not an error: the digest is
about the mail that is there.
"""

from __future__ import annotations

import base64
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import google_auth_httplib2
import httplib2
from django.conf import settings
from google.auth.credentials import Credentials
from google.auth.exceptions import RefreshError, TransportError
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest, HttpRequest

from accounts import tokens

__all__ = [
    "SEND_SCOPE",
    "Gmail",
    "GmailError",
    "GmailRateLimited",
    "GmailRequestRejected",
    "GmailUnavailable",
    "GoogleAccessRevoked",
    "connect",
    "period_query",
]

SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send"
# https://developers.google.com/gmail/api/reference/quota
QUOTA_UNITS = {"messages.list": 5, "messages.get": 5, "messages.send": 100}
LIST_PAGE_MAX = 500  # Gmail's own ceiling for maxResults
HTTP_TIMEOUT = 30.0  # seconds per HTTP request; connect() uses gmail.http_timeout_seconds
INLINE_WAIT_LIMIT = 5.0  # longest Retry-After we sit out inside a job instead of rescheduling
DEFAULT_RETRY_AFTER = 30.0
_RATE_LIMIT_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "RESOURCE_EXHAUSTED"}


class GmailError(Exception):
    """Reading from or sending through Gmail failed."""


class GmailRateLimited(GmailError):
    def __init__(self, retry_after: float, message: str = "") -> None:
        self.retry_after = retry_after
        super().__init__(message or f"Gmail rate limit: retry after {retry_after:g} s")


class GmailUnavailable(GmailError):
    """5xx, a network error or Google's token endpoint down: try again later."""


class GoogleAccessRevoked(GmailError):
    """The person must reconnect Google; retrying cannot help."""


class GmailRequestRejected(GmailError):
    """Gmail refused the request itself (400, 403 without a rate limit, ...)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


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


def _retry_after(error: HttpError) -> float:
    value = error.resp.get("retry-after", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return DEFAULT_RETRY_AFTER


def classify(error: HttpError) -> GmailError:
    status, reason, message = _error_details(error)
    if status == 429 or (status == 403 and reason in _RATE_LIMIT_REASONS):
        return GmailRateLimited(_retry_after(error), f"HTTP {status} {reason}: {message}")
    if status >= 500:
        return GmailUnavailable(f"Gmail answered HTTP {status}: {message}")
    if status == 401:
        return GoogleAccessRevoked(f"Gmail refused our access token (HTTP 401): {message}")
    return GmailRequestRejected(status, f"Gmail refused the request (HTTP {status}): {message}")


def period_query(query: str, start: datetime, end: datetime) -> str:
    """The search for mail received in [start, end); the exact bounds are rechecked later.

    Gmail's after:/before: take epoch seconds, so the window is widened to whole seconds and
    the caller filters on internalDate: mail arriving at the boundary lands in one digest only.
    """
    bounds = f"after:{math.floor(start.timestamp())} before:{math.ceil(end.timestamp()) + 1}"
    return f"{query.strip()} {bounds}".strip()


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for index in range(0, len(items), size):
        yield list(items[index : index + size])


class Gmail:
    """One user's Gmail, for one digest run; counts every request it makes."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        api_endpoint: str,
        batch_size: int,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = HTTP_TIMEOUT,
    ) -> None:
        self.api_endpoint = api_endpoint.rstrip("/")
        # The discovery document names gmail.googleapis.com for batches whatever the
        # api_endpoint says, so the batch URI is built here, not by new_batch_http_request().
        self.batch_uri = self.api_endpoint + "/batch/gmail/v1"
        self.batch_size = batch_size
        self.sleep = sleep
        self.requests: Counter[str] = Counter()  # attempts, by method
        self.quota_units = 0  # what Google charged: refused requests cost nothing
        self.credentials = credentials
        http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=timeout))
        self.service = build(
            "gmail",
            "v1",
            http=http,
            client_options={"api_endpoint": self.api_endpoint},
            cache_discovery=False,
            static_discovery=True,
        )

    def has_scope(self, scope: str) -> bool:
        return scope in (getattr(self.credentials, "scopes", None) or [])

    # -- reading ---------------------------------------------------------------------------

    def list_message_ids(self, query: str, *, limit: int) -> list[str]:
        """Ids of matching messages, newest first, at most ``limit``."""
        ids: list[str] = []
        page_token: str | None = None
        while len(ids) < limit:
            request = (
                self.service.users()
                .messages()
                .list(
                    userId="me",
                    q=query,
                    maxResults=min(LIST_PAGE_MAX, limit - len(ids)),
                    pageToken=page_token,
                    fields="messages(id),nextPageToken",
                )
            )
            response = self._execute(request, "messages.list")
            ids.extend(str(item["id"]) for item in response.get("messages") or [])
            page_token = response.get("nextPageToken")
            if not page_token:
                break
        return ids[:limit]

    def get_messages(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Full messages in the order of ``ids``; vanished ones (404) are left out."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids, self.batch_size):
            failures = self._get_batch(chunk, found)
            retryable = {
                i: e
                for i, e in failures.items()
                if isinstance(e, GmailRateLimited | GmailUnavailable)
            }
            if retryable:
                self._pause_before_retry(retryable.values())
                failures = {**failures, **self._get_batch(list(retryable), found)}
                failures = {i: e for i, e in failures.items() if i not in found}
            self._raise_for(failures)
        return [found[i] for i in ids if i in found]

    def _pause_before_retry(self, errors: Iterable[GmailError]) -> None:
        wait = max(
            (e.retry_after if isinstance(e, GmailRateLimited) else 1.0 for e in errors),
            default=1.0,
        )
        if wait > INLINE_WAIT_LIMIT:
            raise GmailRateLimited(wait)
        self.sleep(max(wait, 1.0))

    @staticmethod
    def _raise_for(failures: dict[str, GmailError]) -> None:
        errors = list(failures.values())
        limited = [e for e in errors if isinstance(e, GmailRateLimited)]
        if limited:
            raise GmailRateLimited(max(e.retry_after for e in limited), str(limited[0]))
        for kind in (GoogleAccessRevoked, GmailUnavailable):
            if found := next((e for e in errors if isinstance(e, kind)), None):
                raise found
        # Anything else (404: deleted since the list) drops that one message only.

    def _get_batch(self, ids: list[str], found: dict[str, dict[str, Any]]) -> dict[str, GmailError]:
        failures: dict[str, GmailError] = {}

        def collect(request_id: str, response: Any, exception: Exception | None) -> None:
            if isinstance(exception, HttpError):
                failures[request_id] = classify(exception)
            elif exception is not None:
                failures[request_id] = GmailUnavailable(f"batch item failed: {exception!r}")
            else:
                found[request_id] = response
                self.quota_units += QUOTA_UNITS["messages.get"]

        batch = BatchHttpRequest(callback=collect, batch_uri=self.batch_uri)
        messages = self.service.users().messages()
        for message_id in ids:
            batch.add(
                messages.get(userId="me", id=message_id, format="full"), request_id=message_id
            )
        self.requests["batch"] += 1
        self.requests["messages.get"] += len(ids)
        self._call(lambda: batch.execute())
        return failures

    # -- sending ---------------------------------------------------------------------------

    def send(self, raw_message: bytes) -> str:
        """Send an RFC 822 message as the user; returns Gmail's message id."""
        body = {"raw": base64.urlsafe_b64encode(raw_message).decode("ascii")}
        request = self.service.users().messages().send(userId="me", body=body)
        response = self._execute(request, "messages.send")
        return str(response.get("id", ""))

    # -- plumbing --------------------------------------------------------------------------

    def _execute(self, request: HttpRequest, method: str) -> dict[str, Any]:
        self.requests[method] += 1
        response = self._call(lambda: request.execute(num_retries=0))
        self.quota_units += QUOTA_UNITS.get(method, 0)
        return response

    @staticmethod
    def _call(run: Callable[[], Any]) -> Any:
        try:
            return run()
        except HttpError as exc:
            raise classify(exc) from exc
        except (tokens.TokenRevoked, tokens.NotConnected) as exc:
            raise GoogleAccessRevoked(str(exc)) from exc
        except RefreshError as exc:
            raise GoogleAccessRevoked(f"Google refused to refresh our access: {exc}") from exc
        except (tokens.GoogleUnavailable, tokens.TokenRefreshFailed, TransportError) as exc:
            raise GmailUnavailable(str(exc)) from exc
        except (httplib2.HttpLib2Error, OSError) as exc:
            raise GmailUnavailable(f"could not reach Gmail: {exc.__class__.__name__}") from exc


def connect(user: Any, *, sleep: Callable[[float], None] = time.sleep) -> Gmail:
    """The user's Gmail with fresh credentials from accounts; raises the GmailError kinds."""
    try:
        credentials = tokens.credentials_for(user)
    except (tokens.TokenRevoked, tokens.NotConnected) as exc:
        raise GoogleAccessRevoked(str(exc)) from exc
    except (tokens.GoogleUnavailable, tokens.TokenRefreshFailed) as exc:
        # TokenRefreshFailed: Google refused our client (a configuration slip an operator
        # fixes), so the digest waits and retries rather than dying.
        raise GmailUnavailable(str(exc)) from exc
    config = settings.CONFIG
    return Gmail(
        credentials,
        api_endpoint=config.google.api_endpoint,
        batch_size=config.gmail.batch_size,
        sleep=sleep,
        timeout=config.gmail.http_timeout_seconds,
    )
