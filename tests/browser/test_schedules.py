"""Two schedules made in real Chromium, watching the words and next runs follow the typing."""

import re

import pytest
from playwright.sync_api import Page, expect

from digests.models import Schedule
from jobs.models import Job
from tests.browser.conftest import check_page, sign_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def runs(page: Page) -> list[str]:
    return page.locator("#preview-runs li").all_inner_texts()


def test_two_schedules_with_live_descriptions_and_next_runs(page, site):
    sign_in(page, site)
    page.goto(site + "/digests/schedules/")
    check_page(page, "schedules")
    page.get_by_role("link", name="Add a schedule").click()

    # The browser's zone (the context runs in Europe/Berlin) is suggested.
    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("Europe/Berlin")
    description = page.locator("#preview-description")
    expect(description).to_have_text("At 08:00, Monday through Friday (Europe/Berlin)")
    expect(page.locator("#preview-runs li")).to_have_count(5)

    page.get_by_label("Name").fill("Mornings")
    page.get_by_label("Every day at").check()
    page.get_by_label("At", exact=True).fill("07:15")
    expect(description).to_have_text("At 07:15 (Europe/Berlin)")
    assert all(re.search(r"07:15 \(UTC\+0[12]:00\)$", run) for run in runs(page))
    check_page(page, "schedule editor")  # the README's copy: test_doc_screenshots.py
    page.get_by_role("button", name="Add schedule").click()
    page.wait_for_url(re.compile(r"/digests/schedules/$"))
    check_page(page, "schedules, one")

    page.get_by_role("link", name="Add a schedule").click()
    page.get_by_label("Name").fill("Work hours")
    page.get_by_label("Advanced (cron)").check()
    cron = page.get_by_label("Cron expression")
    cron.fill("0 25 * * *")
    error = page.locator("#id_cron_error")
    expect(error).to_have_text("Not a schedule we can run: hour: 25 is out of range 0-23.")
    expect(page.locator("#preview-runs li")).to_have_count(0)
    check_page(page, "schedule editor, invalid cron")
    cron.fill("30 9-17 * * 1-5")
    expect(error).to_have_text("")
    expect(description).to_have_text(
        "At 30 minutes past the hour, between 09:00 and 17:59, Monday through Friday "
        "(Europe/Berlin)"
    )
    zone.fill("America/New_York")
    expect(description).to_have_text(re.compile(r"\(America/New_York\)$"))
    assert all(re.search(r"\(UTC-0[45]:00\)$", run) for run in runs(page))
    page.get_by_role("button", name="Add schedule").click()
    page.wait_for_url(re.compile(r"/digests/schedules/$"))
    check_page(page, "schedules, two")

    saved = {s.name: (s.cron, s.timezone) for s in Schedule.objects.all()}
    assert saved["Mornings"] == ("15 7 * * *", "Europe/Berlin")
    assert saved["Work hours"] == ("30 9-17 * * 1-5", "America/New_York")
    recurring = Job.objects.filter(type="digest.send").exclude(schedule="")
    assert recurring.count() == len(saved)  # the first schedule from sign-up, and these two

    page.get_by_role("button", name="Pause Work hours").click()
    expect(page.get_by_text("Paused by you")).to_be_visible()
    page.goto(site + "/digests/")
    check_page(page, "dashboard with schedules")
    expect(page.get_by_text("Work hours")).to_be_visible()


def test_the_message_by_an_emptied_name_outlives_the_live_preview(page, site):
    sign_in(page, site)
    page.goto(site + "/digests/schedules/new/")
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Add schedule").click()

    expect(page.locator("#preview-runs li")).to_have_count(5)  # the preview has answered
    expect(page.locator("#id_name_error")).to_have_text("Give the schedule a name, e.g. Mornings.")
    check_page(page, "schedule editor, no name")
    assert Schedule.objects.count() == 1  # the one made at sign-in, no nameless one


def test_the_next_runs_heading_shows_only_over_runs(page, site):
    sign_in(page, site)
    page.goto(site + "/digests/schedules/new/")
    heading = page.get_by_role("heading", name="Next 5 runs")
    expect(page.locator("#preview-runs li")).to_have_count(5)
    expect(heading).to_be_visible()

    page.get_by_label("Advanced (cron)").check()
    page.get_by_label("Cron expression").fill("61 * * *")
    expect(page.locator("#id_cron_error")).to_contain_text("expected 5 fields, got 4.")
    expect(page.locator("#preview-runs li")).to_have_count(0)
    expect(heading).to_be_hidden()
    check_page(page, "schedule editor, not a schedule yet")
