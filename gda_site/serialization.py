"""Strict JSON helpers shared by every model's ``to_dict()`` / ``from_dict()``.

One way for all models: ``to_dict()`` returns plain JSON types with stable, documented names;
``from_dict()`` validates and returns an unsaved instance, raising :class:`SerializationError`
naming the field, so bad input is refused before it can reach the database.

Every documented field is required and unknown fields are refused: a typo (``colour``) or a
field of a newer version must not vanish silently. After the shape is checked, the model's own
validation runs (:func:`validate_model`), so JSON cannot store what a form would refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

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


def reject_unknown(data: Mapping[str, Any], known: Collection[str]) -> None:
    """Refuse keys outside ``known``, naming the first one (``colour: unknown field``)."""
    _expect_object(data)
    for key in data:
        if key not in known:
            raise SerializationError(str(key), "unknown field")


def validate_model(
    instance: models.Model,
    *,
    exclude: Collection[str] = (),
    names: Mapping[str, str] | None = None,
) -> None:
    """Run the model's field validation and ``clean()``, as a SerializationError.

    This is where max_length, validators and ranges of positive integer fields are enforced.
    Uniqueness is left to the database at save time (it needs a query per field). ``exclude``
    names relations set by the caller; ``names`` maps model field names to JSON paths where
    they differ (``count_urgent`` -> ``counts.urgent``).
    """
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        path = "(root)" if field == NON_FIELD_ERRORS else (names or {}).get(field, field)
        raise SerializationError(path, " ".join(messages)) from None


def get(
    data: Mapping[str, Any], name: str, kind: type | tuple[type, ...], default: Any = _MISSING
) -> Any:
    """Return ``data[name]`` if it has type ``kind``; bool never passes for int."""
    _expect_object(data)
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


def get_count(data: Mapping[str, Any], name: str) -> int:
    """An integer >= 0: sizes, counts, seconds and ranks are never negative."""
    value = get(data, name, int)
    if value < 0:
        raise SerializationError(name, f"expected an integer >= 0, got {value}")
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
    data: Mapping[str, Any], name: str, *, nullable: bool = False
) -> dt.datetime | None:
    """An aware ISO 8601 date-time; ``nullable`` allows null, never a missing key."""
    value = get(data, name, (str, type(None)) if nullable else str)
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise SerializationError(name, f"expected an ISO 8601 date-time, got {value!r}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise SerializationError(name, f"expected a date-time with a UTC offset, got {value!r}")
    return parsed


def get_date(data: Mapping[str, Any], name: str, *, required: bool = False) -> dt.date | None:
    """An ISO date or null; with ``required`` the key must be present (null still allowed)."""
    value = get(data, name, (str, type(None)), _MISSING if required else None)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SerializationError(name, f"expected an ISO 8601 date, got {value!r}") from None


def iso(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _expect_object(data: object) -> None:
    if not isinstance(data, Mapping):
        raise SerializationError("(root)", f"expected an object, got {_json_name(type(data))}")


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
