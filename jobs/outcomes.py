"""What happens to a job after a run: the transitions, written as conditional UPDATEs.

Each outcome is written with ``WHERE (id, lease_owner) = (the job, the token it was claimed
with) AND status = 'running'``. Every claim has its own token (see :mod:`jobs.claim`), and a
takeover after an expired lease clears it, so a run that lost its job finds no row to update
and its late result is discarded instead of overwriting the new state, even when the same
process has claimed the job again since: optimistic locking, as in Healthchecks.

Staff's cancel of a running job keeps the lease (so resume and requeue cannot start a
second run while the first is in flight); its outcome then only clears the lease.

The value builders are pure functions of the claimed row and the finish time; outcomes
that set the same values (every one-off success, recurring successes due at the same
time) are written together in one statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.timezone import now

from jobs.backoff import retry_delay
from jobs.claim import held
from jobs.models import Job
from jobs.transitions import ERROR_MAX_LENGTH, Status

Values = dict[str, Any]


def _finished(at: datetime) -> Values:
    return {"lease_owner": "", "lease_expires_at": None, "updated_at": at}


def succeeded(job: Job, at: datetime) -> Values:
    """One-off: done. Recurring: the next cron time after now, so missed runs coalesce."""
    if not job.is_recurring:
        return {**_finished(at), "status": Status.SUCCEEDED, "last_error": "", "last_traceback": ""}
    try:
        # After the slot we ran for as well as after now: never the same slot twice.
        next_run = job.next_scheduled_run(max(at, job.next_run))
    except ValueError as exc:
        return dead(job, at, f"cannot compute the next run: {exc}")
    return {
        **_finished(at),
        "status": Status.PENDING,
        "retry_count": 0,
        "next_run": next_run,
        "last_error": "",
        "last_traceback": "",
    }


def failed(job: Job, at: datetime, error: str, traceback: str, jitter: float) -> Values:
    """One more failed attempt: retry after a backoff, or dead once the limit is reached."""
    failures = job.retry_count + 1
    values = {
        **_finished(at),
        "retry_count": failures,
        "last_error": error[:ERROR_MAX_LENGTH],
        "last_traceback": traceback,
    }
    if failures >= job.max_attempts:
        return {**values, "status": Status.DEAD}
    delay = retry_delay(job.retry_count, jitter)
    return {**values, "status": Status.PENDING, "next_run": at + timedelta(seconds=delay)}


def dead(job: Job, at: datetime, error: str, traceback: str = "") -> Values:
    """PermanentError (or an unknown type): a dead letter now, the attempt still counted."""
    return {
        **_finished(at),
        "status": Status.DEAD,
        "retry_count": job.retry_count + 1,
        "last_error": error[:ERROR_MAX_LENGTH],
        "last_traceback": traceback,
    }


def retry_later(
    job: Job, at: datetime, seconds: float, *, counts_attempt: bool = False, error: str = ""
) -> Values:
    """Not a failure: the retry count and last error stay as they were.

    With ``counts_attempt`` the run is one more attempt (retry count and last error set), and
    the last allowed attempt makes the job a dead letter with ``error`` as the reason.
    """
    later = {**_finished(at), "status": Status.PENDING, "next_run": at + timedelta(seconds=seconds)}
    if not counts_attempt:
        return later
    attempts = job.retry_count + 1
    if attempts >= job.max_attempts:
        return dead(job, at, error)
    return {**later, "retry_count": attempts, "last_error": error[:ERROR_MAX_LENGTH]}


def record(outcomes: Iterable[tuple[Job, Values]], *, using: str = "default") -> int:
    """Write the outcomes of claimed jobs; returns how many rows took them."""
    groups: dict[tuple[tuple[str, Any], ...], list[Job]] = defaultdict(list)
    for job, values in outcomes:
        groups[tuple(sorted(values.items()))].append(job)
    rows = Job.objects.using(using)
    atomic = transaction.atomic(using, savepoint=False) if len(groups) > 1 else nullcontext()
    with atomic:
        written = sum(
            rows.filter(held(jobs), status=Status.RUNNING).update(**dict(key))
            for key, jobs in groups.items()
        )
    if written < sum(len(jobs) for jobs in groups.values()):
        ran = [(job, dict(key)) for key, jobs in groups.items() for job in jobs]
        _end_cancelled_runs(ran, using)
    return written


def _end_cancelled_runs(outcomes: list[tuple[Job, Values]], using: str) -> int:
    """A job cancelled while it ran keeps its lease until the run is over: drop it now,
    without rescheduling, so that resume and requeue may move the job again.

    The run's outcome is discarded, but an error it ended with is kept (with its
    traceback): the row then says what the cancelled run met, not nothing.
    """
    rows = Job.objects.using(using)
    ended = 0
    for job, values in outcomes:
        kept: Values = {"lease_owner": "", "lease_expires_at": None, "updated_at": now()}
        if values.get("last_error"):
            kept["last_error"] = values["last_error"]
            kept["last_traceback"] = values.get("last_traceback", "")
        ended += rows.filter(held([job]), status=Status.CANCELLED).update(**kept)
    return ended


def reap_expired(*, at: datetime | None = None, using: str = "default") -> int:
    """Take over running jobs whose lease ran out: their process died or lost the database.

    The lost run counts as a failed attempt (so a job that kills its worker every time
    still ends up dead), but the job runs again at once: the worker failed, not the job.
    """
    current = at or now()
    rows = Job.objects.using(using).filter(status=Status.RUNNING, lease_expires_at__lt=current)
    error = Concat(Value("worker lost: "), F("lease_owner"), Value(" stopped renewing its lease"))
    return _count_lost_attempt(rows, current, error)


def _count_lost_attempt(rows: QuerySet[Job], at: datetime, error: Any) -> int:
    limit = Coalesce(F("max_retries"), Value(settings.CONFIG.scheduler.max_retries))
    return rows.update(
        status=Case(
            When(Q(retry_count__gte=limit - 1), then=Value(Status.DEAD)),
            default=Value(Status.PENDING),
        ),
        retry_count=F("retry_count") + 1,
        next_run=at,
        last_error=error,
        last_traceback="",
        lease_owner="",
        lease_expires_at=None,
        updated_at=at,
    )
