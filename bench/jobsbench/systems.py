"""How to feed, watch and run each system measured, behind one small interface.

Every adapter runs inside a driver process whose Django default database is the one measured.
``done()`` is what the drain loop polls: it must be cheap, because it runs every few
milliseconds beside the workers on a two-core machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.db import connection, transaction


class System(Protocol):
    name: str

    def reset(self) -> None:
        """Empty the system's tables, so each repeat starts from the same state."""

    def enqueue_noops(self, user_ids: list[int]) -> None: ...

    def done(self) -> int:
        """How many no-op jobs have finished successfully."""

    def failed(self) -> int: ...

    def enqueue_probe(self, key: str, user_id: int) -> None: ...

    def close(self) -> None:
        """Release what enqueue_probe kept open."""


@dataclass(frozen=True)
class Setting:
    """One way of running a system: its processes and the launcher arguments of each."""

    system: str
    label: str
    processes: int
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def commands(self) -> list[list[str]]:
        return [[self.system, *self.args] for _ in range(self.processes)]


def empty_tables(*tables: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


def analyze(*tables: str) -> None:
    """Fresh planner statistics, so no system is measured on a plan made for an empty table."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def count(sql: str, params: tuple = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


class TasksDb:
    name = "tasksdb"

    def __init__(self) -> None:
        from django_tasks_db.models import DBTaskResult

        self.table = DBTaskResult._meta.db_table

    def reset(self) -> None:
        empty_tables(self.table)

    def enqueue_noops(self, user_ids: list[int]) -> None:
        from bench.jobsbench.peer_tasks import tasks_noop

        with transaction.atomic():
            for user_id in user_ids:
                tasks_noop.enqueue(user_id)
        analyze(self.table)

    def done(self) -> int:
        return count(f"SELECT COUNT(*) FROM {self.table} WHERE status = 'SUCCESSFUL'")

    def failed(self) -> int:
        return count(f"SELECT COUNT(*) FROM {self.table} WHERE status = 'FAILED'")

    def enqueue_probe(self, key: str, user_id: int) -> None:
        from bench.jobsbench.peer_tasks import tasks_probe

        tasks_probe.enqueue(key)

    def close(self) -> None:
        pass


class DjangoQ2:
    """django-q2's ORM broker deletes a queue row when its task is acknowledged, so the number
    done is the number enqueued minus the rows left."""

    name = "q2"

    def __init__(self) -> None:
        from django_q.models import OrmQ, Task

        self.table = OrmQ._meta.db_table
        self.results_table = Task._meta.db_table
        self.enqueued = 0

    def reset(self) -> None:
        empty_tables(self.table, self.results_table)
        self.enqueued = 0

    def enqueue_noops(self, user_ids: list[int]) -> None:
        from django_q.brokers import get_broker
        from django_q.tasks import async_task

        broker = get_broker()
        with transaction.atomic():
            for user_id in user_ids:
                async_task("bench.jobsbench.peer_tasks.q_noop", user_id, broker=broker)
        self.enqueued += len(user_ids)
        analyze(self.table)

    def done(self) -> int:
        return self.enqueued - count(f"SELECT COUNT(*) FROM {self.table}")

    def failed(self) -> int:
        return count(f"SELECT COUNT(*) FROM {self.results_table} WHERE success = %s", (False,))

    def enqueue_probe(self, key: str, user_id: int) -> None:
        from django_q.tasks import async_task

        async_task("bench.jobsbench.peer_tasks.q_probe", key)

    def close(self) -> None:
        pass


class Procrastinate:
    """Standalone procrastinate on its own connection; only its tables are read through Django."""

    name = "procrastinate"
    table = "procrastinate_jobs"

    def __init__(self) -> None:
        from bench.jobsbench.procrastinate_app import app

        self.app = app
        self.opened = False

    def install_schema(self) -> None:
        with self.app.open():
            self.app.schema_manager.apply_schema()

    def reset(self) -> None:
        empty_tables(self.table, "procrastinate_events", "procrastinate_periodic_defers")

    def enqueue_noops(self, user_ids: list[int]) -> None:
        from bench.jobsbench.procrastinate_app import noop

        with self.app.open():
            noop.batch_defer(*({"user_id": user_id} for user_id in user_ids))
        analyze(self.table)

    def done(self) -> int:
        return count(f"SELECT COUNT(*) FROM {self.table} WHERE status = 'succeeded'")

    def failed(self) -> int:
        return count(f"SELECT COUNT(*) FROM {self.table} WHERE status = 'failed'")

    def enqueue_probe(self, key: str, user_id: int) -> None:
        from bench.jobsbench.procrastinate_app import probe

        if not self.opened:  # one connection for all samples, as a web process would keep
            self.app.open()
            self.opened = True
        probe.defer(key=key)

    def close(self) -> None:
        if self.opened:
            self.app.close()
            self.opened = False
