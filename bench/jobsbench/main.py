"""Orchestrate the jobs benchmark: one driver per database, then the table and RESULTS.md."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import fcntl
import json
import os
import platform
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

from bench.jobsbench import databases, report
from bench.jobsbench.workers import ROOT

RESULTS = ROOT / "bench" / "RESULTS.md"
LOCK = ROOT / "var" / "bench-jobs.lock"
BEGIN = "<!-- bench/jobs.py writes from here to the end marker; notes outside it are kept -->"
END = "<!-- end of bench/jobs.py output -->"
SYSTEMS = {
    "ours": "ours",
    "procrastinate": "procrastinate",
    "tasksdb": "tasksdb",
    "django-tasks-db": "tasksdb",
    "q2": "q2",
    "django-q2": "q2",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Jobs engine vs procrastinate, django-tasks-db and django-q2: drain "
        "throughput, claim-loop cost with idle future jobs, enqueue-to-start latency."
    )
    parser.add_argument("--jobs", type=positive, default=5000, help="no-op jobs per drain run")
    parser.add_argument("--repeat", type=positive, default=3, help="drain runs per setting")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=sorted(SYSTEMS),
        default=["ours", "procrastinate", "tasksdb", "q2"],
        help="systems to measure (default: all)",
    )
    parser.add_argument("--db", nargs="+", choices=["pg", "sqlite"], default=["sqlite", "pg"])
    parser.add_argument(
        "--idle", type=int, default=1_000_000, help="future jobs for the claim loop (0: skip)"
    )
    parser.add_argument("--cycles", type=positive, default=200, help="timed claim cycles")
    parser.add_argument(
        "--samples", type=int, default=50, help="latency samples per system (0: skip)"
    )
    parser.add_argument(
        "--ours-processes", type=positive, default=2, help="processes of the multi-process row"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the measured runs, one more run of each of our settings under py-spy, "
        "printing where the scheduler's time goes (not counted in the figures)",
    )
    parser.add_argument(
        "--write", action="store_true", help="record the figures in bench/RESULTS.md"
    )
    args = parser.parse_args()
    args.only = sorted({SYSTEMS[name] for name in args.only})
    return args


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {value}")
    return number


def postgres_version() -> str | None:
    try:
        with psycopg.connect(databases.PG_ADMIN_URL, connect_timeout=3) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.OperationalError:
        return None


def run_driver(db: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [
            sys.executable, "-m", "bench.jobsbench.driver", "--db", db,
            "--jobs", str(args.jobs), "--repeat", str(args.repeat), "--only", *args.only,
            "--idle", str(args.idle), "--cycles", str(args.cycles),
            "--samples", str(args.samples), "--ours-processes", str(args.ours_processes),
            "--out", out.name, *(["--profile"] if args.profile else []),
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, check=True)
        return json.loads(Path(out.name).read_text())


def machine(pg_version: str | None, load: float) -> str:
    """What the figures depend on, the load left by other work on the machine included."""
    return (
        f"{os.cpu_count()} cores, load average {load:.1f} at the start, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {pg_version or 'not reachable'}"
    )


def markdown_section(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    body = report.render(
        results,
        meta,
        report.markdown_table,
        title=lambda text: f"**{text}**",
        code=lambda text: f"```\n{text}\n```",
    )
    return (
        f"{BEGIN}\n\nMeasured {meta['date']} on this machine ({meta['machine']}), "
        f"{meta['minutes']:.1f} min:\n\n    {meta['command']}\n\n{body}\n\n{END}"
    )


def write_results(section: str) -> None:
    """Replace our generated block inside "## jobs", keeping every other section and note."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if BEGIN in text and END in text:
        pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
        text = pattern.sub(lambda _: section, text, count=1)
    elif "\n## jobs\n" in text:
        text = text.replace("\n## jobs\n", f"\n## jobs\n\n{section}\n", 1)
    else:
        text = text.rstrip("\n") + f"\n\n## jobs\n\n{section}\n"
    RESULTS.write_text(text)


@contextlib.contextmanager
def one_run_at_a_time() -> Iterator[None]:
    """Two runs would drop each other's database, and halve each other's figures anyway."""
    LOCK.parent.mkdir(exist_ok=True)
    with LOCK.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another bench/jobs.py run holds {LOCK.relative_to(ROOT)}: waiting", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def main() -> None:
    args = parse_args()
    with one_run_at_a_time():
        run(args)


def run(args: argparse.Namespace) -> None:
    started = time.monotonic()
    load = os.getloadavg()[0]
    pg_version = postgres_version()
    results: list[dict[str, Any]] = []
    for db in args.db:
        if db == "pg" and pg_version is None:
            print(f"PostgreSQL not reachable at {databases.PG_ADMIN_URL}: skipped", flush=True)
            continue
        results += run_driver(db, args)
    meta = {
        "jobs": args.jobs,
        "repeat": args.repeat,
        "date": datetime.date.today().isoformat(),
        "machine": machine(pg_version, load),
        "minutes": (time.monotonic() - started) / 60,
        "command": shlex.join([".venv/bin/python", "bench/jobs.py", *sys.argv[1:]]),
    }
    print()
    print(
        report.render(
            results,
            meta,
            report.text_table,
            title=lambda text: f"== {text}",
            code=lambda text: "    " + text.replace("\n", "\n    "),
        )
    )
    print(f"\n{meta['machine']}; {meta['minutes']:.1f} min")
    if args.write:
        write_results(markdown_section(results, meta))
        print(f"written to {RESULTS.relative_to(ROOT)}")
