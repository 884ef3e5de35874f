"""Who is who in a mail: recipients read by a fast pattern agree with the standard library."""

from email.utils import getaddresses

import pytest

from digests.summarize.people import _parsed, first_name


@pytest.mark.parametrize(
    "listed",
    [
        "Alex Morgan <demo@example.com>, dana@x.example",
        "Alex   Morgan <a@b.c>",
        "Alex\r\n Morgan <a@b.c>",
        " Alex Morgan<a@b.c>",
        "Zoë Ä <z@x.y>, Sam <s+tag@x-y.z>",
        "Alex Morgan <a@b.c> x",
        "Alex Morgan a@b.c",
        # the standard library's own cases: quotes, dots, comments, groups, encoded words
        '"Lee, Dana" <d@x.example>',
        "Dr. Anita Shah <a@x.example>",
        "a@b.c (Alex)",
        "Team: a@x.example, b@y.example;",
        "=?utf-8?q?In=C3=AAs?= <i@x.pt>",
        "A B <a@b.c>,",
        "",
    ],
)
def test_recipients_are_the_pairs_getaddresses_gives(listed):
    assert _parsed(listed) == tuple(getaddresses([listed]))


def test_first_names_skip_titles_and_take_the_given_name():
    assert first_name("Dr. Anita Shah") == "Anita"
    assert first_name('"Lee, Dana"') == "Dana"
    assert first_name("support@x.example") == ""


def _greets(to: str, me: str, text: str) -> bool:
    from digests.parsing import parse_message
    from digests.summarize.people import greets_reader
    from tests.digests.factories import gmail_message, mail

    return greets_reader(parse_message(gmail_message(mail(text, to=to))), me, text)


@pytest.mark.parametrize(
    ("to", "me", "greeting", "expected"),
    [
        ("ndlamini@x.example", "ndlamini@x.example", "Dear Naledi Dlamini,", True),
        ("naledi.dlamini@x.example", "naledi.dlamini@x.example", "Dear Naledi Dlamini,", True),
        ("Alex Morgan <a@x.example>", "a@x.example", "Dear Alex,", True),
        ("all-staff@x.example", "marketing@x.example", "Dear Mark,", False),  # not in To
        ("joanna.smith@x.example", "joanna.smith@x.example", "Hi Anna,", False),
        ("steam.ops@x.example", "steam.ops@x.example", "Hello Team,", False),
    ],
)
def test_a_greeting_names_the_reader_from_their_address_only_as_a_whole_part(
    to, me, greeting, expected
):
    assert _greets(to, me, f"{greeting}\n\nThe report is attached.") is expected
