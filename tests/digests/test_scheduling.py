"""One recurring digest job per active schedule, in step with edits, pauses and Google."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from accounts import connection
from accounts.models import GoogleAccount
from accounts.signals import google_connected, google_disconnected, google_needs_reauth
from digests.models import Schedule
from digests.schedules import (
    create_schedule,
    delete_schedule,
    ensure_first_schedule,
    pause,
    resume,
    update_schedule,
)
from digests.scheduling import (
    DIGEST_JOB,
    job_key,
    next_digest_at,
    send_now,
    sync_digest_jobs,
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


def add(user, cron=DAILY, zone="Europe/Berlin", name="Mornings"):
    return create_schedule(user, name=name, cron=cron, timezone=zone)


def recurring(user):
    return Job.objects.filter(user=user, type=DIGEST_JOB).exclude(schedule="")


def active(user):
    return list(recurring(user).filter(status__in=[Job.Status.PENDING, Job.Status.RUNNING]))


def next_cron(expr: str, zone: str) -> dt.datetime:
    return CronSchedule(expr).next(timezone.now().astimezone(zoneinfo.ZoneInfo(zone)))


def test_creating_a_schedule_creates_its_job_in_the_schedules_zone(user):
    schedule = add(user, WEEKDAYS_TWICE, "America/New_York")
    [job] = active(user)
    assert job.schedule == f"{WEEKDAYS_TWICE} #schedule-{schedule.pk}"
    assert (job.timezone, job.payload) == (
        "America/New_York",
        {"manual": False, "schedule_id": schedule.pk},
    )
    assert job.next_run == next_cron(WEEKDAYS_TWICE, "America/New_York")


def test_two_schedules_with_the_same_cron_get_two_jobs(user):
    first, second = add(user, name="A"), add(user, name="B")
    jobs = active(user)
    assert sorted(j.payload["schedule_id"] for j in jobs) == sorted([first.pk, second.pk])
    assert len({j.schedule for j in jobs}) == 2


def test_sync_twice_keeps_the_same_rows(user):
    add(user)
    before = {j.pk for j in active(user)}
    sync_digest_jobs(user)
    assert {j.pk for j in recurring(user)} == before


def test_editing_the_cron_replaces_the_job(user):
    schedule = add(user)
    update_schedule(schedule, cron=WEEKDAYS_TWICE)
    [job] = recurring(user)
    assert job.schedule == job_key(schedule) == f"{WEEKDAYS_TWICE} #schedule-{schedule.pk}"
    assert job.next_run == next_cron(WEEKDAYS_TWICE, "Europe/Berlin")


def test_editing_the_zone_moves_the_same_row(user):
    schedule = add(user)
    [before] = active(user)
    update_schedule(schedule, timezone="Asia/Tokyo")
    [after] = active(user)
    assert after.pk == before.pk
    assert after.timezone == "Asia/Tokyo"
    assert after.next_run == next_cron(DAILY, "Asia/Tokyo")


def test_deleting_a_schedule_deletes_its_job_only(user):
    keep, gone = add(user, name="Keep"), add(user, WEEKDAYS_TWICE, name="Gone")
    delete_schedule(gone)
    assert [j.payload["schedule_id"] for j in recurring(user)] == [keep.pk]


def test_pause_removes_the_job_and_resume_brings_it_back_at_the_next_time(user):
    schedule = add(user)
    assert pause(schedule, by="you", reason="holiday") == 1
    assert (schedule.paused, schedule.paused_by, schedule.paused_reason) == (True, "you", "holiday")
    assert schedule.paused_at is not None
    assert recurring(user).count() == 0

    assert resume(schedule) == 1
    assert (schedule.paused, schedule.paused_by, schedule.paused_at) == (False, "", None)
    [job] = active(user)
    assert job.next_run == next_cron(DAILY, "Europe/Berlin")


def test_pausing_one_schedule_leaves_the_others(user):
    one, other = add(user, name="One"), add(user, WEEKDAYS_TWICE, name="Other")
    pause(one, by="you")
    assert [j.payload["schedule_id"] for j in active(user)] == [other.pk]


def test_pause_a_whole_user_keeps_who_paused_first(user):
    mine, theirs = add(user, name="Mine"), add(user, name="Theirs")
    pause(mine, by="you", reason="mine")
    assert pause(user, by="unsubscribe link", reason="clicked") == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.paused_by, theirs.paused_by) == ("you", "unsubscribe link")
    assert active(user) == []


def test_pause_refuses_an_unknown_pauser(user):
    with pytest.raises(ValueError, match="by: expected one of"):
        pause(add(user), by="martians")
    assert len(active(user)) == 1


def test_no_jobs_without_a_connected_google_account(user):
    GoogleAccount.objects.filter(user=user).update(status=GoogleAccount.Status.REVOKED)
    add(user)
    assert recurring(user).count() == 0


def test_a_dead_job_comes_back_at_the_next_scheduled_time_not_at_once(user):
    add(user)
    [job] = active(user)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DEAD, retry_count=10)
    sync_digest_jobs(user)
    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 0)
    assert job.next_run == next_cron(DAILY, "Europe/Berlin")


def test_a_running_row_of_an_edited_schedule_is_cancelled_not_deleted(user):
    schedule = add(user)
    [job] = active(user)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        lease_owner="host:1:x:1",
        lease_expires_at=timezone.now() + dt.timedelta(minutes=5),
    )
    update_schedule(schedule, cron=WEEKDAYS_TWICE)
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert [j.schedule for j in active(user)] == [job_key(schedule)]


def test_send_now_twice_queues_one_job(user):
    assert send_now(user).pk == send_now(user).pk


def test_next_digest_is_the_soonest_across_schedules(user):
    add(user, "0 6 * * *", "Asia/Tokyo", name="Tokyo")
    add(user, "0 6 * * *", "America/New_York", name="New York")
    expected = min(next_cron("0 6 * * *", "Asia/Tokyo"), next_cron("0 6 * * *", "America/New_York"))
    assert next_digest_at(user) == expected


def test_a_queued_send_now_comes_first(user):
    add(user)
    job = send_now(user)
    assert next_digest_at(user) == job.next_run


def test_no_next_digest_when_every_schedule_is_paused(user):
    pause(add(user), by="you")
    assert next_digest_at(user) is None


# --- Google connection signals ------------------------------------------------------------


def test_connecting_google_first_time_makes_a_schedule_and_a_welcome_digest(user, settings):
    google_connected.send(sender=GoogleAccount, user=user, account=None, created=True)
    [schedule] = Schedule.objects.filter(user=user)
    assert (schedule.cron, schedule.timezone) == (
        settings.CONFIG.digest.default_schedule,
        "Europe/Berlin",
    )
    assert [job.payload["schedule_id"] for job in active(user)] == [schedule.pk]
    [welcome] = Job.objects.filter(user=user, type=DIGEST_JOB, schedule="")
    assert welcome.payload == {"manual": True}


def test_reconnecting_google_sends_no_welcome_digest_and_adds_no_schedule(user):
    google_connected.send(sender=GoogleAccount, user=user, account=None, created=False)
    assert not Job.objects.filter(user=user, type=DIGEST_JOB, schedule="").exists()
    assert not Schedule.objects.filter(user=user).exists()


@pytest.mark.parametrize("signal", [google_disconnected, google_needs_reauth])
def test_losing_google_pauses_every_schedule_and_stops_its_jobs(user, signal):
    add(user)
    queued = send_now(user)
    signal.send(sender=GoogleAccount, user=user, account=None, reason="x")
    schedule = Schedule.objects.get(user=user)
    assert (schedule.paused, schedule.paused_by) == (True, "Google disconnected")
    assert recurring(user).count() == 0
    queued.refresh_from_db()
    assert queued.status == Job.Status.CANCELLED


def test_reconnecting_lifts_only_the_pause_google_caused(user):
    ours, mine = add(user, name="Ours"), add(user, WEEKDAYS_TWICE, name="Mine")
    pause(mine, by="you", reason="holiday")
    account = GoogleAccount.objects.get(user=user)
    google_disconnected.send(sender=GoogleAccount, user=user, account=account)

    connection.connected(account, created=False, previous=GoogleAccount.Status.REVOKED)

    ours.refresh_from_db()
    mine.refresh_from_db()
    assert (ours.paused, mine.paused, mine.paused_by) == (False, True, "you")
    assert [j.payload["schedule_id"] for j in active(user)] == [ours.pk]


def test_ensure_first_schedule_is_a_no_op_for_someone_with_schedules(user):
    add(user)
    assert ensure_first_schedule(user) is None
    assert Schedule.objects.filter(user=user).count() == 1
