"""The answer's JSON schema, sent to the model and checked again here, deviation by deviation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from digests.models import Urgency
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem, ProviderError, truncate

SCHEMA_NAME = "digest_analysis"
SUMMARY_CHARS = 160  # the rubric's one line
REASON_CHARS = 100
OVERVIEW_CHARS = 400
ITEM_CHARS = 200
_ITEM_HAS_TIME = "time" in {f.name for f in dataclasses.fields(ActionItem)}


def answer_schema(item_ids: Sequence[str]) -> dict[str, Any]:
    """Strict-mode compatible: every property required, nothing else allowed, ids enumerated."""
    action_item = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text", "due", "time"],
        "properties": {
            "text": {"type": "string"},
            "due": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "time": {"type": ["string", "null"], "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"},
        },
    }
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "summary", "urgency", "reason", "action_items"],
        "properties": {
            "id": {"type": "string", "enum": list(item_ids)},
            "summary": {"type": "string"},
            "urgency": {"type": "string", "enum": list(Urgency.values)},
            "reason": {"type": "string"},
            "action_items": {"type": "array", "items": action_item},
        },
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["overview", "messages"],
        "properties": {
            "overview": {"type": "string"},
            "messages": {"type": "array", "items": entry},
        },
    }


@dataclass(frozen=True)
class Entry:
    """A model's analysis of one message, checked."""

    summary: str
    urgency: Urgency
    reason: str
    action_items: tuple[ActionItem, ...]


@dataclass(frozen=True)
class Answer:
    overview: str
    entries: dict[str, Entry]  # by the item id of the prompt


def parse_answer_text(text: str, item_ids: Sequence[str]) -> Answer:
    """Parse model text (a code fence around it is tolerated) and check it."""
    stripped = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise ProviderError(f"answer is not JSON ({exc.msg} at {exc.pos})") from None
    return parse_answer(data, item_ids)


def parse_answer(data: Any, item_ids: Sequence[str]) -> Answer:
    """Check a parsed answer against the schema; the first deviation is a ProviderError.

    Errors name the place and the rule, never the offending text: it may quote mail.
    """
    errors = sorted(
        Draft202012Validator(answer_schema(item_ids)).iter_errors(data), key=_document_order
    )
    if errors:
        raise ProviderError(f"answer does not match the schema: {_describe(errors[0])}")
    entries: dict[str, Entry] = {}
    for index, raw in enumerate(data["messages"]):
        where = f"messages[{index}]"
        if raw["id"] in entries:
            raise ProviderError(f"{where}.id: {raw['id']!r} appears twice")
        summary = raw["summary"].strip()
        if not summary:
            raise ProviderError(f"{where}.summary: is empty")
        entries[raw["id"]] = Entry(
            summary=truncate(summary, SUMMARY_CHARS),
            urgency=Urgency(raw["urgency"]),
            reason=truncate(raw["reason"].strip(), REASON_CHARS),
            action_items=_action_items(raw["action_items"], where),
        )
    return Answer(truncate(data["overview"].strip(), OVERVIEW_CHARS), entries)


def _action_items(raw: list[dict[str, Any]], where: str) -> tuple[ActionItem, ...]:
    items = []
    for index, item in enumerate(raw[:MAX_ACTION_ITEMS]):
        text = item["text"].strip()
        if not text:
            raise ProviderError(f"{where}.action_items[{index}].text: is empty")
        try:
            due = dt.date.fromisoformat(item["due"]) if item["due"] else None
        except ValueError:
            raise ProviderError(f"{where}.action_items[{index}].due: not a real date") from None
        at = dt.time.fromisoformat(item["time"]) if item["time"] and due else None
        items.append(action_item(truncate(text, ITEM_CHARS), due, at))
    return tuple(items)


def action_item(text: str, due: dt.date | None, at: dt.time | None) -> ActionItem:
    """An item with its time of day where ActionItem has one (the analyzer is adding it)."""
    if at is not None and _ITEM_HAS_TIME:
        return ActionItem(text, due, time=at)  # type: ignore[call-arg]
    return ActionItem(text, due)


def _document_order(error: ValidationError) -> list[tuple[int, str]]:
    return [(p, "") if isinstance(p, int) else (-1, str(p)) for p in error.absolute_path]


def _describe(error: ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    path = path.lstrip(".") or "(root)"
    rule, expected = error.validator, error.validator_value
    if rule == "required":
        missing = [name for name in expected if name not in error.instance]
        return f"{path}: missing {', '.join(missing)}"
    if rule == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"{path}: unexpected {', '.join(extra)}"
    if rule == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return f"{path}: expected {' or '.join(kinds)}, got {_json_type(error.instance)}"
    if rule == "enum" and path.endswith(".id"):
        return f"{path}: not an id that was sent"
    if rule == "enum":
        return f"{path}: expected one of {', '.join(map(str, expected))}"
    if rule == "pattern" and path.endswith(".time"):
        return f"{path}: expected a time as HH:MM"
    if rule == "pattern":
        return f"{path}: expected a date as YYYY-MM-DD"
    return f"{path}: fails {rule}"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {dict: "object", list: "array", str: "string", int: "integer", float: "number"}.get(
        type(value), type(value).__name__
    )
