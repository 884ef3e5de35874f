"""Strict JSON helpers shared by every model's ``to_dict()`` / ``from_dict()``.

One way for all models: ``to_dict()`` returns plain JSON types with stable, documented names;
``from_dict()`` validates and returns an unsaved instance, raising :class:`SerializationError`
naming the field, so bad input is refused before it can reach the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

_MISSING = object()


class SerializationError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@contextmanager
def inside(prefix: str) -> Iterator[None]:
    """Name errors of a nested object by their full path (``attachments[2].size``)."""
    try:
        yield
    except SerializationError as exc:
        raise SerializationError(f"{prefix}.{exc.field}", exc.reason) from None


def get(
    data: Mapping[str, Any], name: str, kind: type | tuple[type, ...], default: Any = _MISSING
) -> Any:
    """Return ``data[name]`` if it has type ``kind``; bool never passes for int."""
    if not isinstance(data, Mapping):
        raise SerializationError("(root)", f"expected an object, got {type(data).__name__}")
    if name not in data:
        if default is _MISSING:
            raise SerializationError(name, "missing")
        return default
    value = data[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    ok = False if isinstance(value, bool) and bool not in kinds else isinstance(value, kinds)
    if not ok:
        names = " or ".join(_json_name(k) for k in kinds)
        raise SerializationError(name, f"expected {names}, got {_json_name(type(value))}")
    return value


def get_list(data: Mapping[str, Any], name: str, item: type, default: Any = _MISSING) -> list:
    values = get(data, name, list, default)
    for index, value in enumerate(values):
        if not isinstance(value, item) or isinstance(value, bool):
            raise SerializationError(
                f"{name}[{index}]", f"expected {_json_name(item)}, got {_json_name(type(value))}"
            )
    return values


def get_choice(data: Mapping[str, Any], name: str, choices: Any) -> str:
    value = get(data, name, str)
    allowed = list(choices)
    if value not in allowed:
        raise SerializationError(name, f"expected one of {', '.join(allowed)}, got {value!r}")
    return value


def get_datetime(
    data: Mapping[str, Any], name: str, *, optional: bool = False
) -> dt.datetime | None:
    value = get(data, name, (str, type(None)) if optional else str, None if optional else _MISSING)
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise SerializationError(name, f"expected an ISO 8601 date-time, got {value!r}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise SerializationError(name, f"expected a date-time with a UTC offset, got {value!r}")
    return parsed


def get_date(data: Mapping[str, Any], name: str) -> dt.date | None:
    value = get(data, name, (str, type(None)), None)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SerializationError(name, f"expected an ISO 8601 date, got {value!r}") from None


def iso(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json_name(kind: type) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(kind, kind.__name__)
