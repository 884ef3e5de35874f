"""jobstats and runscheduler's argument checks."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_jobs(make_users):
    now = timezone.now()
    users = make_users(5)
    Job.objects.create(type="digest", user=users[0], next_run=now - dt.timedelta(seconds=90))
    Job.objects.create(type="digest", user=users[1], status="dead")
    Job.objects.create(
        type="digest", user=users[2], status="running", last_run=now - dt.timedelta(seconds=30)
    )
    Job.objects.create(
        type="token_refresh",
        user=users[3],
        status="succeeded",
        last_run=now - dt.timedelta(minutes=3),
    )
    Job.objects.create(type="token_refresh", user=users[4], next_run=now + dt.timedelta(hours=1))


def jobstats(*args):
    out = io.StringIO()
    call_command("jobstats", *args, stdout=out)
    return out.getvalue()


def test_jobstats_json(some_jobs):
    stats = json.loads(jobstats("--json"))
    assert stats["by_status"] == {
        "pending": 2,
        "running": 1,
        "succeeded": 1,
        "dead": 1,
        "cancelled": 0,
    }
    assert stats["by_type"]["digest"]["dead"] == 1
    assert stats["by_type"]["token_refresh"]["succeeded"] == 1
    assert stats["in_flight"] == 1
    assert stats["started_per_second"] == {"1m": round(1 / 60, 3), "5m": 0.007, "15m": 0.002}
    assert 90 <= stats["oldest_due_lag_seconds"] < 100


def test_jobstats_table(some_jobs):
    lines = jobstats().splitlines()
    assert lines[0].split() == ["type", "pending", "running", "succeeded", "dead", "cancelled"]
    assert lines[1].split() == ["digest", "1", "1", "0", "1", "0"]
    assert lines[2].split() == ["token_refresh", "1", "0", "1", "0", "0"]
    assert lines[3].split() == ["all", "2", "1", "1", "1", "0"]
    assert lines[4].startswith("started per second (last 1m: 0.017/s, 5m: 0.007/s")
    assert lines[5] == "in flight: 1"
    assert lines[6].startswith("oldest due job lag: 9")


def test_jobstats_on_an_empty_table():
    stats = json.loads(jobstats("--json"))
    assert stats["by_status"]["pending"] == 0
    assert stats["oldest_due_lag_seconds"] == 0.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], r"--workers must be 1..64 as scheduler.workers, got 0"),
        (["--workers", "65"], r"--workers must be 1..64 as scheduler.workers, got 65"),
        (["--poll-interval", "0"], "--poll-interval must be greater than 0, got 0"),
        (
            ["--lease-seconds", "1"],
            "--lease-seconds must be 5..3600 as scheduler.lease_seconds, got 1",
        ),
        (["--lease-seconds", "3601"], "must be 5..3600 as scheduler.lease_seconds, got 3601"),
        (["--grace", "-1"], "--grace must be 0 or more, got -1"),
    ],
)
def test_runscheduler_names_bad_flags(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("runscheduler", *args)


def test_once_and_exit_when_idle_exclude_each_other():
    with pytest.raises(CommandError, match="not allowed with argument"):
        call_command("runscheduler", "--once", "--exit-when-idle")
