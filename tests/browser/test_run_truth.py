"""Send now when things go wrong, in Chromium: a retry says when and why the button is off,
a job that gave up says so, and a refused search links to the preferences, never "Done"."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.digests.conftest import set_digest_preferences

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def test_a_refused_search_then_a_retry_then_giving_up(page, site, fake):
    sign_in(page, site)
    demo_user = User.objects.get(email=DEMO_EMAIL)
    button = page.get_by_role("button", name="Send a digest now")
    status = page.locator(".send-now-status")

    # The first digest (queued at sign-in) lists mail with the person's search: refused.
    set_digest_preferences(demo_user, query="from:a OR from:b")
    page.goto(site + "/digests/")
    expect(status).to_contain_text("Queued")
    expect(button).to_be_disabled()
    link = page.get_by_role("link", name="Fix the search in your preferences")
    run_due_jobs()
    expect(link).to_be_visible(timeout=10_000)
    expect(status).to_contain_text("Failed: Gmail refused to search your mail")
    expect(status).not_to_contain_text("Done")
    check_page(page, "dashboard, send now refused search")

    set_digest_preferences(demo_user, query="in:inbox")
    fake.inject_fault("*", 429, times=None, retry_after=600)
    page.goto(site + "/digests/")
    button.click()
    expect(status).to_contain_text("Queued")
    Job.objects.filter(user=demo_user, schedule="", status="pending").update(max_retries=2)
    run_due_jobs()
    page.goto(site + "/digests/")
    expect(status).to_contain_text("trying again at")
    expect(status).to_contain_text("(attempt 2 of 2)")
    expect(button).to_be_disabled()
    expect(page.locator(".status-retrying").first).to_contain_text("Will retry at")
    check_page(page, "dashboard, send now waiting to retry")

    Job.objects.filter(user=demo_user, schedule="", status="pending").update(
        next_run=timezone.now()
    )
    run_due_jobs()
    page.goto(site + "/digests/")
    expect(status).to_contain_text("we stopped trying after 2 attempts")
    expect(button).to_be_enabled()
    expect(page.get_by_text("we will retry")).to_have_count(0)
    check_page(page, "dashboard, send now gave up")
