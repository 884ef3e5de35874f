"""Job statuses and JobQuerySet's moves between them: enqueue, requeue, run_now, cancel, resume."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.timezone import now

from jobs import wakeup
from jobs.registry import check_type_name
from jobs.schedule_parsing import cron_schedule, normalize_schedule, zone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from jobs.models import Job


class Status(models.TextChoices):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    DEAD = "dead"
    CANCELLED = "cancelled"


ACTIVE = [Status.PENDING, Status.RUNNING]
ENQUEUE_ATTEMPTS = 5
ERROR_MAX_LENGTH = 2000


class JobQuerySet(models.QuerySet["Job"]):
    def enqueue(
        self,
        type: str,
        *,
        user: AbstractBaseUser | None = None,
        payload: Any = None,
        schedule: str = "",
        timezone: str = "UTC",
        run_at: datetime | None = None,
        max_retries: int | None = None,
    ) -> Job:
        """Queue a job, or return the row that already holds its key.

        The key is (user, type, schedule) for recurring jobs, whatever their status, and
        (user, type) for one-off jobs while pending or running. Unique constraints enforce
        it, so racing threads or processes get one row; the losers read the winner's row.
        The existing row is returned as it is: its payload, zone and status are not changed
        (use requeue/resume/run_now for that).

        ``run_at`` defaults to now for one-off jobs and to the next cron time in ``timezone``
        for recurring ones. Raises ValueError (CronError for the schedule) naming bad input.
        """
        check_type_name(type)
        schedule = normalize_schedule(schedule)
        zone(timezone)
        if run_at is not None and (not isinstance(run_at, datetime) or run_at.tzinfo is None):
            raise ValueError(f"run_at: expected an aware datetime, got {run_at!r}")
        if max_retries is not None and (not isinstance(max_retries, int) or max_retries < 1):
            raise ValueError(f"max_retries: expected an integer >= 1, got {max_retries!r}")
        payload = {} if payload is None else payload
        try:
            json.dumps(payload)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"payload: not JSON-serializable ({exc})") from None

        current = now()
        if run_at is None:
            run_at = _next_cron_time(schedule, timezone, current) if schedule else current
        key: dict[str, Any] = {"user": user, "type": type, "schedule": schedule}
        if not schedule:
            key["status__in"] = ACTIVE
        defaults = {
            "payload": payload,
            "timezone": timezone,
            "next_run": run_at,
            "max_retries": max_retries,
        }
        for attempt in range(ENQUEUE_ATTEMPTS):
            try:
                job, created = self.get_or_create(**key, defaults=defaults)
                break
            except IntegrityError:
                # The winner of a race finished before we could read it: try again.
                if attempt == ENQUEUE_ATTEMPTS - 1:
                    raise
        if created and job.next_run <= current:
            wakeup.notify_on_commit(self.db)
        return job

    def requeue(self) -> int:
        """Start over: pending, retry_count 0, run now, error and lease cleared.

        Running jobs are left alone (requeueing them would run them twice at once). A
        one-off job whose twin is already queued is skipped rather than duplicated.
        """
        current = now()
        values = {
            "status": Status.PENDING,
            "retry_count": 0,
            "next_run": current,
            "last_error": "",
            "last_traceback": "",
            "lease_owner": "",
            "lease_expires_at": None,
            "updated_at": current,
        }
        rows = self.exclude(status=Status.RUNNING).filter(_no_run_in_flight(current))
        changed = rows.exclude(schedule="").update(**values)
        changed += rows.filter(schedule="", status=Status.PENDING).update(**values)
        inactive = rows.filter(schedule="").exclude(status=Status.PENDING)
        changed += _reactivate_one_off(inactive, values)
        if changed:
            wakeup.notify_on_commit(self.db)
        return changed

    def run_now(self) -> int:
        """Make pending jobs due now, keeping their retry count and last error.

        Only pending jobs: a dead or cancelled job needs requeue or resume, which say what
        happens to its history.
        """
        current = now()
        changed = self.filter(status=Status.PENDING).update(next_run=current, updated_at=current)
        if changed:
            wakeup.notify_on_commit(self.db)
        return changed

    def cancel(self, reason: str = "") -> int:
        """Stop pending, running and dead jobs. A running handler finishes its current run
        and its outcome is discarded: nothing is rescheduled (the error it ended with, if
        any, is kept as the last error). Its lease stays until then, so that resume and
        requeue cannot start a second run beside it. A ``reason`` becomes the last error, so
        the row says why it stopped."""
        values: dict[str, Any] = {"status": Status.CANCELLED, "updated_at": now()}
        if reason:
            values.update(last_error=reason[:ERROR_MAX_LENGTH], last_traceback="")
        return self.filter(status__in=[*ACTIVE, Status.DEAD]).update(**values)

    def resume(self) -> int:
        """Cancelled -> pending with a fresh retry count: recurring jobs at their next cron
        time in their zone (missed runs are not made up), one-off jobs now.

        A job cancelled while running stays cancelled until that run is over (resume it
        again then): resuming it earlier would run it twice at once.
        """
        current = now()
        rows = self.filter(_no_run_in_flight(current), status=Status.CANCELLED)
        values: dict[str, Any] = {
            "status": Status.PENDING,
            "retry_count": 0,
            "lease_owner": "",
            "lease_expires_at": None,
            "updated_at": current,
        }
        changed = 0
        recurring = rows.exclude(schedule="")
        # order_by(): the admin's ordering would make DISTINCT group by row.
        pairs = recurring.order_by().values_list("schedule", "timezone").distinct()
        for schedule, tz in pairs:
            group = recurring.filter(schedule=schedule, timezone=tz)
            changed += group.update(**values, next_run=_next_cron_time(schedule, tz, current))
        changed += _reactivate_one_off(rows.filter(schedule=""), {**values, "next_run": current})
        if changed:
            wakeup.notify_on_commit(self.db)
        return changed


def _no_run_in_flight(at: datetime) -> Q:
    """No handler holds the row: never leased, or the lease ran out (its process died)."""
    return Q(lease_owner="") | Q(lease_expires_at__lt=at)


def _next_cron_time(schedule: str, tz: str, after: datetime) -> datetime:
    try:
        return cron_schedule(schedule).next(after.astimezone(zone(tz)))
    except ValueError:
        # A row edited behind our back: let it run, so the error lands in the dead letters.
        return after


def _reactivate_one_off(rows: models.QuerySet[Job], values: dict[str, Any]) -> int:
    """Make finished one-off jobs pending again, in a constant number of queries.

    At most one one-off job per (user, type) may be pending or running, so a row whose twin
    is already queued (or an earlier row of this batch) is left as it is instead of failing
    the whole batch with an IntegrityError. A twin queued by someone else between our read
    and our write still fails the batch; then we go row by row.
    """
    candidates = list(rows.order_by().values_list("pk", "user_id", "type"))
    if not candidates:
        return 0
    taken = _active_one_off_keys(rows, candidates)
    chosen = []
    for pk, user_id, type_ in candidates:
        if (user_id, type_) not in taken:
            taken.add((user_id, type_))
            chosen.append(pk)
    try:
        with transaction.atomic(using=rows.db):
            return rows.filter(pk__in=chosen).update(**values)
    except IntegrityError:
        return _reactivate_one_by_one(rows.filter(pk__in=chosen), values)


def _active_one_off_keys(
    rows: models.QuerySet[Job], candidates: list[tuple[Any, Any, str]]
) -> set[tuple[Any, str]]:
    """(user, type) pairs that already have a pending or running one-off job."""
    user_ids = {user_id for _, user_id, _ in candidates}
    users = Q(user_id__in=user_ids - {None})
    if None in user_ids:
        users |= Q(user__isnull=True)
    active = rows.model.objects.using(rows.db).filter(
        users, schedule="", status__in=ACTIVE, type__in={type_ for _, _, type_ in candidates}
    )
    return set(active.values_list("user_id", "type"))


def _reactivate_one_by_one(rows: models.QuerySet[Job], values: dict[str, Any]) -> int:
    changed = 0
    for pk, status in rows.values_list("pk", "status"):
        try:
            with transaction.atomic(using=rows.db):
                changed += rows.filter(pk=pk, status=status).update(**values)
        except IntegrityError:
            continue
    return changed
