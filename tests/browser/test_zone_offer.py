"""First sign-in from a Berlin browser: the zone is offered, taken, and the default schedule
opens in the simple editor."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from digests.models import Schedule
from tests.browser.conftest import check_page, sign_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_browsers_zone_is_offered_at_first_sign_in(page, site):
    sign_in(page, site)
    offer = page.locator("[data-offer-browser-zone]")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("your browser says Europe/Berlin")
    check_page(page, "dashboard, zone offer")
    use = page.get_by_role("button", name="Use Europe/Berlin").bounding_box()
    other = offer.get_by_role("link", name="Choose another zone").bounding_box()
    assert use is not None
    assert other is not None
    beside = other["x"] - (use["x"] + use["width"])
    below = other["y"] - (use["y"] + use["height"])
    assert max(beside, below) >= 8, "the button and the link touch"

    page.get_by_role("button", name="Use Europe/Berlin").click()
    expect(page.get_by_text("Your time zone is now Europe/Berlin.")).to_be_visible()
    expect(offer).to_be_hidden()
    expect(page.locator(".next-digest")).to_contain_text("(Europe/Berlin)")
    [schedule] = Schedule.objects.all()
    assert (User.objects.get().timezone, schedule.timezone) == ("Europe/Berlin", "Europe/Berlin")

    page.goto(site + "/digests/preferences/")
    expect(page.get_by_label("Your time zone")).to_have_value("Europe/Berlin")
    check_page(page, "preferences with zone")

    page.goto(site + f"/digests/schedules/{schedule.pk}/")
    expect(page.get_by_label("Weekdays at")).to_be_checked()
    expect(page.get_by_label("At", exact=True)).to_have_value("08:00, 17:00")
    expect(page.locator("#preview-description")).to_have_text(
        re.compile(r"^At 08:00 and 17:00, Monday through Friday")
    )
    check_page(page, "schedule editor, two times")
