"""The subset of Gmail's search language (the ``q`` parameter) that GDA relies on.

Supported: ``is:`` ``in:`` ``label:`` ``category:`` ``from:`` ``to:`` ``cc:`` ``subject:``
``rfc822msgid:`` ``after:`` ``before:`` (epoch seconds or YYYY/MM/DD, UTC) ``newer_than:``
``older_than:`` (``Nh``/``Nd``/``Nm``/``Ny``) ``has:attachment``, free words and "quoted
phrases" (all ANDed), and ``-`` negation of any term. Anything else fails loudly with a 400
instead of silently returning the wrong messages, so a test can never pass on a query the fake
misunderstood.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from fakegoogle.errors import bad_request

_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z_][A-Za-z0-9_]*):)?(?:"([^"]*)"|(\S+))')
_UNSUPPORTED_WORDS = {"OR", "AROUND"}
_UNIT_MS = {"h": 3_600_000, "d": 86_400_000, "m": 30 * 86_400_000, "y": 365 * 86_400_000}
_IN_ALIASES = {"anywhere": None, "inbox": "INBOX", "sent": "SENT", "spam": "SPAM", "trash": "TRASH"}
_IS_LABEL = {"unread": "UNREAD", "starred": "STARRED", "important": "IMPORTANT"}


class Searchable(Protocol):
    label_ids: set[str]
    internal_date: int

    def header_text(self, name: str) -> str: ...

    @property
    def search_text(self) -> str: ...

    @property
    def has_attachment(self) -> bool: ...


Predicate = Callable[[Searchable], bool]


@dataclass(frozen=True)
class Query:
    predicates: tuple[Predicate, ...]
    # in:spam / in:trash / in:anywhere lift Gmail's default exclusion of spam and trash.
    searches_spam_trash: bool

    def matches(self, message: Searchable) -> bool:
        return all(predicate(message) for predicate in self.predicates)


def parse_query(q: str, now_ms: int) -> Query:
    predicates: list[Predicate] = []
    searches_spam_trash = False
    for negated, operator, quoted, bare in _TOKEN.findall(q):
        value = quoted if quoted or bare == "" else bare
        if operator and not value:
            value, operator = f"{operator}:", ""
        if (not operator and value in _UNSUPPORTED_WORDS) or value.startswith(("(", "{")):
            raise bad_request(f"fakegoogle does not support {value!r} in q={q!r}")
        if not operator and value == "AND":
            continue
        predicate = _predicate(operator.lower(), value, now_ms, q)
        if operator.lower() == "in" and value.lower() in {"spam", "trash", "anywhere"}:
            searches_spam_trash = searches_spam_trash or not negated
        predicates.append(_negate(predicate) if negated else predicate)
    return Query(tuple(predicates), searches_spam_trash)


def _negate(predicate: Predicate) -> Predicate:
    return lambda message: not predicate(message)


def _has_label(label: str) -> Predicate:
    return lambda message: label in message.label_ids


def _predicate(operator: str, value: str, now_ms: int, q: str) -> Predicate:
    lowered = value.lower()
    if operator == "":
        return lambda message: lowered in message.search_text
    if operator in {"from", "to", "cc", "bcc", "subject"}:
        return lambda message: lowered in message.header_text(operator).lower()
    if operator == "rfc822msgid":
        wanted = value.strip().strip("<>")
        return lambda message: wanted == message.header_text("Message-ID").strip().strip("<>")
    if operator == "label":
        return _has_label(re.sub(r"[-\s/]", "_", value).upper())
    if operator == "category":
        return _has_label(f"CATEGORY_{value.upper()}")
    if operator == "in" and lowered in _IN_ALIASES:
        label = _IN_ALIASES[lowered]
        return (lambda message: True) if label is None else _has_label(label)
    if operator == "is" and lowered == "read":
        return _negate(_has_label("UNREAD"))
    if operator == "is" and lowered in _IS_LABEL:
        return _has_label(_IS_LABEL[lowered])
    if operator == "has" and lowered == "attachment":
        return lambda message: message.has_attachment
    if operator in {"after", "before"}:
        ms = _parse_date_ms(value, q)
        if operator == "after":
            return lambda message: message.internal_date >= ms
        return lambda message: message.internal_date < ms
    if operator in {"newer_than", "older_than"}:
        cutoff = now_ms - _parse_age_ms(value, q)
        if operator == "newer_than":
            return lambda message: message.internal_date >= cutoff
        return lambda message: message.internal_date < cutoff
    raise bad_request(f"fakegoogle does not support the search term {operator}:{value} in q={q!r}")


def _parse_date_ms(value: str, q: str) -> int:
    if value.isdigit():
        return int(value) * 1000
    match = re.fullmatch(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})", value)
    if not match:
        raise bad_request(f"Invalid date {value!r} in q={q!r}: use epoch seconds or YYYY/MM/DD")
    year, month, day = (int(part) for part in match.groups())
    try:
        return int(datetime(year, month, day, tzinfo=UTC).timestamp()) * 1000
    except ValueError as exc:
        raise bad_request(f"Invalid date {value!r} in q={q!r}: {exc}") from exc


def _parse_age_ms(value: str, q: str) -> int:
    match = re.fullmatch(r"(\d+)([hdmy])", value.lower())
    if not match:
        raise bad_request(f"Invalid age {value!r} in q={q!r}: use e.g. 2d, 12h, 1m or 1y")
    return int(match.group(1)) * _UNIT_MS[match.group(2)]
