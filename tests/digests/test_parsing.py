"""Gmail message JSON to ParsedMessage: headers, bodies, charsets, quotes, files, invitations."""

import datetime as dt
from email.message import EmailMessage

import pytest

from digests.parsing import (
    clean_for_summary,
    decode_body_data,
    decode_bytes,
    decode_header_value,
    html_to_text,
    parse_message,
)
from tests.digests.factories import ME, b64url, gmail_message, mail


def parsed(message, **options):
    return parse_message(gmail_message(message, **options))


def raw_mail(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body


# --- headers ----------------------------------------------------------------------------


def test_plain_message_fields():
    received = dt.datetime(2026, 11, 30, 7, 5, 9, tzinfo=dt.UTC)
    message = parsed(
        mail("Body.", cc="Sam <sam@x.example>, lee@y.example"),
        received=received,
        labels=("INBOX", "IMPORTANT"),
    )
    assert message.from_name == "Dana Lee"
    assert message.from_address == "dana@partner.example"
    assert message.to == [ME]
    assert message.cc == ["sam@x.example", "lee@y.example"]
    assert message.subject == "Quarterly report"
    assert message.received_at == received
    assert message.received_at.tzinfo is not None
    assert message.labels == ["INBOX", "IMPORTANT"]
    assert message.body == "Body."
    assert message.problems == []


def test_encoded_word_headers_are_decoded():
    message = parsed(
        raw_mail(
            "From: =?iso-8859-1?q?Ren=E9_M=FCller?= <rene@x.example>\n"
            "To: me@example.com\n"
            "Subject: Propuesta de =?utf-8?q?campa=C3=B1a_para_oto=C3=B1o?=\n"
            "Content-Type: text/plain; charset=utf-8",
            b"Hola",
        )
    )
    assert message.from_name == "René Müller"
    assert message.subject == "Propuesta de campaña para otoño"


def test_header_in_unknown_charset_degrades():
    # Not UTF-8, so the Windows-1252 guess that Western mail most often needs.
    assert decode_header_value("=?x-klingon?q?Qapla=E9?=") == "Qaplaé"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain text", "plain text"),
        ("=?utf-8?b?8J+OiQ==?= launch", "\N{PARTY POPPER} launch"),
        ("=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab"),  # adjacent encoded words join
        ("folded\r\n  line", "folded line"),
        ("=?broken", "=?broken"),
    ],
)
def test_decode_header_value(value, expected):
    assert decode_header_value(value) == expected


def test_sender_that_parseaddr_rejects_keeps_name_and_address():
    message = parsed(
        raw_mail(
            "From: github-actions[bot] <notifications@github.com>\nTo: me@example.com\n"
            "Subject: Run failed",
            b"x",
        )
    )
    assert (message.from_name, message.from_address) == (
        "github-actions[bot]",
        "notifications@github.com",
    )


def test_missing_headers_give_a_best_effort_message():
    message = parse_message({"id": "m1", "payload": {"mimeType": "text/plain", "body": {}}})
    assert message.gmail_id == "m1"
    assert message.thread_id == "m1"
    assert message.subject == ""
    assert message.from_address == ""
    assert "no sender address" in message.problems


def test_date_header_is_used_without_internal_date():
    resource = gmail_message(mail())
    del resource["internalDate"]
    message = parse_message(resource)
    assert message.received_at == dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)
    assert message.problems == ["no internalDate: used the Date header"]


def test_no_date_at_all_is_noted():
    message = parse_message({"id": "m", "payload": {"headers": [{"name": "From", "value": "a@b"}]}})
    assert message.received_at == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert "no internalDate and no usable Date header" in message.problems


def test_garbage_resource_does_not_raise():
    message = parse_message({"payload": {"parts": ["nonsense", {"body": "x"}], "headers": "x"}})
    assert message.body == ""


# --- bodies -----------------------------------------------------------------------------


def test_plain_text_is_preferred_over_html():
    message = parsed(mail("The plain words.", html="<p>The <b>HTML</b> words.</p>"))
    assert message.body == "The plain words."


def test_html_only_mail_is_converted_to_text():
    markup = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>alert('x')</script><h1>Big sale</h1><p>Save&nbsp;30%&amp;more<br>today</p>"
        "<ul><li>one</li><li>two</li></ul></body></html>"
    )
    message = EmailMessage()
    message["From"] = "shop@x.example"
    message.set_content(markup, subtype="html")
    body = parsed(message).body
    assert body == "Big sale\n\nSave 30%&more\ntoday\n\n- one\n- two"


def test_broken_html_does_not_raise():
    assert html_to_text("<p>Unclosed <b>bold <div><<<>>") == "Unclosed bold\n\n<<<>>"


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("iso-8859-1", "Réunion à Zürich"),
        ("windows-1252", "\u201cQuoted\u201d \u2013 \u20ac4,200"),
        ("shift_jis", "お見積もりの件"),
        ("koi8-r", "Счёт на оплату"),
        ("utf-8", "Ünïcödé ✓"),
    ],
)
def test_parts_are_decoded_by_their_declared_charset(charset, text):
    body = raw_mail(
        f"From: a@x.example\nContent-Type: text/plain; charset={charset}\n"
        "Content-Transfer-Encoding: 8bit",
        text.encode(charset),
    )
    assert parsed(body).body == text


def test_utf8_label_on_windows_1252_bytes_falls_back():
    assert decode_bytes("Caf\u00e9 “x”".encode("cp1252"), "utf-8") == "Café “x”"


def test_unknown_charset_falls_back_without_raising():
    assert decode_bytes(b"ok \xff", "x-unknown-8bit") == "ok ÿ"


def test_non_text_codec_name_is_not_used_as_a_charset():
    assert decode_bytes(b"aGVsbG8=", "base64") == "aGVsbG8="


def test_broken_base64_is_repaired_and_noted():
    resource = gmail_message(mail("Hello there, friend."))
    data = resource["payload"]["body"]["data"]
    resource["payload"]["body"]["data"] = data[:-3] + "!!" + data[-3:]
    message = parse_message(resource)
    assert message.body.startswith("Hello there")
    assert message.problems == ["repaired broken base64 in a text/plain part"]


def test_hopeless_base64_gives_empty_bytes():
    assert decode_body_data("@") == (b"", True)


# --- quotes and signatures ------------------------------------------------------------------


def test_quoted_reply_and_signature_are_stripped_for_summaries():
    body = (
        "Sounds good, let's go with option B.\n\n"
        "Best regards,\nDana\n\n"
        "On Mon, 30 Nov 2026 at 08:00, Alex <me@example.com> wrote:\n"
        "> Which option do you prefer?\n"
    )
    message = parsed(mail(body))
    assert message.clean_body == "Sounds good, let's go with option B."
    assert "Which option" in message.body  # the full text stays available


@pytest.mark.parametrize(
    "tail",
    [
        "-- \nDana Lee | Partner Inc.",
        "Sent from my iPhone",
        "-----Original Message-----\nFrom: Alex\nOld stuff",
        "From: Alex Morgan <me@example.com>\nSent: Monday\nTo: Dana\nSubject: Re: x\n\nOld",
        "On Mon, 30 Nov 2026 at 08:00, Alex Morgan\n<me@example.com> wrote:\n> old",
        "Le lun. 30 nov. 2026 à 08:00, Alex a écrit :\n> vieux",
        "________________________________\nFrom: Alex",
    ],
)
def test_reply_and_signature_markers(tail):
    assert clean_for_summary("New text here.\n\n" + tail) == "New text here."


def test_interleaved_quotes_keep_the_answers():
    body = "> Can you come?\nYes, at 10.\n> And bring slides?\nSure."
    assert clean_for_summary(body) == "Yes, at 10.\nSure."


# --- attachments and invitations --------------------------------------------------------------


def test_attachments_are_listed_with_name_type_and_size():
    message = mail("See attached.")
    message.add_attachment(
        b"%PDF-1.4 " * 100, maintype="application", subtype="pdf", filename="contract v4.pdf"
    )
    result = parsed(message)
    assert [a.to_dict() for a in result.attachments] == [
        {"name": "contract v4.pdf", "type": "application/pdf", "size": 900}
    ]
    assert result.body == "See attached."


ICS = (
    "BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\n"
    "SUMMARY:Design review\\, search\r\n"
    "DTSTART;TZID=Europe/Berlin:20261130T100000\r\n"
    "LOCATION:Room Ada\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def invitation(method: str = "REQUEST") -> EmailMessage:
    message = mail("You are invited.", subject="Invitation: Design review")
    message.add_alternative(
        ICS.format(method=method), subtype="calendar", params={"method": method}
    )
    return message


def test_calendar_invitation_is_recognised():
    event = parsed(invitation()).calendar
    assert event is not None
    assert event.summary == "Design review, search"
    assert event.start == dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    assert event.location == "Room Ada"
    assert event.method == "REQUEST"


def test_cancelled_invitation_keeps_its_method():
    assert parsed(invitation("CANCEL")).calendar.method == "CANCEL"


def test_ics_file_only_is_an_invitation_without_a_start():
    message = mail("Invite attached.", subject="Team offsite")
    message.add_attachment(
        ICS.format(method="REQUEST").encode(), "text", "calendar", filename="i.ics"
    )
    result = parsed(message)
    assert result.calendar is not None
    assert (result.calendar.summary, result.calendar.start) == ("Team offsite", None)
    assert result.attachments[0].name == "i.ics"


@pytest.mark.parametrize(
    ("line", "start", "all_day"),
    [
        ("DTSTART:20261201T083000Z", dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC), False),
        ("DTSTART;VALUE=DATE:20261201", dt.datetime(2026, 12, 1, tzinfo=dt.UTC), True),
        (
            "DTSTART;TZID=Nowhere/Else:20261201T083000",
            dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC),
            False,
        ),
        ("DTSTART:tomorrow", None, False),
        # Outlook and Teams name Windows zones: 8:00 Eastern in March 2026 (EDT) is 12:00 UTC
        (
            'DTSTART;TZID="Eastern Standard Time":20260319T080000',
            dt.datetime(2026, 3, 19, 12, tzinfo=dt.UTC),
            False,
        ),
        (
            "DTSTART;TZID=W. Europe Standard Time:20261201T083000",
            dt.datetime(2026, 12, 1, 7, 30, tzinfo=dt.UTC),
            False,
        ),
    ],
)
def test_calendar_start_forms(line, start, all_day):
    from digests.parsing import parse_calendar

    event = parse_calendar(f"BEGIN:VEVENT\nSUMMARY:x\n{line}\nEND:VEVENT")
    assert (event.start, event.all_day) == (start, all_day)


# --- who sent it, to whom ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "headers", "labels", "automated"),
    [
        ("Dana <dana@partner.example>", {}, ("INBOX",), False),
        (
            "Shop <hello@shop.example>",
            {"List-Unsubscribe": "<mailto:u@shop.example>"},
            ("INBOX",),
            True,
        ),
        ("Bank <no-reply@bank.example>", {}, ("INBOX",), True),
        ("Docs <comments-noreply@docs.example>", {}, ("INBOX",), True),
        ("Friend <friend@x.example>", {}, ("INBOX", "CATEGORY_PROMOTIONS"), True),
        ("Bot <ops@x.example>", {"Auto-Submitted": "auto-generated"}, ("INBOX",), True),
        ("List <l@x.example>", {"Precedence": "bulk"}, ("INBOX",), True),
    ],
)
def test_automated_senders(sender, headers, labels, automated):
    message = parsed(mail(sender=sender, headers=headers), labels=labels)
    assert message.is_automated is automated


def test_addressed_to_tells_to_from_cc_from_list():
    assert parsed(mail(to="Me <ME@example.com>")).addressed_to(ME) == "to"
    assert parsed(mail(to="team@example.com", cc=ME)).addressed_to(ME) == "cc"
    assert parsed(mail(to="list@example.com")).addressed_to(ME) == ""


def test_snippet_is_unescaped():
    resource = gmail_message(mail())
    resource["snippet"] = "don&#39;t &amp; won&#39;t"
    assert parse_message(resource).snippet == "don't & won't"


def test_body_data_helper_round_trips():
    assert decode_body_data(b64url(b"\x00\xffdata")) == (b"\x00\xffdata", False)


def test_nul_characters_never_leave_the_parser():
    raw = raw_mail(
        "From: Nul\x00 Name <n@x.example>\nTo: me@example.com\nSubject: a\x00b",
        b"body\x00text",
    )
    message = parsed(raw)

    assert (message.subject, message.body, message.from_name) == ("ab", "bodytext", "Nul Name")
    assert all("\x00" not in value for value in message.headers.values())
