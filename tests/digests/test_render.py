"""The digest email (text and HTML); its delivery is tested in test_outbox.py."""

import datetime as dt

import pytest

from digests.render import render_email
from tests.accounts.factories import UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db

END = dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)  # 17:00 in Berlin


@pytest.fixture
def digest():
    digest = DigestFactory(
        user=UserFactory(email="alex@example.com", timezone="Europe/Berlin"),
        period_end=END,
        summary="3 new messages, 1 urgent: Contract (Dana)",
        count_urgent=1,
        count_low=2,
        reading_seconds=150,
    )
    EmailFactory(
        digest=digest,
        rank=0,
        thread_id="thread-contract",
        from_name="Dana Lee",
        from_address="dana@partner.example",
        subject="Contract <signature> needed",
        summary="Please sign the contract by Friday.",
        urgency="urgent",
        received_at=dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC),
        action_items=[{"text": "Sign the contract", "due": "2026-12-04"}],
    )
    EmailFactory(
        digest=digest,
        rank=1,
        thread_id="thread-news",
        from_name="",
        from_address="news@x.example",
        subject="Weekly news",
        summary="",
        snippet="All the news.",
        urgency="low",
        action_items=[],
    )
    return digest


def test_subject_line_counts_in_the_readers_zone(digest):
    assert (
        render_email(digest).subject
        == "Your Gmail digest, Mon 30 Nov 17:00: 3 new messages, 1 urgent"
    )


def test_text_version_has_everything_and_the_links(digest, settings):
    text = render_email(digest).text
    assert text.startswith("3 new messages, 1 urgent: Contract (Dana)")
    assert "Urgent: 1 · High: 0 · Medium: 0 · Low: 2" in text
    assert "1. [Urgent] Contract <signature> needed" in text
    assert "From: Dana Lee <dana@partner.example>, Mon 30 Nov, 09:15" in text
    assert "- To do: Sign the contract (due Fri 4 Dec 2026)" in text
    assert "https://mail.google.com/mail/u/0/#all/thread-contract" in text
    assert "2. [Low] Weekly news" in text
    assert "All the news." in text  # the snippet stands in for a missing summary
    assert f"{settings.SITE_URL}/digests/{digest.pk}/" in text
    assert f"{settings.SITE_URL}/digests/schedule/" in text
    assert "1 more message in this period" in text
    assert "&lt;" not in text


def test_html_version_has_the_same_links_and_escapes(digest, settings):
    html = render_email(digest).html
    assert 'href="https://mail.google.com/mail/u/0/#all/thread-contract"' in html
    assert f'href="{settings.SITE_URL}/digests/{digest.pk}/"' in html
    assert "Contract &lt;signature&gt; needed" in html
    assert "<signature>" not in html
    assert "(due Fri 4 Dec 2026)" in html
