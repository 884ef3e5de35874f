"""Items that read right: the ask itself, not its lead, its elaboration or the sender's needs."""

import pytest

from tests.digests.test_summarize_actions import items_of, texts

DEV = "Dev Patel <dev@x.example>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "No rush at all, but whenever you get a chance could you send me the slides?",
            ["Send Dev the slides"],
        ),
        (
            "Ahead of our QBR at 7:30 a.m. Central, could you send me the uptime report?",
            ["Send Dev the uptime report"],
        ),
        (
            "One thing I'll need from you: the pricing sheet in AUD by Friday your time, "
            "so finance can load it.",
            ["Send Dev the pricing sheet in AUD"],
        ),
        (
            "I need the tender response by noon tomorrow, London time.",
            ["Send Dev the tender response"],
        ),
    ],
)
def test_the_item_starts_where_the_ask_does_and_keeps_no_zone(body, expected):
    subject = expected[0].partition(" the ")[2]  # a subject the item already names
    assert texts(items_of(body, subject=subject, sender=DEV)) == expected


def test_a_need_for_time_is_the_senders_not_an_ask():
    body = (
        "Please send me the vendor comparison by Thursday. I'm presenting on Friday, "
        "so I'll need a little time with it before then."
    )
    assert texts(items_of(body, subject="Vendor comparison", sender=DEV)) == [
        "Send Dev the vendor comparison"
    ]


def test_a_decision_names_its_options():
    listed = (
        "I've narrowed it down to two spaces:\n"
        "Option A - Kreuzberg, Ritterstraße: 620 m², 12-month lease.\n"
        "Option B - Mitte, Linienstraße: 580 m², move-in ready.\n"
        "Which option should we go with? The landlord needs an answer by Thursday."
    )
    assert texts(items_of(listed, subject="Office move: A or B?", sender=DEV)) == [
        "Decide between Option A (Kreuzberg) and Option B (Mitte) for the office move"
    ]
    lettered = (
        "Options:\nA) ship without offline maps and add them in 5.1\n"
        "B) ship with offline maps behind a toggle, default off\n"
        "I need your decision by noon tomorrow."
    )
    assert texts(items_of(lettered, subject="Mobile 5.0 scope", sender=DEV)) == [
        "Decide whether to ship without offline maps or ship with offline maps behind a toggle "
        "for the mobile 5.0 scope"
    ]
    inline = (
        "One decision I need from you: which way do you want to go on the caching layer, "
        "Redis Cluster or Memcached?"
    )
    assert texts(items_of(inline, subject="search infra", sender=DEV)) == [
        "Decide between Redis Cluster and Memcached for the caching layer"
    ]
