"""One zone of the person's: seen and changed on the preferences page, offered from the browser."""

import html

import pytest
from django.test import Client

from digests.models import Schedule
from digests.schedules import create_schedule, ensure_first_schedule
from digests.scheduling import digest_jobs
from tests.digests.test_preference_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(demo_user):
    demo_user.timezone = "UTC"
    demo_user.save()
    client = Client()
    client.force_login(demo_user)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_preferences_page_shows_and_changes_the_zone_and_moves_schedules_in_it(
    signed_in, demo_user
):
    first = ensure_first_schedule(demo_user)
    tokyo = create_schedule(demo_user, name="Tokyo", cron="0 9 * * *", timezone="Asia/Tokyo")
    assert 'name="timezone" value="UTC"' in text(signed_in.get("/digests/preferences/"))

    response = signed_in.post("/digests/preferences/", form_data(timezone="europe/berlin"))

    assert response.status_code == 302
    demo_user.refresh_from_db()
    assert demo_user.timezone == "Europe/Berlin"  # case normalised
    assert Schedule.objects.get(pk=first.pk).timezone == "Europe/Berlin"  # was in the old zone
    assert Schedule.objects.get(pk=tokyo.pk).timezone == "Asia/Tokyo"  # chosen apart: stays
    zones = {job.payload["schedule_id"]: job.timezone for job in digest_jobs(demo_user)}
    assert zones == {first.pk: "Europe/Berlin", tokyo.pk: "Asia/Tokyo"}


def test_an_unknown_zone_is_one_clear_error_and_nothing_saved(signed_in, demo_user):
    response = signed_in.post(
        "/digests/preferences/", form_data(timezone="Mars/Olympus", max_items="9")
    )
    assert response.status_code == 400
    assert "Mars/Olympus is not a time zone we know" in text(response)
    demo_user.refresh_from_db()
    assert demo_user.timezone == "UTC"


def test_the_dashboard_offers_the_browsers_zone_and_the_button_sets_it(signed_in, demo_user):
    ensure_first_schedule(demo_user)
    page = text(signed_in.get("/digests/"))
    assert 'data-offer-browser-zone data-current="UTC"' in page
    assert "js/timezone.js" in page

    response = signed_in.post("/digests/preferences/zone/", {"timezone": "Europe/Berlin"})

    assert response.status_code == 302
    demo_user.refresh_from_db()
    assert demo_user.timezone == "Europe/Berlin"
    assert Schedule.objects.get(user=demo_user).timezone == "Europe/Berlin"
    assert "(Europe/Berlin)" in text(signed_in.get("/digests/"))
    refused = signed_in.post("/digests/preferences/zone/", {"timezone": "nowhere"}, follow=True)
    assert "nowhere is not a time zone we know" in text(refused)


def test_a_new_schedule_starts_in_the_persons_zone_and_zone_case_is_normalised(
    signed_in, demo_user
):
    demo_user.timezone = "America/Chicago"
    demo_user.save()
    assert 'value="America/Chicago"' in text(signed_in.get("/digests/schedules/new/"))
    response = signed_in.post(
        "/digests/schedules/new/",
        {"name": "Mine", "preset": "daily", "at": "08:00", "timezone": "ASIA/tokyo",
         "channel": "email"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Schedule.objects.get(user=demo_user, name="Mine").timezone == "Asia/Tokyo"
