"""Real ``runscheduler`` processes sharing the test database, as on many hosts.

Handlers record each run by appending "<job id> <pid> <event>" to a file, so a job that
ran twice, or never, shows up whichever process ran it.
"""

import signal
import time
from collections import Counter

import pytest
from django.db import connection

from jobs.models import Job
from tests.jobs.conftest import reload, runs
from tests.jobs.processes import SchedulerProcess, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FAST = ["--poll-interval", "0.1"]


@pytest.fixture
def start(tmp_path):
    started = []

    def start(*args):
        process = SchedulerProcess([*FAST, *args], tmp_path / f"scheduler-{len(started)}.log")
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def create_jobs(users, kind, record_file, **payload):
    payload = {"record_to": str(record_file), **payload}
    return Job.objects.bulk_create([Job(type=kind, user=u, payload=payload) for u in users])


def events(record_file, event):
    return Counter(job_id for job_id, _, seen in runs(record_file) if seen == event)


def test_many_processes_drain_five_thousand_jobs_exactly_once(make_users, start, record_file):
    jobs = create_jobs(make_users(5000), "test.record", record_file)
    count = 4 if connection.vendor == "postgresql" else 2
    processes = [start("--exit-when-idle", "--workers", "4") for _ in range(count)]
    assert [p.wait(timeout=180) for p in processes] == [0] * count

    ran = events(record_file, "ran")
    assert len(ran) == 5000
    assert set(ran.values()) == {1}
    assert set(ran) == {str(job.pk) for job in jobs}
    assert Job.objects.filter(type="test.record", status="succeeded").count() == 5000
    pids = {pid for _, pid, _ in runs(record_file)}
    assert len(pids) > 1  # the work was shared


def test_jobs_of_a_killed_process_are_taken_over_and_none_is_lost(make_users, start, record_file):
    jobs = create_jobs(make_users(6), "test.sleep", record_file, seconds=1.0)
    victim = start("--workers", "3", "--lease-seconds", "5")
    wait_for(lambda: len(events(record_file, "started")) == 3, 30, "three jobs to start")
    victim.signal(signal.SIGKILL)
    victim.wait()
    lost = Job.objects.filter(status="running")
    assert lost.count() == 3
    assert all(f":{victim.pid}:" in job.lease_owner for job in lost)
    lost_ids = {job.pk for job in lost}

    survivor = start("--workers", "6", "--lease-seconds", "5", "--exit-when-idle")
    assert survivor.wait(timeout=60) == 0

    assert set(events(record_file, "ran").values()) == {1}
    assert set(events(record_file, "ran")) == {str(job.pk) for job in jobs}
    for job in jobs:
        row = reload(job)
        assert row.status == "succeeded"
        assert row.retry_count == (1 if job.pk in lost_ids else 0)
    assert "took over 3 job(s) whose worker was lost" in survivor.log


def test_sigterm_lets_in_flight_jobs_finish_and_exits_zero(make_users, start, record_file):
    jobs = create_jobs(make_users(2), "test.sleep", record_file, seconds=1.0)
    process = start("--workers", "2")
    wait_for(lambda: len(events(record_file, "started")) == 2, 30, "both jobs to start")
    process.signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert set(events(record_file, "ran")) == {str(job.pk) for job in jobs}
    assert {reload(job).status for job in jobs} == {"succeeded"}
    assert {reload(job).lease_owner for job in jobs} == {""}


def test_a_second_sigterm_exits_at_once_and_hands_the_job_back_uncounted(
    make_users, start, record_file
):
    [job] = create_jobs(make_users(1), "test.sleep", record_file, seconds=60)
    process = start()
    wait_for(lambda: events(record_file, "started"), 30, "the job to start")
    process.signal(signal.SIGTERM)
    # Two signals sent back to back may be merged into one: wait for the first to be seen.
    wait_for(lambda: "stopping:" in process.log, 20, "the first signal to be handled")
    process.signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 1
    row = reload(job)
    assert (row.status, row.retry_count, row.lease_owner, row.last_error) == ("pending", 0, "", "")
    assert not events(record_file, "ran")


def test_a_job_longer_than_its_lease_is_never_run_twice(make_users, start, record_file):
    [job] = create_jobs(make_users(1), "test.sleep", record_file, seconds=6.5)
    lease = ["--lease-seconds", "5", "--exit-when-idle"]
    first = start(*lease)
    wait_for(lambda: events(record_file, "started"), 30, "the job to start")
    second = start(*lease)  # keeps looking for expired leases while the job runs
    assert first.wait(timeout=30) == 0
    assert second.wait(timeout=30) == 0
    assert events(record_file, "started") == {str(job.pk): 1}
    assert events(record_file, "ran") == {str(job.pk): 1}
    row = reload(job)
    assert (row.status, row.retry_count, row.last_error) == ("succeeded", 0, "")


def test_once_exits_nonzero_when_a_job_failed(make_users, start, record_file):
    ada, bob, cy, dan = make_users(4)
    create_jobs([ada], "test.fail", record_file)
    create_jobs([bob], "test.permanent", record_file)
    create_jobs([cy], "test.retry_later", record_file, seconds=300)
    create_jobs([dan], "test.record", record_file)
    assert start("--once").wait() == 1
    statuses = dict(Job.objects.filter(user__isnull=False).values_list("type", "status"))
    assert statuses == {
        "test.fail": "pending",
        "test.permanent": "dead",
        "test.retry_later": "pending",
        "test.record": "succeeded",
    }
    assert start("--once").wait() == 0  # nothing due any more


def test_a_job_enqueued_elsewhere_wakes_a_sleeping_scheduler(user, start, record_file):
    """On PostgreSQL through LISTEN/NOTIFY, well before the 30 s poll; elsewhere by polling."""
    poll = "30" if connection.vendor == "postgresql" else "0.5"
    process = start("--poll-interval", poll)
    process.wait_until_started()
    time.sleep(0.5)  # past its first look at the queue: asleep now
    started = time.monotonic()
    job = Job.objects.enqueue("test.record", user=user, payload={"record_to": str(record_file)})
    wait_for(lambda: runs(record_file), 10, "the job to run")
    assert time.monotonic() - started < 5
    assert runs(record_file)[0][0] == str(job.pk)
    process.signal(signal.SIGTERM)
    assert process.wait() == 0


def test_runscheduler_enqueues_the_prune_job_once(start):
    for _ in range(2):
        assert start("--once").wait() == 0
    prune = Job.objects.get(type="jobs.prune")
    assert (prune.user, prune.schedule, prune.status) == (None, "17 * * * *", "pending")
