"""What a log line is about: the request, job and user it was written for.

Values live in context variables, so every line written while a request or a job is handled
carries them, in any module, without passing them around. ``ContextFilter`` copies them onto
each record; the JSON formatter prints them as fields.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

__all__ = ["FIELDS", "ContextFilter", "bind", "current"]

FIELDS = ("request_id", "job_id", "user_id")
_context: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("log_context")


def current() -> dict[str, str]:
    return _context.get({})


@contextlib.contextmanager
def bind(**fields: object) -> Iterator[None]:
    """Add fields (None values are left out) for the duration of the block."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown log context fields {sorted(unknown)}; known: {FIELDS}")
    added = {name: str(value) for name, value in fields.items() if value is not None}
    token = _context.set({**current(), **added})
    try:
        yield
    finally:
        _context.reset(token)


class ContextFilter(logging.Filter):
    """Sets request_id, job_id and user_id on every record ("" where there is none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        values = current()
        for name in FIELDS:
            if not getattr(record, name, None):
                setattr(record, name, values.get(name, ""))
        return True
