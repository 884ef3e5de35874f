"""requeue / run_now / cancel / resume: what other apps and the admin use to steer jobs."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.models import Job
from tests.jobs.conftest import reload

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(hours=5)


def job(user, **fields):
    fields.setdefault("type", "test.noop")
    return Job.objects.create(user=user, **fields)


def test_requeue_starts_a_dead_letter_over(user):
    dead = job(user, status="dead", retry_count=10, last_error="E", last_traceback="T")
    assert Job.objects.filter(pk=dead.pk).requeue() == 1
    row = reload(dead)
    assert (row.status, row.retry_count, row.last_error, row.last_traceback) == (
        "pending",
        0,
        "",
        "",
    )
    assert row.next_run <= timezone.now()


def test_requeue_leaves_running_jobs_alone(user):
    running = job(user, status="running", lease_owner="host:1:x")
    assert Job.objects.all().requeue() == 0
    assert reload(running).lease_owner == "host:1:x"


def test_requeue_keeps_one_one_off_job_per_key(user):
    """Two dead "send now" jobs of one person become one queued job, not an error."""
    first = job(user, status="dead")
    second = job(user, status="dead")
    assert Job.objects.filter(status="dead").requeue() == 1
    assert sorted([reload(first).status, reload(second).status]) == ["dead", "pending"]


def test_requeue_skips_a_one_off_job_whose_twin_is_queued(user):
    job(user)
    dead = job(user, status="dead")
    assert Job.objects.filter(pk=dead.pk).requeue() == 0
    assert reload(dead).status == "dead"


def test_requeue_of_recurring_and_pending_jobs(make_users):
    ada, bob = make_users(2)
    recurring = job(ada, schedule="@daily", status="dead", retry_count=10)
    waiting = job(bob, retry_count=3, next_run=timezone.now() + LATER)
    assert Job.objects.all().requeue() == 2
    assert (reload(recurring).status, reload(recurring).retry_count) == ("pending", 0)
    assert reload(waiting).next_run <= timezone.now()
    assert reload(waiting).retry_count == 0


def test_run_now_keeps_history(user):
    waiting = job(user, retry_count=3, last_error="E", next_run=timezone.now() + LATER)
    assert Job.objects.filter(pk=waiting.pk).run_now() == 1
    row = reload(waiting)
    assert row.next_run <= timezone.now()
    assert (row.retry_count, row.last_error) == (3, "E")


@pytest.mark.parametrize("status", ["dead", "cancelled", "running", "succeeded"])
def test_run_now_only_touches_pending_jobs(user, status):
    other = job(user, status=status, next_run=timezone.now() + LATER)
    assert Job.objects.all().run_now() == 0
    assert reload(other).next_run > timezone.now()


def test_cancel_stops_pending_running_and_dead_jobs(make_users):
    users = make_users(5)
    statuses = ["pending", "running", "dead", "succeeded", "cancelled"]
    jobs = [
        job(u, status=s, lease_owner="h:1:x" if s == "running" else "")
        for u, s in zip(users, statuses, strict=True)
    ]
    assert Job.objects.all().cancel() == 3
    assert [reload(j).status for j in jobs] == ["cancelled"] * 3 + ["succeeded", "cancelled"]
    # The running handler still holds the row until it returns.
    assert reload(jobs[1]).lease_owner == "h:1:x"


def test_resume_puts_a_recurring_job_at_its_next_cron_time(user):
    paused = job(
        user, schedule="0 8 * * *", timezone="Asia/Tokyo", status="cancelled", retry_count=4
    )
    before = timezone.now()
    assert Job.objects.filter(pk=paused.pk).resume() == 1
    row = reload(paused)
    assert (row.status, row.retry_count) == ("pending", 0)
    assert before < row.next_run <= before + dt.timedelta(days=1)
    assert row.next_run.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")).hour == 8


def test_resume_runs_a_one_off_job_now_unless_its_twin_is_queued(make_users):
    ada, bob = make_users(2)
    paused = job(ada, status="cancelled")
    job(bob)
    blocked = job(bob, status="cancelled")
    assert Job.objects.filter(status="cancelled").resume() == 1
    assert reload(paused).status == "pending"
    assert reload(paused).next_run <= timezone.now()
    assert reload(blocked).status == "cancelled"


def test_resume_only_touches_cancelled_jobs(user):
    dead = job(user, status="dead")
    assert Job.objects.all().resume() == 0
    assert reload(dead).status == "dead"


@pytest.mark.parametrize(
    ("status", "method"),
    [("dead", "requeue"), ("pending", "run_now"), ("cancelled", "resume")],
)
def test_methods_that_make_work_due_wake_schedulers(
    user, django_capture_on_commit_callbacks, status, method
):
    row = job(user, status=status)
    with django_capture_on_commit_callbacks() as callbacks:
        getattr(Job.objects.filter(pk=row.pk), method)()
    assert len(callbacks) == 1


def test_cancel_and_no_change_do_not_wake_schedulers(user, django_capture_on_commit_callbacks):
    row = job(user)
    with django_capture_on_commit_callbacks() as callbacks:
        Job.objects.filter(pk=row.pk).cancel()
        Job.objects.none().requeue()
        Job.objects.all().run_now()
    assert callbacks == []


def cancelled_jobs(users):
    """Half recurring on two schedules, half one-off: what a filtered admin page holds."""
    for i, u in enumerate(users):
        schedule = ["0 8 * * *", "30 18 * * 1-5", ""][i % 3]
        job(u, status="cancelled", schedule=schedule, timezone="Europe/Berlin")
    return Job.objects.filter(status="cancelled").order_by("-updated_at")  # the admin's order


def queries_to_resume(rows):
    with CaptureQueriesContext(connection) as queries:
        resumed = rows.resume()
    return len(queries), resumed


def test_resume_costs_the_same_queries_for_5_or_50_rows(make_users):
    few_queries, few = queries_to_resume(cancelled_jobs(make_users(6)))
    Job.objects.all().delete()
    many_queries, many = queries_to_resume(cancelled_jobs(make_users(51)))
    assert (few, many) == (6, 51)
    assert many_queries == few_queries


def test_requeue_costs_the_same_queries_for_5_or_50_rows(make_users):
    rows = cancelled_jobs(make_users(6))
    with CaptureQueriesContext(connection) as few:
        assert rows.requeue() == 6
    Job.objects.all().delete()
    rows = cancelled_jobs(make_users(51))
    with CaptureQueriesContext(connection) as many:
        assert rows.requeue() == 51
    assert len(many) == len(few)


def test_reactivating_one_off_jobs_keeps_one_per_user_and_type(make_users):
    ada, bob = make_users(2)
    first, second = job(ada, status="dead"), job(ada, status="cancelled")
    queued, blocked = job(bob), job(bob, status="dead")
    assert Job.objects.filter(pk__in=[first.pk, second.pk, blocked.pk]).requeue() == 1
    assert [reload(first).status, reload(second).status].count("pending") == 1
    assert (reload(queued).status, reload(blocked).status) == ("pending", "dead")
