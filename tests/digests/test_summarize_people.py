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
