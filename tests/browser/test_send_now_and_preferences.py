"""Send now with live progress, and preferences that change the next digest, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from digests.models import Digest
from fakegoogle import DEMO_EMAIL
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.digests.factories import mail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def send_now_and_open(page, site) -> Digest:
    """Press "send now", watch it queue, run the job, follow the progress to the digest."""
    page.goto(site + "/digests/")
    page.get_by_role("button", name="Send a digest now").click()
    status = page.locator(".send-now-status")
    expect(status).to_contain_text("Queued")
    expect(page.get_by_role("button", name="Send a digest now")).to_be_disabled()
    check_page(page, "dashboard, send now queued")
    run_due_jobs()
    link = page.get_by_role("link", name="Open the digest")
    expect(link).to_be_visible(timeout=10_000)
    expect(status).to_contain_text("Done")
    link.click()
    page.wait_for_url(re.compile(r"/digests/\d+/$"))
    return Digest.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))


def test_send_now_progress_reaches_the_digest_and_preferences_change_the_next(page, site, fake):
    sign_in(page, site)
    run_due_jobs()  # the welcome digest uses up the demo mailbox

    fake.add_message(DEMO_EMAIL, mail("Can you call me?", subject="Call me today",
                                      sender="Kim <kim@work.example>"))  # fmt: skip
    first = send_now_and_open(page, site)
    assert first.emails.filter(subject="Call me today", listed=True).exists()
    check_page(page, "digest after send now")

    page.goto(site + "/digests/preferences/")
    check_page(page, "preferences")
    page.get_by_label("VIP senders").fill("boss@work.example")
    page.get_by_label("Muted senders").fill("@garden.example")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    check_page(page, "preferences saved")

    fake.add_message(DEMO_EMAIL, mail("This week in gardening.", subject="Garden weekly",
                                      sender="news@garden.example"))  # fmt: skip
    fake.add_message(DEMO_EMAIL, mail("Lunch on Friday?", subject="Lunch with the boss",
                                      sender="Boss <boss@work.example>"))  # fmt: skip
    second = send_now_and_open(page, site)
    assert not second.emails.get(subject="Garden weekly").listed
    assert second.emails.get(subject="Lunch with the boss").listed
    cards = page.locator("article.card, .compact")
    expect(cards.filter(has_text="Lunch with the boss")).to_have_count(1)
    expect(cards.filter(has_text="Garden weekly")).to_have_count(0)
    check_page(page, "digest after preferences")

    why = page.locator("article.card", has_text="Lunch with the boss").locator("details.why")
    why.locator("summary").click()
    expect(why.get_by_text("from a sender you always want to see")).to_be_visible()
    mute = page.locator("details.feedback-mute").first
    mute.locator("summary", has_text="Mute this sender").click()  # it asks first
    mute.get_by_role("button", name=re.compile(r"^Mute ")).click()
    expect(page.get_by_text("is muted")).to_be_visible()
    check_page(page, "digest after feedback")
