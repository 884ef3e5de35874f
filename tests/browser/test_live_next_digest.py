"""The dashboard's "Next digest" line in Chromium moves on without a reload: once the digest it
names is delivered, and once a schedule's time passes (no event, no click: the card's own poll
asks again just after that time)."""

import datetime as dt
import time
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from digests.render.dates import day_time
from digests.scheduling import next_digest_at
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.digests.factories import mail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def said(user: User) -> str:
    """The line as the house format writes the next digest, in its schedule's zone."""
    at = next_digest_at(user)
    return f"Next digest: {day_time(at, at.tzinfo)} ({at.tzinfo})"


def test_the_next_digest_line_moves_on_once_the_digest_is_delivered(page, site, fake):
    sign_in(page, site)  # the welcome digest is queued: it is the next one, due now
    user = User.objects.get(email=DEMO_EMAIL)
    page.goto(site + "/digests/")
    line = page.locator("#next-digest > p").first
    before = said(user)
    expect(line).to_have_text(before)
    page.evaluate("window.stillTheSamePage = true")

    run_due_jobs()  # delivered while the page is open
    expect(page.locator("#history .digest-row")).to_have_count(1, timeout=15_000)
    after = said(user)
    assert after != before
    expect(line).to_have_text(after, timeout=15_000)
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    check_page(page, "dashboard, next digest after delivery")


def test_the_next_digest_line_moves_on_once_the_scheduled_time_passes(page, site, fake):
    sign_in(page, site)
    user = User.objects.get(email=DEMO_EMAIL)
    run_due_jobs()  # the welcome digest
    scheduled = Job.objects.get(user=user, schedule__contains="#schedule-")
    due = timezone.now().replace(microsecond=0) + dt.timedelta(seconds=4)
    Job.objects.filter(pk=scheduled.pk).update(next_run=due)

    page.goto(site + "/digests/")
    line = page.locator("#next-digest > p").first
    zone = zoneinfo.ZoneInfo(scheduled.timezone)
    before = f"Next digest: {day_time(due, zone)} ({zone})"
    expect(line).to_have_text(before)
    page.evaluate("window.stillTheSamePage = true")

    fake.add_message(DEMO_EMAIL, mail("Can you sign this by noon?", subject="Sign by noon",
                                      sender="Dana <dana@work.example>"))  # fmt: skip
    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.2)
    run_due_jobs()  # the schedule's digest: the job now waits for the schedule's next time
    after = said(user)
    assert after != before
    # The page asks again just after the time it showed (not at its next idle minute).
    expect(line).to_have_text(after, timeout=12_000)
    expect(page.locator("#history .digest-row")).to_have_count(2, timeout=12_000)
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    check_page(page, "dashboard, next digest after its time passed")
