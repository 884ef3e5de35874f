"""All of the fake's memory: clients, accounts, grants, tokens, mailboxes, faults and counters.

One re-entrant lock guards everything, because the HTTP server answers from many threads while
a test (or another process, through ``/_fake/``) changes the state underneath it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from fakegoogle import gmail
from fakegoogle.errors import (
    AuthorizationPageError,
    GoogleApiError,
    OAuthError,
    bad_request,
    insufficient_scope,
    invalid_credentials,
)
from fakegoogle.gmail import Mailbox, Params, StoredMessage
from fakegoogle.mailbox import DEMO_EMAIL, DEMO_NAME, demo_messages
from fakegoogle.oauth import (
    ID_TOKEN_ISSUER,
    USERINFO_EMAIL,
    USERINFO_PROFILE,
    expand_scopes,
    format_scopes,
    make_id_token,
    new_token,
    pkce_matches,
    unknown_scopes,
)

AutoConsent = Literal["allow", "deny"] | None
CODE_LIFETIME = 600
ID_TOKEN_LIFETIME = 3600
TEST_CLIENT_ID = "fakegoogle-test-client.apps.googleusercontent.com"
TEST_CLIENT_SECRET = "fakegoogle-test-secret"
_PROMPTS = frozenset({"consent", "select_account"})
_EXPIRED_OR_REVOKED = "Token has been expired or revoked."
_FAULT_MESSAGES = {
    "rateLimitExceeded": "Rate Limit Exceeded",
    "userRateLimitExceeded": "User-rate limit exceeded.",
}

GrantKey = tuple[str, str]  # (client_id, account email)


@dataclass
class Account:
    email: str
    sub: str
    name: str
    email_verified: bool
    picture: str | None  # None: served by the fake itself at /_fake/avatar/<sub>.svg
    mailbox: Mailbox


@dataclass(frozen=True)
class OAuthClient:
    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...] = ()
    name: str = ""

    @property
    def display_name(self) -> str:
        return self.name or self.client_id


@dataclass(frozen=True)
class AuthorizationRequest:
    client: OAuthClient
    redirect_uri: str
    scopes: frozenset[str]
    state: str | None
    code_challenge: str | None
    offline: bool
    prompt: frozenset[str]
    include_granted_scopes: bool
    login_hint: str | None
    params: dict[str, str]  # as received, so the consent form can post them back


@dataclass
class AuthorizationCode:
    client_id: str
    redirect_uri: str
    code_challenge: str | None
    scopes: frozenset[str]
    email: str
    with_refresh_token: bool
    expires_at: float
    redeemed: bool = False


@dataclass(frozen=True)
class IssuedToken:
    grant: GrantKey
    scopes: frozenset[str]
    expires_at: float | None  # None: refresh tokens never expire on their own


@dataclass
class Fault:
    """A scripted failure: matches a method name ("messages.get", "token", "messages.*") or,
    when it starts with "/", a request path glob ("/gmail/v1/users/*/history")."""

    target: str
    status: int | None  # None: no error, only the delay
    times: int | None  # None: every matching request until cleared
    retry_after: int | None
    reason: str | None
    delay: float
    message: str | None

    def matches(self, name: str, path: str) -> bool:
        subject = path if self.target.startswith("/") else name
        return fnmatch.fnmatchcase(subject, self.target)

    def api_error(self) -> GoogleApiError:
        assert self.status is not None
        reason = self.reason or ("rateLimitExceeded" if self.status in {403, 429} else None)
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}
        message = self.message or _FAULT_MESSAGES.get(reason or "")
        return GoogleApiError(self.status, message, reason=reason, headers=headers)

    def oauth_error(self) -> OAuthError:
        assert self.status is not None
        error = self.reason or ("internal_failure" if self.status >= 500 else "rate_limit_exceeded")
        return OAuthError(error, self.message or "Injected by fakegoogle.", self.status)


@dataclass
class _Tokens:
    codes: dict[str, AuthorizationCode] = field(default_factory=dict)
    access: dict[str, IssuedToken] = field(default_factory=dict)
    refresh: dict[str, IssuedToken] = field(default_factory=dict)
    grants: dict[GrantKey, frozenset[str]] = field(default_factory=dict)


class FakeGoogle:
    """Google's OAuth server and Gmail API for one test or demo, entirely in memory."""

    def __init__(
        self,
        *,
        strict_clients: bool = False,
        require_pkce: bool = True,
        access_token_lifetime: int = 3599,
        auto_consent: AutoConsent = None,
        latency: float = 0.0,
    ) -> None:
        if latency < 0:
            raise ValueError(f"latency must not be negative, not {latency}")
        # Seconds every counted HTTP request waits before it is answered: a round trip to
        # Google. A batch waits once, not once per part.
        self.latency = latency
        self.strict_clients = strict_clients
        self.require_pkce = require_pkce
        self.access_token_lifetime = access_token_lifetime
        self.auto_consent = auto_consent
        self._lock = threading.RLock()
        self._clock_offset = 0.0  # advance_clock() moves the fake's time, never the real one
        self._clients: dict[str, OAuthClient] = {}
        self._accounts: dict[str, Account] = {}
        self._login_email: str | None = None
        self._tokens = _Tokens()
        self._faults: list[Fault] = []
        self._counters: Counter[str] = Counter()
        self._quota_units: Counter[str] = Counter()
        self._message_sequence = itertools.count()

    # -- configuration ---------------------------------------------------------------------

    @property
    def auto_consent(self) -> AutoConsent:
        return self._auto_consent

    @auto_consent.setter
    def auto_consent(self, value: AutoConsent) -> None:
        if value not in {"allow", "deny", None}:
            raise ValueError(f"auto_consent must be 'allow', 'deny' or None, not {value!r}")
        self._auto_consent = value

    def now(self) -> float:
        return time.time() + self._clock_offset

    def advance_clock(self, seconds: float) -> None:
        """Move the fake's time forward, e.g. past an access token's or a code's expiry."""
        with self._lock:
            self._clock_offset += seconds

    def register_client(
        self,
        client_id: str,
        client_secret: str,
        redirect_uris: Iterable[str] = (),
        name: str = "",
    ) -> OAuthClient:
        client = OAuthClient(client_id, client_secret, tuple(redirect_uris), name)
        with self._lock:
            self._clients[client_id] = client
        return client

    def add_account(
        self,
        email: str,
        *,
        name: str | None = None,
        sub: str | None = None,
        email_verified: bool = True,
        picture: str | None = None,
    ) -> Account:
        if "@" not in email:
            raise ValueError(f"Not an email address: {email!r}")
        with self._lock:
            if email.lower() in self._accounts:
                raise ValueError(f"Account {email} already exists")
            account = Account(
                email=email,
                sub=sub or str(int(hashlib.sha256(email.lower().encode()).hexdigest()[:15], 16)),
                name=name or email.split("@")[0].replace(".", " ").title(),
                email_verified=email_verified,
                picture=picture,
                mailbox=Mailbox(email),
            )
            self._accounts[email.lower()] = account
            return account

    def account(self, email: str) -> Account:
        with self._lock:
            try:
                return self._accounts[email.lower()]
            except KeyError:
                known = ", ".join(sorted(self._accounts)) or "none"
                raise KeyError(f"fakegoogle has no account {email!r} (accounts: {known})") from None

    @property
    def accounts(self) -> list[Account]:
        with self._lock:
            return list(self._accounts.values())

    def login_as(self, email: str | None) -> None:
        """Choose who is "signed in" to the consent screen (None: the first account)."""
        with self._lock:
            self._login_email = self.account(email).email if email else None

    def load_demo_mailbox(self, email: str = DEMO_EMAIL, name: str = DEMO_NAME) -> Account:
        """Create the demo account (if needed) and fill its mailbox with the shipped fixture."""
        with self._lock:
            account = self._accounts.get(email.lower()) or self.add_account(email, name=name)
            for fixture in demo_messages(owner=account.email):
                account.mailbox.add(
                    fixture.raw,
                    message_id=self._new_message_id(fixture.internal_date),
                    labels=set(fixture.labels),
                    internal_date=fixture.internal_date,
                    record_history=False,
                )
            return account

    def add_message(
        self,
        email: str,
        message: bytes | str | EmailMessage,
        *,
        labels: Iterable[str] = ("INBOX", "UNREAD"),
        internal_date: int | None = None,
    ) -> StoredMessage:
        """Deliver mail while running; it shows up in messages.list and in history.list."""
        if isinstance(message, EmailMessage):
            raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        else:
            raw = message.encode() if isinstance(message, str) else message
        label_set = set(labels)
        if unknown := label_set - gmail.SYSTEM_LABELS:
            raise ValueError(f"Unknown Gmail labels {sorted(unknown)}")
        with self._lock:
            mailbox = self.account(email).mailbox
            when = internal_date if internal_date is not None else self._now_ms()
            return mailbox.add(
                raw, message_id=self._new_message_id(when), labels=label_set, internal_date=when
            )

    def add_resource(
        self,
        email: str,
        resource: dict[str, Any],
        *,
        labels: Iterable[str] = ("INBOX", "UNREAD"),
        internal_date: int | None = None,
    ) -> StoredMessage:
        """Deliver a stored Gmail message resource, served as given by messages.get.

        For shapes raw RFC 822 cannot produce (``parts`` that is not a list, a size that is
        not a number, no payload at all): ``format=full`` returns ``resource`` with the
        mailbox's ``id`` and ``threadId``. Listing, search and history go by ``labels`` and
        ``internal_date`` (default: now), not by anything inside ``resource``; its text is
        not searchable.
        """
        label_set = set(labels)
        if unknown := label_set - gmail.SYSTEM_LABELS:
            raise ValueError(f"Unknown Gmail labels {sorted(unknown)}")
        with self._lock:
            mailbox = self.account(email).mailbox
            when = internal_date if internal_date is not None else self._now_ms()
            return mailbox.add(
                b"",
                message_id=self._new_message_id(when),
                labels=label_set,
                internal_date=when,
                resource=resource,
            )

    def expire_history(self, email: str) -> None:
        """Forget the mailbox's history, as Gmail does after about a week (next sync: 404)."""
        with self._lock:
            self.account(email).mailbox.expire_history()

    def _now_ms(self) -> int:
        return int(self.now() * 1000)

    def _new_message_id(self, internal_date: int) -> str:
        # Gmail's ids grow with time: a millisecond timestamp in the high bits.
        sequence = next(self._message_sequence) & 0xFFFFF
        return f"{((internal_date << 20) | sequence) & 0xFFFF_FFFF_FFFF_FFFF:016x}"

    # -- faults and counters ---------------------------------------------------------------

    def inject_fault(
        self,
        target: str,
        status: int | None = 429,
        *,
        times: int | None = 1,
        retry_after: int | None = None,
        reason: str | None = None,
        delay: float = 0.0,
        message: str | None = None,
    ) -> Fault:
        if status is not None and not 400 <= status <= 599:
            raise ValueError(f"Fault status must be an HTTP error (400-599) or None, not {status}")
        if times is not None and times < 1:
            raise ValueError(f"Fault times must be at least 1 (or None for always), not {times}")
        if delay < 0:
            raise ValueError(f"Fault delay must not be negative, not {delay}")
        fault = Fault(target, status, times, retry_after, reason, delay, message)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def record_request(self, name: str, path: str) -> Fault | None:
        """Count a request and hand back the first fault it triggers (using one of its times)."""
        with self._lock:
            self._counters[name] += 1
            for fault in self._faults:
                if fault.matches(name, path):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._faults.remove(fault)
                    return fault
            return None

    @property
    def counters(self) -> Counter[str]:
        """Requests seen per Gmail method ("messages.list") or endpoint ("token", "batch")."""
        with self._lock:
            return Counter(self._counters)

    @property
    def quota_units(self) -> Counter[str]:
        """Gmail quota units charged per method; ``.total()`` is the sum."""
        with self._lock:
            return Counter(self._quota_units)

    def reset_counters(self) -> None:
        with self._lock:
            self._counters.clear()
            self._quota_units.clear()

    # -- OAuth -----------------------------------------------------------------------------

    def parse_authorization_request(self, params: dict[str, str]) -> AuthorizationRequest:
        """Validate /o/oauth2/auth parameters in Google's order; failures end on an error page."""
        with self._lock:
            client = self._client_for_authorization(params.get("client_id"))
        redirect_uri = _valid_redirect_uri(client, params.get("redirect_uri"))
        if params.get("response_type") != "code":
            raise AuthorizationPageError(
                "unsupported_response_type",
                f"Invalid response_type {params.get('response_type')!r}: only 'code' is supported",
            )
        scopes = expand_scopes(params.get("scope", ""))
        if not scopes:
            raise AuthorizationPageError("invalid_request", "Missing required parameter: scope")
        if unknown := unknown_scopes(scopes):
            raise AuthorizationPageError(
                "invalid_scope", f"Some requested scopes were invalid: {', '.join(unknown)}"
            )
        prompt = frozenset(params.get("prompt", "").split())
        if prompt - _PROMPTS:
            raise AuthorizationPageError(
                "invalid_request", f"Unsupported prompt {params['prompt']!r} (use consent)"
            )
        access_type = params.get("access_type", "online")
        if access_type not in {"online", "offline"}:
            raise AuthorizationPageError(
                "invalid_request", f"Invalid access_type {access_type!r}: use online or offline"
            )
        return AuthorizationRequest(
            client=client,
            redirect_uri=redirect_uri,
            scopes=scopes,
            state=params.get("state"),
            code_challenge=self._code_challenge(params),
            offline=access_type == "offline",
            prompt=prompt,
            include_granted_scopes=params.get("include_granted_scopes") == "true",
            login_hint=params.get("login_hint"),
            params=params,
        )

    def _client_for_authorization(self, client_id: str | None) -> OAuthClient:
        if not client_id:
            raise AuthorizationPageError("invalid_request", "Missing required parameter: client_id")
        client = self._clients.get(client_id)
        if client is not None:
            return client
        if self.strict_clients:
            raise AuthorizationPageError("invalid_client", "The OAuth client was not found.", 401)
        return OAuthClient(client_id, "")

    def _code_challenge(self, params: dict[str, str]) -> str | None:
        challenge = params.get("code_challenge")
        if challenge is None:
            if self.require_pkce:
                raise AuthorizationPageError(
                    "invalid_request",
                    "Missing required parameter: code_challenge "
                    "(this fakegoogle requires PKCE; FakeGoogle(require_pkce=False) allows none)",
                )
            return None
        if params.get("code_challenge_method") != "S256":
            raise AuthorizationPageError(
                "invalid_request",
                f"Invalid code_challenge_method {params.get('code_challenge_method')!r}: use S256",
            )
        if not 43 <= len(challenge) <= 128:
            raise AuthorizationPageError("invalid_request", "Invalid code_challenge length")
        return challenge

    def signed_in_account(self, request: AuthorizationRequest) -> Account | None:
        """Who the consent screen preselects: login_hint, then login_as(), then the first."""
        with self._lock:
            for email in (request.login_hint, self._login_email):
                if email and email.lower() in self._accounts:
                    return self._accounts[email.lower()]
            return next(iter(self._accounts.values()), None)

    def approve(self, request: AuthorizationRequest, email: str) -> str:
        """The user clicked Allow: remember the grant, mint a code, return the redirect URL."""
        with self._lock:
            account = self.account(email)
            key = (request.client.client_id, account.email)
            previous = self._tokens.grants.get(key)
            scopes = request.scopes
            if request.include_granted_scopes and previous:
                scopes = scopes | previous
            # Google only hands out a refresh token on the first consent, or when forced.
            with_refresh = request.offline and (previous is None or "consent" in request.prompt)
            self._tokens.grants[key] = (previous or frozenset()) | request.scopes
            code = new_token("4/0A")
            self._tokens.codes[code] = AuthorizationCode(
                client_id=request.client.client_id,
                redirect_uri=request.redirect_uri,
                code_challenge=request.code_challenge,
                scopes=scopes,
                email=account.email,
                with_refresh_token=with_refresh,
                expires_at=self.now() + CODE_LIFETIME,
            )
        params = {
            "code": code,
            "scope": format_scopes(scopes),
            "authuser": "0",
            "prompt": "consent",
        }
        return _redirect(request, params)

    def deny(self, request: AuthorizationRequest) -> str:
        return _redirect(request, {"error": "access_denied"})

    def token(self, form: dict[str, str], basic_auth: tuple[str, str] | None) -> dict[str, Any]:
        """POST /token: the authorization_code and refresh_token grants."""
        with self._lock:
            client = self._authenticate_client(form, basic_auth)
            grant_type = form.get("grant_type")
            if grant_type == "authorization_code":
                return self._redeem_code(client, form)
            if grant_type == "refresh_token":
                return self._refresh(client, form)
            raise OAuthError("unsupported_grant_type", f"Invalid grant_type: {grant_type}")

    def _authenticate_client(
        self, form: dict[str, str], basic_auth: tuple[str, str] | None
    ) -> OAuthClient:
        client_id, secret = basic_auth or (form.get("client_id"), form.get("client_secret"))
        if not client_id:
            raise OAuthError("invalid_request", "Could not determine client ID from request.")
        client = self._clients.get(client_id)
        if client is None:
            if self.strict_clients:
                raise OAuthError("invalid_client", "The OAuth client was not found.", 401)
            return OAuthClient(client_id, secret or "")
        if secret != client.client_secret:
            raise OAuthError("invalid_client", "Unauthorized", 401)
        return client

    def _redeem_code(self, client: OAuthClient, form: dict[str, str]) -> dict[str, Any]:
        code = self._tokens.codes.get(form.get("code") or "")
        if code is None:
            raise OAuthError("invalid_grant", "Malformed auth code.")
        if code.redeemed:
            raise OAuthError("invalid_grant", "Code was already redeemed.")
        if code.expires_at <= self.now():
            raise OAuthError("invalid_grant", "The authorization code has expired.")
        if code.client_id != client.client_id:
            raise OAuthError("invalid_grant", "The code was issued to another client.")
        if form.get("redirect_uri") != code.redirect_uri:
            raise OAuthError(
                "redirect_uri_mismatch",
                f"redirect_uri {form.get('redirect_uri')!r} does not match the one used "
                f"to obtain the code ({code.redirect_uri!r}).",
            )
        if code.code_challenge is not None:
            verifier = form.get("code_verifier")
            if not verifier:
                raise OAuthError("invalid_grant", "Missing code verifier.")
            if not pkce_matches(verifier, code.code_challenge):
                raise OAuthError("invalid_grant", "Invalid code verifier.")
        code.redeemed = True
        account = self.account(code.email)
        return self._issue(client, account, code.scopes, with_refresh=code.with_refresh_token)

    def _refresh(self, client: OAuthClient, form: dict[str, str]) -> dict[str, Any]:
        refresh = self._tokens.refresh.get(form.get("refresh_token") or "")
        if refresh is None:
            raise OAuthError("invalid_grant", _EXPIRED_OR_REVOKED)
        if refresh.grant[0] != client.client_id:
            raise OAuthError("unauthorized_client", "Unauthorized")
        scopes = refresh.scopes
        if form.get("scope"):
            requested = expand_scopes(form["scope"])
            if not requested <= scopes:
                missing = format_scopes(requested - scopes)
                raise OAuthError("invalid_scope", f"Scopes were not granted: {missing}")
            scopes = requested
        return self._issue(client, self.account(refresh.grant[1]), scopes, with_refresh=False)

    def _issue(
        self, client: OAuthClient, account: Account, scopes: frozenset[str], *, with_refresh: bool
    ) -> dict[str, Any]:
        now = self.now()
        grant = (client.client_id, account.email)
        access_token = new_token("ya29.")
        expires_at = now + self.access_token_lifetime
        self._tokens.access[access_token] = IssuedToken(grant, scopes, expires_at)
        response: dict[str, Any] = {
            "access_token": access_token,
            "expires_in": self.access_token_lifetime,
            "scope": format_scopes(scopes),
            "token_type": "Bearer",
        }
        if with_refresh:
            refresh_token = new_token("1//")
            self._tokens.refresh[refresh_token] = IssuedToken(grant, scopes, None)
            response["refresh_token"] = refresh_token
        if "openid" in scopes:
            response["id_token"] = make_id_token(
                _id_token_claims(client, account, scopes, now), client.client_secret
            )
        return response

    def issue_tokens(
        self,
        email: str,
        scopes: str | Iterable[str],
        *,
        client_id: str = TEST_CLIENT_ID,
        client_secret: str = TEST_CLIENT_SECRET,
        offline: bool = True,
    ) -> dict[str, Any]:
        """A token response as if ``email`` had consented: for tests that skip the browser."""
        with self._lock:
            account = self.account(email)
            wanted = expand_scopes(scopes)
            if unknown := unknown_scopes(wanted):
                raise ValueError(f"Unknown scopes {unknown}")
            client = self._clients.get(client_id) or OAuthClient(client_id, client_secret)
            key = (client_id, account.email)
            self._tokens.grants[key] = self._tokens.grants.get(key, frozenset()) | wanted
            return self._issue(client, account, wanted, with_refresh=offline)

    def revoke(self, token: str) -> None:
        """POST /revoke: like Google, revoking any token ends the whole grant behind it."""
        with self._lock:
            issued = self._tokens.access.get(token) or self._tokens.refresh.get(token)
            if issued is None:
                raise OAuthError("invalid_token", "Token expired or revoked")
            self._revoke_grant(issued.grant)

    def revoke_refresh_tokens(self, email: str) -> int:
        """The user removed the app's access (or changed password): every grant ends.

        Returns how many refresh tokens died; their next use fails with invalid_grant.
        """
        with self._lock:
            account = self.account(email)
            grants = {key for key in self._tokens.grants if key[1] == account.email}
            revoked = sum(1 for t in self._tokens.refresh.values() if t.grant[1] == account.email)
            for grant in grants:
                self._revoke_grant(grant)
            return revoked

    def _revoke_grant(self, grant: GrantKey) -> None:
        self._tokens.grants.pop(grant, None)
        for store in (self._tokens.access, self._tokens.refresh):
            for token in [token for token, issued in store.items() if issued.grant == grant]:
                del store[token]

    def userinfo(self, access_token: str | None, base_url: str) -> dict[str, Any]:
        with self._lock:
            issued, account = self._access(access_token)
            if not issued.scopes & {"openid", USERINFO_EMAIL, USERINFO_PROFILE}:
                raise OAuthError(
                    "insufficient_scope", "The token has none of openid, email, profile.", 403
                )
            info: dict[str, Any] = {"sub": account.sub}
            if USERINFO_EMAIL in issued.scopes:
                info.update(email=account.email, email_verified=account.email_verified)
            if USERINFO_PROFILE in issued.scopes:
                picture = account.picture or f"{base_url}/_fake/avatar/{account.sub}.svg"
                info.update(name=account.name, picture=picture)
            return info

    def _access(self, access_token: str | None) -> tuple[IssuedToken, Account]:
        issued = self._tokens.access.get(access_token or "")
        if issued is None or (issued.expires_at or 0) <= self.now():
            raise invalid_credentials()
        return issued, self.account(issued.grant[1])

    # -- Gmail -----------------------------------------------------------------------------

    def call_gmail(
        self,
        method: str,
        access_token: str | None,
        user_id: str,
        params: Params,
        *,
        message_id: str = "",
        attachment_id: str = "",
        body: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Authenticate, check scope and user, charge quota, then run one Gmail method."""
        with self._lock:
            issued, account = self._access(access_token)
            if not issued.scopes & gmail.METHOD_SCOPES[method]:
                raise insufficient_scope()
            if user_id != "me" and user_id.lower() != account.email.lower():
                raise GoogleApiError(403, f"Delegation denied for {account.email}")
            self._quota_units[method] += gmail.QUOTA_UNITS[method]
            readable = issued.scopes & gmail.METHOD_SCOPES["messages.get"]
            metadata_only = readable == {gmail.METADATA_SCOPE}
            mailbox = account.mailbox
            if method == "getProfile":
                return gmail.get_profile(mailbox)
            if method == "messages.list":
                return gmail.list_messages(
                    mailbox, params, self._now_ms(), metadata_only=metadata_only
                )
            if method == "messages.get":
                return gmail.get_message(mailbox, message_id, params, metadata_only=metadata_only)
            if method == "messages.attachments.get":
                return gmail.get_attachment(mailbox, message_id, attachment_id)
            if method == "history.list":
                return gmail.list_history(mailbox, params)
            if method == "messages.modify":
                return gmail.modify_message(mailbox, message_id, body or {})
            if method == "messages.send":
                return self._send(account, body or {})
            raise ValueError(f"Unknown Gmail method {method!r}")

    def _send(self, account: Account, body: dict[str, Any]) -> dict[str, Any]:
        raw = body.get("raw")
        if not isinstance(raw, str) or not raw:
            raise bad_request(
                "'raw' RFC822 payload message string or uploading message via /upload/* URL "
                "required"
            )
        data = gmail.b64url_decode(raw, "raw")
        parsed = gmail.parse_message(data)
        recipients = {
            address.lower()
            for _, address in getaddresses(
                [str(value) for name in ("To", "Cc", "Bcc") for value in parsed.get_all(name, [])]
            )
            if "@" in address
        }
        if not recipients:
            raise bad_request("Recipient address required")
        now_ms = self._now_ms()
        missing = {
            "From": account.email,
            "Message-ID": make_msgid(domain="mail.gmail.com"),
            "Date": format_datetime(datetime.fromtimestamp(now_ms / 1000, UTC)),
        }
        data = _prepend_headers(data, {k: v for k, v in missing.items() if k not in parsed})
        thread_id = body.get("threadId")
        if not (isinstance(thread_id, str) and account.mailbox.has_thread(thread_id)):
            thread_id = None
        labels = {"SENT"} | ({"INBOX", "UNREAD"} if account.email.lower() in recipients else set())
        sent = account.mailbox.add(
            data,
            message_id=self._new_message_id(now_ms),
            labels=labels,
            internal_date=now_ms,
            thread_id=thread_id,
        )
        delivered = _strip_header(data, "Bcc")
        for address in sorted(recipients - {account.email.lower()}):
            if address in self._accounts:
                self._accounts[address].mailbox.add(
                    delivered,
                    message_id=self._new_message_id(now_ms),
                    labels={"INBOX", "UNREAD"},
                    internal_date=now_ms,
                )
        return sent.label_ref()


def _valid_redirect_uri(client: OAuthClient, redirect_uri: str | None) -> str:
    if not redirect_uri:
        raise AuthorizationPageError("invalid_request", "Missing required parameter: redirect_uri")
    if client.redirect_uris and redirect_uri not in client.redirect_uris:
        raise AuthorizationPageError(
            "redirect_uri_mismatch",
            f"The redirect URI {redirect_uri!r} is not registered for client "
            f"{client.client_id!r} (registered: {', '.join(client.redirect_uris)}).",
        )
    parts = urlsplit(redirect_uri)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.fragment:
        raise AuthorizationPageError(
            "invalid_request", f"Invalid parameter value for redirect_uri: {redirect_uri!r}"
        )
    return redirect_uri


def _redirect(request: AuthorizationRequest, params: dict[str, str]) -> str:
    parts = urlsplit(request.redirect_uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if request.state is not None:
        query.append(("state", request.state))
    query.extend(params.items())
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def _id_token_claims(
    client: OAuthClient, account: Account, scopes: frozenset[str], now: float
) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": ID_TOKEN_ISSUER,
        "azp": client.client_id,
        "aud": client.client_id,
        "sub": account.sub,
        "iat": int(now),
        "exp": int(now) + ID_TOKEN_LIFETIME,
    }
    if USERINFO_EMAIL in scopes:
        claims.update(email=account.email, email_verified=account.email_verified)
    if USERINFO_PROFILE in scopes:
        claims["name"] = account.name
    return claims


def _split_head(raw: bytes) -> tuple[bytes, bytes, bytes]:
    for separator in (b"\r\n\r\n", b"\n\n"):
        head, found, body = raw.partition(separator)
        if found:
            return head, found, body
    return raw, b"", b""


def _prepend_headers(raw: bytes, headers: dict[str, str]) -> bytes:
    """Add headers without re-serialising, so the sender's bytes stay exactly as sent."""
    newline = b"\r\n" if b"\r\n" in raw[:1000] else b"\n"
    lines = b"".join(f"{name}: {value}".encode() + newline for name, value in headers.items())
    return lines + raw


def _strip_header(raw: bytes, name: str) -> bytes:
    head, separator, body = _split_head(raw)
    lines = head.splitlines(keepends=True)
    kept: list[bytes] = []
    dropping = False
    for line in lines:
        if line[:1] in {b" ", b"\t"}:
            if not dropping:
                kept.append(line)
            continue
        dropping = line.lower().startswith(name.lower().encode() + b":")
        if not dropping:
            kept.append(line)
    return b"".join(kept).rstrip(b"\r\n") + separator + body
