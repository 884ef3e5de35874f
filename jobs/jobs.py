"""The jobs app's own system jobs: retention of finished rows."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils.timezone import now

from jobs.models import Job
from jobs.registry import register
from jobs.transitions import Status

logger = logging.getLogger("jobs")

PRUNE_TYPE = "jobs.prune"
# Hourly, off the top of the hour when user schedules cluster.
PRUNE_SCHEDULE = "17 * * * *"
CHUNK = 1000


@register(PRUNE_TYPE)
def prune(job: Job) -> None:
    """Delete succeeded one-off jobs and dead letters past their retention.

    Age is counted from ``updated_at``, the moment the job finished or died (staff actions
    on a dead letter restart the clock). Deletion goes in chunks so SQLite's write lock is
    never held for long.
    """
    config = settings.CONFIG.scheduler
    current = now()
    succeeded = _delete_in_chunks(
        Job.objects.filter(
            status=Status.SUCCEEDED,
            updated_at__lt=current - timedelta(days=config.succeeded_retention_days),
        )
    )
    dead = _delete_in_chunks(
        Job.objects.filter(
            status=Status.DEAD,
            updated_at__lt=current - timedelta(days=config.dead_retention_days),
        )
    )
    logger.info("pruned %d succeeded and %d dead job(s)", succeeded, dead)


def _delete_in_chunks(rows: QuerySet[Job]) -> int:
    deleted = 0
    while ids := list(rows.values_list("pk", flat=True)[:CHUNK]):
        deleted += Job.objects.filter(pk__in=ids).delete()[0]
    return deleted


def ensure_system_jobs() -> None:
    """Called by runscheduler at start; enqueue is idempotent, so every process may."""
    Job.objects.enqueue(PRUNE_TYPE, schedule=PRUNE_SCHEDULE)
