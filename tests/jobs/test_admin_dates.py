"""The jobs admin writes dates as the jobs dashboard does: the house format, the zone named."""

import datetime as dt

import pytest
from django.urls import reverse

from jobs.models import Job, SchedulerHeartbeat

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:jobs_job_changelist")
NEXT_RUN = dt.datetime(2030, 3, 8, 14, 5, tzinfo=dt.UTC)  # a Friday, years from any test run


@pytest.fixture
def job(make_users):
    [user] = make_users(1)
    return Job.objects.create(
        type="test.noop", user=user, next_run=NEXT_RUN,
        last_run=dt.datetime(2030, 1, 2, 9, 30, tzinfo=dt.UTC),
    )  # fmt: skip


def cell(body: str, field: str) -> str:
    start = body.index(f'<td class="field-{field}">')
    return body[start : body.index("</td>", start)]


def test_the_next_run_column_is_in_the_house_format_in_the_server_zone(staff_client, job):
    body = staff_client.get(CHANGELIST).content.decode()

    shown = cell(body, "next_run_shown")
    assert '<time datetime="2030-03-08T14:05:00+00:00">Fri 8 Mar 2030, 14:05</time>' in shown
    assert "March" not in body  # Django's own format is gone
    assert "p.m." not in body
    assert "Times are in UTC." in body


def test_the_columns_follow_the_zone_the_dashboard_names(staff_client, job, settings):
    settings.TIME_ZONE = "Europe/Berlin"

    listing = staff_client.get(CHANGELIST).content.decode()
    board = staff_client.get(reverse("admin:jobs_dashboard")).content.decode()

    assert "Fri 8 Mar 2030, 15:05" in cell(listing, "next_run_shown")
    assert "Times are in Europe/Berlin." in listing
    assert "(Europe/Berlin); times below are in Europe/Berlin too." in board


def test_a_jobs_page_writes_its_runs_in_the_house_format(staff_client, job):
    page = staff_client.get(reverse("admin:jobs_job_change", args=[job.pk])).content.decode()

    assert "Fri 8 Mar 2030, 14:05" in page
    assert "Wed 2 Jan 2030, 09:30" in page
    assert "Jan. 2, 2030" not in page


def test_the_user_column_wraps_after_the_at_sign(staff_client, job):
    body = staff_client.get(CHANGELIST).content.decode()

    local, domain = job.user.email.split("@")
    assert f"{local}@<wbr>{domain}" in cell(body, "user_shown")


def test_scheduler_processes_are_listed_in_the_house_format(staff_client):
    SchedulerHeartbeat.objects.create(
        owner="vm:42:x", host="vm", pid=42, version="1", workers=4,
        started_at=dt.datetime(2030, 3, 8, 6, 0, tzinfo=dt.UTC), beat_at=NEXT_RUN,
    )  # fmt: skip

    body = staff_client.get(reverse("admin:jobs_schedulerheartbeat_changelist")).content.decode()

    assert "Fri 8 Mar 2030, 06:00" in cell(body, "started_shown")
    assert "Fri 8 Mar 2030, 14:05" in cell(body, "beat_shown")
