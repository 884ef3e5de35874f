"""Claiming: one statement per batch, oldest due first, leases, and the due-work index."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from jobs.claim import claim, claim_sql, lease_owner_name, release, renew_leases
from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_jobs(make_users):
    """Five due one-off jobs, oldest first, and two for later."""
    now = timezone.now()
    users = make_users(7)
    due = [
        Job.objects.create(type="test.noop", user=u, next_run=now - dt.timedelta(minutes=10 - i))
        for i, u in enumerate(users[:5])
    ]
    for u in users[5:]:
        Job.objects.create(type="test.noop", user=u, next_run=now + dt.timedelta(hours=1))
    return due


def test_claims_the_oldest_due_jobs_up_to_the_limit(due_jobs):
    claimed = claim("me", 3, 30)
    assert {job.pk for job in claimed} == {job.pk for job in due_jobs[:3]}
    assert Job.objects.filter(status="running").count() == 3


def test_claimed_jobs_carry_a_lease(due_jobs):
    before = timezone.now()
    job = claim("me", 1, 30)[0]
    row = Job.objects.get(pk=job.pk)
    for seen in (job, row):
        assert (seen.status, seen.lease_owner) == ("running", "me")
        assert seen.lease_expires_at - seen.last_run == dt.timedelta(seconds=30)
        assert before <= seen.last_run <= timezone.now()
    assert job.payload == row.payload == {}


def test_future_and_non_pending_jobs_are_not_claimed(due_jobs):
    Job.objects.filter(pk=due_jobs[0].pk).update(status="dead")
    Job.objects.filter(pk=due_jobs[1].pk).update(status="cancelled")
    claimed = claim("me", 10, 30)
    assert {job.pk for job in claimed} == {job.pk for job in due_jobs[2:]}
    assert claim("other", 10, 30) == []


def test_due_before_limits_the_claim_to_jobs_due_then(due_jobs):
    cutoff = due_jobs[1].next_run
    assert {job.pk for job in claim("me", 10, 30, due_before=cutoff)} == {
        due_jobs[0].pk,
        due_jobs[1].pk,
    }


def test_a_claim_is_one_statement(due_jobs, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(claim("me", 4, 30)) == 4


def test_nothing_to_claim_for_no_free_worker(due_jobs, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert claim("me", 0, 30) == []


def test_heartbeat_renews_only_our_running_jobs(due_jobs):
    mine = claim("me", 2, 5)
    theirs = claim("them", 1, 5)[0]
    assert renew_leases(mine, 60) == 2
    rows = {job.pk: job for job in Job.objects.filter(status="running")}
    for job in mine:
        assert rows[job.pk].lease_expires_at - timezone.now() > dt.timedelta(seconds=55)
    assert rows[theirs.pk].lease_expires_at - timezone.now() < dt.timedelta(seconds=6)


def test_release_gives_back_unstarted_jobs_without_counting_an_attempt(due_jobs):
    jobs = claim("me", 2, 30)
    assert release(jobs) == 2
    assert release(due_jobs[2:3]) == 0  # not claimed: no lease matches
    for job in Job.objects.filter(pk__in=[j.pk for j in jobs]):
        assert (job.status, job.retry_count, job.lease_owner, job.lease_expires_at) == (
            "pending",
            0,
            "",
            None,
        )


def test_lease_owner_names_host_and_process():
    import os
    import socket

    name = lease_owner_name()
    host, pid, token = name.rsplit(":", 2)
    assert host == socket.gethostname()[:60]
    assert pid == str(os.getpid())
    assert len(token) == 8
    assert lease_owner_name() != name


def explain(sql, params):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tiny test tables make a sequential scan cheapest; forbid it to see whether the
            # partial index matches the query at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_the_claim_reads_the_partial_due_index(due_jobs):
    now = timezone.now()
    params = ["me", now, now, now, now, 10]
    adapt = connection.ops.adapt_datetimefield_value
    params = [adapt(p) if isinstance(p, dt.datetime) else p for p in params]
    plan = explain(claim_sql(connection.vendor), params)
    assert "jobs_due_idx" in plan


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_claimers_never_get_the_same_job(make_users):
    users = make_users(300)
    Job.objects.bulk_create([Job(type="test.noop", user=u) for u in users])
    claimed: dict[str, list] = {}
    barrier = threading.Barrier(6)

    def claimer(name):
        barrier.wait()
        mine = []
        try:
            while batch := claim(name, 7, 30):
                mine.extend(job.pk for job in batch)
                time.sleep(0.002)  # a scheduler hands out its batch before claiming again
        finally:
            connections.close_all()
        claimed[name] = mine

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [pk for pks in claimed.values() for pk in pks]
    assert len(everything) == 300
    assert len(set(everything)) == 300
    assert sum(1 for pks in claimed.values() if pks) > 1
