"""Running one Gmail request: counting it for /metrics, turning what it raised into a GmailError."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httplib2
from google.auth.exceptions import RefreshError, TransportError
from googleapiclient.errors import HttpError

from accounts import tokens
from digests import metrics
from digests.gmail_errors import GmailUnavailable, GoogleAccessRevoked, classify

__all__ = ["call", "count_call"]


def count_call(method: str, error: BaseException | None) -> None:
    """One Gmail request for /metrics, by method and HTTP status ("error": no answer)."""
    if error is None:
        status = "200"
    elif isinstance(error, HttpError):
        status = str(error.resp.status)
    else:
        status = "error"
    metrics.GMAIL_CALLS.labels(method, status).inc()


def call(run: Callable[[], Any], method: str) -> Any:
    """``run()`` once, counted; a failure is raised as its GmailError kind (others as they are)."""
    # A batch of messages.get is one "batch" request; its items are counted in its callback.
    counted = "batch" if method == "messages.get" else method
    try:
        result = run()
    except Exception as exc:
        count_call(counted, exc)
        translated = _translated(exc, method)
        if translated is exc:
            raise
        raise translated from exc
    count_call(counted, None)
    return result


def _translated(exc: Exception, method: str) -> Exception:
    """The GmailError kind for what a request raised; anything else unchanged."""
    if isinstance(exc, HttpError):
        return classify(exc, method)
    if isinstance(exc, tokens.TokenRevoked | tokens.NotConnected):
        return GoogleAccessRevoked(str(exc))
    if isinstance(exc, RefreshError):
        return GoogleAccessRevoked(f"Google refused to refresh our access: {exc}")
    if isinstance(exc, tokens.GoogleUnavailable | tokens.TokenRefreshFailed | TransportError):
        return GmailUnavailable(str(exc))
    if isinstance(exc, httplib2.HttpLib2Error | OSError):
        return GmailUnavailable(f"could not reach Gmail: {exc.__class__.__name__}")
    return exc
