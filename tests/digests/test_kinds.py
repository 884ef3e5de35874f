"""The kind of a message: person, newsletter, notification, receipt or calendar."""

import pytest

from digests.kinds import message_kind
from digests.models import Kind
from digests.parsing import parse_message
from tests.digests.factories import gmail_message, mail

INVITE = (
    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Planning\r\n"
    "DTSTART:20261202T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def kind_of(message, labels=("INBOX",)) -> Kind:
    return message_kind(parse_message(gmail_message(message, labels=labels)))


def test_a_colleague_writing_is_a_person():
    assert kind_of(mail("Could you review the deck?")) == Kind.PERSON


def test_list_mail_is_a_newsletter():
    message = mail("This week in Python.", headers={"List-Id": "<weekly.python.example>"})
    assert kind_of(message) == Kind.NEWSLETTER


def test_promotions_are_newsletters():
    assert kind_of(mail("50% off."), labels=("INBOX", "CATEGORY_PROMOTIONS")) == Kind.NEWSLETTER


@pytest.mark.parametrize(
    "sender", ["GitHub <notifications@github.example>", "Jira <no-reply@jira.example>"]
)
def test_machine_senders_are_notifications(sender):
    assert kind_of(mail("Build #41 passed.", sender=sender)) == Kind.NOTIFICATION


def test_an_automated_order_receipt_is_a_receipt():
    message = mail(
        "Thanks!", subject="Your order #1234 has shipped", sender="Shop <no-reply@shop.example>"
    )
    assert kind_of(message) == Kind.RECEIPT


def test_a_person_writing_about_an_order_stays_a_person():
    assert kind_of(mail("Where is it?", subject="Re: your order #1234")) == Kind.PERSON


def test_an_invitation_is_calendar():
    message = mail("Join us.", subject="Invitation: Planning")
    message.add_attachment(INVITE.encode(), maintype="text", subtype="calendar")
    assert kind_of(message) == Kind.CALENDAR
