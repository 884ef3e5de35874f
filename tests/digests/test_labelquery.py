"""Deciding a label-only Gmail search from a message's labels, as Gmail would."""

import pytest

from digests.labelquery import label_matcher


@pytest.mark.parametrize(
    ("query", "labels", "expected"),
    [
        ("in:inbox -category:promotions", ["INBOX", "UNREAD"], True),
        ("in:inbox -category:promotions", ["INBOX", "CATEGORY_PROMOTIONS"], False),
        ("in:inbox -category:promotions", ["SENT"], False),
        ("in:inbox", ["INBOX", "SPAM"], False),  # spam and trash hidden unless asked for
        ("in:anywhere", ["SPAM"], True),
        ("in:trash", ["TRASH"], True),
        ("-category:promotions", ["CATEGORY_UPDATES"], True),
        ("is:starred", ["INBOX"], False),
        ("is:starred is:unread", ["STARRED", "UNREAD"], True),
        ("is:read", ["INBOX", "UNREAD"], False),
        ("label:important", ["IMPORTANT"], True),
        ("IN:INBOX", ["INBOX"], True),
        ("", ["INBOX"], True),
        ("", ["TRASH"], False),
    ],
)
def test_label_searches_are_decided_locally(query, labels, expected):
    matcher = label_matcher(query)
    assert matcher is not None
    assert matcher(labels) is expected


@pytest.mark.parametrize(
    "query",
    [
        "from:northwind.example",
        "in:inbox invoice",
        "label:clients",  # a user label: its id is not its name
        "in:inbox OR is:starred",
        "newer_than:2d",
        '"exact phrase"',
    ],
)
def test_anything_else_is_left_to_gmail(query):
    assert label_matcher(query) is None
