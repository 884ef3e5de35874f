"""The pieces of a Gmail message resource: headers, addresses, MIME parts and their bytes.

Everything here is bounded, because mail is written by strangers: header values are read up
to a cap, the MIME tree is walked without recursion to a fixed depth and part count, body data
is decoded up to a byte budget, and no regular expression can backtrack super-linearly. Bad
input degrades to a best-effort value; nothing raises.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr
from typing import Any

__all__ = [
    "MAX_ADDRESSES",
    "MAX_ADDRESS_HEADER_CHARS",
    "MAX_HEADERS",
    "MAX_HEADER_CHARS",
    "MAX_HEADER_TOTAL_CHARS",
    "MAX_MIME_DEPTH",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "Part",
    "addresses",
    "as_count",
    "as_text",
    "content_type_params",
    "decode_body_data",
    "decode_bytes",
    "decode_header_value",
    "header_all",
    "header_map",
    "sender",
    "walk_parts",
]

MAX_HEADER_CHARS = 16_000  # any one header value, read this far (RFC 5322 lines are 998)
MAX_ADDRESS_HEADER_CHARS = 64_000  # To and Cc, which legitimately list many people
MAX_ADDRESSES = 200  # kept per To or Cc
MAX_HEADERS = 500  # header fields read per part
MAX_HEADER_TOTAL_CHARS = 256_000  # all header values of one part together
MAX_MIME_DEPTH = 32  # real mail nests 3 or 4 levels; deeper parts are skipped
MAX_PARTS = 500  # leaf parts read per message
MAX_PART_BYTES = 1_000_000  # decoded bytes per body part
_MAX_FILENAME_CHARS = 1_000
_MAX_MIME_TYPE_CHARS = 200

# An address inside free text. The look-behind makes every match start at the beginning of a
# run of address characters, so a 200,000-character header without "@" is scanned once.
_ADDRESS_IN_TEXT = re.compile(r"(?<![\w.+-])[\w.+-]{1,200}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}")
_PARAMETER = re.compile(r'(?<![\w*-])([\w*-]{1,100})\s{0,20}=\s{0,20}("([^"]{0,2000})"|[^;\s]+)')
_NOT_BASE64URL = re.compile(r"[^A-Za-z0-9_\-+/]")
_WHITESPACE = re.compile(r"\s")


# --- headers ----------------------------------------------------------------------------


def decode_header_value(value: str) -> str:
    """Decode RFC 2047 encoded words; unknown charsets and bad bytes degrade, never raise."""
    value = value[:MAX_HEADER_CHARS]
    if "=?" not in value:
        return _unfold(value)
    try:
        chunks = decode_header(value)
    except (ValueError, binascii.Error, AssertionError, LookupError, TypeError, MessageError):
        return _unfold(value)
    try:
        return _unfold(str(make_header(chunks)))
    except (LookupError, UnicodeError, ValueError, TypeError, AssertionError, MessageError):
        # MessageError: CharsetError for a charset name that is not ASCII
        words = (c if isinstance(c, str) else decode_bytes(c, cs) for c, cs in chunks)
        return _unfold("".join(words))


def _unfold(value: str) -> str:
    return " ".join(value.split())


def as_text(value: Any, limit: int) -> str:
    """A JSON scalar as text of at most ``limit`` characters; lists, dicts and null are ""."""
    if isinstance(value, str):
        return value[:limit]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)[:limit]
    return ""


def as_count(value: Any) -> int:
    """A non-negative integer from a JSON number or digit string; anything else is 0."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value < 10**15 else 0
    text = as_text(value, 20)
    return int(text) if text.isascii() and text.isdigit() and len(text) < 16 else 0


def _header_pairs(headers: list[Any]) -> list[tuple[str, str]]:
    """(lower-case name, value) of well-formed header entries, the first MAX_HEADERS only."""
    pairs = []
    budget = MAX_HEADER_TOTAL_CHARS
    for header in headers[:MAX_HEADERS]:
        if isinstance(header, Mapping) and budget > 0:
            name = as_text(header.get("name"), 200).strip().lower()
            limit = MAX_ADDRESS_HEADER_CHARS if name in {"to", "cc"} else MAX_HEADER_CHARS
            value = as_text(header.get("value"), min(limit, budget))
            budget -= len(value)
            pairs.append((name, value))
    return pairs


def header_map(headers: list[Any]) -> dict[str, str]:
    """Lower-case header name to its first value."""
    result: dict[str, str] = {}
    for name, value in _header_pairs(headers):
        if name and name not in result:
            result[name] = value
    return result


def header_all(headers: list[Any], name: str) -> list[str]:
    """Every value of one header (To may come more than once)."""
    return [value for found, value in _header_pairs(headers) if found == name]


def addresses(values: list[str]) -> list[str]:
    """The e-mail addresses in address headers, at most MAX_ADDRESSES."""
    found: list[str] = []
    budget = MAX_ADDRESS_HEADER_CHARS
    for value in values:
        value, budget = value[:budget], budget - len(value)
        try:
            pairs = getaddresses([value])
        except (ValueError, TypeError, IndexError, RecursionError):  # "((((": nested comments
            pairs = [("", match.group()) for match in _ADDRESS_IN_TEXT.finditer(value)]
        found.extend(address[:320] for _, address in pairs if "@" in address)
        if len(found) >= MAX_ADDRESSES or budget <= 0:
            break
    return found[:MAX_ADDRESSES]


def sender(raw_from: str) -> tuple[str, str]:
    """The From header's display name and address."""
    raw_from = raw_from[:MAX_HEADER_CHARS]
    try:
        name, address = parseaddr(raw_from)
    except (ValueError, TypeError, IndexError, RecursionError):  # "((((": nested comments
        name, address = "", ""
    if "@" not in address:
        # parseaddr gives up on forms like "github-actions[bot] <n@github.com>": find the
        # address by hand, and keep a bare name ("undisclosed") as the name at least.
        found = _ADDRESS_IN_TEXT.search(raw_from)
        address = found.group() if found else ""
        name = raw_from[: found.start()] if found else raw_from
    return decode_header_value(name).strip(' "<>'), address.strip()


# --- bodies -----------------------------------------------------------------------------


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Text in the declared charset; a wrong or unknown declaration falls back, never raises.

    Mislabelled mail is common ("us-ascii" holding UTF-8, "utf-8" holding Windows-1252), so a
    strict decode is tried with the declared charset, then UTF-8, then Windows-1252, and only
    then does anything get replaced.
    """
    declared = _text_codec(charset)
    candidates = [*([declared] if declared else []), "utf-8", "cp1252"]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError, ValueError, TypeError):
            continue
    return data.decode("utf-8", errors="replace")


def _text_codec(charset: str | None) -> str | None:
    """The codec for a declared charset, refusing names like "base64" that are not text."""
    if not charset or len(charset) > 100:
        return None
    try:
        info = codecs.lookup(charset.strip().strip('"'))
    except (LookupError, ValueError, TypeError):  # ValueError: a name holding NUL
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_body_data(data: str, limit: int = MAX_PART_BYTES) -> tuple[bytes, bool]:
    """Gmail's base64url body data, at most ``limit`` bytes; and whether it was repaired."""
    # Four characters make three bytes; a little slack for whitespace that is dropped.
    cleaned = _WHITESPACE.sub("", data[: (limit // 3 + 1) * 4 + 4096])
    cleaned = cleaned[: (limit // 3 + 1) * 4]
    try:
        padded = cleaned + "=" * (-len(cleaned) % 4)
        return base64.b64decode(padded, altchars=b"-_", validate=True)[:limit], False
    except (binascii.Error, ValueError):
        pass
    usable = _NOT_BASE64URL.sub("", cleaned).replace("+", "-").replace("/", "_")
    usable = usable[: len(usable) - len(usable) % 4]
    try:
        return base64.urlsafe_b64decode(usable)[:limit], True
    except (binascii.Error, ValueError):
        return b"", True


def content_type_params(value: str) -> tuple[str, dict[str, str]]:
    """A Content-Type's lower-case type and its parameters (charset, name...)."""
    kind, _, rest = value[:MAX_HEADER_CHARS].partition(";")
    params: dict[str, str] = {}
    for match in _PARAMETER.finditer(rest):
        params.setdefault(match.group(1).lower(), match.group(3) or match.group(2).strip('"'))
    return kind.strip().lower(), params


@dataclass
class Part:
    mime_type: str
    filename: str
    headers: dict[str, str]
    size: int
    data: str | None  # base64url, absent for attachments served by attachmentId

    @property
    def charset(self) -> str | None:
        return content_type_params(self.headers.get("content-type", ""))[1].get("charset")

    @property
    def is_attachment(self) -> bool:
        disposition = self.headers.get("content-disposition", "").lower()
        return bool(self.filename) or disposition.startswith("attachment")


def walk_parts(payload: Mapping[str, Any]) -> tuple[list[Part], list[str]]:
    """The leaf parts in document order, without recursion; and what had to be skipped."""
    leaves: list[Part] = []
    problems: list[str] = []
    stack: list[tuple[Mapping[str, Any], int]] = [(payload, 0)]
    while stack:
        node, depth = stack.pop()
        children = node.get("parts")
        if isinstance(children, list) and children:
            if depth >= MAX_MIME_DEPTH:
                _note(problems, f"MIME nested deeper than {MAX_MIME_DEPTH} levels: skipped")
                continue
            mappings = [child for child in children if isinstance(child, Mapping)]
            stack.extend((child, depth + 1) for child in reversed(mappings))
            continue
        if len(leaves) >= MAX_PARTS:
            _note(problems, f"more than {MAX_PARTS} MIME parts: the rest skipped")
            break
        leaves.append(_leaf(node))
    return leaves, problems


def _note(problems: list[str], problem: str) -> None:
    if problem not in problems:
        problems.append(problem)


def _leaf(node: Mapping[str, Any]) -> Part:
    body = node.get("body") if isinstance(node.get("body"), Mapping) else {}
    headers = node.get("headers") if isinstance(node.get("headers"), list) else []
    data = body.get("data")
    return Part(
        mime_type=(as_text(node.get("mimeType"), _MAX_MIME_TYPE_CHARS) or "text/plain").lower(),
        filename=decode_header_value(as_text(node.get("filename"), _MAX_FILENAME_CHARS)),
        headers=header_map(headers),
        size=as_count(body.get("size")),
        data=data if isinstance(data, str) else None,
    )
