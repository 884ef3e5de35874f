"""Properties over generated Gmail payloads: parsing never raises, stays bounded, and what it
gives stores on the database the suite runs on (SQLite, then PostgreSQL).

The payloads are random MIME trees (also of the wrong JSON types), with random charsets,
body encodings (good and broken base64, plain garbage), header shapes, dates and calendar
parts. Example counts are modest so the suite stays fast.
"""

import base64
import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digests.building import Collected, analyze_safely, store
from digests.models import Digest
from digests.parsing import MAX_BODY_CHARS, parse_message, safe_parse
from digests.ranking import rank
from digests.summarize import SummaryContext
from digests.sync import SyncResult
from digests.textsafety import BIDI_CONTROLS
from tests.accounts.factories import UserFactory

NASTY_CHARS = "\x00\x1b\r\n\t\u202e\u2066\u200f\ud800\ufeff<>&\"'=?@;:,\\é😀"
nasty_text = st.text(alphabet=st.sampled_from(NASTY_CHARS) | st.characters(), max_size=60)
CHARSETS = ["utf-8", "latin-1", "us-ascii", "utf-16", "shift_jis", "utf\x00-8", "base64", "x" * 80]
charsets = st.sampled_from(CHARSETS) | nasty_text
# Gmail has undone the transfer encoding already; a declared one must not mislead the parser.
TRANSFER_ENCODINGS = st.sampled_from(["base64", "quoted-printable", "7bit", "8bit", "x-uue"])
JSON_JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), nasty_text, st.just([]))


def encoded(data: bytes, how: str) -> str:
    if how == "base64url":
        return base64.urlsafe_b64encode(data).decode().rstrip("=")
    if how == "base64 with padding and newlines":
        text = base64.b64encode(data).decode()
        return "\r\n".join(text[i : i + 76] for i in range(0, len(text), 76))
    return data.decode("latin-1")  # not base64 at all


def header_values() -> st.SearchStrategy:
    encoded_word = st.builds(
        lambda cs, enc, text: f"=?{cs}?{enc}?{text}?=",
        charsets,
        st.sampled_from("qQbBx"),
        nasty_text,
    )
    address = st.builds(lambda n, a: f'"{n}" <{a}>', nasty_text, st.emails())
    return st.one_of(nasty_text, encoded_word, address, st.lists(address).map(", ".join))


def date_values() -> st.SearchStrategy:
    zones = st.sampled_from(["+0000", "+0900", "-1200", "+9999", "GMT", ""])
    formatted = st.builds(
        lambda d, z: d.strftime("%a, %d %b %Y %H:%M:%S ") + z, st.datetimes(), zones
    )
    return st.one_of(formatted, nasty_text)


headers = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {
                "name": st.sampled_from(
                    ["From", "To", "Cc", "Subject", "Date", "Content-Type", "List-Id"]
                )
                | nasty_text,
                "value": header_values() | date_values(),
            }
        ),
        st.fixed_dictionaries({"name": JSON_JUNK, "value": JSON_JUNK}),
        JSON_JUNK,
    ),
    max_size=8,
)


def calendar_text() -> st.SearchStrategy:
    zone = st.sampled_from(["Asia/Tokyo", "Europe/Berlin", "Pacific/Kiritimati", "../x", "Nope"])
    stamp = st.builds(
        lambda y, rest, z: f"{y:04d}{rest}" + ("Z" if z else ""),
        st.integers(0, 9999),
        st.sampled_from(["0101T000000", "1231T235959", "0229", "1399T999999", ""]),
        st.booleans(),
    )
    dtstart = st.builds(
        lambda z, value, s: f"DTSTART;TZID={z}{';VALUE=DATE' if value else ''}:{s}",
        zone,
        st.booleans(),
        stamp,
    )
    return st.builds(
        lambda start, summary: (
            f"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:{summary}\r\n"
            f"{start}\r\n LOCATION:x\r\nEND:VEVENT\r\n"
        ),
        dtstart,
        nasty_text,
    )


def body_bytes() -> st.SearchStrategy:
    html = st.lists(
        st.sampled_from(
            [
                *["<p>", "</p>", "<div style='display:none'>", "</div>", "<!--", "-->", "<style>"],
                *["<br>", "&amp;", "&#0;", "<td>", "<", ">", "<head>", "<body>", "Text. More."],
            ]
        ),
        max_size=30,
    ).map("".join)
    return st.one_of(st.binary(max_size=300), html.map(str.encode), calendar_text().map(str.encode))


leaf = st.fixed_dictionaries(
    {
        "mimeType": st.sampled_from(
            ["text/plain", "text/html", "text/calendar", "application/pdf", "application/ics"]
        )
        | JSON_JUNK,
        "filename": st.sampled_from(["", "a.pdf", "x\u202efdp.exe"]) | JSON_JUNK,
        "headers": st.builds(
            lambda cs, cte, extra: [
                {"name": "Content-Type", "value": f"text/plain; charset={cs}"},
                {"name": "Content-Transfer-Encoding", "value": cte},
                *extra,
            ],
            charsets,
            TRANSFER_ENCODINGS,
            headers,
        ),
        "body": st.one_of(
            st.fixed_dictionaries(
                {
                    "size": JSON_JUNK,
                    "data": st.builds(
                        encoded,
                        body_bytes(),
                        st.sampled_from(["base64url", "base64 with padding and newlines", "raw"]),
                    )
                    | JSON_JUNK,
                }
            ),
            JSON_JUNK,
        ),
    }
)
payloads = st.recursive(
    leaf,
    lambda children: st.fixed_dictionaries(
        {
            "mimeType": st.sampled_from(["multipart/mixed", "multipart/alternative"]),
            "headers": headers,
            "parts": st.one_of(st.lists(children | JSON_JUNK, max_size=4), JSON_JUNK),
        }
    ),
    max_leaves=8,
)
resources = st.builds(
    lambda payload, internal, labels, snippet, top_headers: {
        "id": "18c0000000000001",
        "threadId": "18c0000000000001",
        "labelIds": labels,
        "snippet": snippet,
        "internalDate": internal,
        "payload": {**payload, "headers": top_headers + payload.get("headers", [])}
        if isinstance(payload.get("headers", []), list)
        else payload,
    },
    payloads,
    st.one_of(st.integers(-(2**63), 2**63).map(str), st.integers(0, 2**42), JSON_JUNK),
    st.lists(nasty_text, max_size=4) | JSON_JUNK,
    nasty_text | JSON_JUNK,
    headers,
)


def check_safe(message) -> None:
    shown = [message.from_name, message.subject, message.snippet]
    shown += [attachment.name for attachment in message.attachments]
    stored = [*shown, message.body, message.from_address, *message.to, *message.cc]
    stored += [message.gmail_id, message.thread_id, *message.labels]
    for value in stored:
        assert "\x00" not in value
        value.encode("utf-8")  # raises on a lone surrogate
    assert not any(set(BIDI_CONTROLS) & set(value) for value in shown)
    assert len(message.body) <= MAX_BODY_CHARS
    assert message.received_at.tzinfo is not None


@settings(max_examples=150, deadline=dt.timedelta(seconds=5), database=None)
@given(resources)
def test_parse_never_raises_and_gives_safe_text(resource):
    check_safe(parse_message(resource))


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(resources, min_size=1, max_size=3))
@pytest.mark.django_db
def test_what_parsing_gives_stores_in_the_database(batch):
    user = UserFactory()
    now = timezone.now()
    digest = Digest.objects.create(user=user, period_start=now, period_end=now)
    ctx = SummaryContext(now=now, zone=user.zone)
    messages = [
        safe_parse({**resource, "id": f"18c{n:013x}"}, fallback_received_at=now)
        for n, resource in enumerate(batch)
    ]
    analyses = {message.gmail_id: analyze_safely(message, ctx) for message in messages}

    ranked = rank(messages, analyses, me=user.email)
    synced = SyncResult(resources=batch, period_end=now, history_id=None)
    store(digest, Collected(ranked, 25, provider="extractive", overview="", synced=synced))

    stored = list(digest.emails.order_by("gmail_id"))
    assert [email.gmail_id for email in stored] == sorted(m.gmail_id for m in messages)
    for email, message in zip(stored, sorted(messages, key=lambda m: m.gmail_id), strict=True):
        assert email.subject == message.subject
        assert email.to == message.to
        assert email.labels == message.labels
