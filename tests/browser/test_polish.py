"""Rough edges in real Chromium: feedback keeps the place and can be undone, no console errors
(favicon, schedule preview), and the preferences form's boxes are real boxes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from digests.models import Digest, Feedback
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.jobs.factories import DeadJobFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def errors_of(page: Page) -> list[str]:
    return list(page.console_errors)  # type: ignore[attr-defined]


def signed_in(page: Page, site: str) -> None:
    """Signed in, with the fake Google's pages' console errors (its own favicon) forgotten."""
    sign_in(page, site)
    page.console_errors.clear()  # type: ignore[attr-defined]


def test_feedback_shows_on_the_card_keeps_the_place_and_undoes(page, site):
    signed_in(page, site)
    run_due_jobs()  # the welcome digest
    digest = Digest.objects.get()
    page.goto(f"{site}/digests/{digest.pk}/")
    assert errors_of(page) == []  # no favicon 404, nothing else

    card = page.locator(".compact").last  # far down the page
    item = card.get_attribute("id")
    card.get_by_role("button", name="Not urgent").click()
    page.wait_for_url(re.compile(rf"#{item}$"))
    card = page.locator(f"#{item}")
    expect(card.get_by_text("Marked not urgent")).to_be_visible()
    assert page.evaluate("window.scrollY") > 0  # at the card, not the top of the page
    assert Feedback.objects.filter(kind="not_urgent").count() == 1
    check_page(page, "digest, feedback given")

    card.get_by_role("button", name="Undo: Marked not urgent").click()
    page.wait_for_url(re.compile(rf"#{item}$"))
    expect(page.locator(f"#{item}").get_by_role("button", name="Not urgent")).to_be_visible()
    assert not Feedback.objects.exists()

    mute = page.locator(f"#{item} details.feedback-mute")
    mute.locator("summary").click()
    expect(mute.get_by_text("will no longer be listed")).to_be_visible()
    assert not Feedback.objects.exists()  # opening it asked, nothing more
    check_page(page, "digest, mute asks first")
    assert errors_of(page) == []


def test_no_console_errors_while_typing_a_bad_schedule(page, site):
    signed_in(page, site)
    page.goto(site + "/digests/schedules/new/")
    page.get_by_label("Advanced (cron)").check()
    cron = page.get_by_label("Cron expression")
    for text in ("0", "0 2", "0 25", "0 25 * * *"):
        cron.fill(text)
        page.wait_for_timeout(300)
    expect(page.locator("#id_cron_error")).to_contain_text("hour: 25 is out of range")
    assert errors_of(page) == []


def test_the_preferences_boxes_are_tall_enough_and_grouped(page, site):
    signed_in(page, site)
    page.goto(site + "/digests/preferences/")
    check_page(page, "preferences")
    for role, name in [
        ("textbox", "Gmail search"),
        ("spinbutton", "Most messages listed"),
        ("textbox", "Other address"),
    ]:
        box = page.get_by_role(role, name=name).bounding_box()
        assert box is not None
        assert box["height"] >= 32, name
    number = page.get_by_role("spinbutton", name="Most messages listed").bounding_box()
    label = page.get_by_text("Most messages listed", exact=True).bounding_box()
    assert number["y"] >= label["y"] + label["height"]  # under its label, not beside it
    delivery = page.get_by_role("region", name="How digests reach you")
    expect(delivery.get_by_label(re.compile("Email me the digest"))).to_be_visible()
    expect(delivery.get_by_role("link", name="your schedules")).to_be_visible()
    holds = page.get_by_role("region", name="What goes in")
    expect(holds.get_by_role("group", name="When nothing new arrived")).to_be_visible()
    assert errors_of(page) == []


def test_a_dead_letters_page_requeues_with_a_button(page, site):
    get_user_model().objects.create_superuser("root@example.com", "a long staff password")
    dead = DeadJobFactory(type="digest.send", last_error="GmailError: quota")
    page.goto(site + reverse("admin:jobs_job_change", args=[dead.pk]))
    page.locator("#id_username").fill("root@example.com")
    page.locator("#id_password").fill("a long staff password")
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_have_text("Gmail Digest Assistant")
    expect(page.locator(".field-next_run_shown .readonly")).to_have_text("—")
    check_page(page, "admin dead letter")
    page.get_by_role("button", name="Requeue").click()
    expect(page.get_by_text("Requeued 1 of 1 job(s).")).to_be_visible()
    expect(page.get_by_role("button", name="Requeue")).to_have_count(0)  # pending now
    check_page(page, "admin dead letter, requeued")
    dead.refresh_from_db()
    assert dead.status == "pending"
