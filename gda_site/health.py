"""Readiness: can this deployment do its work right now? Each check answers in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from jobs.heartbeats import live_schedulers

__all__ = ["Check", "readiness"]

_migrated = False  # once every migration is applied it stays so for this process


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return Check("database", False, f"unreachable: {exc.__class__.__name__}")
    return Check("database", True, connection.vendor)


def migrations() -> Check:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return Check("migrations", False, f"{len(pending)} not applied")
        _migrated = True
    return Check("migrations", True, "all applied")


def schedulers() -> Check:
    within = timedelta(seconds=2 * settings.CONFIG.scheduler.poll_interval)
    live = live_schedulers(within).count()
    if not live:
        return Check("schedulers", False, f"no runscheduler heartbeat in the last {within}")
    return Check("schedulers", True, f"{live} live")


def readiness() -> list[Check]:
    """Database first: without it the other checks cannot run."""
    first = database()
    if not first.ok:
        return [first]
    checks = [first, migrations()]
    if checks[1].ok:
        checks.append(schedulers())
    return checks
