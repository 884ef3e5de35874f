"""What an idle scheduler's poll costs with 1,000 and with 1,000,000 jobs waiting for later.

Every idle poll runs the claim statement and the lease reaper. With a partial index on
``next_run WHERE status = 'pending'`` both read a few index pages whatever the number of
future rows; without it they scan the table, and a million future digests would make every
scheduler on every host burn a core doing nothing.

The future rows are written by one INSERT ... SELECT (generate_series on PostgreSQL, a
recursive CTE on SQLite) from the model's own field defaults, so the table looks exactly as
the engine writes it and a million rows take seconds instead of minutes.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection
from django.utils.timezone import now

from bench.jobsbench.systems import analyze, empty_tables
from jobs.claim import claim, claim_sql, lease_owner_name
from jobs.models import Job
from jobs.outcomes import reap_expired

WARMUP_CYCLES = 50
BLOCKS = 5
SPACING_SECONDS = 2  # a million rows spread over 23 days ahead


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sequence_sql(count_param: str) -> tuple[str, str]:
    """(a prefix producing ``seq(i)``, the FROM clause reading it) for this database."""
    if connection.vendor == "postgresql":
        return "", f"generate_series({count_param}, {count_param}) AS seq(i)"
    return (
        f"WITH RECURSIVE seq(i) AS (SELECT {count_param} UNION ALL "
        f"SELECT i + 1 FROM seq WHERE i < {count_param}) ",
        "seq",
    )


def insert_future_jobs(first: int, last: int) -> None:
    """Rows ``first``..``last`` of idle one-off system jobs, due an hour ahead and later.

    Each gets its own type because a system one-off job is unique on its type while
    pending (the engine's deduplication constraint).
    """
    base = now() + timedelta(hours=1)
    template = Job(type="bench.idle", next_run=base)
    vendor = connection.vendor
    columns, expressions, params = [], [], []
    for field in Job._meta.concrete_fields:
        columns.append(connection.ops.quote_name(field.column))
        if field.primary_key:
            expressions.append(
                "gen_random_uuid()" if vendor == "postgresql" else "lower(hex(randomblob(16)))"
            )
        elif field.name == "type":
            expressions.append("'bench.idle.' || i")
        elif field.name == "next_run":
            expressions.append(
                "%s + i * interval '2 seconds'"
                if vendor == "postgresql"
                else "strftime('%%Y-%%m-%%d %%H:%%M:%%f', %s, '+' || (i * 2) || ' seconds')"
            )
            params.append(field.get_db_prep_save(base, connection))
        else:
            expressions.append("%s")
            params.append(field.get_db_prep_save(field.pre_save(template, add=True), connection))
    prefix, source = sequence_sql("%s")
    if vendor == "postgresql":
        params += [first, last]
    else:
        params = [first, last, *params]
    sql = (
        f"{prefix}INSERT INTO {Job._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    analyze(Job._meta.db_table)


def time_cycles(cycles: int, step: Callable[[], object]) -> float:
    """Seconds per cycle: the lowest median of a few blocks, as timeit takes the best of its
    repeats, so a burst of other work on the machine does not pass for a slower plan."""
    for _ in range(WARMUP_CYCLES):
        step()
    block_medians = []
    for _ in range(BLOCKS):
        samples = []
        for _ in range(max(1, cycles // BLOCKS)):
            started = time.perf_counter()
            step()
            samples.append(time.perf_counter() - started)
        block_medians.append(statistics.median(samples))
    return min(block_medians)


def explain_claim() -> str:
    """The plan of the claim statement as the engine sends it, without running it."""
    current = connection.ops.adapt_datetimefield_value(now())
    params = ["explain", current, current, current, current, 4]
    prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + claim_sql(connection.vendor), params)
        rows = cursor.fetchall()
    return "\n".join(" | ".join(str(value) for value in row) for row in rows)


def measure(db: str, idle: int, cycles: int, small: int = 1000) -> dict[str, Any]:
    owner = lease_owner_name()

    def claim_once() -> None:
        if claim(owner, 4, 60):
            raise RuntimeError("a future job was claimed: the benchmark's data is wrong")

    def poll_once() -> None:
        claim_once()
        reap_expired()

    empty_tables(Job._meta.db_table)
    figures: dict[int, dict[str, float]] = {}
    inserted = 0
    for size in (small, idle):
        started = time.monotonic()
        insert_future_jobs(inserted + 1, size)
        inserted = size
        progress(f"  [{db}] {size:,} future jobs written in {time.monotonic() - started:.1f} s")
        figures[size] = {
            "claim": time_cycles(cycles, claim_once),
            "poll": time_cycles(cycles, poll_once),
        }
        progress(
            f"  [{db}] claim with {size:>9,} future jobs: {figures[size]['claim'] * 1e6:8.0f} us, "
            f"idle poll {figures[size]['poll'] * 1e6:8.0f} us"
        )
    plan = explain_claim()
    empty_tables(Job._meta.db_table)
    return {
        "bench": "claim",
        "db": db,
        "cycles": cycles,
        "small": small,
        "large": idle,
        "claim_small_us": figures[small]["claim"] * 1e6,
        "claim_large_us": figures[idle]["claim"] * 1e6,
        "poll_small_us": figures[small]["poll"] * 1e6,
        "poll_large_us": figures[idle]["poll"] * 1e6,
        "ratio": figures[idle]["claim"] / figures[small]["claim"],
        "poll_ratio": figures[idle]["poll"] / figures[small]["poll"],
        "explain": plan,
    }
