"""The digest page tells the truth about what it lists: its counts, and suspicious mail apart."""

import html

import pytest
from django.utils.html import strip_tags

from tests.digests import berlin_reader
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db
user, signed_in = berlin_reader.user, berlin_reader.signed_in  # the Berlin reader's fixtures


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


def header_counts(text: str) -> str:
    """The counts line under the status: "Urgent 0 · High 1 · …" (whitespace folded)."""
    line = text.split("Urgent ", 1)[1].split("about", 1)[0]
    return " ".join(("Urgent " + line).split()).rstrip(" ·")


def test_the_header_counts_what_the_cards_show_and_the_rest_as_not_listed(signed_in, user):
    # Stored counts are over everything that arrived: 3 medium, though one is muted.
    digest = DigestFactory(user=user, count_urgent=0, count_high=1, count_medium=3, count_low=2)
    EmailFactory(digest=digest, rank=0, subject="Budget", urgency="high", thread_id="t1")
    EmailFactory(digest=digest, rank=1, subject="Expenses", urgency="medium", thread_id="t2")
    EmailFactory(digest=digest, rank=2, subject="Re: Expenses", urgency="low", thread_id="t2")
    low(digest, 3, "Weekly", kind="newsletter")
    EmailFactory(digest=digest, rank=4, subject="Muted", urgency="medium", listed=False)
    EmailFactory(digest=digest, rank=5, subject="Past max", urgency="medium", listed=False)
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    assert "6 new messages in 5 conversations" in text
    # One medium card of two messages, the two unlisted mediums only counted.
    assert header_counts(text) == "Urgent 0 · High 1 · Medium 2 · Low 1 · Not listed 2"
    worth = text.split("Worth a look", 1)[1].split("Also arrived", 1)[0]
    assert "Expenses (2)" in worth
    assert "Muted" not in text
    assert "And 2 more: 2 from people." in text


def test_the_header_counts_add_up_to_the_total_with_suspicious_mail_apart(signed_in, user):
    digest = DigestFactory(user=user, count_urgent=1, count_medium=1, count_low=3)
    EmailFactory(digest=digest, rank=0, subject="Contract", urgency="urgent")
    EmailFactory(digest=digest, rank=1, subject="Spoof", urgency="medium", suspicious=True)
    low(digest, 2, "Phish", suspicious=True)
    low(digest, 3, "Lunch")
    low(digest, 4, "Unlisted phish", suspicious=True, listed=False)
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    counts = header_counts(text)
    assert counts == "Urgent 1 · High 0 · Medium 0 · Low 1 · Suspicious 2 · Not listed 1"
    assert sum(int(part.rsplit(" ", 1)[1]) for part in counts.split(" · ")) == 5
    assert "5 new messages" in text
