"""What staff see first about the jobs engine: counts, dead letters, lag, the last hour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from jobs.heartbeats import SchedulerHeartbeat
from jobs.models import Job
from jobs.transitions import Status

__all__ = ["Dashboard", "dashboard"]

DEAD_LETTERS_SHOWN = 20


@dataclass(frozen=True)
class Dashboard:
    statuses: list[str]
    counts: list[tuple[str, list[int], int]]  # type, counts in statuses' order, total
    totals: list[int]
    total: int  # every job, whatever its status or type
    dead_letters: list[Job]
    dead_total: int
    oldest_due: Job | None
    lag: timedelta | None
    ran_last_hour: int
    failed_last_hour: int
    schedulers: list[SchedulerHeartbeat]
    at: datetime


def dashboard(at: datetime | None = None) -> Dashboard:
    """Six small queries, whatever the size of the table."""
    at = at or timezone.now()
    statuses = list(Status.values)
    by_type: dict[str, list[int]] = {}
    for row in Job.objects.values("type", "status").annotate(n=Count("id")).order_by():
        by_type.setdefault(row["type"], [0] * len(statuses))[statuses.index(row["status"])] = row[
            "n"
        ]
    counts = [(kind, values, sum(values)) for kind, values in sorted(by_type.items())]
    totals = [sum(values[i] for _, values, _ in counts) for i in range(len(statuses))]
    dead = Job.objects.filter(status=Status.DEAD).select_related("user").order_by("-updated_at")
    oldest = (
        Job.objects.filter(status=Status.PENDING, next_run__lte=at).order_by("next_run").first()
    )
    hour = Job.objects.filter(last_run__gte=at - timedelta(hours=1)).aggregate(
        ran=Count("id"), failed=Count("id", filter=~Q(last_error=""))
    )
    return Dashboard(
        statuses=statuses,
        counts=counts,
        totals=totals,
        total=sum(totals),
        dead_letters=list(dead[:DEAD_LETTERS_SHOWN]),
        dead_total=totals[statuses.index(Status.DEAD)],
        oldest_due=oldest,
        lag=at - oldest.next_run if oldest else None,
        ran_last_hour=hour["ran"],
        failed_last_hour=hour["failed"],
        schedulers=list(SchedulerHeartbeat.objects.all()),
        at=at,
    )
