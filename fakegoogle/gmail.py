"""Gmail's data model and resource shapes: mailboxes, messages, history, partial responses.

Nothing here locks or authenticates; :class:`fakegoogle.state.FakeGoogle` does both and then
calls these functions with the mailbox of the authenticated user. MIME is walked with the
stdlib ``email`` package so the payload tree is what a real parser makes of the real bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from functools import cached_property
from html.parser import HTMLParser
from typing import Any

from fakegoogle.errors import GoogleApiError, bad_request, not_found
from fakegoogle.oauth import GMAIL_PREFIX, MAIL_FULL
from fakegoogle.query import parse_query

_READ = frozenset({MAIL_FULL, *(GMAIL_PREFIX + s for s in ("modify", "readonly", "metadata"))})
METADATA_SCOPE = GMAIL_PREFIX + "metadata"

# From the discovery document's per-method "scopes" (add-on scopes left out).
METHOD_SCOPES: dict[str, frozenset[str]] = {
    "getProfile": _READ | {GMAIL_PREFIX + "compose"},
    "messages.list": _READ,
    "messages.get": _READ,
    "messages.attachments.get": _READ - {METADATA_SCOPE},
    "history.list": _READ,
    "messages.send": frozenset(
        {MAIL_FULL, *(GMAIL_PREFIX + s for s in ("compose", "modify", "send"))}
    ),
    "messages.modify": frozenset({MAIL_FULL, GMAIL_PREFIX + "modify"}),
}

# https://developers.google.com/gmail/api/reference/quota
QUOTA_UNITS: dict[str, int] = {
    "getProfile": 1,
    "messages.list": 5,
    "messages.get": 5,
    "messages.attachments.get": 5,
    "history.list": 2,
    "messages.send": 100,
    "messages.modify": 5,
}

SYSTEM_LABELS = frozenset(
    {
        "INBOX",
        "SENT",
        "DRAFT",
        "UNREAD",
        "STARRED",
        "IMPORTANT",
        "SPAM",
        "TRASH",
        "CATEGORY_PERSONAL",
        "CATEGORY_SOCIAL",
        "CATEGORY_PROMOTIONS",
        "CATEGORY_UPDATES",
        "CATEGORY_FORUMS",
    }
)
_NOT_MODIFIABLE = frozenset({"SENT", "DRAFT"})
HISTORY_TYPES = ("messageAdded", "messageDeleted", "labelAdded", "labelRemoved")
_HISTORY_KEYS = {
    "messageAdded": "messagesAdded",
    "messageDeleted": "messagesDeleted",
    "labelAdded": "labelsAdded",
    "labelRemoved": "labelsRemoved",
}
FIRST_HISTORY_ID = 100_000
SNIPPET_LENGTH = 200
_PARSER = BytesParser(policy=policy.default)
_HEADER_PARSER = BytesHeaderParser(policy=policy.compat32)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def b64url_decode(data: str, what: str) -> bytes:
    """Accept base64url with or without padding (clients differ), and plain base64."""
    cleaned = re.sub(r"\s", "", data).replace("+", "-").replace("/", "_")
    try:
        return base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except ValueError as exc:
        raise bad_request(f"Invalid value for ByteString: {what} is not base64url") from exc


class _TextExtractor(HTMLParser):
    """HTML to plain words for snippets and search; skips what a reader never sees."""

    _HIDDEN = frozenset({"script", "style", "head", "title"})
    _BLOCK = frozenset({"p", "br", "div", "tr", "li", "h1", "h2", "h3", "td", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth += 1
        elif tag in self._BLOCK:
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.chunks.append(data)


def html_to_text(markup: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return " ".join("".join(extractor.chunks).split())


def decoded_text(part: EmailMessage) -> str:
    """The part's text in Unicode; unknown charsets degrade instead of failing the request."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError):
        return (part.get_payload(decode=True) or b"").decode("utf-8", "replace")


def parse_message(raw: bytes) -> EmailMessage:
    message = _PARSER.parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


@dataclass(eq=False)
class StoredMessage:
    id: str
    thread_id: str
    raw: bytes
    internal_date: int  # milliseconds since the epoch, like Gmail's internalDate
    label_ids: set[str]
    history_id: int
    # A Gmail message resource stored as given (see FakeGoogle.add_resource): served for
    # format=full instead of one built from ``raw``, for shapes no RFC 822 text can make.
    resource: dict[str, Any] | None = None

    @cached_property
    def parsed(self) -> EmailMessage:
        return parse_message(self.raw)

    def header_text(self, name: str) -> str:
        return ", ".join(str(value).strip() for value in self.parsed.get_all(name) or [])

    @cached_property
    def body_text(self) -> str:
        part = self.parsed.get_body(preferencelist=("plain", "html"))
        if not isinstance(part, EmailMessage):
            return ""
        text = decoded_text(part)
        return html_to_text(text) if part.get_content_subtype() == "html" else text

    @cached_property
    def snippet(self) -> str:
        # Gmail's snippets are HTML-escaped ("don&#39;t"); clients must unescape them.
        text = " ".join(self.body_text.split())[:SNIPPET_LENGTH]
        return html.escape(text, quote=True).replace("&#x27;", "&#39;")

    @cached_property
    def search_text(self) -> str:
        headers = (self.header_text(name) for name in ("Subject", "From", "To", "Cc"))
        return " ".join([*headers, self.body_text]).lower()

    @cached_property
    def has_attachment(self) -> bool:
        return any(part.get_filename() for part in self.parsed.walk())

    def ref(self) -> dict[str, Any]:
        return {"id": self.id, "threadId": self.thread_id}

    def label_ref(self) -> dict[str, Any]:
        return {**self.ref(), "labelIds": sorted(self.label_ids)}


@dataclass(frozen=True)
class HistoryRecord:
    id: int
    type: str  # one of HISTORY_TYPES
    message: dict[str, Any]  # {"id", "threadId", "labelIds"} as it was after the change
    changed_labels: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        ref = {"id": self.message["id"], "threadId": self.message["threadId"]}
        entry: dict[str, Any] = {"message": self.message}
        if self.changed_labels:
            entry["labelIds"] = list(self.changed_labels)
        return {"id": str(self.id), "messages": [ref], _HISTORY_KEYS[self.type]: [entry]}


@dataclass
class Mailbox:
    email: str
    messages: dict[str, StoredMessage] = field(default_factory=dict)
    history_id: int = FIRST_HISTORY_ID
    # Gmail keeps history for about a week; asking for anything older is a 404.
    history_floor: int = FIRST_HISTORY_ID
    history: list[HistoryRecord] = field(default_factory=list)
    _thread_by_message_id: dict[str, str] = field(default_factory=dict)

    def add(
        self,
        raw: bytes,
        *,
        message_id: str,
        labels: set[str],
        internal_date: int,
        thread_id: str | None = None,
        record_history: bool = True,
        resource: dict[str, Any] | None = None,
    ) -> StoredMessage:
        self.history_id += 1
        # Headers only, with the cheap compat32 policy: bodies are parsed when first read.
        headers = _HEADER_PARSER.parsebytes(raw)
        thread_id = thread_id or self._thread_of(headers) or message_id
        message = StoredMessage(
            message_id, thread_id, raw, internal_date, set(labels), self.history_id, resource
        )
        self.messages[message_id] = message
        header_id = str(headers.get("Message-ID", "")).strip()
        if header_id:
            self._thread_by_message_id.setdefault(header_id, thread_id)
        if record_history:
            self.history.append(HistoryRecord(self.history_id, "messageAdded", message.label_ref()))
        else:
            self.history_floor = self.history_id
        return message

    def has_thread(self, thread_id: str) -> bool:
        return any(message.thread_id == thread_id for message in self.messages.values())

    def _thread_of(self, headers: Message) -> str | None:
        """Gmail threads a reply onto the conversation its In-Reply-To/References point at."""
        referenced = " ".join(str(headers.get(name, "")) for name in ("In-Reply-To", "References"))
        for header_id in reversed(re.findall(r"<[^<>\s]+>", referenced)):
            if header_id in self._thread_by_message_id:
                return self._thread_by_message_id[header_id]
        return None

    def get(self, message_id: str) -> StoredMessage:
        try:
            return self.messages[message_id]
        except KeyError:
            raise not_found() from None

    def change_labels(self, message: StoredMessage, add: set[str], remove: set[str]) -> None:
        added = sorted(add - message.label_ids)
        removed = sorted(remove & message.label_ids)
        message.label_ids |= set(added)
        message.label_ids -= set(removed)
        for kind, labels in (("labelAdded", added), ("labelRemoved", removed)):
            if labels:
                self.history_id += 1
                message.history_id = self.history_id
                record = HistoryRecord(self.history_id, kind, message.label_ref(), tuple(labels))
                self.history.append(record)

    def expire_history(self) -> None:
        self.history_floor = self.history_id
        self.history.clear()

    def threads_total(self) -> int:
        return len({message.thread_id for message in self.messages.values()})


class Params:
    """Query-string access with Gmail's validation messages."""

    def __init__(self, query: dict[str, list[str]]) -> None:
        self._query = query

    def get(self, name: str, default: str | None = None) -> str | None:
        values = self._query.get(name)
        return values[-1] if values else default

    def get_all(self, name: str) -> list[str]:
        return [v for value in self._query.get(name, []) for v in value.split(",") if v]

    def integer(self, name: str, default: int, *, maximum: int | None = None) -> int:
        value = self.get(name)
        if value is None:
            return default
        if not value.isdigit() or int(value) < 1:
            raise bad_request(f"Invalid value for {name}: {value!r} is not a positive integer")
        return min(int(value), maximum) if maximum else int(value)

    def flag(self, name: str) -> bool:
        return (self.get(name) or "false").lower() == "true"

    def page_offset(self) -> int:
        token = self.get("pageToken")
        if token is None:
            return 0
        if not token.isdigit():
            raise bad_request(f"Invalid pageToken: {token!r}")
        return int(token)


def _page(
    items: list[Any], params: Params, default_size: int = 100
) -> tuple[list[Any], str | None]:
    offset = params.page_offset()
    size = params.integer("maxResults", default_size, maximum=500)
    next_offset = offset + size
    return items[offset:next_offset], (f"{next_offset:020d}" if next_offset < len(items) else None)


def get_profile(mailbox: Mailbox) -> dict[str, Any]:
    return {
        "emailAddress": mailbox.email,
        "messagesTotal": len(mailbox.messages),
        "threadsTotal": mailbox.threads_total(),
        "historyId": str(mailbox.history_id),
    }


def list_messages(
    mailbox: Mailbox, params: Params, now_ms: int, *, metadata_only: bool
) -> dict[str, Any]:
    q = params.get("q") or ""
    if q and metadata_only:
        raise GoogleApiError(403, "Metadata scope does not support 'q' parameter")
    query = parse_query(q, now_ms)
    label_ids = {label.upper() for label in params.get_all("labelIds")}
    spam_trash_too = params.flag("includeSpamTrash") or query.searches_spam_trash
    matching = [
        message
        for message in mailbox.messages.values()
        if label_ids <= message.label_ids
        and (spam_trash_too or not message.label_ids & {"SPAM", "TRASH"})
        and query.matches(message)
    ]
    matching.sort(key=lambda message: (message.internal_date, message.id), reverse=True)
    page, next_token = _page(matching, params)
    response: dict[str, Any] = {}
    if page:
        response["messages"] = [message.ref() for message in page]
    if next_token:
        response["nextPageToken"] = next_token
    response["resultSizeEstimate"] = len(matching)
    return response


def get_message(
    mailbox: Mailbox, message_id: str, params: Params, *, metadata_only: bool
) -> dict[str, Any]:
    message = mailbox.get(message_id)
    fmt = (params.get("format") or "full").lower()
    if fmt not in {"full", "metadata", "minimal", "raw"}:
        raise bad_request(f"Invalid value for format: {fmt!r} (full, metadata, minimal or raw)")
    if metadata_only and fmt in {"full", "raw"}:
        raise GoogleApiError(403, f"Metadata scope doesn't allow format {fmt.upper()}")
    resource: dict[str, Any] = {
        "id": message.id,
        "threadId": message.thread_id,
        "labelIds": sorted(message.label_ids),
        "snippet": message.snippet,
        "sizeEstimate": len(message.raw),
        "historyId": str(message.history_id),
        "internalDate": str(message.internal_date),
    }
    if fmt == "full" and message.resource is not None:
        # Stored as given, whatever its shape; only the ids are always the mailbox's own.
        return {**resource, **message.resource, "id": message.id, "threadId": message.thread_id}
    if fmt == "full":
        resource["payload"] = payload_json(message.parsed, "", message.id)
    elif fmt == "metadata":
        wanted = {name.lower() for name in params.get_all("metadataHeaders")}
        headers = _headers_json(message.parsed)
        if wanted:
            headers = [header for header in headers if header["name"].lower() in wanted]
        resource["payload"] = {"mimeType": message.parsed.get_content_type(), "headers": headers}
    elif fmt == "raw":
        resource["raw"] = b64url(message.raw)
    return resource


def _headers_json(part: EmailMessage) -> list[dict[str, str]]:
    """Header values as Gmail gives them: as written, unfolded, encoded-words decoded.

    Not the email package's re-rendering: that turns "github-actions[bot] <n@github.com>"
    into "github-actions", and a digest reader must see exactly what Gmail would send.
    """
    return [{"name": name, "value": _header_value(raw)} for name, raw in part.raw_items()]


def _header_value(raw: str) -> str:
    # Gmail trims what unfolding leaves behind ("Subject:\r\n Hello" is "Hello").
    unfolded = re.sub(r"\r?\n(?=[ \t])", "", str(raw)).strip()
    # Raw UTF-8 in a header (RFC 6532) reaches here as surrogate escapes; Gmail shows the text.
    unfolded = unfolded.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    try:
        return str(make_header(decode_header(unfolded)))
    except (HeaderParseError, LookupError, UnicodeError):
        return unfolded


def attachment_id(message_id: str, part_id: str) -> str:
    digest = hashlib.sha256(f"{message_id}/{part_id}".encode()).digest()
    return "ANGjdJ" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _leaf_bytes(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        return part.get_payload(0).as_bytes()
    return part.get_payload(decode=True) or b""


def payload_json(part: EmailMessage, part_id: str, message_id: str) -> dict[str, Any]:
    """The MessagePart tree of format=full: partIds "", "0", "0.1"...; files by attachmentId."""
    node: dict[str, Any] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part.get_filename() or "",
        "headers": _headers_json(part),
    }
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        node["body"] = {"size": 0}
        prefix = f"{part_id}." if part_id else ""
        node["parts"] = [
            payload_json(child, f"{prefix}{index}", message_id)
            for index, child in enumerate(part.iter_parts())
        ]
        return node
    data = _leaf_bytes(part)
    if node["filename"]:
        node["body"] = {"attachmentId": attachment_id(message_id, part_id), "size": len(data)}
    else:
        node["body"] = {"size": len(data), "data": b64url(data)}
    return node


def _walk_with_ids(part: EmailMessage, part_id: str = "") -> Iterator[tuple[str, EmailMessage]]:
    yield part_id, part
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        prefix = f"{part_id}." if part_id else ""
        for index, child in enumerate(part.iter_parts()):
            yield from _walk_with_ids(child, f"{prefix}{index}")


def get_attachment(mailbox: Mailbox, message_id: str, wanted_id: str) -> dict[str, Any]:
    message = mailbox.get(message_id)
    for part_id, part in _walk_with_ids(message.parsed):
        if part.get_filename() and attachment_id(message.id, part_id) == wanted_id:
            data = _leaf_bytes(part)
            return {"attachmentId": wanted_id, "size": len(data), "data": b64url(data)}
    raise bad_request(f"Invalid attachment token: {wanted_id!r}")


def list_history(mailbox: Mailbox, params: Params) -> dict[str, Any]:
    start = params.get("startHistoryId")
    if start is None or not start.isdigit():
        raise bad_request(f"Invalid startHistoryId: {start!r}")
    types = set(params.get_all("historyTypes")) or set(HISTORY_TYPES)
    if unknown := types - set(HISTORY_TYPES):
        raise bad_request(f"Invalid historyTypes: {sorted(unknown)} (use {list(HISTORY_TYPES)})")
    if int(start) < mailbox.history_floor:
        raise not_found()
    label = params.get("labelId")
    records = [
        record
        for record in mailbox.history
        if record.id > int(start)
        and record.type in types
        and (label is None or label in record.message["labelIds"] + list(record.changed_labels))
    ]
    page, next_token = _page(records, params)
    response: dict[str, Any] = {}
    if page:
        response["history"] = [record.to_json() for record in page]
    if next_token:
        response["nextPageToken"] = next_token
    response["historyId"] = str(mailbox.history_id)
    return response


def modify_message(mailbox: Mailbox, message_id: str, body: dict[str, Any]) -> dict[str, Any]:
    message = mailbox.get(message_id)
    add = _label_set(body, "addLabelIds")
    remove = _label_set(body, "removeLabelIds")
    if both := add & remove:
        raise bad_request(f"Labels cannot be both added and removed: {sorted(both)}")
    mailbox.change_labels(message, add, remove)
    return message.label_ref()


def _label_set(body: dict[str, Any], key: str) -> set[str]:
    labels = body.get(key) or []
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise bad_request(f"Invalid value for {key}: expected a list of label ids")
    for label in labels:
        if label not in SYSTEM_LABELS or label in _NOT_MODIFIABLE:
            raise bad_request(f"Invalid label: {label}")
    return set(labels)


def parse_fields(spec: str) -> dict[str, Any]:
    """Parse a partial-response selector such as ``id,payload/headers,messages(id,threadId)``."""
    tree, rest = _parse_field_list(spec.replace(" ", ""), spec)
    if rest:
        raise bad_request(f"Invalid field selection {spec!r}: unexpected {rest!r}")
    return tree


def _parse_field_list(text: str, spec: str) -> tuple[dict[str, Any], str]:
    tree: dict[str, Any] = {}
    while True:
        match = re.match(r"[A-Za-z_*][\w*]*(?:/[A-Za-z_*][\w*]*)*", text)
        if not match:
            raise bad_request(f"Invalid field selection {spec!r}")
        node = tree
        for name in match.group().split("/"):
            node = node.setdefault(name, {})
        text = text[match.end() :]
        if text.startswith("("):
            subtree, text = _parse_field_list(text[1:], spec)
            if not text.startswith(")"):
                raise bad_request(f"Invalid field selection {spec!r}: unbalanced parentheses")
            node.update(subtree)
            text = text[1:]
        if not text.startswith(","):
            return tree, text
        text = text[1:]


def apply_fields(value: Any, tree: dict[str, Any]) -> Any:
    if not tree or "*" in tree:
        return value
    if isinstance(value, list):
        return [apply_fields(item, tree) for item in value]
    if isinstance(value, dict):
        return {key: apply_fields(value[key], sub) for key, sub in tree.items() if key in value}
    return value
