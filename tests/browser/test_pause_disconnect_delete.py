"""Leaving, in Chromium: pause from the digest email's link, resume, disconnect, delete."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import GoogleAccount, User
from digests.models import Digest, Schedule
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def pause_link_of_the_sent_digest(site: str) -> str:
    """The "Pause these emails" link, as the sent digest email carries it (text and HTML)."""
    digests = [m for m in mail.outbox if DEMO_EMAIL in m.to]
    assert digests, "no digest email was sent"
    sent = digests[-1]
    text = re.search(r"Pause these emails: (\S+)", sent.body).group(1)
    html_body = next(body for body, kind in sent.alternatives if kind == "text/html")
    assert f'href="{text}"' in html_body
    assert sent.extra_headers["List-Unsubscribe"].startswith(f"<{text}>")
    assert text.startswith(site + "/digests/unsubscribe/")
    return text


def schedules_of(user: User) -> list[tuple[bool, str]]:
    return [(s.paused, s.paused_by) for s in Schedule.objects.filter(user=user)]


def test_pause_from_the_email_resume_disconnect_and_delete(page, site):
    sign_in(page, site)
    run_due_jobs()  # the welcome digest, sent by email
    user = User.objects.get(email=DEMO_EMAIL)
    assert Digest.objects.filter(user=user).exists()
    link = pause_link_of_the_sent_digest(site)

    # The link from the email: a GET only asks (mail scanners follow links) ...
    page.goto(link)
    expect(page.get_by_role("heading", name="Pause digest emails?")).to_be_visible()
    check_page(page, "unsubscribe")
    assert schedules_of(user) == [(False, "")]
    # ... and the button pauses every schedule, saying who did.
    page.get_by_role("button", name="Pause digests").click()
    expect(page.get_by_role("heading", name="Digests paused")).to_be_visible()
    check_page(page, "unsubscribe, paused")
    assert schedules_of(user) == [(True, "unsubscribe link")]
    page.goto(site + "/digests/schedules/")
    expect(page.get_by_text("Paused by the unsubscribe link")).to_be_visible()
    check_page(page, "schedules, paused from the email")

    page.goto(link)
    page.get_by_role("button", name="Resume digests").click()
    expect(page.get_by_role("heading", name="Digests resumed")).to_be_visible()
    check_page(page, "unsubscribe, resumed")
    assert schedules_of(user) == [(False, "")]
    page.goto(site + "/digests/schedules/")
    expect(page.locator(".status-active", has_text="Active")).to_have_count(1)

    # Disconnect Google: tokens gone, revoked at (the fake) Google, digests paused.
    page.goto(site + "/accounts/")
    page.get_by_role("link", name="Disconnect Google").click()
    check_page(page, "disconnect")
    page.get_by_role("button", name="Disconnect Google").click()
    page.wait_for_url(re.compile(r"/accounts/$"))
    expect(page.locator(".messages")).to_contain_text(
        "Done: our access at Google is revoked and your tokens deleted."
    )
    # Said once: no banner, the message says what was done, the card the state and the way back.
    expect(page.get_by_role("link", name="Reconnect Google")).to_have_count(1)
    expect(page.locator("#main").get_by_role("link", name="Reconnect Google")).to_be_visible()
    expect(page.get_by_text("digests are paused")).to_have_count(1)
    check_page(page, "account, disconnected")
    account = GoogleAccount.objects.get(user=user)
    assert account.status == GoogleAccount.Status.REVOKED
    assert account.refresh_token_encrypted == account.access_token_encrypted == ""
    assert schedules_of(user) == [(True, "Google disconnected")]

    # Delete the account: asked to type the address, then everything of theirs is gone.
    page.get_by_role("link", name="Delete my account and data").click()
    page.get_by_label(re.compile("to confirm")).fill("someone-else@example.com")
    page.get_by_role("button", name="Delete my account and data").click()
    expect(page.locator(".error")).to_contain_text("Type your email address")
    check_page(page, "delete account, wrong address")
    assert User.objects.filter(pk=user.pk).exists()
    page.get_by_label(re.compile("to confirm")).fill(DEMO_EMAIL)
    page.get_by_role("button", name="Delete my account and data").click()
    page.wait_for_url(site + "/")
    expect(page.locator(".messages")).to_contain_text("Your account and all its data are deleted")
    check_page(page, "home, account deleted")
    assert not User.objects.filter(email=DEMO_EMAIL).exists()
    for model in (GoogleAccount, Schedule, Digest, Job):
        assert not model.objects.filter(user_id=user.pk).exists(), model.__name__

    # The session ended with it: private pages ask to sign in again, the link is dead.
    page.goto(site + "/digests/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.goto(link)
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    check_page(page, "unsubscribe, account gone")
