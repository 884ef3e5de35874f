"""Hand-written hostile Gmail message resources, one named case each.

Each case is a ``users.messages.get(format="full")`` resource as Gmail (or someone pretending
to be Gmail) might serve it: NUL bytes, bidi overrides, dates in year 1 and 9999, MIME nested
a thousand deep, 20 MB bodies, HTML bombs, fields of the wrong JSON type. The fake Google
serves them as given (``FakeGoogle.add_resource``), so they reach the digest through the real
client. ``id`` and ``threadId`` come from the mailbox; a case sets ``internalDate`` only when
the date is the attack.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

RLO = "\u202e"
SECRET = "HIDDEN-PREHEADER-TEXT"  # must never reach a summary or a body excerpt
VISIBLE = "Please review the attached quarterly numbers before the board meeting."


def b64(data: bytes | str) -> str:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def header(name: str, value: Any) -> dict[str, Any]:
    return {"name": name, "value": value}


def headers(**overrides: Any) -> list[dict[str, Any]]:
    """A plausible header block; keyword names use _ for - (content_type)."""
    values = {
        "From": "Dana Lee <dana@partner.example>",
        "To": "demo@example.com",
        "Subject": "Quarterly numbers",
        "Date": "Mon, 30 Nov 2026 09:15:00 +0100",
        "Content-Type": "text/plain; charset=utf-8",
    }
    for key, value in overrides.items():
        values[key.replace("_", "-")] = value
    return [header(name, value) for name, value in values.items() if value is not None]


def text_part(body: bytes | str, mime_type: str = "text/plain", **header_overrides: Any) -> dict:
    data = b64(body)
    return {
        "mimeType": mime_type,
        "filename": "",
        "headers": headers(**{"Content-Type": f"{mime_type}; charset=utf-8", **header_overrides}),
        "body": {"size": len(data) * 3 // 4, "data": data},
    }


def message(payload: Any = None, **fields: Any) -> dict[str, Any]:
    """A resource: the payload plus top-level fields (snippet, labelIds, internalDate...)."""
    resource: dict[str, Any] = {"labelIds": ["INBOX", "UNREAD"], "snippet": ""}
    if payload is not None:
        resource["payload"] = payload
    resource.update(fields)
    return resource


def plain(body: bytes | str = VISIBLE, **header_overrides: Any) -> dict[str, Any]:
    payload = text_part(body)
    payload["headers"] = headers(**header_overrides)
    return message(payload)


def html(markup: str, **header_overrides: Any) -> dict[str, Any]:
    payload = text_part(markup, "text/html")
    payload["headers"] = headers(Content_Type="text/html; charset=utf-8", **header_overrides)
    return message(payload)


def multipart(parts: Any, subtype: str = "mixed", **header_overrides: Any) -> dict[str, Any]:
    payload = {
        "mimeType": f"multipart/{subtype}",
        "filename": "",
        "headers": headers(Content_Type=f"multipart/{subtype}; boundary=b", **header_overrides),
        "body": {"size": 0},
        "parts": parts,
    }
    return message(payload)


def nested(depth: int) -> dict[str, Any]:
    """multipart/mixed ``depth`` levels deep, a text part at the bottom, built without recursion."""
    node: dict[str, Any] = text_part("The bottom of a very deep message.")
    for _ in range(depth):
        node = {"mimeType": "multipart/mixed", "headers": [], "body": {"size": 0}, "parts": [node]}
    node["headers"] = headers(Content_Type="multipart/mixed; boundary=b")
    return message(node)


def calendar(dtstart_line: str, method: str = "REQUEST") -> dict[str, Any]:
    ics = (
        f"BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\nSUMMARY:Planning\r\n"
        f"{dtstart_line}\r\nLOCATION:Room 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return multipart([text_part("You are invited."), text_part(ics, "text/calendar")])


def attachment(name: Any, size: Any = 100, mime_type: Any = "application/pdf") -> dict[str, Any]:
    return {
        "mimeType": mime_type,
        "filename": name,
        "headers": [header("Content-Disposition", "attachment")],
        "body": {"size": size, "attachmentId": "ANGjdJ"},
    }


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], dict[str, Any]]
    partial: bool = False  # only part of it can be read: the reader gets a note
    absent: tuple[str, ...] = field(default=())  # text that must not be stored anywhere


HIDDEN_STYLES = [
    "display:none",
    "visibility:hidden",
    "font-size:0",
    "font-size:0px;line-height:0",
    "opacity:0",
    "max-height:0;overflow:hidden",
    "mso-hide:all;display:none !important",
]


def _hidden_variants() -> dict[str, Any]:
    hidden = "".join(f'<div style="{style}">{SECRET}</div>' for style in HIDDEN_STYLES)
    return html(f"<html><body>{hidden}<span hidden>{SECRET}</span><p>{VISIBLE}</p></body></html>")


CASES: list[Case] = [
    # --- what PostgreSQL refuses ----------------------------------------------------------
    Case("nul in body", lambda: plain(f"Hello\x00 world. {VISIBLE}\x00")),
    Case("nul in subject", lambda: plain(Subject="Invoice\x00 due")),
    Case("nul in sender name", lambda: plain(From="Da\x00na <dana@partner.example>")),
    Case("nul in recipients", lambda: plain(To="a\x00b@x.example, demo@example.com")),
    Case("nul in labels", lambda: {**plain(), "labelIds": ["INBOX", "LABEL\x00X"]}),
    Case("nul in snippet", lambda: {**plain(), "snippet": "snip\x00pet"}),
    Case(
        "nul in attachment name", lambda: multipart([text_part(VISIBLE), attachment("a\x00.pdf")])
    ),
    Case("lone surrogate in subject", lambda: plain(Subject="broken \ud800 text")),
    Case("lone surrogate in body", lambda: plain(f"{VISIBLE} \udcff")),
    # --- dates ------------------------------------------------------------------------------
    Case(
        "invitation in year 1, Tokyo", lambda: calendar("DTSTART;TZID=Asia/Tokyo:00010101T000000")
    ),
    Case("invitation in year 9999", lambda: calendar("DTSTART:99991231T230000Z")),
    Case("all-day invitation in year 9999", lambda: calendar("DTSTART;VALUE=DATE:99991231")),
    Case("invitation in year 0", lambda: calendar("DTSTART;VALUE=DATE:00000101")),
    Case(
        "invitation with a path as time zone",
        lambda: calendar("DTSTART;TZID=../../../../etc/passwd:20261201T100000"),
    ),
    Case(
        "invitation with a huge time zone",
        lambda: calendar(f"DTSTART;TZID={'Z' * 5000}:20261201T100000"),
    ),
    Case("negative internalDate", lambda: {**plain(Date="garbage"), "internalDate": "-1000"}),
    Case("internalDate in year 9999", lambda: {**plain(), "internalDate": "253402300800000"}),
    Case("internalDate not a number", lambda: {**plain(Date=None), "internalDate": "yesterday"}),
    Case("internalDate as a list", lambda: {**plain(), "internalDate": [1, 2]}),
    Case(
        "Date header in year 1",
        lambda: {**plain(Date="Mon, 1 Jan 0001 00:00:00 +0900"), "internalDate": None},
    ),
    # --- headers ----------------------------------------------------------------------------
    Case("200k-character From without @", lambda: plain(From="a" * 200_000)),
    Case("200k-character From of address characters", lambda: plain(From="a." * 100_000)),
    Case(
        "200k-character Content-Type parameters",
        lambda: plain(Content_Type="text/plain; " + "a" * 200_000),
    ),
    Case("From of 10k nested comments", lambda: plain(From="(" * 10_000 + "x@y.example")),
    Case("To of 60k nested comments", lambda: plain(To="(" * 60_000)),
    Case("1 MB subject", lambda: plain(Subject="Big " * 250_000)),
    Case(
        "100k recipients",
        lambda: plain(To=", ".join(f"user{i}@crowd.example" for i in range(100_000))),
    ),
    Case("20k encoded words", lambda: plain(Subject=" ".join(["=?utf-8?q?caf=C3=A9?="] * 20_000))),
    Case("charset holding NUL", lambda: plain(Content_Type="text/plain; charset=utf\x00-8")),
    Case(
        "10k-character charset", lambda: plain(Content_Type="text/plain; charset=" + "x" * 10_000)
    ),
    Case(
        "charset naming a non-text codec", lambda: plain(Content_Type="text/plain; charset=base64")
    ),
    Case("20k headers", lambda: message({**text_part(VISIBLE), "headers": headers() * 4_000})),
    Case(
        "headers of the wrong types",
        lambda: message(
            {**text_part(VISIBLE), "headers": [header(5, ["x"]), "junk", None, header("From", 7)]}
        ),
    ),
    Case("headers not a list", lambda: message({**text_part(VISIBLE), "headers": {"From": "x"}})),
    Case("ANSI escapes in subject", lambda: plain(Subject="\x1b[31mRED\x1b[0m alert\r\nBcc: x")),
    # --- bidi -------------------------------------------------------------------------------
    Case("right-to-left override in subject", lambda: plain(Subject=f"Invoice {RLO}fdp.exe")),
    Case(
        "bidi controls in sender name",
        lambda: plain(From="\u2067Support\u2069\u200f\u061c <help@bank.example>"),
    ),
    Case(
        "right-to-left override in attachment name",
        lambda: multipart([text_part(VISIBLE), attachment(f"report{RLO}fdp.exe")]),
    ),
    # --- MIME structure ---------------------------------------------------------------------
    Case("MIME nested 300 levels", lambda: nested(300), partial=True),
    Case(
        "5,000 sibling parts",
        lambda: multipart([text_part(f"part {i}") for i in range(5_000)]),
        partial=True,
    ),
    Case("parts is a string", lambda: multipart("oops")),
    Case("parts holds non-objects", lambda: multipart(["a", 1, None, [], text_part(VISIBLE)])),
    Case("empty parts list", lambda: multipart([])),
    Case("no payload at all", lambda: message(None, snippet="Only a snippet survives")),
    Case("payload is a list", lambda: message([1, 2, 3])),
    Case("body is a string", lambda: message({**text_part(VISIBLE), "body": "not an object"})),
    Case(
        "sizes that are not numbers",
        lambda: multipart(
            [
                attachment("a.pdf", "lots"),
                attachment("b.pdf", "\u00b2"),
                attachment("c.pdf", -5),
                attachment("d.pdf", 1e300),
                attachment("e.pdf", "\u0661\u0662"),
                text_part(VISIBLE),
            ]
        ),
    ),
    Case(
        "fields of the wrong types",
        lambda: multipart([attachment({"x": 1}, None, ["pdf"]), text_part(VISIBLE)]),
    ),
    Case(
        "10k attachments",
        lambda: multipart([attachment(f"f{i}.txt") for i in range(10_000)]),
        partial=True,
    ),
    Case("body data not base64", lambda: message({**text_part(""), "body": {"data": "!!*&^%$#"}})),
    Case("body data a number", lambda: message({**text_part(""), "body": {"data": 12345}})),
    Case("labels not a list", lambda: {**plain(), "labelIds": "INBOX"}),
    Case("100k labels", lambda: {**plain(), "labelIds": [f"Label_{i}" for i in range(100_000)]}),
    Case("huge snippet", lambda: {**plain(), "snippet": "&amp;" * 200_000}),
    # --- size -------------------------------------------------------------------------------
    Case("20 MB body", lambda: plain("All work and no play. " * 950_000), partial=True),
    Case("256k of abbreviations", lambda: plain("Mr. X " * 60_000), partial=True),
    Case("one 2 MB line", lambda: plain("x" * 2_000_000), partial=True),
    # --- HTML -------------------------------------------------------------------------------
    Case("2 MB of <", lambda: html("<" * 2_000_000), partial=True),
    Case("unclosed comment", lambda: html(f"<p>{VISIBLE}</p><!-- {SECRET}"), absent=(SECRET,)),
    Case("200k nested divs", lambda: html("<div>" * 200_000 + VISIBLE), partial=True),
    Case(
        "200k unclosed tags of every kind", lambda: html("<b><i><td><li><p>" * 40_000), partial=True
    ),
    Case("entity bomb", lambda: html("&#9999999999;&#0;&amp;" * 50_000), partial=True),
    Case(
        "hidden preheader",
        lambda: html(
            f"<html><head><title>{SECRET}</title><style>p{{color:red}}</style></head><body>"
            f'<div class="preheader" style="display:none;max-height:0">{SECRET}</div>'
            f"<p>{VISIBLE}</p><script>var x = '{SECRET}';</script></body></html>"
        ),
        absent=(SECRET,),
    ),
    Case("hidden text of every style", _hidden_variants, absent=(SECRET,)),
    Case(
        "preheader in Gmail's snippet, image only",
        lambda: {
            **html(f'<div style="display:none">{SECRET}</div><img src="cid:x"><p>View online</p>'),
            "snippet": f"{SECRET} \u200c View online",
        },
        absent=(SECRET,),
    ),
    Case(
        "head never closed",
        lambda: html(f"<html><head><title>{SECRET}<body><p>{VISIBLE}"),
        absent=(SECRET,),
    ),
]
