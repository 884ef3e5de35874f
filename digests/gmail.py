"""Reading a user's new mail from Gmail, and sending a digest through it, at a known cost.

Mail is found by ``history.list`` (2 units per page of up to 500 changes) or ``messages.list``
(5 units per page of 500 ids), then read by ``messages.get(format="full")`` in batches of
``gmail.batch_size`` (one HTTP request each, still 5 units per message). Every request first
reserves its units from the person's quota bucket (digests.quota), so a big mailbox is slowed
rather than refused.

Failures are retried inside the run with exponential backoff and jitter, honouring
Retry-After, up to ``gmail.retry_wait_seconds`` of waiting in all (digests.gmail_retry); a
batch keeps the messages that came back and asks again only for the ones that failed. What
is left is raised as one of the kinds in digests.gmail_errors (digests.gmail_calls runs and
counts each request and translates what it raised). A message that vanished between list and
get (404) is skipped and its id kept in ``skipped``.
"""

from __future__ import annotations

import base64
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

import google_auth_httplib2
import httplib2
from django.conf import settings
from google.auth.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest, HttpRequest

from accounts import tokens
from digests import metrics
from digests.gmail_calls import call, count_call
from digests.gmail_errors import (
    DEFAULT_RETRY_AFTER,
    GmailError,
    GmailHistoryExpired,
    GmailPermissionDenied,
    GmailRateLimited,
    GmailRequestRejected,
    GmailUnavailable,
    GoogleAccessRevoked,
    classify,
)
from digests.gmail_retry import RetryBudget, is_retryable
from digests.quota import QuotaLimiter

__all__ = [
    "DEFAULT_RETRY_AFTER",
    "SEND_SCOPE",
    "Gmail",
    "GmailError",
    "GmailHistoryExpired",
    "GmailPermissionDenied",
    "GmailRateLimited",
    "GmailRequestRejected",
    "GmailUnavailable",
    "GoogleAccessRevoked",
    "connect",
    "period_query",
]

SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send"
# https://developers.google.com/gmail/api/reference/quota
QUOTA_UNITS = {
    "messages.list": 5,
    "messages.get": 5,
    "messages.send": 100,
    "history.list": 2,
    "getProfile": 1,
}
LIST_PAGE_MAX = 500  # Gmail's own ceiling for maxResults
HTTP_TIMEOUT = 30.0  # seconds per HTTP request; connect() uses gmail.http_timeout_seconds
Progress = Callable[[int, int], None]


def period_query(query: str, start: datetime, end: datetime | None) -> str:
    """The search for mail received in [start, end) (no end: from start on); the exact bounds
    are rechecked later.

    Gmail's after:/before: take epoch seconds, so the window is widened to whole seconds and
    the caller filters on internalDate: mail arriving at the boundary lands in one digest only.
    """
    bounds = f"after:{math.floor(start.timestamp())}"
    if end is not None:
        bounds += f" before:{math.ceil(end.timestamp()) + 1}"
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
        retry_wait: float = 30.0,
        jitter: Callable[[], float] = random.random,
        spend: Callable[[int], None] | None = None,
        timeout: float = HTTP_TIMEOUT,
    ) -> None:
        self.api_endpoint = api_endpoint.rstrip("/")
        # The discovery document names gmail.googleapis.com for batches whatever the
        # api_endpoint says, so the batch URI is built here, not by new_batch_http_request().
        self.batch_uri = self.api_endpoint + "/batch/gmail/v1"
        self.batch_size = batch_size
        self.sleep = sleep
        self.retries = RetryBudget(retry_wait, sleep, jitter)
        self.spend = spend or (lambda units: None)  # the quota limiter: reserve, maybe wait
        self.requests: Counter[str] = Counter()  # attempts, by method
        self.quota_units = 0  # what Google charged: refused requests cost nothing
        self.skipped: list[str] = []  # ids that 404ed between list and get
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

    # -- finding mail ----------------------------------------------------------------------

    def history_id(self) -> int:
        """The mailbox's current historyId (``getProfile``, 1 unit)."""
        users = self.service.users()
        response = self._execute(lambda: users.getProfile(userId="me"), "getProfile")
        return int(response["historyId"])

    def list_message_ids(self, query: str, *, limit: int | None = None) -> list[str]:
        """Ids of matching messages, newest first, at most ``limit`` (None: all)."""
        ids: list[str] = []
        page_token: str | None = None
        while limit is None or len(ids) < limit:
            size = LIST_PAGE_MAX if limit is None else min(LIST_PAGE_MAX, limit - len(ids))
            token = page_token

            def request(size: int = size, token: str | None = token) -> HttpRequest:
                return (
                    self.service.users()
                    .messages()
                    .list(
                        userId="me",
                        q=query,
                        maxResults=size,
                        pageToken=token,
                        fields="messages(id),nextPageToken",
                    )
                )

            response = self._execute(request, "messages.list")
            ids.extend(str(item["id"]) for item in response.get("messages") or [])
            page_token = response.get("nextPageToken")
            if not page_token:
                break
        return ids if limit is None else ids[:limit]

    def added_since(self, history_id: int) -> tuple[list[str], int, int]:
        """Ids of messages added since ``history_id``, oldest first; the mailbox's historyId
        after them; the number of pages read. Raises GmailHistoryExpired when Gmail no
        longer has that history."""
        ids: dict[str, None] = {}
        latest = history_id
        page_token: str | None = None
        pages = 0
        while True:
            token = page_token

            def request(token: str | None = token) -> HttpRequest:
                return (
                    self.service.users()
                    .history()
                    .list(
                        userId="me",
                        startHistoryId=str(history_id),
                        historyTypes="messageAdded",
                        maxResults=LIST_PAGE_MAX,
                        pageToken=token,
                        fields="history(messagesAdded(message(id))),nextPageToken,historyId",
                    )
                )

            response = self._execute(request, "history.list")
            pages += 1
            for record in response.get("history") or []:
                for added in record.get("messagesAdded") or []:
                    ids[str(added["message"]["id"])] = None
            latest = max(latest, int(response.get("historyId") or latest))
            page_token = response.get("nextPageToken")
            if not page_token:
                return list(ids), latest, pages

    # -- reading ---------------------------------------------------------------------------

    def get_messages(
        self, ids: Sequence[str], progress: Progress | None = None
    ) -> list[dict[str, Any]]:
        """Full messages in the order of ``ids``; vanished ones (404) are left out and noted.

        Each batch keeps what came back and retries only the failed items, with backoff,
        until they succeed or the run's retry budget is spent (then the error is raised).
        """
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids, self.batch_size):
            todo = chunk
            while todo:
                failures = self._get_batch(todo, found)
                gone = [i for i, e in failures.items() if _is_gone(e)]
                self.skipped.extend(gone)
                failures = {i: e for i, e in failures.items() if not _is_gone(e)}
                if final := [e for e in failures.values() if not is_retryable(e)]:
                    raise _most_telling(final)
                if failures:
                    self.retries.pause(failures.values())
                else:
                    self.retries.succeeded()
                todo = list(failures)
            if progress is not None:
                progress(min(len(ids), len(found) + len(self.skipped)), len(ids))
        return [found[i] for i in ids if i in found]

    def _get_batch(self, ids: list[str], found: dict[str, dict[str, Any]]) -> dict[str, GmailError]:
        failures: dict[str, GmailError] = {}

        def collect(request_id: str, response: Any, exception: Exception | None) -> None:
            count_call("messages.get", exception)
            if isinstance(exception, HttpError):
                failures[request_id] = classify(exception, "messages.get")
            elif exception is not None:
                failures[request_id] = GmailUnavailable(f"batch item failed: {exception!r}")
            else:
                found[request_id] = response
                self.quota_units += QUOTA_UNITS["messages.get"]
                metrics.GMAIL_QUOTA_UNITS.inc(QUOTA_UNITS["messages.get"])

        def send() -> None:
            batch = BatchHttpRequest(callback=collect, batch_uri=self.batch_uri)
            messages = self.service.users().messages()
            for message_id in ids:
                batch.add(
                    messages.get(userId="me", id=message_id, format="full"), request_id=message_id
                )
            self.requests["batch"] += 1
            self.requests["messages.get"] += len(ids)
            self.spend(QUOTA_UNITS["messages.get"] * len(ids))
            batch.execute()

        self._with_retries(send, "messages.get", reset=False)
        return failures

    # -- sending ---------------------------------------------------------------------------

    def send(self, raw_message: bytes) -> str:
        """Send an RFC 822 message as the user; returns Gmail's message id."""
        body = {"raw": base64.urlsafe_b64encode(raw_message).decode("ascii")}
        messages = self.service.users().messages()
        # Never retried here: after a timeout or a 5xx the mail may have gone out, and only
        # the outbox, which looks for it in the mailbox first, may decide to send again.
        response = self._execute(
            lambda: messages.send(userId="me", body=body), "messages.send", retry=False
        )
        return str(response.get("id", ""))

    # -- plumbing --------------------------------------------------------------------------

    def _execute(
        self, request: Callable[[], HttpRequest], method: str, *, retry: bool = True
    ) -> dict[str, Any]:
        """One API call (retried with backoff when worth it); counts requests and units."""

        def run() -> dict[str, Any]:
            self.requests[method] += 1
            self.spend(QUOTA_UNITS.get(method, 0))
            return request().execute(num_retries=0)

        response = self._with_retries(run, method) if retry else call(run, method)
        self.quota_units += QUOTA_UNITS.get(method, 0)
        metrics.GMAIL_QUOTA_UNITS.inc(QUOTA_UNITS.get(method, 0))
        return response

    def _with_retries(self, run: Callable[[], Any], method: str, *, reset: bool = True) -> Any:
        """``run()``, retried while its error is worth it and the budget lasts; ``reset``:
        a success ends the backoff streak (a batch decides that from its items instead)."""
        while True:
            try:
                result = call(run, method)
            except GmailError as exc:
                if not is_retryable(exc):
                    raise
                self.retries.pause([exc])
            else:
                if reset:
                    self.retries.succeeded()
                return result


def _is_gone(error: GmailError) -> bool:
    return isinstance(error, GmailRequestRejected) and error.status == 404


def _most_telling(errors: list[GmailError]) -> GmailError:
    """Lost access first, then missing permissions, then any other refusal."""
    for kind in (GoogleAccessRevoked, GmailPermissionDenied):
        if found := next((e for e in errors if isinstance(e, kind)), None):
            return found
    return errors[0]


def connect(
    user: Any,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    jitter: Callable[[], float] = random.random,
    retry_wait: float | None = None,
    timeout: float | None = None,
) -> Gmail:
    """The user's Gmail with fresh credentials from accounts; raises the GmailError kinds.

    Its requests draw on the person's shared quota bucket; ``sleep``, ``clock`` and
    ``jitter`` are the waiting, time and randomness it uses (tests pass their own);
    ``retry_wait`` and ``timeout`` replace the configured ones (a web request's quick check).
    """
    try:
        credentials = tokens.credentials_for(user)
    except (tokens.TokenRevoked, tokens.NotConnected) as exc:
        raise GoogleAccessRevoked(str(exc)) from exc
    except (tokens.GoogleUnavailable, tokens.TokenRefreshFailed) as exc:
        # TokenRefreshFailed: Google refused our client (a configuration slip an operator
        # fixes), so the digest waits and retries rather than dying.
        raise GmailUnavailable(str(exc)) from exc
    config = settings.CONFIG
    limiter = QuotaLimiter(user.pk, config.gmail.quota_units_per_minute, clock=clock, sleep=sleep)
    return Gmail(
        credentials,
        api_endpoint=config.google.api_endpoint,
        batch_size=config.gmail.batch_size,
        sleep=sleep,
        retry_wait=float(config.gmail.retry_wait_seconds if retry_wait is None else retry_wait),
        jitter=jitter,
        spend=limiter,
        timeout=config.gmail.http_timeout_seconds if timeout is None else timeout,
    )
