"""The schedules page: list, create, edit, delete, pause, resume, the live preview; IDOR, CSRF."""

import datetime as dt
import html
import zoneinfo

import pytest
from django.test import Client

from digests.models import Schedule
from digests.schedules import create_schedule, pause
from digests.scheduling import DIGEST_JOB
from jobs.cron import CronError, validate_cron
from jobs.models import Job
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests import berlin_reader

pytestmark = pytest.mark.django_db
user, signed_in = berlin_reader.user, berlin_reader.signed_in  # the Berlin reader's fixtures
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def schedule(user):
    return create_schedule(user, name="Mornings", cron="0 8 * * *", timezone="Europe/Berlin")


@pytest.fixture
def strangers_schedule():
    other = UserFactory()
    GoogleAccountFactory(user=other)
    return create_schedule(other, name="Theirs", cron="0 9 * * *", timezone="UTC")


def page(response) -> str:
    return html.unescape(response.content.decode())


def editor(**changes):
    data = {
        "name": "Work",
        "preset": "weekdays",
        "at": "08:30",
        "weekday": "1",
        "every_hours": "2",
        "start_hour": "9",
        "end_hour": "17",
        "cron": "",
        "timezone": "Europe/Berlin",
        "channel": "email",
    }
    return {**data, **changes}


def jobs_of(user):
    return list(Job.objects.filter(user=user, type=DIGEST_JOB).exclude(schedule=""))


# --- list ------------------------------------------------------------------------------------


def test_the_list_shows_each_schedule_in_words_with_its_state(signed_in, user, schedule):
    pause(create_schedule(user, name="Weekly", cron="0 9 * * 1", timezone="UTC"), by="you")
    text = page(signed_in.get("/digests/schedules/"))
    assert "Mornings" in text
    assert "At 08:00" in text
    assert "Weekly" in text
    assert "At 09:00, only on Monday" in text
    assert "Paused by you" in text
    assert f'action="/digests/schedules/{schedule.pk}/pause/"' in text


def test_the_list_needs_sign_in(client):
    response = client.get("/digests/schedules/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# --- create and edit -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "cron"),
    [
        ({"preset": "daily", "at": "07:05"}, "5 7 * * *"),
        ({"preset": "weekdays", "at": "08:30"}, "30 8 * * 1-5"),
        ({"preset": "weekly", "at": "18:00", "weekday": "5"}, "0 18 * * 5"),
        ({"preset": "hours", "every_hours": "3", "start_hour": "8"}, "0 8-17/3 * * 1-5"),
        ({"preset": "custom", "cron": " 30  9-17 * * 1-5 "}, "30 9-17 * * 1-5"),
    ],
)
def test_creating_from_a_preset_saves_its_cron_and_a_job(signed_in, user, changes, cron):
    response = signed_in.post("/digests/schedules/new/", editor(**changes))
    assert (response.status_code, response.url) == (302, "/digests/schedules/")
    [saved] = Schedule.objects.filter(user=user)
    assert (saved.name, saved.cron, saved.timezone) == ("Work", cron, "Europe/Berlin")
    [job] = jobs_of(user)
    assert job.payload["schedule_id"] == saved.pk


def test_two_schedules_with_the_same_time_both_get_a_job(signed_in, user):
    signed_in.post("/digests/schedules/new/", editor(name="A"))
    signed_in.post("/digests/schedules/new/", editor(name="B", timezone="Asia/Tokyo"))
    assert Schedule.objects.filter(user=user).count() == 2
    assert sorted(j.timezone for j in jobs_of(user)) == ["Asia/Tokyo", "Europe/Berlin"]


def test_the_editor_opens_with_the_saved_preset(signed_in, schedule):
    text = page(signed_in.get(f"/digests/schedules/{schedule.pk}/"))
    assert 'value="daily" required id="id_preset_0" checked' in text
    assert 'value="08:00"' in text
    assert 'value="Europe/Berlin"' in text


def test_the_editor_offers_zones_with_offsets_and_local_time(signed_in):
    text = page(signed_in.get("/digests/schedules/new/"))
    assert '<input type="text" name="timezone"' in text
    assert 'list="time-zones"' in text
    assert '<option value="Asia/Kolkata" label="Asia/Kolkata (UTC+05:30, ' in text
    assert "data-suggest-browser-zone" in text
    assert "/static/js/schedule_preview.js" in text
    assert "<script>" not in text  # no inline script: the CSP forbids it


def test_editing_changes_the_schedule_and_its_job(signed_in, user, schedule):
    response = signed_in.post(
        f"/digests/schedules/{schedule.pk}/",
        editor(name="Late", preset="custom", cron="15 22 * * *", timezone="America/New_York"),
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.name, schedule.cron, schedule.timezone) == (
        "Late",
        "15 22 * * *",
        "America/New_York",
    )
    [job] = jobs_of(user)
    assert job.schedule == f"15 22 * * * #schedule-{schedule.pk}"
    assert job.timezone == "America/New_York"


def test_a_bad_cron_shows_the_parsers_message_and_saves_nothing(signed_in, user, schedule):
    [before] = jobs_of(user)
    response = signed_in.post(
        f"/digests/schedules/{schedule.pk}/", editor(preset="custom", cron="0 25 * * *")
    )
    text = page(response)
    assert response.status_code == 400
    assert "Not a schedule we can run: hour: 25 is out of range 0-23." in text
    assert 'id="id_cron_error"' in text
    assert 'value="0 25 * * *"' in text
    schedule.refresh_from_db()
    assert schedule.cron == "0 8 * * *"
    assert [j.pk for j in jobs_of(user)] == [before.pk]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"preset": "custom"}, "Enter a cron expression, or pick a preset."),
        ({"preset": "custom", "cron": "0 8 * * * #x"}, "'#' is not part of a cron expression."),
        ({"timezone": "Mars/Olympus"}, "Mars/Olympus is not a time zone we know"),
        ({"preset": "daily", "at": ""}, "Enter a time such as 08:00."),
        ({"preset": "hours", "start_hour": "18"}, "The end of working hours comes after"),
        ({"preset": "hours", "every_hours": "0"}, "Enter how many hours apart, 1 to 12."),
        ({"preset": "hours", "every_hours": "13"}, "Enter how many hours apart, 1 to 12."),
        ({"preset": "sometimes"}, "Select a valid choice"),
        ({"name": ""}, "Give the schedule a name, e.g. Mornings."),
    ],
)
def test_editor_errors_name_the_problem_and_save_nothing(signed_in, user, changes, message):
    response = signed_in.post("/digests/schedules/new/", editor(**changes))
    assert response.status_code == 400
    assert message in page(response)
    assert not Schedule.objects.filter(user=user).exists()


# --- delete, pause, resume -------------------------------------------------------------------


def test_delete_removes_the_schedule_and_its_job(signed_in, user, schedule):
    response = signed_in.post(f"/digests/schedules/{schedule.pk}/delete/")
    assert response.status_code == 302
    assert not Schedule.objects.filter(pk=schedule.pk).exists()
    assert jobs_of(user) == []


def test_pause_then_resume_from_the_page(signed_in, user, schedule):
    signed_in.post(f"/digests/schedules/{schedule.pk}/pause/")
    schedule.refresh_from_db()
    assert (schedule.paused, schedule.paused_by) == (True, "you")
    assert jobs_of(user) == []

    signed_in.post(f"/digests/schedules/{schedule.pk}/resume/")
    schedule.refresh_from_db()
    assert (schedule.paused, schedule.paused_by) == (False, "")
    assert len(jobs_of(user)) == 1


# --- IDOR and CSRF, for every new view --------------------------------------------------------

OWN_PAGES = ["/digests/schedules/{id}/"]
OWN_ACTIONS = [
    "/digests/schedules/{id}/",
    "/digests/schedules/{id}/delete/",
    "/digests/schedules/{id}/pause/",
    "/digests/schedules/{id}/resume/",
]


@pytest.mark.parametrize("url", OWN_PAGES)
def test_someone_elses_schedule_page_is_not_found(signed_in, strangers_schedule, url):
    assert signed_in.get(url.format(id=strangers_schedule.pk)).status_code == 404


@pytest.mark.parametrize("url", OWN_ACTIONS)
def test_someone_elses_schedule_cannot_be_changed(signed_in, strangers_schedule, url):
    before = Schedule.objects.filter(pk=strangers_schedule.pk).values().get()
    response = signed_in.post(url.format(id=strangers_schedule.pk), editor(name="Mine now"))
    assert response.status_code == 404
    assert Schedule.objects.filter(pk=strangers_schedule.pk).values().get() == before
    assert len(jobs_of(strangers_schedule.user)) == 1


@pytest.mark.parametrize("url", [*OWN_ACTIONS, "/digests/schedules/new/"])
def test_every_schedule_change_needs_csrf(user, schedule, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    before = list(Schedule.objects.filter(user=user).values())
    response = client.post(url.format(id=schedule.pk), editor(name="Forged"))
    assert response.status_code == 403
    assert list(Schedule.objects.filter(user=user).values()) == before


@pytest.mark.parametrize("url", OWN_ACTIONS[1:])
def test_actions_refuse_get(signed_in, schedule, url):
    assert signed_in.get(url.format(id=schedule.pk)).status_code == 405
    assert Schedule.objects.get(pk=schedule.pk).paused is False


# --- the live preview ------------------------------------------------------------------------


def preview(client, **changes):
    return client.get("/digests/schedules/preview/", editor(**changes))


def test_preview_describes_the_schedule_and_lists_five_runs(signed_in):
    response = preview(signed_in, preset="custom", cron="15 9-17 * * 1-5")
    body = response.json()
    assert response.status_code == 200
    assert body["description"] == (
        "At 15 minutes past the hour, between 09:00 and 17:59, Monday through Friday "
        "(Europe/Berlin)"
    )
    runs = [dt.datetime.fromisoformat(run["at"]) for run in body["next_runs"]]
    assert len(runs) == 5
    assert runs == sorted(runs)
    assert all(
        r.astimezone(BERLIN).weekday() < 5 and 9 <= r.astimezone(BERLIN).hour < 18 for r in runs
    )


def test_preview_of_a_preset(signed_in):
    body = preview(signed_in, preset="weekly", at="18:00", weekday="5").json()
    assert (body["cron"], body["description"]) == (
        "0 18 * * 5",
        "At 18:00, only on Friday (Europe/Berlin)",
    )


def last_sunday_of_march(year: int) -> dt.date:
    day = dt.date(year, 3, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def test_preview_crosses_the_spring_forward_in_berlin(signed_in):
    """02:30 does not exist on the last Sunday of March in Berlin: that run is at 03:00."""
    body = preview(signed_in, preset="custom", cron="30 2 * 3 0").json()
    runs = [dt.datetime.fromisoformat(run["at"]).astimezone(BERLIN) for run in body["next_runs"]]
    labels = [run["label"] for run in body["next_runs"]]
    shifted = [r for r in runs if r.date() == last_sunday_of_march(r.year)]
    assert shifted, "five March Sundays in a row include a last one"
    for run, label in zip(runs, labels, strict=True):
        if run in shifted:
            assert (run.hour, run.minute, run.utcoffset()) == (3, 0, dt.timedelta(hours=2))
            assert label.endswith("03:00 (UTC+02:00)")
        else:
            assert (run.hour, run.minute, run.utcoffset()) == (2, 30, dt.timedelta(hours=1))
            assert label.endswith("02:30 (UTC+01:00)")


def test_preview_of_an_invalid_cron_gives_the_parsers_message_by_field(signed_in):
    response = preview(signed_in, preset="custom", cron="0 8 * * mon-fry")
    assert response.status_code == 200  # an answer the editor shows, not a console error
    body = response.json()
    assert body["ok"] is False
    with pytest.raises(CronError) as parser:
        validate_cron("0 8 * * mon-fry")
    assert str(parser.value) == "day-of-week: unknown name 'fry'."
    assert body["errors"]["cron"] == [f"Not a schedule we can run: {parser.value}"]


def test_preview_of_an_unknown_zone_says_so(signed_in):
    body = preview(signed_in, timezone="Europe/Atlantis").json()
    assert "Europe/Atlantis is not a time zone we know" in body["errors"]["timezone"][0]


def test_preview_needs_sign_in_and_saves_nothing(client, signed_in, user):
    assert client.logout() is None
    response = client.get("/digests/schedules/preview/", editor())
    assert response.status_code == 302
    assert not Schedule.objects.filter(user=user).exists()


def test_preview_judges_only_when_a_schedule_runs_and_says_which_fields(signed_in):
    body = preview(signed_in, name="", preset="custom", cron="61 * * * *").json()

    assert set(body["errors"]) == {"cron"}
    assert "name" not in body["checked"]
    assert "channel" not in body["checked"]
    assert {"preset", "at", "cron", "timezone"} <= set(body["checked"])


def test_an_emptied_name_is_asked_for_in_words(signed_in):
    response = signed_in.post("/digests/schedules/new/", editor(name=""))

    assert response.status_code == 400
    assert "Give the schedule a name, e.g. Mornings." in response.content.decode()
