"""One recurring digest job per user, in step with their schedule, zone, pause and Google."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from accounts import connection
from accounts.models import GoogleAccount
from accounts.signals import google_connected, google_disconnected, google_needs_reauth
from digests.scheduling import (
    DIGEST_JOB,
    describe_schedule,
    next_digest_at,
    send_now,
    sync_digest_schedule,
)
from jobs.cron import CronSchedule
from jobs.models import Job
from tests.accounts.factories import GoogleAccountFactory, UserFactory

pytestmark = pytest.mark.django_db

WEEKDAYS_TWICE = "0 8,17 * * 1-5"
DAILY = "0 8 * * *"


@pytest.fixture
def user():
    user = UserFactory(timezone="Europe/Berlin")
    GoogleAccountFactory(user=user)
    return user


def set_preferences(user, **changes):
    user.digest_preferences = {**user.digest_preferences, **changes}
    user.save()


def recurring(user):
    return Job.objects.filter(user=user, type=DIGEST_JOB).exclude(schedule="")


def active(user):
    return list(recurring(user).filter(status__in=[Job.Status.PENDING, Job.Status.RUNNING]))


def next_cron(expr: str, zone: str) -> dt.datetime:
    return CronSchedule(expr).next(timezone.now().astimezone(zoneinfo.ZoneInfo(zone)))


def test_sync_creates_the_recurring_job_in_the_users_zone(user):
    job = sync_digest_schedule(user)
    assert (job.type, job.schedule, job.timezone) == (DIGEST_JOB, WEEKDAYS_TWICE, "Europe/Berlin")
    assert job.payload == {"manual": False}
    assert job.status == Job.Status.PENDING
    assert job.next_run == next_cron(WEEKDAYS_TWICE, "Europe/Berlin")


def test_sync_twice_keeps_one_row(user):
    first = sync_digest_schedule(user)
    assert sync_digest_schedule(user).pk == first.pk
    assert recurring(user).count() == 1


def test_new_schedule_replaces_the_old_one(user):
    old = sync_digest_schedule(user)
    set_preferences(user, schedule=DAILY)

    new = sync_digest_schedule(user)

    assert new.schedule == DAILY
    assert active(user) == [new]
    old.refresh_from_db()
    assert old.status == Job.Status.CANCELLED


def test_going_back_to_an_earlier_schedule_revives_its_row(user):
    first = sync_digest_schedule(user)
    set_preferences(user, schedule=DAILY)
    sync_digest_schedule(user)
    set_preferences(user, schedule=WEEKDAYS_TWICE)

    again = sync_digest_schedule(user)

    assert again.pk == first.pk
    assert active(user) == [again]
    assert again.next_run == next_cron(WEEKDAYS_TWICE, "Europe/Berlin")
    assert recurring(user).count() == 2


def test_new_time_zone_moves_the_same_row(user):
    job = sync_digest_schedule(user)
    user.timezone = "America/New_York"
    user.save()

    moved = sync_digest_schedule(user)

    assert moved.pk == job.pk
    assert moved.timezone == "America/New_York"
    assert moved.next_run == next_cron(WEEKDAYS_TWICE, "America/New_York")


def test_pause_stops_and_unpause_resumes(user):
    job = sync_digest_schedule(user)
    set_preferences(user, paused=True)
    assert sync_digest_schedule(user) is None
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED

    set_preferences(user, paused=False)
    resumed = sync_digest_schedule(user)
    assert (resumed.pk, resumed.status) == (job.pk, Job.Status.PENDING)


def test_no_digests_without_a_connected_google_account(user):
    sync_digest_schedule(user)
    GoogleAccount.objects.filter(user=user).update(status=GoogleAccount.Status.NEEDS_REAUTH)
    assert sync_digest_schedule(user) is None
    assert active(user) == []
    assert sync_digest_schedule(UserFactory()) is None


def test_a_dead_job_comes_back_at_the_next_scheduled_time_not_at_once(user):
    job = sync_digest_schedule(user)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DEAD, retry_count=10)

    revived = sync_digest_schedule(user)

    assert (revived.status, revived.retry_count) == (Job.Status.PENDING, 0)
    assert revived.next_run == next_cron(WEEKDAYS_TWICE, "Europe/Berlin")


# --- send now ----------------------------------------------------------------------------------


def test_send_now_twice_queues_one_job(user):
    first = send_now(user)
    second = send_now(user)
    assert first.pk == second.pk
    assert first.payload == {"manual": True}
    assert first.next_run <= timezone.now()
    assert Job.objects.filter(user=user, type=DIGEST_JOB, schedule="").count() == 1


def test_send_now_after_the_last_one_finished_queues_another(user):
    first = send_now(user)
    Job.objects.filter(pk=first.pk).update(status=Job.Status.SUCCEEDED)
    assert send_now(user).pk != first.pk


# --- next digest ----------------------------------------------------------------------------


def test_next_digest_is_the_scheduled_time(user):
    job = sync_digest_schedule(user)
    assert next_digest_at(user) == job.next_run


def test_a_queued_send_now_comes_first(user):
    sync_digest_schedule(user)
    queued = send_now(user)
    assert next_digest_at(user) == queued.next_run


def test_no_next_digest_when_paused_or_unscheduled(user):
    assert next_digest_at(user) is None
    sync_digest_schedule(user)
    set_preferences(user, paused=True)
    sync_digest_schedule(user)
    assert next_digest_at(user) is None


def test_a_running_digest_reports_its_following_run(user):
    job = sync_digest_schedule(user)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    assert next_digest_at(user) == next_cron(WEEKDAYS_TWICE, "Europe/Berlin")


# --- Google connection signals ------------------------------------------------------------------


def test_connecting_google_schedules_digests_and_a_welcome_digest(user):
    google_connected.send(sender=GoogleAccount, user=user, account=None, created=True)
    assert [job.schedule for job in active(user)] == [WEEKDAYS_TWICE]
    [welcome] = Job.objects.filter(user=user, type=DIGEST_JOB, schedule="")
    assert welcome.payload == {"manual": True}
    assert welcome.next_run <= timezone.now()


def test_reconnecting_google_sends_no_welcome_digest(user):
    google_connected.send(sender=GoogleAccount, user=user, account=None, created=False)
    assert not Job.objects.filter(user=user, type=DIGEST_JOB, schedule="").exists()


@pytest.mark.parametrize("signal", [google_disconnected, google_needs_reauth])
def test_losing_google_stops_digests(user, signal):
    sync_digest_schedule(user)
    queued = send_now(user)
    signal.send(sender=GoogleAccount, user=user, account=None, reason="x")
    assert active(user) == []
    queued.refresh_from_db()
    assert queued.status == Job.Status.CANCELLED


def test_reconnecting_resumes_only_the_current_schedule(user):
    """accounts resumes every cancelled job of the person; stale schedules must stay dead."""
    sync_digest_schedule(user)
    set_preferences(user, schedule=DAILY)
    sync_digest_schedule(user)
    account = GoogleAccount.objects.get(user=user)
    connection.pause_digests(account)

    connection.connected(account, created=False, previous=GoogleAccount.Status.NEEDS_REAUTH)

    assert [job.schedule for job in active(user)] == [DAILY]


# --- the schedule in words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        ("0 8,17 * * 1-5", "Weekdays at 08:00 and 17:00 (Europe/Berlin)"),
        ("0 8 * * *", "Every day at 08:00 (Europe/Berlin)"),
        ("30 7 * * 1-5", "Weekdays at 07:30 (Europe/Berlin)"),
        ("0 9-17 * * 1-5", "Weekdays, every hour from 09:00 to 17:00 (Europe/Berlin)"),
        ("0 9 * * 0,6", "Weekends at 09:00 (Europe/Berlin)"),
        ("15 12 * * 1,3,5", "Mondays, Wednesdays and Fridays at 12:15 (Europe/Berlin)"),
        ("0 8 * * 7", "Sundays at 08:00 (Europe/Berlin)"),
        ("@daily", "Every day at 00:00 (Europe/Berlin)"),
        ("0  8   * * *", "Every day at 08:00 (Europe/Berlin)"),
        ("*/15 * * * *", "On the cron schedule “*/15 * * * *” (Europe/Berlin)"),
        ("0 8 1 * *", "On the cron schedule “0 8 1 * *” (Europe/Berlin)"),
    ],
)
def test_schedule_in_words(expr, words):
    assert describe_schedule(expr, "Europe/Berlin") == words
