"""Gmail's ``format=full`` message JSON to a :class:`ParsedMessage` fit for summarizing.

Mail in the wild is broken in every way a parser can imagine: headers without encoded-word
markers, bodies in charsets Python has never heard of, base64 with missing padding, HTML-only
newsletters, replies quoting ten earlier replies. One bad message must never cost the user the
whole digest, so every step here degrades to a best-effort value and records what went wrong in
``ParsedMessage.problems`` instead of raising.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any

__all__ = [
    "Attachment",
    "CalendarEvent",
    "ParsedMessage",
    "clean_for_summary",
    "decode_bytes",
    "decode_header_value",
    "html_to_text",
    "parse_message",
]

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
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Attachment:
    name: str
    type: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "size": self.size}


@dataclass(frozen=True)
class CalendarEvent:
    """The first VEVENT of an invitation; ``start`` is None when only an .ics file came."""

    summary: str
    start: datetime | None = None
    all_day: bool = False
    location: str = ""
    method: str = ""  # REQUEST, CANCEL, REPLY...


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
    problems: list[str] = field(default_factory=list)

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


# --- headers ----------------------------------------------------------------------------


def decode_header_value(value: str) -> str:
    """Decode RFC 2047 encoded words; unknown charsets and bad bytes degrade, never raise."""
    if "=?" not in value:
        return _unfold(value)
    try:
        chunks = decode_header(value)
    except (ValueError, binascii.Error, AssertionError):
        return _unfold(value)
    try:
        return _unfold(str(make_header(chunks)))
    except (LookupError, UnicodeError):
        words = (c if isinstance(c, str) else decode_bytes(c, cs) for c, cs in chunks)
        return _unfold("".join(words))


def _unfold(value: str) -> str:
    return " ".join(without_nul(value).split())


def without_nul(text: str) -> str:
    """Text without NUL characters: PostgreSQL refuses them in text and JSON columns."""
    return text.replace("\x00", "")


def _header_map(headers: list[Mapping[str, Any]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for header in headers:
        name = str(header.get("name", "")).strip().lower()
        if name and name not in result:
            result[name] = without_nul(str(header.get("value", "")))
    return result


def _header_all(headers: list[Mapping[str, Any]], name: str) -> list[str]:
    values = (h.get("value", "") for h in headers if str(h.get("name", "")).lower() == name)
    return [without_nul(str(value)) for value in values]


def _addresses(values: list[str]) -> list[str]:
    return [address for _, address in getaddresses(values) if "@" in address]


def _sender(raw_from: str) -> tuple[str, str]:
    name, address = parseaddr(raw_from)
    if "@" not in address:
        # parseaddr gives up on forms like "github-actions[bot] <n@github.com>": find the
        # address by hand, and keep a bare name ("undisclosed") as the name at least.
        found = re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", raw_from)
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
            return without_nul(data.decode(candidate))
        except UnicodeDecodeError:
            continue
    return without_nul(data.decode(candidates[0], errors="replace"))


def _text_codec(charset: str | None) -> str | None:
    """The codec for a declared charset, refusing names like "base64" that are not text."""
    if not charset:
        return None
    try:
        info = codecs.lookup(charset.strip().strip('"'))
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_body_data(data: str) -> tuple[bytes, bool]:
    """Gmail's base64url body data; returns the bytes and whether it had to be repaired."""
    cleaned = re.sub(r"\s", "", data)
    try:
        padded = cleaned + "=" * (-len(cleaned) % 4)
        return base64.b64decode(padded, altchars=b"-_", validate=True), False
    except (binascii.Error, ValueError):
        pass
    usable = re.sub(r"[^A-Za-z0-9_\-+/]", "", cleaned).replace("+", "-").replace("/", "_")
    usable = usable[: len(usable) - len(usable) % 4]
    try:
        return base64.urlsafe_b64decode(usable), True
    except (binascii.Error, ValueError):
        return b"", True


def _content_type_params(value: str) -> tuple[str, dict[str, str]]:
    kind, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for match in re.finditer(r'([\w*-]+)\s*=\s*("([^"]*)"|[^;\s]+)', rest):
        params[match.group(1).lower()] = match.group(3) or match.group(2).strip('"')
    return kind.strip().lower(), params


@dataclass
class _Part:
    mime_type: str
    filename: str
    headers: dict[str, str]
    size: int
    data: str | None  # base64url, absent for attachments served by attachmentId

    @property
    def charset(self) -> str | None:
        return _content_type_params(self.headers.get("content-type", ""))[1].get("charset")

    @property
    def is_attachment(self) -> bool:
        disposition = self.headers.get("content-disposition", "").lower()
        return bool(self.filename) or disposition.startswith("attachment")


def _walk(payload: Mapping[str, Any]) -> Iterator[_Part]:
    parts = payload.get("parts")
    if isinstance(parts, list) and parts:
        for child in parts:
            if isinstance(child, Mapping):
                yield from _walk(child)
        return
    body = payload.get("body") if isinstance(payload.get("body"), Mapping) else {}
    headers = payload.get("headers") if isinstance(payload.get("headers"), list) else []
    yield _Part(
        mime_type=str(payload.get("mimeType") or "text/plain").lower(),
        filename=decode_header_value(str(payload.get("filename") or "")),
        headers=_header_map(headers),
        size=int(body.get("size") or 0) if str(body.get("size") or 0).isdigit() else 0,
        data=body.get("data") if isinstance(body.get("data"), str) else None,
    )


class _TextExtractor(HTMLParser):
    """Visible text of an HTML mail, with line breaks where a reader sees them."""

    _HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript"})
    _BLOCK = frozenset(
        {"p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag == "li":
            self.chunks.append("\n- ")
        elif tag in self._BLOCK:
            self.chunks.append("\n\n")
        elif tag in {"td", "th"}:
            self.chunks.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCK:
            self.chunks.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)


def html_to_text(markup: str) -> str:
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    return _tidy("".join(extractor.chunks))


def _tidy(text: str) -> str:
    """Collapse runs of spaces per line and of blank lines, as a reader perceives them."""
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines()]
    tidy = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", tidy).strip()


# --- quoted replies and signatures --------------------------------------------------------

_REPLY_HEADER = re.compile(
    r"^(On .{0,200}(wrote|writes):?|Le .{0,200}a écrit ?:|Am .{0,200}schrieb .{0,100}:|"
    r"El .{0,200}escribió:|-{2,} ?Original Message ?-{2,}|-{2,} ?Forwarded message ?-{2,}|"
    r"_{20,}|From: .+ Sent: .+)$",
    re.IGNORECASE,
)
_OUTLOOK_HEADER = re.compile(r"^(From|Von|De): .+$", re.IGNORECASE)
_OUTLOOK_FOLLOWERS = re.compile(r"^(Sent|Gesendet|Envoyé|Date|To|Subject): ", re.IGNORECASE)
_SIGNATURE_START = re.compile(
    r"^(-- ?|--|Sent from my \w+.*|Get Outlook for .*|Sent from (Mail|Outlook|Yahoo).*)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^((best|kind|warm|many)( regards| wishes)?|regards|thanks( again| a lot)?|thank you|"
    r"cheers|sincerely|yours( truly| sincerely)?|all the best|best wishes|talk soon|"
    r"mit freundlichen grüßen|viele grüße|cordialement)[,.!]*$",
    re.IGNORECASE,
)


def clean_for_summary(body: str) -> str:
    """Drop quoted text, forwarded history and the signature, keeping what is new."""
    kept: list[str] = []
    lines = body.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _REPLY_HEADER.match(stripped) or _is_split_reply_header(lines, index):
            break
        if _OUTLOOK_HEADER.match(stripped) and _followed_by_outlook_header(lines, index):
            break
        if _SIGNATURE_START.match(stripped):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    while kept and not kept[-1].strip():
        kept.pop()
    kept = _drop_closing(kept)
    return "\n".join(kept).strip()


def _is_split_reply_header(lines: list[str], index: int) -> bool:
    """Gmail wraps long "On <date>, <name> wrote:" headers over two lines."""
    current = lines[index].strip()
    if not current.startswith("On ") or index + 1 >= len(lines):
        return False
    joined = current + " " + lines[index + 1].strip()
    return bool(re.match(r"^On .{0,250}wrote:$", joined))


def _followed_by_outlook_header(lines: list[str], index: int) -> bool:
    following = [line.strip() for line in lines[index + 1 : index + 4]]
    return any(_OUTLOOK_FOLLOWERS.match(line) for line in following)


def _drop_closing(lines: list[str]) -> list[str]:
    """Cut a "Best regards,\nDana" sign-off: a closing followed by a short name block only."""
    for index in range(max(1, len(lines) - 6), len(lines)):
        after = [line.strip() for line in lines[index + 1 :] if line.strip()]
        if (
            _CLOSING.match(lines[index].strip())
            and len(after) <= 3
            and all(len(line) < 40 for line in after)
        ):
            trimmed = lines[:index]
            while trimmed and not trimmed[-1].strip():
                trimmed.pop()
            if trimmed:
                return trimmed
    return lines


# --- calendar invitations ---------------------------------------------------------------


def parse_calendar(text: str, fallback_summary: str = "") -> CalendarEvent:
    """The first VEVENT's SUMMARY, DTSTART and LOCATION; never raises on odd input."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    method = ""
    in_event = False
    fields: dict[str, tuple[dict[str, str], str]] = {}
    for line in unfolded.splitlines():
        name_part, _, value = line.partition(":")
        name, *raw_params = name_part.split(";")
        name = name.strip().upper()
        if name == "METHOD" and not in_event:
            method = value.strip().upper()
        elif name == "BEGIN" and value.strip().upper() == "VEVENT":
            in_event = True
        elif name == "END" and value.strip().upper() == "VEVENT":
            break
        elif in_event and name not in fields:
            params = dict(p.split("=", 1) for p in raw_params if "=" in p)
            fields[name] = ({k.upper(): v.strip('"') for k, v in params.items()}, value.strip())
    summary = _ics_unescape(fields.get("SUMMARY", ({}, ""))[1]) or fallback_summary
    start, all_day = _ics_datetime(*fields.get("DTSTART", ({}, "")))
    location = _ics_unescape(fields.get("LOCATION", ({}, ""))[1])
    return CalendarEvent(summary, start, all_day, location, method)


def _ics_unescape(value: str) -> str:
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _ics_datetime(params: dict[str, str], value: str) -> tuple[datetime | None, bool]:
    value = value.strip()
    try:
        if params.get("VALUE", "").upper() == "DATE" or re.fullmatch(r"\d{8}", value):
            day = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
            return datetime(day.year, day.month, day.day, tzinfo=UTC), True
        moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        return None, False
    if value.endswith("Z"):
        return moment.replace(tzinfo=UTC), False
    try:
        zone = zoneinfo.ZoneInfo(params["TZID"])
    except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        zone = UTC  # floating time or a Windows zone name: UTC is the least surprising guess
    return moment.replace(tzinfo=zone).astimezone(UTC), False


# --- the message ------------------------------------------------------------------------


def _received_at(message: Mapping[str, Any], headers: dict[str, str]) -> tuple[datetime, str]:
    internal = str(message.get("internalDate") or "")
    if internal.isdigit():
        return _EPOCH + timedelta(milliseconds=int(internal)), ""
    try:
        parsed = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC), "no internalDate: used the Date header"
    return _EPOCH, "no internalDate and no usable Date header"


def parse_message(message: Mapping[str, Any]) -> ParsedMessage:
    """Best effort: whatever is broken is noted in ``problems``; nothing raises."""
    problems: list[str] = []
    payload = message.get("payload") if isinstance(message.get("payload"), Mapping) else {}
    raw_headers = payload.get("headers") if isinstance(payload.get("headers"), list) else []
    headers = _header_map(raw_headers)
    decoded = {name: decode_header_value(value) for name, value in headers.items()}
    from_name, from_address = _sender(headers.get("from", ""))
    if not from_address:
        problems.append("no sender address")
    received_at, date_problem = _received_at(message, headers)
    if date_problem:
        problems.append(date_problem)

    plain: list[str] = []
    markup: list[str] = []
    attachments: list[Attachment] = []
    calendar: CalendarEvent | None = None
    subject = decoded.get("subject", "")
    for part in _walk(payload):
        if part.is_attachment or part.data is None:
            if part.is_attachment or part.filename:
                name = part.filename or "(unnamed)"
                attachments.append(Attachment(name, part.mime_type, part.size))
            if part.mime_type in {"text/calendar", "application/ics"} and calendar is None:
                calendar = CalendarEvent(summary=subject)
            if part.data is None:
                continue
        raw, repaired = decode_body_data(part.data)
        if repaired:
            problems.append(f"repaired broken base64 in a {part.mime_type} part")
        text = decode_bytes(raw, part.charset)
        if part.mime_type == "text/calendar":
            calendar = parse_calendar(text, subject)
        elif part.is_attachment:
            continue
        elif part.mime_type == "text/plain":
            plain.append(text)
        elif part.mime_type == "text/html":
            markup.append(text)
    body = _tidy("\n\n".join(plain))
    if not body and markup:
        body = html_to_text("\n".join(markup))
    return ParsedMessage(
        gmail_id=str(message.get("id") or ""),
        thread_id=str(message.get("threadId") or message.get("id") or ""),
        from_name=from_name,
        from_address=from_address,
        to=_addresses(_header_all(raw_headers, "to")),
        cc=_addresses(_header_all(raw_headers, "cc")),
        subject=subject,
        snippet=_unescape_snippet(str(message.get("snippet") or "")),
        received_at=received_at,
        labels=[str(label) for label in message.get("labelIds") or []],
        body=body,
        attachments=attachments,
        calendar=calendar,
        headers=decoded,
        problems=problems,
    )


def _unescape_snippet(snippet: str) -> str:
    """Gmail HTML-escapes snippets ("don&#39;t")."""
    return without_nul(html.unescape(snippet))
