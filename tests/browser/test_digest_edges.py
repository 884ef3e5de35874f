"""The walkthrough's rough edges, in Chromium: phishing apart from people, counts that add
up, one date format, and schedules that wait for Google instead of claiming "Active"."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import GoogleAccount, User
from digests.schedules import create_schedule
from fakegoogle import DEMO_EMAIL
from tests.browser.conftest import check_page, sign_in
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PHISHING = "looks like phishing: look-alike sender, credential or payment bait"
DUE = dt.date.today() + dt.timedelta(days=3)
WARNED = "Suspicious \N{EM DASH} don\N{RIGHT SINGLE QUOTATION MARK}t click"


def a_digest_with_phishing(user: User):
    end = timezone.now().replace(microsecond=0)
    digest = DigestFactory(
        user=user, period_start=end - dt.timedelta(hours=9), period_end=end,
        count_urgent=1, count_medium=2, count_low=2,
        # as the analyzer writes it (digests.summarize.overview)
        summary=f"5 new messages, 1 urgent: approve the budget (Maya, {DUE:%a %d %b} 17:00)",
    )  # fmt: skip
    quiet = {"action_items": [], "attachments": [], "reasons": []}
    EmailFactory(digest=digest, rank=0, subject="Approve the Q3 budget", urgency="urgent",
                 from_name="Maya", received_at=end - dt.timedelta(hours=2),
                 action_items=[{"text": "Approve the budget", "due": DUE.isoformat(),
                                "time": "17:00"}])  # fmt: skip
    EmailFactory(digest=digest, rank=1, subject="Offsite agenda", urgency="medium",
                 from_name="Sam", **quiet)  # fmt: skip
    EmailFactory(digest=digest, rank=2, subject="Lunch on Friday?", urgency="low",
                 kind="person", from_name="Kim", **quiet)  # fmt: skip
    EmailFactory(digest=digest, rank=3, subject="Your mailbox is full: verify now",
                 urgency="low", kind="person", suspicious=True, from_name="IT Helpdesk",
                 from_address="helpdesk@examp1e.example", action_items=[], attachments=[],
                 reasons=[PHISHING])  # fmt: skip
    EmailFactory(digest=digest, rank=4, subject="Muted sender", urgency="medium",
                 listed=False, **quiet)  # fmt: skip
    return digest


def test_the_digest_page_lists_phishing_apart_and_counts_what_it_shows(page, site):
    sign_in(page, site)
    user = User.objects.get(email=DEMO_EMAIL)
    digest = a_digest_with_phishing(user)
    page.goto(f"{site}/digests/{digest.pk}/")
    warned = page.locator(".suspicious-list")
    expect(page.get_by_role("heading", name=WARNED)).to_be_visible()
    expect(warned).to_contain_text("Your mailbox is full")
    expect(page.locator(".also")).to_contain_text("From people · 1")
    expect(page.locator(".also")).not_to_contain_text("Your mailbox is full")
    counts = "Urgent 1 · High 0 · Medium 1 · Low 1 · Suspicious 1 · Not listed 1"
    expect(page.locator("p.meta", has_text="Not listed")).to_contain_text(counts)
    said = f"{DUE:%a} {DUE.day} {DUE:%b %Y}, 17:00"  # "Fri 4 Dec 2026, 17:00"
    expect(page.locator(".digest-summary")).to_contain_text(f"(Maya, {said})")
    expect(page.locator(".actions")).to_contain_text(f"due {said}")
    check_page(page, "digest, phishing apart")


def test_a_schedule_added_while_google_is_gone_waits_for_it(page, site):
    sign_in(page, site)
    user = User.objects.get(email=DEMO_EMAIL)
    GoogleAccount.objects.filter(user=user).update(status=GoogleAccount.Status.REVOKED)
    create_schedule(user, name="Evenings", cron="0 18 * * *", timezone="Europe/Berlin")
    page.goto(site + "/digests/schedules/")
    row = page.locator("article.schedule-row", has_text="Evenings")
    expect(row.locator(".status")).to_have_text("Waiting for Google")
    expect(row.get_by_role("link", name="reconnected")).to_have_attribute(
        "href", "/accounts/google/reconnect/"
    )
    expect(page.get_by_text("Active", exact=True)).to_have_count(0)
    check_page(page, "schedules, waiting for Google")
    page.goto(site + "/digests/")
    expect(page.locator(".schedule-states")).to_contain_text("Waiting for Google")
    expect(page.locator(".schedule-states")).not_to_contain_text("next")
    check_page(page, "dashboard, waiting for Google")
