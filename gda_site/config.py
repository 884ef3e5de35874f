"""Typed configuration: built-in defaults, then an optional JSON file, then the environment.

The dataclasses below are the single source of truth. Each field carries its default, its
documentation and its check, so the loader, the README reference table
(``python -m gda_site.config``) and the system checks cannot drift apart.

Every problem is collected before anything is reported, because an operator fixing a
deployment one error per restart is an operator who gives up. Each message names the key,
the value (secrets masked), what was expected and where the value came from.

Environment names follow one rule: ``GDA_`` plus the key path in capitals with ``__``
between levels (``GDA_GMAIL__BATCH_SIZE`` for ``gmail.batch_size``). The conventional
``SECRET_KEY``, ``DEBUG``, ``DATABASE_URL``, ``EMAIL_URL`` and ``CACHE_URL`` are read under
those names instead.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import ipaddress
import json
import os
import sys
import typing
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ

DEV_SECRET_KEY = "django-insecure-gda-development-key-never-use-in-production-0123456789"
CONFIG_PATH_VARIABLE = "GDA_CONFIG"
CONVENTIONAL_NAMES = {
    "secret_key": "SECRET_KEY",
    "debug": "DEBUG",
    "database_url": "DATABASE_URL",
    "email_url": "EMAIL_URL",
    "cache_url": "CACHE_URL",
}
_BOOL_WORDS = {
    "true": True, "yes": True, "on": True, "1": True,
    "false": False, "no": False, "off": False, "0": False,
}  # fmt: skip

Check = Callable[[Any], str | None]
"""A check returns None for a good value, else what was expected ("an integer 1..100")."""


def setting(
    default: Any,
    doc: str,
    *,
    check: Check | None = None,
    secret: bool = False,
    example: Any = None,
) -> Any:
    """Declare one configuration key with everything the loader and the docs need."""
    meta = {"doc": doc, "check": check, "secret": secret, "example": example}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=meta)
    return field(default=default, metadata=meta)


# --- checks -----------------------------------------------------------------------------


def int_range(low: int, high: int) -> Check:
    def check(value: int) -> str | None:
        return None if low <= value <= high else f"an integer {low}..{high}"

    return check


def positive_number(value: float) -> str | None:
    return None if value > 0 else "a number greater than 0"


def url(*schemes: str) -> Check:
    def check(value: str) -> str | None:
        parts = urlsplit(value)
        if parts.scheme in schemes and parts.netloc:
            return None
        return f"a URL starting with {' or '.join(s + '://' for s in schemes)}"

    return check


def optional(inner: Check) -> Check:
    def check(value: Any) -> str | None:
        return None if value in ("", None) else inner(value)

    return check


def url_scheme_in(schemes: Mapping[str, Any], what: str) -> Check:
    def check(value: str) -> str | None:
        scheme = urlsplit(value).scheme
        if scheme in schemes:
            return None
        return f"{what} URL with a scheme among {', '.join(sorted(schemes))}"

    return check


def time_zone(value: str) -> str | None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "an IANA time zone name such as Europe/Berlin"
    return None


def cron_expression(value: str) -> str | None:
    from jobs.cron import CronError, validate_cron

    try:
        validate_cron(value)
    except CronError as exc:
        return f"a cron expression ({str(exc).removesuffix('.')})"  # a clause here
    return None


def fernet_keys(value: list[str]) -> str | None:
    for key in value:
        try:
            raw = base64.urlsafe_b64decode(key.encode())
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            return "Fernet keys: url-safe base64 of 32 bytes (44 characters), newest first"
    return None


def one_of(*choices: str) -> Check:
    def check(value: str) -> str | None:
        return None if value in choices else f"one of {', '.join(choices)}"

    return check


def each(inner: Check) -> Check:
    def check(values: list[str]) -> str | None:
        for value in values:
            if problem := inner(value):
                return problem
        return None

    return check


def loopback_url(value: str) -> str | None:
    parts = urlsplit(value)
    try:
        loopback = parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        loopback = False
    if parts.scheme == "http" and loopback and (loopback is True or loopback.is_loopback):
        return None
    return "an http:// URL on loopback (127.0.0.1 or localhost)"


def ip_network(value: str) -> str | None:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return "IP addresses or networks such as 10.0.0.0/8"
    return None


# --- the schema -------------------------------------------------------------------------

SUMMARY_PROVIDERS = ("extractive", "openai", "anthropic", "openai_compatible")


@dataclass(frozen=True)
class GoogleConfig:
    client_id: str = setting("", "OAuth client id from the Google Cloud console.")
    client_secret: str = setting("", "OAuth client secret.", secret=True)
    client_secrets_file: str = setting(
        "",
        "Path to a client_secret.json downloaded from Google; used when client_id is empty.",
    )
    redirect_uri: str = setting(
        "",
        "OAuth redirect URI; empty means site_url + /accounts/google/callback/.",
        check=optional(url("http", "https")),
    )
    auth_uri: str = setting(
        "https://accounts.google.com/o/oauth2/auth",
        "Google's authorization endpoint.",
        check=url("http", "https"),
    )
    token_uri: str = setting(
        "https://oauth2.googleapis.com/token",
        "Google's token endpoint.",
        check=url("http", "https"),
    )
    revoke_uri: str = setting(
        "https://oauth2.googleapis.com/revoke",
        "Google's token revocation endpoint.",
        check=url("http", "https"),
    )
    userinfo_uri: str = setting(
        "https://openidconnect.googleapis.com/v1/userinfo",
        "OpenID Connect userinfo endpoint.",
        check=url("http", "https"),
    )
    api_endpoint: str = setting(
        "https://gmail.googleapis.com",
        "Root URL of the Gmail REST API (the batch endpoint lives under it too).",
        check=url("http", "https"),
    )
    fake_url: str = setting(
        "",
        "URL of the local fake Google (tests and demo only). When set, every endpoint above "
        "points at it. Refused with debug off.",
        check=optional(loopback_url),
        example="http://127.0.0.1:8765",
    )
    refresh_margin_seconds: int = setting(
        600,
        "Access tokens expiring within this many seconds are refreshed ahead of use.",
        check=int_range(0, 3000),
    )


@dataclass(frozen=True)
class GmailConfig:
    batch_size: int = setting(
        50,
        "Messages fetched per Gmail batch request (Google allows at most 100).",
        check=int_range(1, 100),
    )
    query: str = setting(
        "in:inbox -category:promotions",
        "Default Gmail search query for a digest; a user's preferences can override it.",
    )
    max_messages: int = setting(
        1000,
        "Most messages read by one digest run. A mailbox with more is covered oldest first: "
        "the digest closes its period after the last message read and the next run goes on "
        "from there, so nothing is dropped.",
        check=int_range(1, 5000),
    )
    http_timeout_seconds: float = setting(
        30.0,
        "Seconds to wait for Gmail to answer one HTTP request (a send that answers later is "
        "checked for in the mailbox before it is sent again).",
        check=positive_number,
    )
    lookback_hours: int = setting(
        24,
        "How far back the first digest of a person reads.",
        check=int_range(1, 24 * 30),
    )
    overlap_minutes: int = setting(
        60,
        "When Gmail's history is gone (a 404 after about a week) the next digest lists mail "
        "from this long before the last covered message; ids already in a digest are skipped.",
        check=int_range(0, 7 * 24 * 60),
    )
    quota_units_per_minute: int = setting(
        6000,
        "Gmail quota units one person's digests may spend per minute, shared by every "
        "scheduler process (Google allows 15,000 per user per minute).",
        check=int_range(100, 15000),
    )
    retry_wait_seconds: int = setting(
        30,
        "Longest total wait for Gmail retries (rate limits, 5xx) inside one digest run; "
        "beyond it the job is rescheduled and the attempt counts.",
        check=int_range(0, 300),
    )


@dataclass(frozen=True)
class SummaryConfig:
    providers: list[str] = setting(
        ["extractive"],
        "Summary providers tried in order, message by message; 'extractive' is the offline "
        "analysis, always works and ends every chain.",
        check=each(one_of(*SUMMARY_PROVIDERS)),
        example=["openai", "extractive"],
    )
    timeout: float = setting(
        20.0,
        "Seconds one call to a remote provider may take in all (connecting, sending, every "
        "byte of the answer), not per socket read; past it the call's messages fall back.",
        check=positive_number,
    )
    token_budget: int = setting(
        24000,
        "Most prompt tokens (estimated as characters / 3) one digest sends to each remote "
        "provider; messages past it keep the offline analysis.",
        check=int_range(500, 2_000_000),
    )
    batch_tokens: int = setting(
        6000,
        "Most prompt tokens in one call; more messages are split into several calls.",
        check=int_range(1000, 1_000_000),
    )
    message_chars: int = setting(
        2000,
        "Characters of one message's text sent to a remote provider; the rest is cut.",
        check=int_range(100, 100_000),
    )
    concurrency: int = setting(
        2,
        "Calls to one remote provider in flight at once for one digest.",
        check=int_range(1, 16),
    )
    openai_api_key: str = setting("", "API key for the openai provider.", secret=True)
    openai_model: str = setting("gpt-4o-mini", "Model name for the openai provider.")
    openai_base_url: str = setting(
        "https://api.openai.com/v1",
        "Base URL of the OpenAI API.",
        check=url("http", "https"),
    )
    anthropic_api_key: str = setting("", "API key for the anthropic provider.", secret=True)
    anthropic_model: str = setting("claude-haiku-4-5", "Model name for the anthropic provider.")
    anthropic_base_url: str = setting(
        "https://api.anthropic.com",
        "Base URL of the Anthropic API (a trailing /v1 is ignored).",
        check=url("http", "https"),
    )
    compatible_base_url: str = setting(
        "http://127.0.0.1:11434/v1",
        "Base URL of an OpenAI-compatible server for the openai_compatible provider "
        "(Ollama's default shown; vLLM and llama.cpp serve one too).",
        check=url("http", "https"),
        example="http://127.0.0.1:8080/v1",
    )
    compatible_model: str = setting("llama3.2", "Model name for the openai_compatible provider.")
    compatible_api_key: str = setting(
        "",
        "API key for the openai_compatible provider; empty sends no Authorization header.",
        secret=True,
    )


@dataclass(frozen=True)
class SchedulerConfig:
    workers: int = setting(4, "Worker threads per runscheduler process.", check=int_range(1, 64))
    poll_interval: float = setting(
        1.0, "Seconds between looks for due jobs when nothing wakes us.", check=positive_number
    )
    lease_seconds: int = setting(
        30,
        "How long a claimed job stays ours without a heartbeat; a killed process's jobs "
        "are taken over after this.",
        check=int_range(5, 3600),
    )
    max_retries: int = setting(
        10,
        "Attempts before a job becomes a dead letter (a job may override it).",
        check=int_range(1, 100),
    )
    succeeded_retention_days: int = setting(
        7, "Finished one-off jobs are pruned after this many days.", check=int_range(1, 3650)
    )
    dead_retention_days: int = setting(
        90,
        "Dead letters nobody acted on are pruned after this many days.",
        check=int_range(1, 3650),
    )


@dataclass(frozen=True)
class DigestConfig:
    default_schedule: str = setting(
        "0 8,17 * * 1-5",
        "Cron schedule given to new users (weekdays 08:00 and 17:00).",
        check=cron_expression,
    )
    default_timezone: str = setting(
        "UTC", "Time zone given to new users until they choose one.", check=time_zone
    )
    send_now_per_hour: int = setting(
        6,
        'Most "send now" digests one person may start in an hour.',
        check=int_range(1, 1000),
    )


@dataclass(frozen=True)
class MetricsConfig:
    token: str = setting(
        "",
        "Bearer token that lets any address read /metrics (Authorization: Bearer ...).",
        secret=True,
    )
    allowed_ips: list[str] = setting(
        ["127.0.0.1", "::1"],
        "Addresses or networks that may read /metrics without the token.",
        check=each(ip_network),
        example=["10.0.0.0/8"],
    )


@dataclass(frozen=True)
class DeliveryConfig:
    verify_grace_seconds: int = setting(
        120,
        "After a crash or timeout while sending a digest, how long to wait for it to show up "
        "in the reader's Gmail before deciding it was lost and sending it again.",
        check=int_range(0, 86400),
    )
    smtp_timeout_seconds: float = setting(
        30.0,
        "Seconds to wait for our mail server to answer; keep it below verify_grace_seconds.",
        check=positive_number,
    )


@dataclass(frozen=True)
class Config:
    secret_key: str = setting(
        "",
        "Django's secret key. Required (50+ characters) with debug off; a development key "
        "is used with debug on.",
        secret=True,
    )
    debug: bool = setting(False, "Django debug mode. Never on in production.")
    allowed_hosts: list[str] = setting(
        ["127.0.0.1", "localhost"],
        "Host names this site answers to.",
        example=["gda.example.com"],
    )
    site_url: str = setting(
        "http://127.0.0.1:8000",
        "Public base URL, used in links in digest emails and the OAuth redirect.",
        check=url("http", "https"),
    )
    database_url: str = setting(
        "sqlite:///var/gda.sqlite3",
        "Database URL; relative SQLite paths are relative to the project folder.",
        check=url_scheme_in(environ.Env.DB_SCHEMES, "a database"),
        example="postgres://gda@db.internal:5432/gda",
    )
    cache_url: str = setting(
        "locmemcache://",
        "Cache URL.",
        check=url_scheme_in(environ.Env.CACHE_SCHEMES, "a cache"),
        example="redis://127.0.0.1:6379/1",
    )
    email_url: str = setting(
        "consolemail://",
        "Outgoing mail URL (the digest emails).",
        check=url_scheme_in(environ.Env.EMAIL_SCHEMES, "an email"),
        example="smtp+tls://user:password@smtp.example.com:587",
    )
    email_from: str = setting(
        "Gmail Digest Assistant <digest@localhost>", "From address of digest emails."
    )
    token_keys: list[str] = setting(
        [],
        "Fernet keys that encrypt Google tokens at rest, newest first: the first encrypts, "
        "all decrypt. Required with debug off; derived from the secret key with debug on.",
        check=fernet_keys,
        secret=True,
    )
    google: GoogleConfig = field(default_factory=GoogleConfig)
    gmail: GmailConfig = field(default_factory=GmailConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)

    @property
    def google_client_configured(self) -> bool:
        return bool(self.google.client_id or self.google.client_secrets_file)


# --- loading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One leaf of the schema, with everything needed to load, check and document it."""

    path: str
    type: Any
    default: Any
    doc: str
    check: Check | None
    secret: bool
    example: Any

    @property
    def env_name(self) -> str:
        return CONVENTIONAL_NAMES.get(self.path) or "GDA_" + self.path.upper().replace(".", "__")


def iter_keys(cls: type = Config, prefix: str = "") -> Iterator[Key]:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        path = prefix + f.name
        kind = hints[f.name]
        if dataclasses.is_dataclass(kind):
            yield from iter_keys(kind, path + ".")
            continue
        default = f.default_factory() if f.default is dataclasses.MISSING else f.default  # type: ignore[misc]
        meta = f.metadata
        yield Key(path, kind, default, meta["doc"], meta["check"], meta["secret"], meta["example"])


KEYS: dict[str, Key] = {key.path: key for key in iter_keys()}


@dataclass(frozen=True)
class Problem:
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


class ConfigError(Exception):
    """Raised with every problem found, so one restart is enough to see them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("Invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))


def mask(key: Key, value: Any) -> str:
    if key.secret and value not in ("", None, []):
        return f"'***' ({len(str(value))} characters, hidden)"
    return repr(value) if isinstance(value, str) else json.dumps(value)


def expected_type(kind: Any) -> str:
    return {
        int: "an integer",
        float: "a number",
        bool: "true or false",
        str: "a string",
        list[str]: "a list of strings",
    }[kind]


def from_json(kind: Any, value: Any) -> Any:
    """Accept a JSON value only if it already has the right type: files are typed."""
    if kind is bool and isinstance(value, bool):
        return value
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind is str and isinstance(value, str):
        return value
    if kind == list[str] and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError


def from_env(kind: Any, raw: str) -> Any:
    """Cast an environment string with django-environ's parser, refusing what it would guess at.

    Only ``parse_value`` is used, never ``Env.str(name)`` and friends: those read a leading
    ``$`` as a reference to another variable, and a random secret key may start with one.
    """
    if kind is bool:
        if raw.strip().lower() not in _BOOL_WORDS:
            raise ValueError
        return environ.Env.parse_value(raw.strip(), bool)
    if kind is int:
        return environ.Env.parse_value(raw.strip(), int)
    if kind is float:
        return environ.Env.parse_value(raw.strip(), float)
    if kind == list[str]:
        return [item.strip() for item in environ.Env.parse_value(raw, list) if item.strip()]
    return raw


def read_json_file(path: str) -> tuple[dict[str, Any], list[Problem]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        return {}, [Problem(CONFIG_PATH_VARIABLE, f"cannot read {path}: {exc.strerror}")]
    duplicates: list[str] = []

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        names = [name for name, _ in pairs]
        duplicates.extend(sorted({name for name in names if names.count(name) > 1}))
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return {}, [Problem(CONFIG_PATH_VARIABLE, f"{path}: invalid JSON at {where}: {exc.msg}")]
    if not isinstance(data, dict):
        return {}, [Problem(CONFIG_PATH_VARIABLE, f"{path}: expected a JSON object at the top")]
    # The JSON parser would keep the last of two equal keys: an edit that never took effect.
    problems = [Problem(name, f"given twice (in {path})") for name in duplicates]
    return data, problems


SECTIONS = frozenset(path.split(".")[0] for path in KEYS if "." in path)


def flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, value in data.items():
        path = prefix + name
        if not prefix and name in SECTIONS and isinstance(value, dict):
            yield from flatten(value, path + ".")
        else:
            yield path, value


def collect(environment: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str], list[Problem]]:
    """Layer defaults, file and environment; return values, their sources and type problems."""
    values = {path: key.default for path, key in KEYS.items()}
    sources = dict.fromkeys(KEYS, "default")
    problems: list[Problem] = []

    file_path = environment.get(CONFIG_PATH_VARIABLE, "")
    if file_path:
        data, problems = read_json_file(file_path)
        for path, value in flatten(data):
            key = KEYS.get(path)
            if path in SECTIONS:
                problems.append(
                    Problem(
                        path,
                        f"expected an object of settings, got {json.dumps(value)} "
                        f"(from {file_path})",
                    )
                )
                continue
            if key is None:
                problems.append(Problem(path, f"unknown key (in {file_path})"))
                continue
            try:
                values[path] = from_json(key.type, value)
            except ValueError:
                problems.append(
                    Problem(
                        path,
                        f"expected {expected_type(key.type)}, got {mask(key, value)} "
                        f"(from {file_path})",
                    )
                )
            sources[path] = file_path

    known_names = {key.env_name for key in KEYS.values()} | {CONFIG_PATH_VARIABLE}
    for name in sorted(environment):
        if name.startswith("GDA_") and name not in known_names:
            problems.append(Problem(name, "unknown environment variable (a typo?)"))
    for path, key in KEYS.items():
        if key.env_name not in environment:
            continue
        try:
            values[path] = from_env(key.type, environment[key.env_name])
        except ValueError:
            raw = environment[key.env_name]
            problems.append(
                Problem(
                    path,
                    f"expected {expected_type(key.type)}, got {mask(key, raw)} "
                    f"(from {key.env_name})",
                )
            )
        sources[path] = key.env_name
    return values, sources, problems


def consistency_problems(values: Mapping[str, Any], sources: Mapping[str, str]) -> list[Problem]:
    """Keys that are fine alone but not together, found now rather than at the first sign-in."""
    problems = []
    if values["google.client_id"] and not values["google.client_secret"]:
        problems.append(
            Problem(
                "google.client_secret",
                f"expected a client secret with google.client_id set "
                f"(from {sources['google.client_id']})",
            )
        )
    secrets_file = values["google.client_secrets_file"]
    if secrets_file and not values["google.client_id"] and not Path(secrets_file).is_file():
        problems.append(
            Problem(
                "google.client_secrets_file",
                f"expected a readable client_secret.json, got {secrets_file!r} "
                f"(from {sources['google.client_secrets_file']})",
            )
        )
    grace = values["delivery.verify_grace_seconds"]
    for key in ("delivery.smtp_timeout_seconds", "gmail.http_timeout_seconds"):
        # A send still waiting for its answer when the grace period ends would be looked for,
        # not found, and sent again: two copies.
        if values[key] >= grace:
            problems.append(
                Problem(
                    key,
                    f"expected less than delivery.verify_grace_seconds ({grace}), got "
                    f"{values[key]:g} (from {sources[key]})",
                )
            )
    return problems


def production_problems(values: Mapping[str, Any], sources: Mapping[str, str]) -> list[Problem]:
    """Rules that hold only with debug off: nothing insecure may slip into production."""
    problems = []
    secret = values["secret_key"]
    key = KEYS["secret_key"]
    # The same bar as Django's security.W009, enforced instead of merely warned about.
    if not secret or secret == DEV_SECRET_KEY or len(secret) < 50 or len(set(secret)) < 5:
        problems.append(
            Problem(
                "secret_key",
                f"expected a random string of 50+ characters with debug off, got "
                f"{mask(key, secret) if secret else 'nothing'} (from {sources['secret_key']})",
            )
        )
    if not values["token_keys"]:
        problems.append(
            Problem(
                "token_keys",
                "expected at least one Fernet key with debug off, got nothing "
                f"(from {sources['token_keys']}); make one with "
                "`python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`",
            )
        )
    if not values["allowed_hosts"]:
        problems.append(
            Problem(
                "allowed_hosts",
                "expected at least one host name with debug off, got none "
                f"(from {sources['allowed_hosts']}); every request would be refused",
            )
        )
    if values["google.fake_url"]:
        problems.append(
            Problem(
                "google.fake_url",
                "the fake Google is for tests and the demo only and is refused with debug off "
                f"(from {sources['google.fake_url']})",
            )
        )
    return problems


def build(values: Mapping[str, Any], cls: type = Config, prefix: str = "") -> Any:
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if dataclasses.is_dataclass(hints[f.name]):
            kwargs[f.name] = build(values, hints[f.name], prefix + f.name + ".")
        else:
            kwargs[f.name] = values[prefix + f.name]
    return cls(**kwargs)


def load(environment: Mapping[str, str] | None = None) -> tuple[Config, list[Problem]]:
    """Load leniently: a bad value is reported and replaced by its default.

    The lenient form lets ``manage.py check`` list every problem through the system-check
    framework; everything else goes through :func:`load_config`, which refuses to start.
    """
    environment = os.environ if environment is None else environment
    values, sources, problems = collect(environment)
    bad = {p.key for p in problems}
    for path, key in KEYS.items():
        if path in bad:
            values[path] = key.default
            continue
        if key.check and (expected := key.check(values[path])):
            problems.append(
                Problem(
                    path,
                    f"expected {expected}, got {mask(key, values[path])} (from {sources[path]})",
                )
            )
            bad.add(path)
            values[path] = key.default
    problems.extend(p for p in consistency_problems(values, sources) if p.key not in bad)
    if not values["debug"] and "debug" not in bad:
        problems.extend(p for p in production_problems(values, sources) if p.key not in bad)
    if values["google.fake_url"]:
        values.update(fake_google_endpoints(values["google.fake_url"], values))
    return build(values), problems


def fake_google_endpoints(base: str, values: Mapping[str, Any]) -> dict[str, str]:
    """Point every Google endpoint at the fake, with a demo client if none is configured."""
    base = base.rstrip("/")
    return {
        "google.auth_uri": base + "/o/oauth2/auth",
        "google.token_uri": base + "/token",
        "google.revoke_uri": base + "/revoke",
        "google.userinfo_uri": base + "/v1/userinfo",
        "google.api_endpoint": base,
        "google.client_id": values["google.client_id"] or "gda-demo-client",
        "google.client_secret": values["google.client_secret"] or "gda-demo-secret",
    }


def load_config(environment: Mapping[str, str] | None = None) -> Config:
    config, problems = load(environment)
    if problems:
        raise ConfigError(problems)
    return config


def reference_table() -> str:
    """The README's configuration reference, generated so it cannot go stale."""
    rows = [
        "| key | type | default | environment | example / notes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key in KEYS.values():
        kind = {list[str]: "list of strings"}.get(key.type) or key.type.__name__
        default = "(empty)" if key.default in ("", []) else f"`{json.dumps(key.default)}`"
        note = key.doc + (f" Example: `{json.dumps(key.example)}`." if key.example else "")
        if key.secret:
            note += " Secret: never logged."
        rows.append(f"| `{key.path}` | {kind} | {default} | `{key.env_name}` | {note} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(reference_table() + "\n")
