"""The HTTP face of :class:`~fakegoogle.state.FakeGoogle`: a plain WSGI app, no framework.

Paths mirror Google's so only base URLs change in the client configuration: ``/o/oauth2/auth``
and ``/token`` (accounts.google.com / oauth2.googleapis.com), ``/revoke``, ``/v1/userinfo``,
``/gmail/v1/...`` and ``/batch/gmail/v1`` (gmail.googleapis.com). ``/_fake/...`` is the control
API for tests and other processes.
"""

from __future__ import annotations

import base64
import binascii
import http.client
import io
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment
from wsgiref.util import application_uri

from fakegoogle import gmail, pages
from fakegoogle.errors import AuthorizationPageError, GoogleApiError, OAuthError, bad_request
from fakegoogle.state import FakeGoogle

logger = logging.getLogger("fakegoogle")

JSON = "application/json; charset=UTF-8"
MAX_BATCH_PARTS = 100  # Gmail's own limit; googleapiclient would allow 1000


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    base_url: str

    @classmethod
    def from_environ(cls, environ: WSGIEnvironment) -> Request:
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        return cls(
            method=environ["REQUEST_METHOD"].upper(),
            path=environ.get("PATH_INFO") or "/",
            query=parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True),
            headers=headers,
            body=environ["wsgi.input"].read(length) if length else b"",
            base_url=application_uri(environ).rstrip("/"),
        )

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def form(self) -> dict[str, str]:
        """Body parameters merged over query parameters (Google accepts both on /revoke)."""
        merged = {name: values[-1] for name, values in self.query.items()}
        body = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        merged.update({name: values[-1] for name, values in body.items()})
        return merged

    def json_body(self) -> dict[str, Any]:
        if not self.body:
            return {}
        try:
            data = json.loads(self.body)
        except ValueError as exc:
            raise bad_request(f"Invalid JSON payload received. {exc}") from exc
        if not isinstance(data, dict):
            raise bad_request("Invalid JSON payload received: expected an object")
        return data

    def bearer_token(self) -> str | None:
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        return token.strip() if scheme.lower() == "bearer" else None

    def basic_auth(self) -> tuple[str, str] | None:
        scheme, _, encoded = self.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return user, password


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    def header_list(self) -> list[tuple[str, str]]:
        return [("Content-Type", self.content_type), *self.headers.items()]


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(status, json.dumps(data, indent=2).encode(), JSON, dict(headers or {}))


def html_response(status: int, markup: str) -> Response:
    return Response(status, markup.encode(), "text/html; charset=utf-8")


def redirect(location: str) -> Response:
    return Response(302, b"", "text/html; charset=utf-8", {"Location": location})


def error_response(error: GoogleApiError | OAuthError) -> Response:
    if isinstance(error, OAuthError):
        return json_response(error.status, error.to_json(), {"Cache-Control": "no-store"})
    return json_response(error.code, error.to_json(), error.headers)


Handler = Callable[..., Response]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    name: str  # the counter and fault-matching name
    handler: Handler
    oauth_errors: bool = False  # RFC 6749 error bodies instead of Google's API envelope
    counted: bool = True


def _route(method: str, pattern: str, name: str, handler: Handler, **options: bool) -> Route:
    return Route(method, re.compile(pattern), name, handler, **options)


# -- OAuth -----------------------------------------------------------------------------------


def _authorize_page(fake: FakeGoogle, request: Request) -> Response:
    params = {name: values[-1] for name, values in request.query.items()}
    return _authorize(fake, params, decision=fake.auto_consent, account_email=None)


def _authorize_decision(fake: FakeGoogle, request: Request) -> Response:
    params = request.form()
    decision = params.pop(pages.DECISION_FIELD, None)
    account_email = params.pop(pages.ACCOUNT_FIELD, None)
    if decision not in {"allow", "deny"}:
        return html_response(
            400, pages.error_page("invalid_request", "Choose Allow or Cancel.", 400)
        )
    return _authorize(fake, params, decision=decision, account_email=account_email)


def _authorize(
    fake: FakeGoogle, params: dict[str, str], decision: str | None, account_email: str | None
) -> Response:
    try:
        auth_request = fake.parse_authorization_request(params)
        if decision == "deny":
            return redirect(fake.deny(auth_request))
        signed_in = fake.signed_in_account(auth_request)
        if signed_in is None:
            raise AuthorizationPageError(
                "no_account", "fakegoogle has no accounts: add one with FakeGoogle.add_account()"
            )
        if decision == "allow":
            return redirect(fake.approve(auth_request, account_email or signed_in.email))
    except AuthorizationPageError as exc:
        return html_response(exc.status, pages.error_page(exc.error, exc.description, exc.status))
    except KeyError as exc:
        return html_response(400, pages.error_page("invalid_request", str(exc.args[0]), 400))
    return html_response(200, pages.consent_page(auth_request, fake.accounts, signed_in))


def _token(fake: FakeGoogle, request: Request) -> Response:
    response = fake.token(request.form(), request.basic_auth())
    return json_response(200, response, {"Cache-Control": "no-store", "Pragma": "no-cache"})


def _revoke(fake: FakeGoogle, request: Request) -> Response:
    fake.revoke(request.form().get("token", ""))
    return json_response(200, {})


def _userinfo(fake: FakeGoogle, request: Request) -> Response:
    try:
        return json_response(200, fake.userinfo(request.bearer_token(), request.base_url))
    except GoogleApiError as exc:  # userinfo speaks OAuth errors, not the API envelope
        raise OAuthError("invalid_request", "Invalid Credentials", exc.code) from exc


# -- Gmail -----------------------------------------------------------------------------------


def _gmail_handler(method: str) -> Handler:
    def handle(
        fake: FakeGoogle,
        request: Request,
        user: str,
        message: str = "",
        attachment: str = "",
    ) -> Response:
        result = fake.call_gmail(
            method,
            request.bearer_token(),
            user,
            gmail.Params(request.query),
            message_id=message,
            attachment_id=attachment,
            body=request.json_body() if request.method == "POST" else None,
        )
        if fields := request.param("fields"):
            result = gmail.apply_fields(result, gmail.parse_fields(fields))
        return json_response(200, result)

    return handle


def _batch(fake: FakeGoogle, request: Request) -> Response:
    """multipart/mixed of application/http requests, answered part by part, like Google."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/mixed"):
        raise bad_request(f"Batch requests must be multipart/mixed, not {content_type!r}")
    envelope = BytesParser(policy=policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request.body
    )
    parts = list(envelope.iter_parts()) if isinstance(envelope, EmailMessage) else []
    if not parts:
        raise bad_request("The batch request contains no requests")
    if len(parts) > MAX_BATCH_PARTS:
        raise bad_request(f"A batch may contain at most {MAX_BATCH_PARTS} requests")
    boundary = f"batch_{secrets.token_hex(12)}"
    chunks = []
    for part in parts:
        content_id = str(part.get("Content-ID", "")).strip().removeprefix("<").removesuffix(">")
        inner = _inner_response(fake, _inner_request(part, request))
        chunks.append(f"--{boundary}\r\n{_serialize_inner(content_id, inner)}\r\n")
    body = "".join(chunks) + f"--{boundary}--\r\n"
    return Response(200, body.encode(), f"multipart/mixed; boundary={boundary}")


def _inner_request(part: EmailMessage, outer: Request) -> Request:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    request_line, _, rest = payload.lstrip().partition(b"\n")
    try:
        method, target, _version = request_line.decode().split()
    except ValueError:
        raise bad_request(f"Bad request line in batch part: {request_line[:80]!r}") from None
    stream = io.BytesIO(rest)
    parsed_headers = http.client.parse_headers(stream)
    body = stream.read()
    length = parsed_headers.get("Content-Length", "")
    if length.isdigit():
        body = body[: int(length)]
    # Google applies the outer request's non-Content headers to every part.
    headers = {k: v for k, v in outer.headers.items() if not k.startswith("content-")}
    headers.update({name.lower(): value for name, value in parsed_headers.items()})
    url = urlsplit(target)
    return Request(
        method=method.upper(),
        path=url.path,
        query=parse_qs(url.query, keep_blank_values=True),
        headers=headers,
        body=body,
        base_url=outer.base_url,
    )


def _inner_response(fake: FakeGoogle, request: Request) -> Response:
    route, args = _match(request, GMAIL_ROUTES)
    if route is None:
        return _no_route(request)
    return _run(fake, route, request, args)


def _serialize_inner(content_id: str, response: Response) -> str:
    headers = "".join(f"{name}: {value}\r\n" for name, value in response.header_list())
    return (
        "Content-Type: application/http\r\n"
        f"Content-ID: <response-{content_id}>\r\n\r\n"
        f"HTTP/1.1 {response.status_line}\r\n{headers}"
        f"Content-Length: {len(response.body)}\r\n\r\n{response.body.decode()}"
    )


# -- control API ------------------------------------------------------------------------------


def _control_add_account(fake: FakeGoogle, request: Request) -> Response:
    data = request.json_body()
    email = _required(data, "email")
    if data.get("demo_mailbox"):
        account = fake.load_demo_mailbox(email, data.get("name") or email)
    else:
        account = fake.add_account(email, name=data.get("name"))
    return json_response(201, {"email": account.email, "sub": account.sub, "name": account.name})


def _control_add_message(fake: FakeGoogle, request: Request) -> Response:
    data = request.json_body()
    if "raw" in data:
        raw = gmail.b64url_decode(str(data["raw"]), "raw")
    else:
        raw = _required(data, "rfc822").encode()
    labels = data.get("labels", ["INBOX", "UNREAD"])
    message = fake.add_message(_required(data, "email"), raw, labels=labels)
    return json_response(201, {**message.label_ref(), "historyId": str(message.history_id)})


def _control_add_fault(fake: FakeGoogle, request: Request) -> Response:
    data = request.json_body()
    allowed = {
        "target",
        "status",
        "times",
        "retry_after",
        "reason",
        "delay",
        "message",
        "probability",
    }
    if unknown := set(data) - allowed:
        raise ValueError(f"Unknown fault fields {sorted(unknown)} (allowed: {sorted(allowed)})")
    options = {key: value for key, value in data.items() if key != "target"}
    fault = fake.inject_fault(_required(data, "target"), **options)
    return json_response(201, vars(fault))


def _control_clear_faults(fake: FakeGoogle, request: Request) -> Response:
    fake.clear_faults()
    return json_response(200, {})


def _control_counters(fake: FakeGoogle, request: Request) -> Response:
    units = fake.quota_units
    return json_response(
        200,
        {"counters": fake.counters, "quota_units": units, "quota_units_total": units.total()},
    )


def _control_reset_counters(fake: FakeGoogle, request: Request) -> Response:
    fake.reset_counters()
    return json_response(200, {})


def _control_revoke(fake: FakeGoogle, request: Request) -> Response:
    revoked = fake.revoke_refresh_tokens(_required(request.json_body(), "email"))
    return json_response(200, {"revoked_refresh_tokens": revoked})


def _control_consent(fake: FakeGoogle, request: Request) -> Response:
    data = request.json_body()
    if "auto_consent" in data:
        fake.auto_consent = data["auto_consent"]
    if "login_as" in data:
        fake.login_as(data["login_as"])
    return json_response(200, {"auto_consent": fake.auto_consent})


def _control_expire_history(fake: FakeGoogle, request: Request) -> Response:
    fake.expire_history(_required(request.json_body(), "email"))
    return json_response(200, {})


def _control_advance_clock(fake: FakeGoogle, request: Request) -> Response:
    seconds = _required(request.json_body(), "seconds")
    if not isinstance(seconds, int | float):
        raise ValueError(f"seconds must be a number, not {seconds!r}")
    fake.advance_clock(seconds)
    return json_response(200, {"now": fake.now()})


def _avatar(fake: FakeGoogle, request: Request, sub: str) -> Response:
    for account in fake.accounts:
        if account.sub == sub:
            return Response(200, pages.avatar_svg(account.name[:1]).encode(), "image/svg+xml")
    return json_response(404, {"error": f"No account with sub {sub}"})


def _required(data: dict[str, Any], key: str) -> Any:
    if data.get(key) in (None, ""):
        raise ValueError(f"Missing required field {key!r}")
    return data[key]


# -- routing ---------------------------------------------------------------------------------

_USER = r"/gmail/v1/users/(?P<user>[^/]+)"
_MESSAGE = _USER + r"/messages/(?P<message>[^/]+)"

GMAIL_ROUTES = [
    _route("GET", _USER + "/profile", "getProfile", _gmail_handler("getProfile")),
    _route("GET", _USER + "/messages", "messages.list", _gmail_handler("messages.list")),
    _route("POST", _USER + "/messages/send", "messages.send", _gmail_handler("messages.send")),
    _route("GET", _MESSAGE, "messages.get", _gmail_handler("messages.get")),
    _route("POST", _MESSAGE + "/modify", "messages.modify", _gmail_handler("messages.modify")),
    _route(
        "GET",
        _MESSAGE + "/attachments/(?P<attachment>[^/]+)",
        "messages.attachments.get",
        _gmail_handler("messages.attachments.get"),
    ),
    _route("GET", _USER + "/history", "history.list", _gmail_handler("history.list")),
]

_CONTROL = {"counted": False}

ROUTES = [
    _route("GET", "/o/oauth2/auth", "authorize", _authorize_page, oauth_errors=True),
    _route("POST", "/o/oauth2/auth", "authorize", _authorize_decision, oauth_errors=True),
    _route("POST", "/token", "token", _token, oauth_errors=True),
    _route("POST", "/revoke", "revoke", _revoke, oauth_errors=True),
    _route("GET", "/(?:v1|oauth2/v3)/userinfo", "userinfo", _userinfo, oauth_errors=True),
    *GMAIL_ROUTES,
    _route("POST", "/batch(?:/gmail/v1)?", "batch", _batch),
    _route("POST", "/_fake/accounts", "control", _control_add_account, **_CONTROL),
    _route("POST", "/_fake/messages", "control", _control_add_message, **_CONTROL),
    _route("POST", "/_fake/faults", "control", _control_add_fault, **_CONTROL),
    _route("DELETE", "/_fake/faults", "control", _control_clear_faults, **_CONTROL),
    _route("GET", "/_fake/counters", "control", _control_counters, **_CONTROL),
    _route("POST", "/_fake/counters/reset", "control", _control_reset_counters, **_CONTROL),
    _route("POST", "/_fake/revoke", "control", _control_revoke, **_CONTROL),
    _route("POST", "/_fake/consent", "control", _control_consent, **_CONTROL),
    _route("POST", "/_fake/expire-history", "control", _control_expire_history, **_CONTROL),
    _route("POST", "/_fake/clock", "control", _control_advance_clock, **_CONTROL),
    _route("GET", r"/_fake/avatar/(?P<sub>\d+)\.svg", "control", _avatar, **_CONTROL),
]


def _match(request: Request, routes: Iterable[Route]) -> tuple[Route | None, dict[str, str]]:
    for route in routes:
        if route.method == request.method and (found := route.pattern.fullmatch(request.path)):
            return route, found.groupdict()
    return None, {}


def _no_route(request: Request) -> Response:
    if any(route.pattern.fullmatch(request.path) for route in ROUTES):
        error = GoogleApiError(405, f"Method {request.method} is not allowed on {request.path}")
    else:
        error = GoogleApiError(404, f"fakegoogle has no endpoint {request.method} {request.path}")
    return error_response(error)


def _run(fake: FakeGoogle, route: Route, request: Request, args: dict[str, str]) -> Response:
    """Apply any injected fault, then the handler; turn every known failure into Google's body."""
    fault = fake.record_request(route.name, request.path) if route.counted else None
    if fault is not None:
        time.sleep(fault.delay)
        if fault.status is not None:
            return error_response(fault.oauth_error() if route.oauth_errors else fault.api_error())
    try:
        return route.handler(fake, request, **args)
    except (GoogleApiError, OAuthError) as exc:
        return error_response(exc)
    except (ValueError, KeyError) as exc:
        if route.counted:
            raise
        return json_response(400, {"error": str(exc.args[0] if exc.args else exc)})


def handle(fake: FakeGoogle, request: Request) -> Response:
    route, args = _match(request, ROUTES)
    if route is None:
        return _no_route(request)
    if route.counted and fake.latency:
        time.sleep(fake.latency)  # once per HTTP request: batch parts come through _run only
    try:
        return _run(fake, route, request, args)
    except Exception:
        logger.exception("fakegoogle failed on %s %s", request.method, request.path)
        return error_response(GoogleApiError(500))


def make_wsgi_app(fake: FakeGoogle) -> WSGIApplication:
    def application(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        response = handle(fake, Request.from_environ(environ))
        start_response(response.status_line, response.header_list())
        return [response.body]

    return application
