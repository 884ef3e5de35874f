"""Job.objects.enqueue: validation, defaults, and deduplication by database constraints."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from jobs.cron import CronError
from jobs.models import Job

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_one_off_job_is_due_now(user):
    before = timezone.now()
    job = Job.objects.enqueue("test.noop", user=user, payload={"n": 1})
    assert (job.status, job.retry_count, job.schedule, job.payload) == ("pending", 0, "", {"n": 1})
    assert before <= job.next_run <= timezone.now()
    assert job.timezone == "UTC"


def test_recurring_job_first_runs_at_its_next_cron_time_in_its_zone(user):
    job = Job.objects.enqueue(
        "test.noop", user=user, schedule="0 8 * * *", timezone="Europe/Berlin"
    )
    local = job.next_run.astimezone(BERLIN)
    assert (local.hour, local.minute) == (8, 0)
    assert job.next_run > timezone.now()
    assert job.next_run - timezone.now() <= dt.timedelta(days=1)


def test_run_at_overrides_the_first_run(user):
    at = timezone.now() + dt.timedelta(hours=3)
    assert Job.objects.enqueue("test.noop", user=user, run_at=at).next_run == at


def test_payload_defaults_to_an_empty_object_and_max_retries_to_the_config(user, settings):
    job = Job.objects.enqueue("test.noop", user=user)
    assert job.payload == {}
    assert job.max_retries is None
    assert job.max_attempts == settings.CONFIG.scheduler.max_retries == 10
    job = Job.objects.enqueue("test.noop", user=user, schedule="@daily", max_retries=3)
    assert job.max_attempts == 3


def test_recurring_job_is_one_row_per_user_type_and_schedule_whatever_its_status(user):
    first = Job.objects.enqueue("test.noop", user=user, schedule="0 8 * * *", payload={"v": 1})
    Job.objects.filter(pk=first.pk).update(status="dead")
    again = Job.objects.enqueue("test.noop", user=user, schedule="0  8 * * *", payload={"v": 2})
    assert again.pk == first.pk
    assert again.payload == {"v": 1}  # the existing row, untouched
    assert Job.objects.count() == 1


def test_another_schedule_or_user_is_another_recurring_job(make_users):
    ada, bob = make_users(2)
    a = Job.objects.enqueue("test.noop", user=ada, schedule="0 8 * * *")
    assert Job.objects.enqueue("test.noop", user=ada, schedule="0 9 * * *").pk != a.pk
    assert Job.objects.enqueue("test.noop", user=bob, schedule="0 8 * * *").pk != a.pk
    assert Job.objects.enqueue("test.record", user=ada, schedule="0 8 * * *").pk != a.pk


def test_one_off_job_is_one_row_while_pending_or_running(user):
    first = Job.objects.enqueue("test.noop", user=user)
    assert Job.objects.enqueue("test.noop", user=user).pk == first.pk
    Job.objects.filter(pk=first.pk).update(status="running")
    assert Job.objects.enqueue("test.noop", user=user).pk == first.pk
    assert Job.objects.count() == 1


@pytest.mark.parametrize("finished", ["succeeded", "dead", "cancelled"])
def test_a_new_one_off_job_can_be_queued_once_the_last_one_finished(user, finished):
    first = Job.objects.enqueue("test.noop", user=user)
    Job.objects.filter(pk=first.pk).update(status=finished)
    second = Job.objects.enqueue("test.noop", user=user)
    assert second.pk != first.pk
    assert second.status == "pending"


def test_system_jobs_without_user_are_deduplicated_too():
    recurring = Job.objects.enqueue("test.noop", schedule="*/5 * * * *")
    assert Job.objects.enqueue("test.noop", schedule="*/5 * * * *").pk == recurring.pk
    one_off = Job.objects.enqueue("test.noop")
    assert Job.objects.enqueue("test.noop").pk == one_off.pk
    assert Job.objects.filter(user=None).count() == 2


@pytest.mark.parametrize(
    "duplicate",
    [
        {"type": "test.noop", "schedule": "0 8 * * *"},
        {"type": "test.noop", "schedule": ""},
    ],
)
def test_the_database_refuses_duplicates_that_bypass_enqueue(user, duplicate):
    for owner in (user, None):
        Job.objects.create(user=owner, **duplicate)
        with pytest.raises(IntegrityError), transaction.atomic():
            Job.objects.create(user=owner, **duplicate)


def test_the_database_refuses_a_succeeded_recurring_job(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(user=user, type="test.noop", schedule="@daily", status="succeeded")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"schedule": "0 8 * *"}, CronError, r"^expected 5 fields, got 4\.$"),
        ({"schedule": "0 8 32 * *"}, CronError, r"^day-of-month: 32 is out of range 1-31\.$"),
        ({"timezone": "Mars/Olympus"}, ValueError, "timezone: 'Mars/Olympus' is not an IANA"),
        ({"run_at": dt.datetime(2030, 1, 1)}, ValueError, "run_at: expected an aware datetime"),
        ({"max_retries": 0}, ValueError, "max_retries: expected an integer >= 1, got 0"),
        ({"payload": {"when": object()}}, ValueError, "payload: not JSON-serializable"),
    ],
)
def test_bad_input_is_named(user, kwargs, error, message):
    with pytest.raises(error, match=message):
        Job.objects.enqueue("test.noop", user=user, **kwargs)
    assert not Job.objects.exists()


def test_bad_type_is_named(user):
    with pytest.raises(ValueError, match="type: expected a non-empty string"):
        Job.objects.enqueue("", user=user)


def test_enqueueing_a_due_job_wakes_schedulers_after_commit(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        Job.objects.enqueue("test.noop", user=user)
        Job.objects.enqueue("test.noop", user=user)  # existing row: no second wake-up
        Job.objects.enqueue("test.noop", user=user, schedule="@daily")  # not due yet
    assert len(callbacks) == 1


def test_one_wake_up_per_transaction_however_many_jobs(
    make_users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for u in make_users(20):
            Job.objects.enqueue("test.noop", user=u)
    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_does_not_swallow_the_next_wake_up(make_users):
    ada, bob = make_users(2)

    def enqueue_then_fail():
        with transaction.atomic():
            Job.objects.enqueue("test.noop", user=ada)
            raise RuntimeError("roll back the savepoint")

    with transaction.atomic():
        with pytest.raises(RuntimeError):
            enqueue_then_fail()
        assert connections["default"].run_on_commit == []
        Job.objects.enqueue("test.noop", user=bob)
        assert len(connections["default"].run_on_commit) == 1


def race(count, target):
    """Run ``target`` in ``count`` threads released together; return their results."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("schedule", ["", "*/10 * * * *"], ids=["one-off", "recurring"])
@pytest.mark.parametrize("with_user", [True, False], ids=["user", "system"])
def test_fifty_threads_racing_enqueue_get_one_row(make_users, schedule, with_user):
    owner = make_users(1)[0] if with_user else None
    results, errors = race(
        50, lambda: Job.objects.enqueue("test.noop", user=owner, schedule=schedule).pk
    )
    assert errors == []
    assert len(results) == 50
    assert len(set(results)) == 1
    assert Job.objects.count() == 1
