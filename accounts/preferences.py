"""The shape of ``User.digest_preferences``, with defaults and validation.

Stored as JSON so new preferences need no migration, yet validated on every write so the
scheduler never meets a shape it does not understand::

    {
      "query": "",                   # extra Gmail search terms; "" uses the site default
      "max_items": 25,               # most messages listed in one digest, 1..100
      "deliver_email": true,         # send the digest by email (it is always kept in the UI)
      "send_from_gmail": false       # send from the user's own Gmail (needs gmail.send)
    }

When digests come and whether they are paused is not here: each of the person's schedules
is a ``digests.Schedule`` row. The retired keys ``schedule`` and ``paused`` (moved there by
the digests migration 0003_schedules) are dropped when met, never an error.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

RETIRED_KEYS = frozenset({"schedule", "paused"})


def default_preferences() -> dict[str, Any]:
    return {
        "query": "",
        "max_items": 25,
        "deliver_email": True,
        "send_from_gmail": False,
    }


def clean_preferences(value: Any) -> dict[str, Any]:
    """Return the preferences with defaults filled in, or raise a ValidationError per key."""
    if not isinstance(value, dict):
        raise ValidationError("Digest preferences must be a JSON object.")
    cleaned = default_preferences()
    errors: dict[str, str] = {}
    for key, item in value.items():
        if key in RETIRED_KEYS:
            continue
        if key not in cleaned:
            errors[key] = f"Unknown preference {key!r}."
            continue
        expected = type(cleaned[key])
        if type(item) is not expected:
            errors[key] = f"Expected {expected.__name__}, got {type(item).__name__}."
            continue
        cleaned[key] = item
    if "max_items" not in errors and not 1 <= cleaned["max_items"] <= 100:
        errors["max_items"] = "Expected 1..100."
    if errors:
        raise ValidationError([f"{key}: {message}" for key, message in errors.items()])
    return cleaned


def validate_preferences(value: Any) -> None:
    clean_preferences(value)
