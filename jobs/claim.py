"""Claiming due jobs and holding them: one statement per batch, safe on any number of hosts.

A claim marks up to ``limit`` due jobs ``running`` under this process's lease and returns
them, in a single UPDATE ... RETURNING:

* PostgreSQL picks the rows with ``SELECT ... FOR UPDATE SKIP LOCKED``: concurrent
  schedulers skip each other's rows instead of waiting, and never get the same row.
* SQLite runs the UPDATE in an IMMEDIATE transaction (the settings' transaction mode), so
  writers queue on the busy timeout for the write lock rather than failing with "database
  is locked", and the conditional UPDATE sees the latest committed state.

Both read the partial index on ``next_run WHERE status = 'pending'``, so the cost does not
grow with jobs scheduled for later. The status literals are spelled out in the SQL because
the planners match a partial index's condition against the query text.

A lease is the pair (``lease_owner``, ``lease_expires_at``). ``lease_owner`` is a token
naming one claim, not only the process: the scheduler passes ``host:pid:random:seq``, a new
``seq`` for every claim. A process can come to hold the same row twice (staff cancel and
resume it mid-run, or its own reaper takes it over after a missed heartbeat and it claims it
again), and the token is what tells the first run's late outcome from the second run's.
Everything that writes through a lease (outcomes, heartbeat, release) matches the row's
primary key together with the token the job was claimed with (:func:`held`).

The owner renews its leases while the handlers run (:func:`renew_leases`, one statement for
all its jobs); when a process dies the lease runs out and any scheduler takes the job over
(:func:`jobs.outcomes.reap_expired`). Times come from the scheduler host's clock, so hosts
must keep time with NTP.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections import defaultdict
from collections.abc import Collection
from contextlib import nullcontext
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.db import connections, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils.timezone import now

from jobs.models import Job
from jobs.transitions import Status

CLAIM_SQL = """
UPDATE {table} SET status = 'running', lease_owner = %s, lease_expires_at = %s,
    last_run = %s, updated_at = %s
WHERE id IN (
    SELECT id FROM {table}
    WHERE status = 'pending' AND next_run <= %s
    ORDER BY next_run
    LIMIT %s{lock}
)
RETURNING {columns}
"""


def lease_owner_name() -> str:
    """host:pid:random, so staff can tell which machine and process holds a job."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


def claim_sql(vendor: str) -> str:
    table = Job._meta.db_table
    columns = ", ".join(field.column for field in Job._meta.concrete_fields)
    lock = " FOR UPDATE SKIP LOCKED" if vendor == "postgresql" else ""
    return CLAIM_SQL.format(table=table, columns=columns, lock=lock)


def claim(
    owner: str,
    limit: int,
    lease_seconds: float,
    *,
    due_before: datetime | None = None,
    at: datetime | None = None,
    using: str = "default",
) -> list[Job]:
    """Lease up to ``limit`` jobs due at ``due_before`` (default: now), oldest first."""
    if limit <= 0:
        return []
    connection = connections[using]
    current = at or now()
    adapt = connection.ops.adapt_datetimefield_value
    params = [
        owner,
        adapt(current + timedelta(seconds=lease_seconds)),
        adapt(current),
        adapt(current),
        adapt(due_before or current),
        limit,
    ]
    # PostgreSQL's single statement is atomic on its own; SQLite needs BEGIN IMMEDIATE
    # (inside the caller's transaction, no savepoint is needed either way).
    atomic = (
        transaction.atomic(using, savepoint=False)
        if connection.vendor == "sqlite"
        else nullcontext()
    )
    with atomic:
        return list(Job.objects.using(using).raw(claim_sql(connection.vendor), params))


def held(jobs: Collection[Job]) -> Q:
    """Rows still under the lease each job was claimed with: (pk, token) pairs in one Q.

    A job without a token was never claimed and matches nothing (an empty token would
    match every unleased row).
    """
    by_token: dict[str, list[object]] = defaultdict(list)
    for job in jobs:
        if job.lease_owner:
            by_token[job.lease_owner].append(job.pk)
    leases = (Q(lease_owner=token, pk__in=ids) for token, ids in by_token.items())
    return reduce(or_, leases, Q(pk__in=[]))


def renew_leases(jobs: Collection[Job], lease_seconds: float, *, using: str = "default") -> int:
    """Extend the leases of the jobs this process is running: the heartbeat.

    Only the claims passed in are renewed, so a claim whose run is over (or that was never
    submitted) cannot keep a row locked. A running job cancelled by staff keeps its lease
    until its handler returns, so it is renewed too.
    """
    if not jobs:
        return 0
    expires = now() + timedelta(seconds=lease_seconds)
    return (
        Job.objects.using(using)
        .filter(held(jobs), status__in=[Status.RUNNING, Status.CANCELLED])
        .update(lease_expires_at=expires)
    )


def release(jobs: Collection[Job], *, using: str = "default") -> int:
    """Give back claims without counting an attempt: jobs claimed but never started, and
    jobs still running when the process must exit at once.

    They become pending again and keep their ``next_run``, which was due when they were
    claimed, so they are due at once and keep their place in line. A job cancelled while
    held stays cancelled; only its lease goes.
    """
    if not jobs:
        return 0
    return (
        Job.objects.using(using)
        .filter(held(jobs))
        .update(
            status=Case(
                When(status=Status.RUNNING, then=Value(Status.PENDING)), default=F("status")
            ),
            lease_owner="",
            lease_expires_at=None,
            updated_at=now(),
        )
    )
