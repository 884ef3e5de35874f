"""The digest page tells the truth about what it lists: its counts, and suspicious mail apart."""

import html

import pytest
from django.utils.html import strip_tags

from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = UserFactory(timezone="Europe/Berlin")
    GoogleAccountFactory(user=user)
    return user


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


WARNED = "Suspicious — don\N{RIGHT SINGLE QUOTATION MARK}t click"  # the section's heading


def page(response) -> str:
    """What a reader sees: tags gone, entities decoded."""
    return html.unescape(strip_tags(response.content.decode()))


def low(digest, rank, subject, **fields):
    defaults = {"urgency": "low", "kind": "person", "action_items": [], "reasons": []}
    return EmailFactory(digest=digest, rank=rank, subject=subject, **{**defaults, **fields})


def test_phishing_from_a_person_is_in_its_own_section_not_from_people(signed_in, user):
    digest = DigestFactory(user=user, count_urgent=0, count_low=3)
    low(digest, 0, "Lunch on Friday?", from_name="Kim")
    low(digest, 1, "Your mailbox is full", from_name="IT Helpdesk", suspicious=True,
        from_address="helpdesk@examp1e.example",
        reasons=["looks like phishing: look-alike sender, credential or payment bait"])  # fmt: skip
    low(digest, 2, "Invoice overdue", kind="receipt", suspicious=True)
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    warned = text.split(WARNED, 1)[1].split("Also arrived", 1)[0]
    also = text.split("Also arrived", 1)[1]
    assert "Your mailbox is full" in warned
    assert "IT Helpdesk <helpdesk@examp1e.example>" in warned
    assert "look-alike sender" in warned
    assert "Invoice overdue" in warned
    assert "From people · 1" in also
    assert "Lunch on Friday?" in also
    assert "Your mailbox is full" not in also
    assert "Invoice overdue" not in also
    assert "Receipts" not in also  # the only receipt was phishing
