"""procrastinate, standalone on its own psycopg connector (its fastest path; no Django).

The tasks are ``async``: procrastinate runs sync tasks in a thread per job, and an async no-op
is its best setting for a no-op benchmark.
"""

from __future__ import annotations

import os

import procrastinate

from bench.jobsbench.probe import report_start

app = procrastinate.App(
    connector=procrastinate.PsycopgConnector(
        conninfo=os.environ.get("BENCH_PG_DSN", "postgres://postgres@127.0.0.1:5432/gda_bench")
    )
)


@app.task(name="noop")
async def noop(user_id: int) -> None:
    """Nothing inside: what is measured is procrastinate's own cost per job."""


@app.task(name="probe")
async def probe(key: str) -> None:
    report_start(key)
