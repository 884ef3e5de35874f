"""Every message of the shipped demo mailbox parses and is analyzed sensibly.

The raw fixture is read as Gmail would serve it (headers as written, bodies transfer-decoded
in their own charset), so this is what a newcomer's first digest in demo mode is made of.
"""

import datetime as dt
import zoneinfo

import pytest

from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze
from fakegoogle.mailbox import demo_messages
from tests.digests.factories import gmail_message

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
FIXTURES = {fixture.name: fixture for fixture in demo_messages(now=NOW)}
CONTEXT = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("Europe/Berlin"))


def load(name: str):
    fixture = FIXTURES[name]
    received = dt.datetime.fromtimestamp(fixture.internal_date / 1000, dt.UTC)
    return parse_message(
        gmail_message(fixture.raw, received=received, labels=tuple(sorted(fixture.labels)))
    )


def test_the_demo_mailbox_is_big_enough_to_matter():
    assert len(FIXTURES) >= 60


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_demo_message_parses_cleanly(name):
    message = load(name)
    assert message.problems == []
    assert "@" in message.from_address
    assert message.subject
    assert "=?" not in message.subject
    assert message.body or message.calendar
    assert "\N{REPLACEMENT CHARACTER}" not in message.body + message.subject
    assert message.received_at == dt.datetime.fromtimestamp(
        FIXTURES[name].internal_date / 1000, dt.UTC
    )


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_demo_message_is_analyzed(name):
    analysis = analyze(load(name), CONTEXT)
    assert analysis.summary
    assert analysis.reading_seconds >= 5
    assert analysis.reasons


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("059-charset-iso-8859-1-qp.eml", "réunion"),
        ("060-charset-iso-8859-1-8bit.eml", "für"),
        ("061-charset-windows-1252.eml", "\u20ac4,200"),
        ("062-charset-shift-jis.eml", "お"),
        ("063-charset-koi8-r.eml", "Счёт"),
        ("064-utf8-base64-emoji.eml", "\N{PARTY POPPER}"),
        ("065-utf8-qp-spanish.eml", "otoño"),
    ],
)
def test_non_utf8_mail_reads_as_written(name, words):
    message = load(name)
    assert words in message.subject + message.body


@pytest.mark.parametrize(
    "name", ["022-invite-design-review.eml", "023-invite-one-on-one.eml", "024-invite-qbr.eml"]
)
def test_invitations_have_an_event_with_a_start(name):
    event = load(name).calendar
    assert event is not None
    assert event.summary
    assert event.start is not None
    assert event.method != "CANCEL"


def test_cancelled_invitation_is_recognised():
    assert load("025-invite-cancelled.eml").calendar.method == "CANCEL"


@pytest.mark.parametrize(
    "name", ["047-invoice-cloudhost.eml", "050-eticket.eml", "066-photos-weekend.eml"]
)
def test_attachments_are_listed(name):
    attachments = load(name).attachments
    assert attachments
    assert all(a.name and a.size > 0 for a in attachments)


def test_reply_is_cut_to_the_new_text():
    message = load("002-acme-renewal-2.eml")
    assert "clause 7.2" in message.clean_body
    assert "Let me know if your team" in message.body
    assert "Let me know if your team" not in message.clean_body


def test_newsletters_are_automated_and_people_are_not():
    assert load("052-newsletter-engineering.eml").is_automated
    assert load("031-github-actions-failed.eml").is_automated
    assert not load("026-budget-approval.eml").is_automated
