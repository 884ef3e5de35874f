"""Send now at the hour's limit, in Chromium: the page says up front when the next one may
start, the button stays off instead of being refused press after press, and it comes back
when the hour turns."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.digests.conftest import replace_config

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# The next hour's time; with its date when that hour is on another day (pressed after 23:00)
SAYS_WHEN = re.compile(
    r"^You have asked for 1 digest this hour, .* You can send another digest at "
    r"(?:\w{3} \d{1,2} \w{3} \d{4}, )?\d\d:\d\d\.$"
)


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def test_at_the_limit_the_button_is_off_until_the_hour_turns(page, site, settings):
    replace_config(settings, "digest", send_now_per_hour=1)
    page.clock.install()  # the page's timers: the hour can pass in a moment
    sign_in(page, site)
    run_due_jobs()  # the welcome digest, which no press started
    button = page.get_by_role("button", name="Send a digest now")
    status = page.locator(".send-now-status")
    note = page.locator(".send-now-limit")
    page.goto(site + "/digests/")
    expect(note).to_be_hidden()

    button.click()  # the hour's one: it starts, and the page says what comes after it
    expect(status).to_contain_text("Queued")
    expect(note).to_have_text(SAYS_WHEN)
    run_due_jobs()
    expect(status).to_contain_text("Done", timeout=10_000)  # nothing new since the welcome one
    expect(button).to_be_disabled()  # done, and still off: the limit holds
    expect(note).to_be_visible()
    check_page(page, "dashboard, send now at the hour's limit")

    page.reload()  # said up front, before anyone presses
    expect(note).to_have_text(SAYS_WHEN)
    expect(button).to_be_disabled()
    expect(button).to_have_attribute("aria-describedby", "send-now-limit")

    cache.clear()  # the hour turns: the next window counts afresh (its own cache key)
    page.clock.fast_forward("01:00:00")
    expect(note).to_be_hidden()
    expect(button).to_be_enabled()
    button.click()
    expect(status).to_contain_text("Queued")
    expect(note).to_have_text(SAYS_WHEN)
    assert not [e for e in page.console_errors if "429" in e]  # never refused on the way
