"""The shipped demo mailbox: varied, realistic, fresh, and loaded through the real parser."""

import base64
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from fakegoogle import DEMO_EMAIL, FakeGoogle
from fakegoogle.fixtures import generate_demo_mailbox
from fakegoogle.mailbox import FIXTURE_DIR, demo_messages


@pytest.fixture(scope="module")
def messages():
    fake = FakeGoogle()
    return list(fake.load_demo_mailbox().mailbox.messages.values())


def leaves(message):
    return [part for part in message.parsed.walk() if not part.is_multipart()]


def test_at_least_sixty_messages(messages):
    assert len(messages) >= 60


@pytest.mark.parametrize(
    ("charset", "expected"),
    [
        ("iso-8859-1", "Voici le compte rendu de la réunion"),
        ("windows-1252", "Here’s our quote for the “Northwind” kiosk – €4,200"),  # noqa: RUF001
        ("shift_jis", "お見積もりを添付いたしました"),
        ("koi8-r", "Направляем счёт на оплату"),
    ],
)
def test_legacy_charsets_decode(messages, charset, expected):
    texts = [
        part.get_content()
        for message in messages
        for part in leaves(message)
        if part.get_content_charset() == charset
    ]

    assert any(expected in text for text in texts)


def test_legacy_charset_headers_decode(messages):
    subjects = {message.header_text("Subject") for message in messages}

    assert {"Счёт на оплату за июнь", "お見積もりの件", "Angebot für die Schulung"} <= subjects


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64", "8bit", "7bit"])
def test_every_transfer_encoding_is_present(messages, encoding):
    found = [
        part
        for message in messages
        for part in leaves(message)
        if part.get_content_maintype() == "text"
        and part.get("Content-Transfer-Encoding", "7bit").lower() == encoding
    ]

    assert found
    assert all(part.get_content().strip() for part in found)


@pytest.mark.parametrize(
    ("content_type", "magic"),
    [("application/pdf", b"%PDF-"), ("image/png", b"\x89PNG\r\n\x1a\n")],
)
def test_binary_attachments_are_valid_files(messages, content_type, magic):
    files = [
        part.get_content()
        for message in messages
        for part in leaves(message)
        if part.get_content_type() == content_type and part.get_filename()
    ]

    assert files
    assert all(data.startswith(magic) for data in files)


def test_calendar_invitations_are_in_the_future(messages):
    events = [
        part.get_content()
        for message in messages
        for part in leaves(message)
        if part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    ]
    starts = [
        line.split(":")[1]
        for event in events
        for line in event.splitlines()
        if line.startswith("DTSTART")
    ]

    assert events
    now = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert all(start > now for start in starts)


def test_an_ics_file_is_attached(messages):
    assert any(
        part.get_filename() == "invite.ics" for message in messages for part in leaves(message)
    )


def test_html_only_messages_exist(messages):
    html_only = [
        message
        for message in messages
        if {p.get_content_type() for p in leaves(message)} == {"text/html"}
    ]

    assert len(html_only) >= 3


def test_a_thread_of_at_least_four_messages(messages):
    sizes: dict[str, int] = {}
    for message in messages:
        sizes[message.thread_id] = sizes.get(message.thread_id, 0) + 1

    assert max(sizes.values()) >= 4
    assert sum(1 for size in sizes.values() if size >= 3) >= 3


def test_the_urgent_deadline_request_is_there(messages):
    assert any(
        "please send the signed contract (v4) by Friday 5pm" in message.body_text
        for message in messages
    )


@pytest.mark.parametrize(
    "label",
    ["INBOX", "UNREAD", "IMPORTANT", "CATEGORY_PROMOTIONS", "CATEGORY_UPDATES", "STARRED", "SENT"],
)
def test_every_label_is_used(messages, label):
    assert any(label in message.label_ids for message in messages)


def test_there_is_both_read_and_unread_inbox_mail(messages):
    inbox = [message for message in messages if "INBOX" in message.label_ids]

    assert any("UNREAD" in message.label_ids for message in inbox)
    assert any("UNREAD" not in message.label_ids for message in inbox)


def test_mail_is_fresh_and_dates_match_internal_date(messages):
    newest = max(message.internal_date for message in messages)

    assert time.time() * 1000 - newest < timedelta(hours=1).total_seconds() * 1000
    for message in messages:
        date = parsedate_to_datetime(message.header_text("Date"))
        assert abs(date.timestamp() * 1000 - message.internal_date) < 1000


def test_ids_look_like_gmails(messages):
    ids = [message.id for message in messages]

    assert len(set(ids)) == len(ids)
    assert all(len(i) == 16 and int(i, 16) for i in ids)


def test_private_fixture_headers_never_leak(messages):
    assert not any(b"X-Fake-" in message.raw for message in messages)
    assert all(
        b"\r\n" in message.raw and b"\n" not in message.raw.replace(b"\r\n", b"")
        for message in messages
    )


def test_the_mailbox_can_belong_to_another_address():
    fake = FakeGoogle()

    account = fake.load_demo_mailbox("sam@example.org", name="Sam")

    raw = b"".join(message.raw for message in account.mailbox.messages.values())
    assert DEMO_EMAIL.encode() not in raw
    assert b"sam@example.org" in raw


def test_committed_files_match_the_generator():
    """Edit generate_demo_mailbox.py, then regenerate: the two must never drift apart."""
    specs = [spec for section in generate_demo_mailbox.SECTIONS for spec in section()]
    files = sorted(FIXTURE_DIR.glob("*.eml"))

    assert [f.name for f in files] == [f"{n:03d}-{s.slug}.eml" for n, s in enumerate(specs, 1)]
    for path, spec in zip(files, specs, strict=True):
        assert path.read_bytes() == generate_demo_mailbox.render(spec), path.name


def test_rendering_relative_to_a_given_moment():
    moment = datetime(2030, 1, 15, 12, tzinfo=UTC)

    rendered = demo_messages(now=moment)

    assert max(m.internal_date for m in rendered) < moment.timestamp() * 1000
    assert any(b"DTSTART:20300116T100000Z" in m.raw for m in rendered)
    assert any(b"Wednesday 16 January" in m.raw for m in rendered)


def test_raw_base64_body_round_trips(messages):
    emoji = next(m for m in messages if "design system is live" in m.header_text("Subject"))

    (part,) = leaves(emoji)

    assert part["Content-Transfer-Encoding"] == "base64"
    assert "👋" in base64.b64decode(part.get_payload()).decode()
