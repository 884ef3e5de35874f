"""One row per running ``runscheduler`` process, beaten while it lives: who runs, where, since when.

``/readyz`` reads them (a deployment with no live scheduler is not ready), staff see them in
the admin. A process writes only its own row: created at start, its ``beat_at`` moved by a
conditional UPDATE on every beat, deleted on a clean stop. A killed process leaves its row,
which goes stale and is pruned by the next process to start.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

__all__ = ["SchedulerHeartbeat", "beat", "live_schedulers", "register", "unregister"]

STALE_AFTER = timedelta(days=1)


def app_version() -> str:
    """The deployed version: GDA_VERSION when the deployment sets it, else the package's."""
    from importlib.metadata import PackageNotFoundError, version

    if value := os.environ.get("GDA_VERSION"):
        return value[:64]
    try:
        return version("gmail-digest-assistant")
    except PackageNotFoundError:
        return "dev"


class SchedulerHeartbeat(models.Model):
    owner = models.CharField(max_length=100, unique=True, help_text="host:pid:random")
    host = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    version = models.CharField(max_length=64)
    workers = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["host", "pid"]
        verbose_name = "scheduler process"
        verbose_name_plural = "scheduler processes"

    def __str__(self) -> str:
        return f"{self.host} pid {self.pid}"

    def is_live(self, within: timedelta, at: datetime | None = None) -> bool:
        return self.beat_at >= (at or timezone.now()) - within


def register(owner: str, *, workers: int, using: str = "default") -> SchedulerHeartbeat:
    """Record this process as running, and forget processes silent for a day."""
    at = timezone.now()
    SchedulerHeartbeat.objects.using(using).filter(beat_at__lt=at - STALE_AFTER).delete()
    row, _ = SchedulerHeartbeat.objects.using(using).update_or_create(
        owner=owner,
        defaults={
            "host": socket.gethostname()[:100],
            "pid": os.getpid(),
            "version": app_version(),
            "workers": workers,
            "started_at": at,
            "beat_at": at,
        },
    )
    return row


def beat(owner: str, *, workers: int, using: str = "default") -> None:
    """Move our row's beat_at to now; recreate the row if staff deleted it meanwhile."""
    if (
        not SchedulerHeartbeat.objects.using(using)
        .filter(owner=owner)
        .update(beat_at=timezone.now())
    ):
        register(owner, workers=workers, using=using)


def unregister(owner: str, using: str = "default") -> None:
    SchedulerHeartbeat.objects.using(using).filter(owner=owner).delete()


def live_schedulers(within: timedelta) -> models.QuerySet[SchedulerHeartbeat]:
    return SchedulerHeartbeat.objects.filter(beat_at__gte=timezone.now() - within)
