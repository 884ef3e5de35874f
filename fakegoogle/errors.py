"""The two error families Google speaks, so every layer can fail the way the real service does.

OAuth endpoints answer ``{"error": "...", "error_description": "..."}`` (RFC 6749); Google APIs
answer the nested ``{"error": {"code", "message", "errors": [...], "status"}}`` envelope that
googleapiclient's ``HttpError`` parses into ``.reason`` and ``.error_details``.
"""

from __future__ import annotations

from typing import Any

# Google's canonical status for each HTTP code used by the fake (google.rpc.Code names).
_RPC_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}

_DEFAULT_REASON = {
    400: "invalidArgument",
    401: "authError",
    403: "forbidden",
    404: "notFound",
    405: "invalidArgument",
    429: "rateLimitExceeded",
    500: "backendError",
    503: "backendError",
}

_DEFAULT_MESSAGE = {
    400: "Invalid argument.",
    401: "Request had invalid authentication credentials. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential. "
    "See https://developers.google.com/identity/sign-in/web/devconsole-project.",
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: "Too many concurrent requests for user.",
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}

# Quota reasons live in the "usageLimits" domain at Google; everything else is "global".
_USAGE_LIMIT_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded"}


class GoogleApiError(Exception):
    """A Google API (Gmail, userinfo) failure, rendered in Google's JSON error envelope."""

    def __init__(
        self,
        code: int,
        message: str | None = None,
        *,
        reason: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.code = code
        self.message = message or _DEFAULT_MESSAGE.get(code, "Error.")
        self.reason = reason or _DEFAULT_REASON.get(code, "backendError")
        self.headers = headers or {}
        super().__init__(f"{code} {self.reason}: {self.message}")

    def to_json(self) -> dict[str, Any]:
        domain = "usageLimits" if self.reason in _USAGE_LIMIT_REASONS else "global"
        detail: dict[str, Any] = {"message": self.message, "domain": domain, "reason": self.reason}
        if self.code == 401:
            detail.update(location="Authorization", locationType="header")
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "errors": [detail],
                "status": _RPC_STATUS.get(self.code, "UNKNOWN"),
            }
        }


def bad_request(message: str) -> GoogleApiError:
    return GoogleApiError(400, message, reason="invalidArgument")


def not_found(message: str = "Requested entity was not found.") -> GoogleApiError:
    return GoogleApiError(404, message, reason="notFound")


def invalid_credentials() -> GoogleApiError:
    return GoogleApiError(
        401,
        reason="authError",
        headers={
            "WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"'
        },
    )


def insufficient_scope() -> GoogleApiError:
    return GoogleApiError(
        403,
        "Request had insufficient authentication scopes.",
        reason="insufficientPermissions",
        headers={
            "WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", '
            'error="insufficient_scope"'
        },
    )


class OAuthError(Exception):
    """An OAuth endpoint failure (RFC 6749 section 5.2 body), e.g. invalid_grant."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        self.error = error
        self.description = description
        self.status = status
        super().__init__(f"{error}: {description}")

    def to_json(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


class AuthorizationPageError(Exception):
    """A bad authorization request that Google shows to the user instead of redirecting.

    Google never redirects to an unverified redirect_uri, so these errors end on an HTML page
    ("Error 400: redirect_uri_mismatch") and the app never hears about them.
    """

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        self.error = error
        self.description = description
        self.status = status
        super().__init__(f"{error}: {description}")
