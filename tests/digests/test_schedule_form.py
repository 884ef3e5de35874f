"""The schedule editor: several times in the simple form, and runs at least an hour apart."""

import pytest

from accounts.models import User
from digests.forms import ScheduleForm, preset_for
from digests.schedule_model import Schedule

pytestmark = pytest.mark.django_db


def form(**data) -> ScheduleForm:
    fields = {"name": "Mine", "timezone": "Europe/Berlin", "channel": "email", **data}
    return ScheduleForm(fields, user=User(timezone="UTC"))


def test_the_default_schedule_opens_in_the_simple_form():
    assert preset_for("0 8,17 * * 1-5") == {"preset": "weekdays", "at": "08:00, 17:00"}
    editor = ScheduleForm(user=User(), instance=Schedule(name="W", cron="0 8,17 * * 1-5"))
    assert editor.initial["preset"] == "weekdays"


@pytest.mark.parametrize(
    ("preset", "at", "cron"),
    [
        ("weekdays", "08:00, 17:00", "0 8,17 * * 1-5"),
        ("daily", "17:30 8:30", "30 8,17 * * *"),
        ("weekdays", "08:00", "0 8 * * 1-5"),
    ],
)
def test_one_or_more_times_make_one_cron(preset, at, cron):
    editor = form(preset=preset, at=at)
    assert editor.is_valid(), editor.errors
    assert editor.schedule_fields()["cron"] == cron


@pytest.mark.parametrize(
    ("at", "words"),
    [("08:00, 17:30", "share their minutes"), ("08:00, 25:00", "25:00 is not a time")],
)
def test_times_one_cron_cannot_hold_are_explained(at, words):
    editor = form(preset="daily", at=at)
    assert not editor.is_valid()
    assert words in editor.errors["at"][0]


@pytest.mark.parametrize("cron", ["* * * * *", "*/30 9-17 * * 1-5", "0,59 8 * * *"])
def test_runs_closer_than_an_hour_are_refused_with_the_reason(cron):
    editor = form(preset="custom", cron=cron)
    assert not editor.is_valid()
    [error] = editor.errors["cron"]
    assert "at least 60 minutes apart" in error


@pytest.mark.parametrize("cron", ["0 * * * *", "0 9-17 * * 1-5", "0 0 1 1 *"])
def test_runs_an_hour_or_more_apart_are_accepted(cron):
    assert form(preset="custom", cron=cron).is_valid()


def test_the_hourly_preset_every_hour_is_accepted():
    editor = form(preset="hours", every_hours="1", start_hour="9", end_hour="17")
    assert editor.is_valid(), editor.errors
