"""The "Last digest" card follows a retry in Chromium: "Will retry" turns into "Sent" (or the
failure) without a reload, and its history row with it; a new digest joins the history."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from digests.models import Digest
from digests.render.counts import digest_counts
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.digests.factories import mail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def retry_now(user: User) -> None:
    Job.objects.filter(user=user, schedule="", status="pending").update(next_run=timezone.now())
    run_due_jobs()


def test_the_last_digest_card_follows_a_retry_without_a_reload(page, site, fake):
    sign_in(page, site)
    user = User.objects.get(email=DEMO_EMAIL)
    # The welcome digest (queued at sign-in) meets a rate limit: it will be retried.
    fake.inject_fault("*", 429, times=None, retry_after=600)
    Job.objects.filter(user=user, schedule="", status="pending").update(max_retries=3)
    run_due_jobs()
    digest = Digest.objects.get(user=user)
    assert digest.status == Digest.Status.FAILED

    page.goto(site + "/digests/")
    card = page.locator("#last-digest")
    row = page.locator(f"#digest-{digest.pk}")
    expect(card).to_contain_text("Will retry at")
    expect(card).to_contain_text("Last try: Google asked us to slow down")
    expect(row).to_contain_text("Will retry at")
    check_page(page, "dashboard, last digest waiting to retry")

    # The retry succeeds while the page stays open: the card and its row say so.
    page.evaluate("window.stillTheSamePage = true")
    fake.clear_faults()
    with page.expect_request(re.compile(r"/digests/last-digest/$"), timeout=15_000):
        retry_now(user)
    expect(card).to_contain_text("Sent", timeout=15_000)
    expect(card).not_to_contain_text("Will retry")
    expect(card).not_to_contain_text("Last try")
    expect(row).not_to_contain_text("Will retry")
    expect(row.locator(".status-sent")).to_have_count(1)
    expect(page.locator(".send-now-status")).to_contain_text("Done")
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    check_page(page, "dashboard, last digest sent after a retry")


def test_the_card_says_the_failure_once_the_last_attempt_fails(page, site, fake):
    sign_in(page, site)
    user = User.objects.get(email=DEMO_EMAIL)
    fake.inject_fault("*", 429, times=None, retry_after=600)
    Job.objects.filter(user=user, schedule="", status="pending").update(max_retries=2)
    run_due_jobs()

    page.goto(site + "/digests/")
    card = page.locator("#last-digest")
    expect(card).to_contain_text("Will retry at")
    retry_now(user)  # the last attempt fails too
    expect(card.locator(".status-failed")).to_have_count(1, timeout=15_000)
    expect(card).to_contain_text("we stopped trying after 2 attempts", timeout=15_000)
    expect(card).not_to_contain_text("Will retry")


def history_rows(page):
    return page.locator("#history .digest-row")


def test_a_new_digest_joins_the_history_while_the_dashboard_stays_open(page, site, fake):
    sign_in(page, site)  # the welcome digest is queued, not made yet
    user = User.objects.get(email=DEMO_EMAIL)
    page.goto(site + "/digests/")
    history = page.locator("#history")
    expect(history).to_contain_text("No digests yet")
    expect(page.locator(".send-now-status")).to_contain_text("Queued")
    page.evaluate("window.stillTheSamePage = true")

    run_due_jobs()  # the welcome digest is made while the page is open
    welcome = Digest.objects.get(user=user)
    expect(history_rows(page)).to_have_count(1, timeout=15_000)
    expect(history).not_to_contain_text("No digests yet")
    expect(page.locator(f"#history > #digest-{welcome.pk} .status-sent")).to_have_count(1)
    check_page(page, "dashboard, first digest added live")

    # "Send now": the new digest's row goes on top, with the counts its page shows.
    fake.add_message(DEMO_EMAIL, mail("Can you sign this by noon?", subject="Sign by noon",
                                      sender="Dana <dana@work.example>"))  # fmt: skip
    page.get_by_role("button", name="Send a digest now").click()
    expect(page.locator(".send-now-status")).to_contain_text("Queued")
    run_due_jobs()
    expect(page.locator(".send-now-status")).to_contain_text("Done", timeout=15_000)
    newest = Digest.objects.filter(user=user).first()
    assert newest.pk != welcome.pk
    expect(history_rows(page)).to_have_count(2, timeout=15_000)
    expect(history_rows(page).first).to_have_attribute("id", f"digest-{newest.pk}")
    expect(history_rows(page).first.locator(".status-sent")).to_have_count(1)
    counts = digest_counts(newest)
    badges = history_rows(page).first.locator(".badge")
    expect(badges).to_have_text([words for _, words in counts.badges])
    expect(page.locator("#last-digest a").first).to_have_attribute("href", f"/digests/{newest.pk}/")
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    check_page(page, "dashboard, new digest added live")

    page.reload()  # what a reload shows is what the page already had
    expect(history_rows(page)).to_have_count(2)
    expect(history_rows(page).first).to_have_attribute("id", f"digest-{newest.pk}")


def test_an_expired_session_leaves_the_dashboard_as_it_is(page, site, fake):
    sign_in(page, site)
    run_due_jobs()  # the welcome digest
    page.goto(site + "/digests/")
    card = page.locator("#last-digest")
    expect(card).to_contain_text("Sent")
    page.context.clear_cookies()  # the session is gone: the card's URL now redirects to sign-in
    with page.expect_response(re.compile(r"/digests/last-digest/$"), timeout=15_000) as answer:
        page.evaluate("document.dispatchEvent(new Event('gda:send-now'))")
    assert answer.value.status == 302  # to the sign-in page, which fetch follows
    page.wait_for_timeout(500)  # the answer has been read
    expect(card).to_contain_text("Sent")
    expect(page.locator("h1")).to_have_text("Your digests")
    expect(page.get_by_role("button", name="Send a digest now")).to_be_visible()
