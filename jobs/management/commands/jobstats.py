"""`manage.py jobstats`: what the job system is doing, from the database (all hosts)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count, Min
from django.utils.timezone import now

from jobs.models import Job
from jobs.transitions import Status

WINDOWS_MINUTES = (1, 5, 15)


def collect() -> dict[str, Any]:
    current = now()
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Status.values, 0))
    for row in Job.objects.values("type", "status").annotate(n=Count("pk")).order_by("type"):
        by_type[row["type"]][row["status"]] = row["n"]
    by_status = {status: sum(t[status] for t in by_type.values()) for status in Status.values}
    # last_run is the start of a job's latest attempt: a recurring job that ran twice in
    # the window counts once, so these are lower bounds on a busy system.
    started = {
        minutes: Job.objects.filter(last_run__gte=current - timedelta(minutes=minutes)).count()
        for minutes in WINDOWS_MINUTES
    }
    oldest_due = Job.objects.filter(status=Status.PENDING, next_run__lte=current).aggregate(
        oldest=Min("next_run")
    )["oldest"]
    return {
        "by_status": by_status,
        "by_type": dict(by_type),
        "started_per_second": {
            f"{minutes}m": round(count / (minutes * 60), 3) for minutes, count in started.items()
        },
        "in_flight": by_status[Status.RUNNING],
        "oldest_due_lag_seconds": (
            round((current - oldest_due).total_seconds(), 3) if oldest_due else 0.0
        ),
    }


class Command(BaseCommand):
    help = "Counts by status and type, jobs started per second, in flight, oldest due lag."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Machine-readable output.")

    def handle(self, *args: Any, **options: Any) -> None:
        stats = collect()
        if options["json"]:
            self.stdout.write(json.dumps(stats, indent=2))
            return
        statuses = Status.values
        width = max([len("type"), *(len(t) for t in stats["by_type"])])
        self.stdout.write(f"{'type':<{width}}  " + "  ".join(f"{s:>9}" for s in statuses))
        rows = [*stats["by_type"].items(), ("all", stats["by_status"])]
        for name, counts in rows:
            cells = "  ".join(f"{counts[s]:>9}" for s in statuses)
            self.stdout.write(f"{name:<{width}}  {cells}")
        rates = ", ".join(f"{k}: {v:g}/s" for k, v in stats["started_per_second"].items())
        self.stdout.write(f"started per second (last {rates})")
        self.stdout.write(f"in flight: {stats['in_flight']}")
        self.stdout.write(f"oldest due job lag: {stats['oldest_due_lag_seconds']:g} s")
