"""Outcome transitions, guarded by the lease: exact counts, backoff, coalescing, takeovers."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from jobs import outcomes
from jobs.backoff import retry_delay
from jobs.claim import claim
from jobs.models import Job
from tests.jobs.conftest import reload

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def running(user, **fields):
    """A job claimed by "me", as the scheduler would hold it."""
    fields.setdefault("next_run", timezone.now() - dt.timedelta(seconds=1))
    Job.objects.create(type="test.noop", user=user, **fields)
    return claim("me", 1, 30)[0]


def finish(job, values):
    return outcomes.record([(job, values)])


def test_one_off_success_is_final_and_keeps_its_retry_count(user):
    job = running(user, retry_count=2, last_error="boom", last_traceback="tb")
    assert finish(job, outcomes.succeeded(job, timezone.now())) == 1
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error, row.last_traceback) == (
        "succeeded",
        2,
        "",
        "",
    )
    assert (row.lease_owner, row.lease_expires_at) == ("", None)


def test_recurring_success_moves_to_the_next_cron_time_in_the_jobs_zone(user):
    job = running(user, schedule="0 8 * * *", timezone="Europe/Berlin", retry_count=3)
    at = timezone.now()
    finish(job, outcomes.succeeded(job, at))
    row = reload(job)
    assert (row.status, row.retry_count) == ("pending", 0)
    local = at.astimezone(BERLIN)
    expected = local.replace(hour=8, minute=0, second=0, microsecond=0)
    if expected <= local:
        expected += dt.timedelta(days=1)  # wall-clock arithmetic: 08:00 the next day
    assert row.next_run == expected
    assert row.next_run.astimezone(BERLIN).hour == 8


def test_missed_runs_coalesce_into_one(user):
    """A daily job that missed three days runs once, then resumes its schedule."""
    now = timezone.now()
    job = running(user, schedule="0 8 * * *", next_run=now - dt.timedelta(days=3))
    finish(job, outcomes.succeeded(job, now))
    row = reload(job)
    assert now < row.next_run <= now + dt.timedelta(days=1)
    assert claim("me", 10, 30) == []


def test_recurring_job_never_reruns_the_slot_it_ran_for(user):
    slot = timezone.now() + dt.timedelta(minutes=5)
    Job.objects.create(type="test.noop", user=user, schedule="*/10 * * * *", next_run=slot)
    job = claim("me", 1, 30, due_before=slot, at=slot)[0]
    # The host finishing it has a clock a little behind the slot.
    finish(job, outcomes.succeeded(job, slot - dt.timedelta(seconds=2)))
    assert reload(job).next_run > slot


def test_failure_counts_an_attempt_and_backs_off(user):
    job = running(user, retry_count=2)
    at = timezone.now()
    finish(job, outcomes.failed(job, at, "RuntimeError: boom", "Traceback ...", 0.5))
    row = reload(job)
    assert (row.status, row.retry_count) == ("pending", 3)
    assert (row.last_error, row.last_traceback) == ("RuntimeError: boom", "Traceback ...")
    assert row.next_run == at + dt.timedelta(seconds=retry_delay(2, 0.5))


def test_the_tenth_failure_is_dead_with_retry_count_ten(user):
    job = running(user, retry_count=9)
    finish(job, outcomes.failed(job, timezone.now(), "RuntimeError: boom", "", 0.0))
    row = reload(job)
    assert (row.status, row.retry_count) == ("dead", 10)


def test_a_job_may_allow_fewer_attempts(user):
    job = running(user, retry_count=1, max_retries=2)
    finish(job, outcomes.failed(job, timezone.now(), "E", "", 0.0))
    assert (reload(job).status, reload(job).retry_count) == ("dead", 2)


def test_permanent_error_is_dead_at_once_with_the_attempt_counted(user):
    job = running(user)
    finish(job, outcomes.dead(job, timezone.now(), "PermanentError: token revoked"))
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error) == (
        "dead",
        1,
        "PermanentError: token revoked",
    )


def test_retry_later_is_not_a_failure(user):
    job = running(user, retry_count=1, last_error="earlier")
    at = timezone.now()
    finish(job, outcomes.retry_later(job, at, 90))
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error) == ("pending", 1, "earlier")
    assert row.next_run == at + dt.timedelta(seconds=90)


def test_retry_later_that_counts_is_an_attempt_with_its_reason(user):
    job = running(user, retry_count=1, last_error="earlier")
    at = timezone.now()
    finish(job, outcomes.retry_later(job, at, 90, counts_attempt=True, error="busy"))
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error) == ("pending", 2, "busy")
    assert row.next_run == at + dt.timedelta(seconds=90)


def test_retry_later_that_counts_ends_dead_at_the_last_attempt(user):
    job = running(user, retry_count=2, max_retries=3)
    finish(job, outcomes.retry_later(job, timezone.now(), 90, counts_attempt=True, error="busy"))
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error) == ("dead", 3, "busy")


def test_an_unparseable_schedule_on_a_row_becomes_a_dead_letter(user):
    job = running(user, schedule="@daily")
    Job.objects.filter(pk=job.pk).update(schedule="0 8 32 * *")
    job.schedule = "0 8 32 * *"
    finish(job, outcomes.succeeded(job, timezone.now()))
    row = reload(job)
    assert row.status == "dead"
    assert "day-of-month: 32 is out of range" in row.last_error


def test_outcome_of_a_job_cancelled_while_running_is_discarded(user):
    job = running(user, schedule="@daily")
    next_run = reload(job).next_run
    assert Job.objects.filter(pk=job.pk).cancel() == 1
    assert reload(job).lease_owner == job.lease_owner  # held until the handler returns
    assert finish(job, outcomes.succeeded(job, timezone.now())) == 0
    row = reload(job)
    assert (row.status, row.lease_owner, row.lease_expires_at) == ("cancelled", "", None)
    assert row.next_run == next_run


def test_a_cancelled_run_that_failed_keeps_its_error_but_stays_cancelled(user):
    """Cancelled mid-run (digests stop when Google refuses the grant): the outcome is
    discarded, but the row says what the run met instead of nothing."""
    job = running(user)
    Job.objects.filter(pk=job.pk).cancel()
    at = timezone.now()
    assert finish(job, outcomes.dead(job, at, "PermanentError: invalid_grant", "tb")) == 0
    row = reload(job)
    assert (row.status, row.retry_count, row.lease_owner) == ("cancelled", 0, "")
    assert (row.last_error, row.last_traceback) == ("PermanentError: invalid_grant", "tb")


def test_cancel_with_a_reason_keeps_it_as_the_last_error(user):
    job = Job.objects.create(type="test.noop", user=user)
    assert Job.objects.filter(pk=job.pk).cancel(reason="Google refused the refresh") == 1
    row = reload(job)
    assert (row.status, row.last_error) == ("cancelled", "Google refused the refresh")
    Job.objects.filter(pk=job.pk).resume()
    Job.objects.filter(pk=job.pk).cancel()  # no reason: the last error stays as it was
    assert reload(job).last_error == "Google refused the refresh"


def test_a_late_outcome_of_an_earlier_claim_by_the_same_process_is_discarded(user):
    """Our own reaper took the job over after a missed heartbeat and we claimed it again:
    the first run's outcome must not overwrite the second run's state."""
    Job.objects.create(type="test.noop", user=user, next_run=timezone.now())
    first = claim("host:1:abc:1", 1, 30)[0]
    Job.objects.filter(pk=first.pk).update(lease_expires_at=timezone.now() - dt.timedelta(1))
    assert outcomes.reap_expired() == 1
    second = claim("host:1:abc:2", 1, 30)[0]
    assert finish(first, outcomes.succeeded(first, timezone.now())) == 0
    row = reload(second)
    assert (row.status, row.lease_owner, row.retry_count) == ("running", "host:1:abc:2", 1)
    assert finish(second, outcomes.succeeded(second, timezone.now())) == 1
    assert reload(second).status == "succeeded"


def test_outcome_of_a_job_taken_over_by_another_process_is_discarded(user):
    job = running(user)
    Job.objects.filter(pk=job.pk).update(lease_owner="them")
    assert finish(job, outcomes.failed(job, timezone.now(), "E", "", 0.0)) == 0
    row = reload(job)
    assert (row.status, row.retry_count, row.lease_owner) == ("running", 0, "them")


def test_outcomes_setting_the_same_values_are_one_statement(make_users, django_assert_num_queries):
    for u in make_users(5):
        Job.objects.create(type="test.noop", user=u)
    jobs = claim("me", 5, 30)
    at = timezone.now()
    with django_assert_num_queries(1):
        written = outcomes.record([(job, outcomes.succeeded(job, at)) for job in jobs])
    assert written == 5
    assert Job.objects.filter(status="succeeded").count() == 5


def test_expired_leases_are_taken_over_as_failed_attempts(make_users):
    ada, bob, cy = make_users(3)
    now = timezone.now()
    lost = Job.objects.create(
        type="test.noop",
        user=ada,
        status="running",
        lease_owner="host:1:dead",
        lease_expires_at=now - dt.timedelta(seconds=1),
        retry_count=1,
    )
    last_chance = Job.objects.create(
        type="test.noop",
        user=bob,
        status="running",
        lease_owner="host:1:dead",
        lease_expires_at=now - dt.timedelta(seconds=1),
        retry_count=9,
    )
    alive = Job.objects.create(
        type="test.noop",
        user=cy,
        status="running",
        lease_owner="host:2:alive",
        lease_expires_at=now + dt.timedelta(seconds=20),
    )
    assert outcomes.reap_expired(at=now) == 2
    row = reload(lost)
    assert (row.status, row.retry_count, row.lease_owner) == ("pending", 2, "")
    assert row.next_run == now
    assert row.last_error == "worker lost: host:1:dead stopped renewing its lease"
    assert (reload(last_chance).status, reload(last_chance).retry_count) == ("dead", 10)
    assert reload(alive).status == "running"
