"""The benchmark's own databases, created fresh for a run and dropped after it.

Never the dev or test database: ``gda_bench`` on the local PostgreSQL and a file under var/.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from bench.jobsbench.workers import ROOT

PG_URL = "postgres://postgres@127.0.0.1:5432/gda_bench"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SQLITE_PATH = Path("var") / "bench-jobs.sqlite3"
SQLITE_URL = f"sqlite:///{SQLITE_PATH}"


def url_for(kind: str) -> str:
    return PG_URL if kind == "pg" else SQLITE_URL


def create(kind: str) -> None:
    drop(kind)
    if kind == "pg":
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute("CREATE DATABASE gda_bench")


def drop(kind: str) -> None:
    if kind == "pg":
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute("DROP DATABASE IF EXISTS gda_bench WITH (FORCE)")
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        (ROOT / f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
