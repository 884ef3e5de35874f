"""Gmail's ``format=full`` message JSON to a :class:`ParsedMessage` fit for summarizing.

Mail in the wild is broken in every way a parser can imagine: headers without encoded-word
markers, bodies in charsets Python has never heard of, base64 with missing padding, HTML-only
newsletters, replies quoting ten earlier replies, and mail built to hurt: NUL bytes, MIME
nested a thousand deep, 20 MB bodies, headers of 200,000 characters, right-to-left overrides,
dates in year 1. One bad message must never cost the user the whole digest, so:

* every step degrades to a best-effort value and records what went wrong in
  ``ParsedMessage.problems`` (and, when the reader should know, ``note``) instead of raising;
* everything is bounded (see the limits below and in ``digests.mailparts``), so no input
  takes more than a bounded time;
* every text field comes out storable and safe to show (``digests.textsafety``);
* ``safe_parse`` is the guard around it all: should parsing still fail, the message is kept
  with whatever headers could be read and a note, and only its id and the exception class
  are logged.

The pieces live beside this module: ``mailparts`` (headers, addresses, MIME parts),
``htmltext`` (visible text of HTML), ``replies`` (quoted text and signatures) and
``invitations`` (calendar parts); the names below are re-exported for callers.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from digests.htmltext import MAX_HTML_CHARS, html_to_text, tidy, visible_and_hidden_text
from digests.invitations import CalendarEvent, parse_calendar
from digests.mailparts import (
    MAX_PART_BYTES,
    Part,
    addresses,
    as_text,
    decode_body_data,
    decode_bytes,
    decode_header_value,
    header_all,
    header_map,
    sender,
    walk_parts,
)
from digests.replies import clean_for_summary
from digests.textsafety import (
    display_line,
    display_text,
    sane_datetime,
    storable_text,
    without_hidden_prefix,
)

__all__ = [
    "MAX_BODY_CHARS",
    "Attachment",
    "CalendarEvent",
    "ParsedMessage",
    "clean_for_summary",
    "decode_body_data",
    "decode_bytes",
    "decode_header_value",
    "html_to_text",
    "parse_calendar",
    "parse_message",
    "safe_parse",
]

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 256_000  # text analysed per message
MAX_BODY_BYTES = 4_000_000  # decoded across all body parts of one message
MAX_ATTACHMENTS = 100
MAX_LABELS = 100
_MAX_ID_CHARS = 64
_MAX_NAME_CHARS = 300
_MAX_ADDRESS_CHARS = 320
_MAX_SUBJECT_CHARS = 1_000
_MAX_SNIPPET_CHARS = 1_000
_MAX_FILENAME_CHARS = 255
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PARTIAL_NOTE = "Parts of this message were too large or too broken to read; open it in Gmail."
UNREADABLE_NOTE = "This message could not be read; open it in Gmail."
_DIGITS = re.compile(r"[0-9]{1,15}")

AUTOMATED_LABELS = frozenset(
    {"CATEGORY_PROMOTIONS", "CATEGORY_SOCIAL", "CATEGORY_UPDATES", "CATEGORY_FORUMS"}
)
_AUTOMATED_LOCAL_PART = re.compile(
    r"(^|[+._-])(no-?reply|do-?not-?reply|donotreply|notifications?|notify|alerts?|"
    r"mailer-daemon|postmaster|newsletters?|news|marketing|bounces?|billing|receipts?|"
    r"updates|digest|automated|system|bot)([+._-]|$)",
    re.IGNORECASE,
)
_MASS_MAIL_LABELS = frozenset({"CATEGORY_PROMOTIONS", "CATEGORY_SOCIAL", "CATEGORY_FORUMS"})


@dataclass(frozen=True)
class Attachment:
    name: str
    type: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "size": self.size}


@dataclass
class ParsedMessage:
    gmail_id: str
    thread_id: str
    from_name: str
    from_address: str
    to: list[str]
    cc: list[str]
    subject: str
    snippet: str
    received_at: datetime
    labels: list[str]
    body: str
    attachments: list[Attachment] = field(default_factory=list)
    calendar: CalendarEvent | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case name -> first value
    problems: list[str] = field(default_factory=list)  # for logs and tests: what was broken
    note: str = ""  # for the reader: why this message is shown incompletely, if it is
    received_at_estimated: bool = False  # internalDate was missing or out of range

    @property
    def clean_body(self) -> str:
        """The body without quoted replies and signature: what the sender wrote this time."""
        return clean_for_summary(self.body)

    @property
    def is_mailing_list(self) -> bool:
        return "list-id" in self.headers or "list-unsubscribe" in self.headers

    @property
    def is_mass_mail(self) -> bool:
        """Newsletters, promotions and social or forum notices: sent to a crowd."""
        precedence = self.headers.get("precedence", "").strip().lower()
        return bool(
            self.is_mailing_list
            or precedence in {"bulk", "list"}
            or _MASS_MAIL_LABELS & set(self.labels)
        )

    @property
    def is_automated(self) -> bool:
        """Sent by a machine or to a crowd: newsletters, receipts, notifications."""
        precedence = self.headers.get("precedence", "").strip().lower()
        auto_submitted = self.headers.get("auto-submitted", "no").strip().lower()
        local_part = self.from_address.partition("@")[0]
        return bool(
            self.is_mailing_list
            or precedence in {"bulk", "list", "junk"}
            or auto_submitted != "no"
            or _AUTOMATED_LOCAL_PART.search(local_part)
            or AUTOMATED_LABELS & set(self.labels)
        )

    def addressed_to(self, address: str) -> str:
        """ "to", "cc" or "" (list, Bcc or forwarded): how directly this mail concerns them."""
        address = address.lower()
        if address in (a.lower() for a in self.to):
            return "to"
        if address in (a.lower() for a in self.cc):
            return "cc"
        return ""


# --- the message ------------------------------------------------------------------------


def _received_at(
    message: Mapping[str, Any], headers: dict[str, str]
) -> tuple[datetime | None, str]:
    """Gmail's internalDate, else the Date header; None when neither is a sane date."""
    internal = as_text(message.get("internalDate"), 20)
    if _DIGITS.fullmatch(internal):
        try:
            moment = sane_datetime(_EPOCH + timedelta(milliseconds=int(internal)))
        except OverflowError:  # beyond year 9999
            moment = None
        if moment is not None:
            return moment, ""
        problem = "internalDate out of range"
    else:
        problem = "no internalDate"
    try:
        parsed = parsedate_to_datetime(headers.get("date", "")[:200])
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if (moment := sane_datetime(parsed)) is not None:
        return moment, f"{problem}: used the Date header"
    return None, f"{problem} and no usable Date header"


def _labels(message: Mapping[str, Any]) -> list[str]:
    labels = message.get("labelIds")
    if not isinstance(labels, list):
        return []
    return [display_line(as_text(label, 200), 100) for label in labels[:MAX_LABELS]]


def _attachment(name: str, mime_type: str, size: int) -> Attachment:
    return Attachment(
        display_line(name, _MAX_FILENAME_CHARS) or "(unnamed)", display_line(mime_type, 200), size
    )


@dataclass
class _Contents:
    """What the leaf parts hold: text, markup, files and the first invitation."""

    plain: list[str] = field(default_factory=list)
    markup: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    calendar: CalendarEvent | None = None


def _read_parts(
    parts: list[Part], subject: str, problems: list[str], limits: list[str]
) -> _Contents:
    """Decode each part within the message's byte budget; notes go to problems and limits."""
    contents = _Contents()
    budget = MAX_BODY_BYTES
    for part in parts:
        if part.is_attachment or part.data is None:
            if (part.is_attachment or part.filename) and len(
                contents.attachments
            ) < MAX_ATTACHMENTS:
                contents.attachments.append(_attachment(part.filename, part.mime_type, part.size))
            if part.mime_type in {"text/calendar", "application/ics"} and not contents.calendar:
                contents.calendar = CalendarEvent(summary=subject)
            if part.data is None or (part.is_attachment and part.mime_type != "text/calendar"):
                continue
        if budget <= 0:
            limits.append(f"body larger than {MAX_BODY_BYTES} bytes: parts skipped")
            break
        limit = min(MAX_PART_BYTES, budget)
        raw, repaired = decode_body_data(part.data, limit)
        budget -= len(raw)
        if repaired:
            problems.append(f"repaired broken base64 in a {part.mime_type} part")
        if len(raw) >= limit:
            limits.append(f"a {part.mime_type} part was cut at {limit} bytes")
        text = decode_bytes(raw, part.charset)
        if part.mime_type == "text/calendar":
            contents.calendar = parse_calendar(text, subject)
        elif part.mime_type == "text/plain":
            contents.plain.append(text)
        elif part.mime_type == "text/html":
            contents.markup.append(text)
    return contents


def parse_message(
    message: Mapping[str, Any], *, fallback_received_at: datetime | None = None
) -> ParsedMessage:
    """Best effort: whatever is broken is noted in ``problems``; nothing raises.

    ``fallback_received_at`` is the date given to a message with neither a sane internalDate
    nor a sane Date header (default: the epoch); such a message has ``received_at_estimated``.
    """
    if not isinstance(message, Mapping):
        message = {}
    problems: list[str] = []
    payload = message.get("payload") if isinstance(message.get("payload"), Mapping) else {}
    raw_headers = payload.get("headers") if isinstance(payload.get("headers"), list) else []
    headers = header_map(raw_headers)
    decoded = {name: decode_header_value(value) for name, value in headers.items()}
    from_name, from_address = sender(headers.get("from", ""))
    if not from_address:
        problems.append("no sender address")
    received_at, date_problem = _received_at(message, headers)
    if date_problem:
        problems.append(date_problem)

    subject = display_line(decoded.get("subject", ""), _MAX_SUBJECT_CHARS)
    parts, limits = walk_parts(payload)  # limits: what was cut or skipped, the reader is told
    contents = _read_parts(parts, subject, problems, limits)
    body = tidy("\n\n".join(contents.plain)[: MAX_BODY_CHARS * 2])
    snippet = _snippet(message.get("snippet"))
    if contents.markup and (snippet or not body):
        joined = "\n".join(contents.markup)
        visible, hidden = visible_and_hidden_text(joined)
        snippet = without_hidden_prefix(snippet, hidden)  # Gmail's snippet shows preheaders
        if not body:
            body = visible
            if len(joined) > MAX_HTML_CHARS:
                limits.append(f"HTML cut at {MAX_HTML_CHARS} characters")
    if len(body) > MAX_BODY_CHARS:
        limits.append(f"body text cut at {MAX_BODY_CHARS} characters")
    gmail_id = display_line(as_text(message.get("id"), 200), _MAX_ID_CHARS)
    thread_id = as_text(message.get("threadId"), 200) or gmail_id
    return ParsedMessage(
        gmail_id=gmail_id,
        thread_id=display_line(thread_id, _MAX_ID_CHARS),
        from_name=display_line(from_name, _MAX_NAME_CHARS),
        from_address=display_line(from_address, _MAX_ADDRESS_CHARS),
        to=[storable_text(a) for a in addresses(header_all(raw_headers, "to"))],
        cc=[storable_text(a) for a in addresses(header_all(raw_headers, "cc"))],
        subject=subject,
        snippet=snippet,
        received_at=received_at or fallback_received_at or _EPOCH,
        labels=_labels(message),
        body=display_text(body, MAX_BODY_CHARS),
        attachments=contents.attachments,
        calendar=contents.calendar,
        headers={storable_text(k): storable_text(v) for k, v in decoded.items()},
        problems=problems + limits,
        note=PARTIAL_NOTE if limits else "",
        received_at_estimated=received_at is None or bool(date_problem),
    )


def _snippet(snippet: Any) -> str:
    """Gmail HTML-escapes snippets ("don&#39;t")."""
    return display_line(html.unescape(as_text(snippet, _MAX_SNIPPET_CHARS * 2)), 1_000)


# --- the guard --------------------------------------------------------------------------


def safe_parse(message: Any, *, fallback_received_at: datetime | None = None) -> ParsedMessage:
    """``parse_message``, or, should it fail anyway, the headers that can be read and a note.

    Only the message id and the exception class are logged: never mail content.
    """
    try:
        return parse_message(message, fallback_received_at=fallback_received_at)
    except Exception as exc:
        gmail_id = _read(lambda: display_line(as_text(message.get("id"), 200), _MAX_ID_CHARS))
        logger.warning(
            "could not parse message %s (%s); listing its headers only",
            gmail_id or "(no id)",
            type(exc).__name__,
        )
        return headers_only(message, exc, fallback_received_at=fallback_received_at)


def _read(get: Any, default: Any = "") -> Any:
    """``get()``, or ``default`` if even that fails."""
    try:
        return get()
    except Exception:
        return default


def headers_only(
    message: Any, exc: BaseException, *, fallback_received_at: datetime | None = None
) -> ParsedMessage:
    """The message as far as its plainest fields go; used when parsing failed."""
    if not isinstance(message, Mapping):
        message = {}
    headers = _read(lambda: header_map(message["payload"]["headers"]), {})
    gmail_id = _read(lambda: display_line(as_text(message.get("id"), 200), _MAX_ID_CHARS))
    raw_from = headers.get("from", "")[:1_000]
    name, _, address = raw_from.rpartition("<")
    received_at = _read(lambda: _received_at(message, headers)[0], None)
    return ParsedMessage(
        gmail_id=gmail_id,
        thread_id=_read(lambda: display_line(as_text(message.get("threadId"), 200), _MAX_ID_CHARS))
        or gmail_id,
        from_name=display_line(name.strip(' "'), _MAX_NAME_CHARS),
        from_address=display_line(address.strip(" >") if name else raw_from, _MAX_ADDRESS_CHARS),
        to=[],
        cc=[],
        subject=display_line(headers.get("subject", ""), _MAX_SUBJECT_CHARS),
        snippet="",
        received_at=received_at or fallback_received_at or _EPOCH,
        labels=_read(lambda: _labels(message), []),
        body="",
        problems=[f"could not be parsed: {type(exc).__name__}"],
        note=UNREADABLE_NOTE,
        received_at_estimated=received_at is None,
    )
