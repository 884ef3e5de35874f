"""The scheduler in this process: outcomes of real handlers through the real loop."""

import datetime as dt
import logging
import threading
import time
import zoneinfo

import pytest
from django.db import connections
from django.utils import timezone

from jobs import outcomes
from jobs import scheduler as scheduler_module
from jobs.backoff import retry_delay
from jobs.claim import claim
from jobs.models import Job
from jobs.scheduler import Result, Scheduler, transition
from tests.jobs.conftest import reload, runs

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def scheduler(**options):
    options = {"workers": 2, "poll_interval": 0.05, "lease_seconds": 30, **options}
    return Scheduler(**options)


def run_once(**options):
    """``runscheduler --once``: run what is due now; returns the exit status."""
    return scheduler(once=True, **options).run()


def make_due(job):
    Job.objects.filter(pk=job.pk).update(next_run=timezone.now())


def enqueue(kind, user, record_file, **payload):
    return Job.objects.enqueue(kind, user=user, payload={"record_to": str(record_file), **payload})


def test_once_runs_due_jobs_and_exits_zero(make_users, record_file):
    jobs = [enqueue("test.record", u, record_file) for u in make_users(5)]
    later = Job.objects.enqueue("test.record", user=make_users(1)[0], schedule="0 0 1 1 *")
    assert run_once() == 0
    assert sorted(r[0] for r in runs(record_file)) == sorted(str(j.pk) for j in jobs)
    assert all(reload(j).status == "succeeded" for j in jobs)
    assert reload(later).status == "pending"


def test_failure_is_retried_after_a_backoff_and_once_exits_nonzero(user, record_file):
    job = enqueue("test.fail", user, record_file)
    before = timezone.now()
    assert run_once() == 1
    row = reload(job)
    assert (row.status, row.retry_count) == ("pending", 1)
    assert row.last_error == "RuntimeError: failure number 1"
    assert 'raise RuntimeError(f"failure number' in row.last_traceback
    wait = (row.next_run - before).total_seconds()
    assert 15 <= wait <= 25 + (timezone.now() - before).total_seconds()


def test_dead_after_exactly_ten_attempts_with_growing_backoff(user, record_file):
    job = enqueue("test.fail", user, record_file)
    waits = []
    for attempt in range(1, 11):
        started = timezone.now()
        assert run_once() == 1
        row = reload(job)
        assert row.retry_count == attempt
        if attempt < 10:
            assert row.status == "pending"
            waits.append((row.next_run - started).total_seconds())
            make_due(job)
    assert row.status == "dead"
    assert row.last_error == "RuntimeError: failure number 10"
    assert len(runs(record_file)) == 10  # 1 first try + 9 retries, no off-by-one
    for n, wait in enumerate(waits):
        assert retry_delay(n, 0.0) <= wait <= retry_delay(n, 0.999999) + 5
    # Jitter lets neighbours overlap (15-25 s, then 16-36 s); two steps apart they never do.
    assert waits[0] < waits[2] < waits[4] < waits[6] < waits[8]

    make_due(job)
    assert run_once() == 0  # a dead letter is never claimed
    assert len(runs(record_file)) == 10


def test_permanent_error_is_a_dead_letter_at_once(user, record_file):
    job = enqueue("test.permanent", user, record_file)
    assert run_once() == 1
    row = reload(job)
    assert (row.status, row.retry_count) == ("dead", 1)
    assert row.last_error == "PermanentError: token revoked by the user"


def test_retry_later_runs_again_later_without_a_failure(user, record_file):
    job = enqueue("test.retry_later", user, record_file, seconds=120)
    before = timezone.now()
    assert run_once() == 0
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error) == ("pending", 0, "")
    assert before + dt.timedelta(seconds=120) <= row.next_run
    assert row.next_run <= timezone.now() + dt.timedelta(seconds=120)


def test_retry_later_that_counts_attempts_ends_as_a_dead_letter(user, record_file):
    job = enqueue("test.retry_later_counted", user, record_file)
    Job.objects.filter(pk=job.pk).update(max_retries=3)
    for attempt in (1, 2):
        run_once()
        row = reload(job)
        assert (row.status, row.retry_count) == ("pending", attempt)
        assert row.last_error == "RetryLater: upstream still busy"
    run_once()
    row = reload(job)
    assert (row.status, row.retry_count) == ("dead", 3)
    assert row.last_error == "RetryLater: upstream still busy"


def test_unknown_type_is_a_dead_letter_not_a_crash_loop(user):
    job = Job.objects.enqueue("nobody.handles.this", user=user)
    assert run_once() == 1
    row = reload(job)
    assert (row.status, row.retry_count) == ("dead", 1)
    assert "unknown job type 'nobody.handles.this'" in row.last_error


def test_an_outcome_that_cannot_be_recorded_is_a_dead_letter_not_a_crash(make_users, record_file):
    broken, fine = make_users(2)
    bad = Job.objects.enqueue("test.broken_retry", user=broken)
    good = enqueue("test.record", fine, record_file)
    assert run_once() == 1
    row = reload(bad)
    assert (row.status, row.retry_count) == ("dead", 1)
    assert row.last_error.startswith("cannot record the outcome: OverflowError")
    assert reload(good).status == "succeeded"


def test_a_missed_daily_job_runs_once_then_resumes(user, record_file):
    job = Job.objects.enqueue(
        "test.record",
        user=user,
        schedule="0 8 * * *",
        payload={"record_to": str(record_file)},
        run_at=timezone.now() - dt.timedelta(days=3),
    )
    assert run_once() == 0
    assert run_once() == 0
    assert len(runs(record_file)) == 1
    row = reload(job)
    assert row.status == "pending"
    assert timezone.now() < row.next_run <= timezone.now() + dt.timedelta(days=1)


def test_one_log_line_per_job_without_the_payload(user, record_file, caplog):
    job = enqueue("test.record", user, record_file, token="s3cret-token")
    with caplog.at_level(logging.INFO, logger="jobs"):
        run_once()
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("job ")]
    assert len(lines) == 1
    assert lines[0].startswith(f"job test.record id={job.pk} user={user.pk} attempt=1/10 ")
    assert lines[0].endswith("ms succeeded")
    assert "s3cret" not in caplog.text
    assert "stats (total): 1 jobs" in caplog.text


def test_failure_log_line_names_the_exception_class_only(user, record_file, caplog):
    enqueue("test.fail", user, record_file)
    with caplog.at_level(logging.INFO, logger="jobs"):
        run_once()
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("job "))
    assert " failed error=RuntimeError next_run=" in line
    assert "failure number" not in line


def test_sigterm_lets_running_jobs_finish(user, record_file):
    """What the first SIGTERM does, minus the signal: stop claiming, finish, exit 0."""
    job = enqueue("test.sleep", user, record_file, seconds=0.6)
    waiting = enqueue("test.record", make_user_for(user), record_file)
    sched = scheduler(workers=1, poll_interval=0.05)
    stopper = threading.Timer(0.3, sched.request_stop)
    stopper.start()
    assert sched.run() == 0
    assert [r[2] for r in runs(record_file)] == ["started", "ran"]
    assert reload(job).status == "succeeded"
    assert reload(waiting).status == "pending"


def make_user_for(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create(email="second-" + user.email)


def test_a_second_signal_gives_up_at_once_and_holds_the_job_until_handed_back(user, record_file):
    job = enqueue("test.sleep", user, record_file, seconds=3)
    sched = scheduler(workers=1)

    def signal_twice():
        sched.request_stop()
        sched.request_stop()

    threading.Timer(0.4, signal_twice).start()
    started = time.monotonic()
    assert sched.run() == 1
    assert time.monotonic() - started < 2
    assert sched.abandoned == 1
    # The handler still runs in this process: nobody else may start the job yet.
    row = reload(job)
    assert (row.status, row.retry_count) == ("running", 0)
    assert claim("another process", 1, 30) == []
    assert sched.hand_back() == 1
    row = reload(job)
    assert (row.status, row.retry_count, row.lease_owner, row.last_error) == (
        "pending",
        0,
        "",
        "",
    )
    assert row.next_run <= timezone.now()


def test_grace_exceeded_hands_the_job_back_without_counting_an_attempt(user, record_file):
    job = enqueue("test.sleep", user, record_file, seconds=2)
    sched = scheduler(workers=1, grace=0.2)
    threading.Timer(0.3, sched.request_stop).start()
    assert sched.run() == 1
    assert reload(job).status == "running"
    sched.hand_back()
    assert (reload(job).status, reload(job).retry_count) == ("pending", 0)


def test_sigterm_releases_claimed_jobs_that_never_started(make_users, record_file, monkeypatch):
    """Two jobs claimed for two workers, but one thread: the second waits in the pool's
    queue when the signal comes, and goes back without an attempt counted."""
    real_pool = scheduler_module.ThreadPoolExecutor
    monkeypatch.setattr(
        scheduler_module, "ThreadPoolExecutor", lambda workers, **kw: real_pool(1, **kw)
    )
    jobs = [enqueue("test.sleep", u, record_file, seconds=0.6) for u in make_users(2)]
    sched = scheduler(workers=2)
    threading.Timer(0.3, sched.request_stop).start()
    assert sched.run() == 0
    [ran] = {r[0] for r in runs(record_file)}  # one job, started and finished
    assert [r[2] for r in runs(record_file)] == ["started", "ran"]
    [started] = [job for job in jobs if str(job.pk) == ran]
    [never_started] = [job for job in jobs if str(job.pk) != ran]
    assert reload(started).status == "succeeded"
    row = reload(never_started)
    assert (row.status, row.retry_count, row.lease_owner, row.lease_expires_at) == (
        "pending",
        0,
        "",
        None,
    )


@pytest.mark.django_db(transaction=True)
def test_enqueue_in_this_process_wakes_a_sleeping_scheduler(user, record_file):
    sched = scheduler(poll_interval=30)
    thread = threading.Thread(target=lambda: (sched.run(), connections.close_all()))
    thread.start()
    try:
        time.sleep(0.3)  # the scheduler has looked, found nothing, and sleeps for 30 s
        job = enqueue("test.record", user, record_file)
        deadline = time.monotonic() + 10
        while not runs(record_file) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert runs(record_file)[0][0] == str(job.pk)
    finally:
        sched.request_stop()
        thread.join(timeout=10)
    assert not thread.is_alive()


def run_slot(moment):
    """Claim the job due at ``moment`` and succeed a second later, as the loop does."""
    job = claim("me", 1, 30, due_before=moment, at=moment)[0]
    result = Result(job, "succeeded", 0.0)
    at = moment + dt.timedelta(seconds=1)
    outcomes.record([(job, transition(result, at))])
    return reload(job).next_run


def local(job_time):
    return job_time.astimezone(BERLIN).strftime("%m-%d %H:%M %Z")


def test_daily_job_in_berlin_across_both_daylight_saving_changes(user):
    """02:30 does not exist on 29 March and happens twice on 25 October 2026."""
    start = dt.datetime(2026, 3, 27, 2, 30, tzinfo=BERLIN)
    job = Job.objects.enqueue(
        "test.noop", user=user, schedule="30 2 * * *", timezone="Europe/Berlin", run_at=start
    )
    seen = [start]
    for _ in range(4):
        seen.append(run_slot(seen[-1]))
    assert [local(t) for t in seen] == [
        "03-27 02:30 CET",
        "03-28 02:30 CET",
        "03-29 03:00 CEST",  # the first valid minute after the gap
        "03-30 02:30 CEST",
        "03-31 02:30 CEST",
    ]
    autumn = dt.datetime(2026, 10, 24, 2, 30, tzinfo=BERLIN)
    Job.objects.filter(pk=job.pk).update(next_run=autumn)
    seen = [autumn]
    for _ in range(2):
        seen.append(run_slot(seen[-1]))
    assert [local(t) for t in seen] == [
        "10-24 02:30 CEST",
        "10-25 02:30 CEST",  # once, in the first pass of the repeated hour
        "10-26 02:30 CET",
    ]


@pytest.mark.parametrize(
    ("day", "runs_that_day"),
    [(dt.date(2026, 3, 29), 23), (dt.date(2026, 10, 25), 25)],
)
def test_hourly_job_in_berlin_keeps_real_time_rhythm(user, day, runs_that_day):
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=BERLIN)
    next_midnight = dt.datetime(day.year, day.month, day.day + 1, tzinfo=BERLIN)
    Job.objects.enqueue(
        "test.noop", user=user, schedule="0 * * * *", timezone="Europe/Berlin", run_at=midnight
    )
    moment, count = midnight, 0
    while moment < next_midnight:
        following = run_slot(moment)
        assert following - moment == dt.timedelta(hours=1)
        moment, count = following, count + 1
    assert count == runs_that_day


def wait_until(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.django_db(transaction=True)
def test_cancel_and_resume_mid_run_never_runs_the_job_twice_at_once(user, record_file):
    """Route A: staff cancel a running job and resume it while its handler still runs, in
    the process that will claim it again. The run in flight keeps the row; its outcome is
    discarded; the job can be resumed once it is over."""
    job = enqueue("test.sleep", user, record_file, seconds=0.8)
    sched = scheduler(workers=2)
    thread = threading.Thread(target=lambda: (sched.run(), connections.close_all()))
    thread.start()
    try:
        wait_until(lambda: runs(record_file))
        assert Job.objects.filter(pk=job.pk).cancel() == 1
        assert Job.objects.filter(pk=job.pk).resume() == 0  # a run is still in flight
        assert Job.objects.filter(pk=job.pk).requeue() == 0
        wait_until(lambda: reload(job).lease_owner == "")
        assert [r[2] for r in runs(record_file)] == ["started", "ran"]
        assert reload(job).status == "cancelled"  # the first run's outcome was discarded
        assert Job.objects.filter(pk=job.pk).resume() == 1
        wait_until(lambda: reload(job).status == "succeeded")
        assert [r[2] for r in runs(record_file)] == ["started", "ran", "started", "ran"]
    finally:
        sched.request_stop()
        thread.join(timeout=10)
    assert sched.total.discarded == 1
