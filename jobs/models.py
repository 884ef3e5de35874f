"""The jobs table: one row per one-off job or per recurring schedule.

Statuses and transitions (the statuses and bulk moves are in jobs.transitions; see also the
README's "Jobs" section):

* ``pending``: waiting for ``next_run``. A scheduler claims it -> ``running``.
* ``running``: leased until ``lease_expires_at`` by one claim of a scheduler process;
  ``lease_owner`` names the process and the claim (``host:pid:random:seq``). The process
  renews the lease while the handler runs. Afterwards:
  one-off success -> ``succeeded``; recurring success -> ``pending`` at the next cron time;
  failure -> ``pending`` after a backoff, or ``dead`` once ``retry_count`` reaches the
  attempt limit; ``PermanentError`` -> ``dead``; ``RetryLater`` -> ``pending``. An expired
  lease (a killed process) -> ``pending`` at once with the lost run counted as a failure.
* ``succeeded``: one-off jobs only; pruned after ``scheduler.succeeded_retention_days``.
* ``dead``: a dead letter, kept for staff (requeue or delete) and pruned after
  ``scheduler.dead_retention_days``.
* ``cancelled``: paused by staff or by the owning app; ``resume()`` (jobs.transitions)
  brings it back. A job cancelled while running keeps its lease until that run is over.

The scheduler writes an outcome only if the row is still running under the lease token of
that very claim, so a run cannot overwrite what staff or another claim decided meanwhile.
Cancelling a running job keeps its lease until the handler returns (the outcome then only
clears it), and requeue and resume leave rows with a live lease alone: so a job is never
run twice at once, even by one process.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now

from jobs.cron import CronError
from jobs.schedule_parsing import cron_schedule, zone
from jobs.transitions import ACTIVE, JobQuerySet, Status


def validate_schedule(value: str) -> None:
    if value:
        try:
            cron_schedule(value)
        except CronError as exc:
            raise ValidationError(f"Invalid cron expression {value!r}: {exc}") from None


def validate_timezone(value: str) -> None:
    try:
        zone(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class Job(models.Model):
    Status = Status

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
        help_text="Empty for system jobs.",
    )
    type = models.CharField(max_length=100, help_text="The registered handler's name.")
    schedule = models.CharField(
        max_length=100,
        blank=True,
        default="",
        validators=[validate_schedule],
        help_text="Cron expression for recurring jobs; empty for one-off jobs.",
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="IANA zone the schedule is read in.",
    )
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    retry_count = models.PositiveIntegerField(
        default=0, help_text="Failed attempts since the last success."
    )
    max_retries = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Failed attempts before the job is dead; empty means scheduler.max_retries.",
    )
    next_run = models.DateTimeField(default=now)
    last_run = models.DateTimeField(null=True, blank=True, help_text="Start of the last attempt.")
    last_error = models.TextField(blank=True, default="")
    last_traceback = models.TextField(blank=True, default="")
    lease_owner = models.CharField(max_length=100, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "type", "schedule"],
                condition=~Q(schedule=""),
                name="jobs_recurring_unique",
            ),
            models.UniqueConstraint(
                fields=["type", "schedule"],
                condition=Q(user__isnull=True) & ~Q(schedule=""),
                name="jobs_recurring_system_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "type"],
                condition=Q(schedule="", status__in=ACTIVE),
                name="jobs_one_off_active_unique",
            ),
            models.UniqueConstraint(
                fields=["type"],
                condition=Q(user__isnull=True, schedule="", status__in=ACTIVE),
                name="jobs_one_off_system_active_unique",
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="jobs_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.SUCCEEDED) | Q(schedule=""),
                name="jobs_only_one_off_succeed",
            ),
        ]
        indexes = [
            # Finding due work reads only pending rows in next_run order, so its cost does
            # not grow with the number of jobs waiting for later.
            models.Index(fields=["next_run"], condition=Q(status="pending"), name="jobs_due_idx"),
            models.Index(
                fields=["lease_expires_at"], condition=Q(status="running"), name="jobs_lease_idx"
            ),
            # Pruning and the admin's dead letters; finished rows only, so the churn of
            # pending and running rows never touches it.
            models.Index(
                fields=["status", "updated_at"],
                condition=Q(status__in=[Status.SUCCEEDED, Status.DEAD]),
                name="jobs_finished_idx",
            ),
        ]

    def __str__(self) -> str:
        kind = f"every {self.schedule!r}" if self.schedule else "one-off"
        return f"{self.type} ({kind}, {self.status})"

    @property
    def is_recurring(self) -> bool:
        return bool(self.schedule)

    @property
    def max_attempts(self) -> int:
        return self.max_retries or settings.CONFIG.scheduler.max_retries

    def next_scheduled_run(self, after: datetime) -> datetime:
        """The first cron time strictly after ``after``, read in the job's zone."""
        return cron_schedule(self.schedule).next(after.astimezone(zone(self.timezone)))


# Defined in its own module; imported here so Django finds it with the app's models.
from jobs.heartbeats import SchedulerHeartbeat  # noqa: E402, F401
