"""Form details: one right error per mistake, every bad line named, no bidi tricks in names."""

import pytest

from digests.models import Schedule
from digests.schedules import create_schedule
from tests.digests.test_preference_views import form_data

pytestmark = pytest.mark.django_db


def test_a_bad_other_address_gets_one_right_error(signed_in):
    response = signed_in.post(
        "/digests/preferences/", form_data(delivery="other", other_address="not-email")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["other_address"] == ["Enter a valid email address."]
    empty = signed_in.post("/digests/preferences/", form_data(delivery="other"))
    assert empty.context["form"].errors["other_address"] == [
        "Enter the address the digests should go to."
    ]


def test_every_bad_vip_line_is_named(signed_in):
    response = signed_in.post(
        "/digests/preferences/", form_data(vip_senders="boss at work\nok@example.com\n@@bad")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["vip_senders"] == [
        "“boss at work” is neither an address (ada@example.com) nor a domain (@example.com).",
        "“@@bad” is neither an address (ada@example.com) nor a domain (@example.com).",
    ]


def test_a_schedule_name_loses_its_bidi_controls(signed_in, demo_user):
    response = signed_in.post(
        "/digests/schedules/new/",
        {"name": "Mo\u202egnin\u202c digest", "preset": "daily", "at": "08:00",
         "timezone": "Europe/Berlin", "channel": "email"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Schedule.objects.filter(user=demo_user, name="Mognin digest").exists()
    direct = create_schedule(demo_user, name="\u2067Evening\u2069", cron="0 20 * * *",
                             timezone="UTC")  # fmt: skip
    assert Schedule.objects.get(pk=direct.pk).name == "Evening"
