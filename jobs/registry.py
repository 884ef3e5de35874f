"""Job types and their handlers, and the exceptions a handler raises to steer the outcome.

A handler is a plain function ``handler(job) -> None`` registered under a type name::

    from jobs.registry import register

    @register("token_refresh")
    def refresh_token(job):
        ...

Handlers live in ``<app>/jobs.py`` and are imported by :func:`autodiscover` when the app
registry is ready, the way the admin finds ``admin.py``: so the web process (which enqueues)
and every scheduler process (which runs) know the same types without a central list.

The outcome is signalled by raising, so a handler needs no scheduler API: returning is
success, any exception is a failure that is retried with backoff, :class:`PermanentError`
makes the job a dead letter at once, and :class:`RetryLater` asks for another run later
without counting a failure (or, with ``counts_attempt=True``, counting it: a rate limit that
never clears must still end as a dead letter after ``max_retries``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from jobs.models import Job

Handler = Callable[["Job"], None]
H = TypeVar("H", bound=Handler)

TYPE_MAX_LENGTH = 100
RETRY_LATER_MAX_SECONDS = 366 * 86400
_handlers: dict[str, Handler] = {}


class PermanentError(Exception):
    """Retrying cannot help (a revoked token, a deleted account): dead letter at once."""


class UnknownJobType(PermanentError):
    """No handler is registered for the job's type: retrying the same code cannot help."""


class RetryLater(Exception):
    """Run the job again in ``seconds`` (a rate limit, a busy upstream).

    By default not a failure. ``counts_attempt=True`` counts the run as an attempt: the
    retry count grows, the message becomes the last error, and once ``max_retries`` is
    reached the job is a dead letter with that message instead of another retry.
    """

    def __init__(self, seconds: float, message: str = "", *, counts_attempt: bool = False) -> None:
        number = isinstance(seconds, int | float) and not isinstance(seconds, bool)
        if not number or not 0 <= seconds <= RETRY_LATER_MAX_SECONDS:
            raise ValueError(
                f"RetryLater: seconds must be a number 0..{RETRY_LATER_MAX_SECONDS} "
                f"(a year), got {seconds!r}"
            )
        self.seconds = float(seconds)
        self.counts_attempt = bool(counts_attempt)
        super().__init__(message or f"retry in {seconds:g} s")


def check_type_name(name: object) -> str:
    """The type name is stored in a 100-character column and shown to staff: keep it sane."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"type: expected a non-empty string, got {name!r}")
    if len(name) > TYPE_MAX_LENGTH:
        raise ValueError(f"type: {name[:20]!r}... is {len(name)} characters, at most 100")
    if name != name.strip():
        raise ValueError(f"type: {name!r} has leading or trailing spaces")
    return name


def register(name: str) -> Callable[[H], H]:
    """Decorator: run ``handler(job)`` for jobs of type ``name``.

    Registering a second, different function under a taken name is an error, because the
    scheduler would otherwise run whichever module happened to be imported last.
    """
    check_type_name(name)

    def decorator(handler: H) -> H:
        existing = _handlers.get(name)
        if existing is not None and _qualified_name(existing) != _qualified_name(handler):
            raise ValueError(
                f"job type {name!r} is already registered by {_qualified_name(existing)}; "
                f"cannot register {_qualified_name(handler)} too"
            )
        _handlers[name] = handler
        return handler

    return decorator


def get_handler(name: str) -> Handler:
    try:
        return _handlers[name]
    except KeyError:
        known = ", ".join(sorted(_handlers)) or "none"
        raise UnknownJobType(
            f"unknown job type {name!r}: no handler registered in any installed app's jobs.py "
            f"(registered: {known})"
        ) from None


def registered_types() -> list[str]:
    return sorted(_handlers)


def autodiscover() -> None:
    """Import every installed app's ``jobs`` module so its ``@register`` calls run."""
    autodiscover_modules("jobs")


def _qualified_name(handler: Callable[..., object]) -> str:
    return f"{handler.__module__}.{getattr(handler, '__qualname__', repr(handler))}"
