"""The jobs engine behind the same interface as the peers (see :mod:`.systems`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from bench.jobsbench.jobs import NOOP, PROBE
from bench.jobsbench.systems import analyze, count, empty_tables
from jobs.models import Job


class Ours:
    name = "ours"

    def __init__(self) -> None:
        self.table = Job._meta.db_table
        self.user_model = get_user_model()

    def reset(self) -> None:
        empty_tables(self.table)

    def enqueue_noops(self, user_ids: list[int]) -> None:
        """Through the public API, one job per user, as the digest scheduler does."""
        with transaction.atomic():
            for user_id in user_ids:
                Job.objects.enqueue(NOOP, user=self.user_model(pk=user_id))
        analyze(self.table)

    def done(self) -> int:
        return count(
            f"SELECT COUNT(*) FROM {self.table} WHERE type = %s AND status = 'succeeded'",
            (NOOP,),
        )

    def failed(self) -> int:
        return count(
            f"SELECT COUNT(*) FROM {self.table} WHERE type = %s AND retry_count > 0", (NOOP,)
        )

    def enqueue_probe(self, key: str, user_id: int) -> None:
        Job.objects.enqueue(PROBE, user=self.user_model(pk=user_id), payload={"key": key})

    def close(self) -> None:
        pass
