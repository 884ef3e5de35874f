"""Everything measured on one database, in one Django process bound to it.

``python -m bench.jobsbench.driver --db pg|sqlite --out results.json``: creates the database,
migrates, creates the users, runs the drain, claim-loop and latency measurements for the
systems asked for, drops the database and writes the figures as JSON for the orchestrator.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.jobsbench import databases
from bench.jobsbench import profile as sampler
from bench.jobsbench.systems import Setting, System
from bench.jobsbench.workers import LOG_DIR, WorkerGroup

POLL_SECONDS = 0.01
LATENCY_SETTLE_SECONDS = 2.0


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def drain_settings(db: str, ours_processes: int) -> list[Setting]:
    """Ours at 1, 4 and 16 workers, and each peer at the best setting found on this machine."""
    ours = [
        Setting("ours", f"1 process x {n} worker{'s' if n > 1 else ''}", 1, ["--workers", str(n)])
        for n in (1, 4, 16)
    ]
    if db == "pg":
        return [
            *ours,
            Setting("ours", f"{ours_processes} processes x 8 workers", ours_processes,
                    ["--workers", "8"]),
            Setting("procrastinate", "2 processes x concurrency 4", 2, ["4"]),
            Setting("tasksdb", "4 processes", 4, ["--no-reload", "--no-startup-delay"]),
            Setting("q2", "1 cluster x 4 workers, bulk 10, no success rows", 1),
        ]  # fmt: skip
    return [
        *ours,
        Setting("tasksdb", "1 process", 1, ["--no-reload", "--no-startup-delay"]),
        Setting("q2", "1 cluster x 4 workers, bulk 10, no success rows", 1),
    ]


def latency_settings() -> list[Setting]:
    return [
        Setting("ours", "1 process x 4 workers", 1, ["--workers", "4"]),
        Setting("procrastinate", "1 process x concurrency 4", 1, ["4"]),
        Setting("tasksdb", "4 processes, default --interval 1", 4, ["--no-reload"]),
    ]  # fmt: skip


def make_system(name: str) -> System:
    from bench.jobsbench import systems

    if name == "ours":
        from bench.jobsbench.ours import Ours

        return Ours()
    return {"procrastinate": systems.Procrastinate, "tasksdb": systems.TasksDb,
            "q2": systems.DjangoQ2}[name]()  # fmt: skip


def wait_until(condition: Callable[[], bool], group: WorkerGroup, timeout: float) -> float:
    """Poll until the condition holds; returns the monotonic time it was seen to hold."""
    deadline = time.monotonic() + timeout
    checked_alive = time.monotonic()
    while not condition():
        now = time.monotonic()
        if now > deadline:
            raise TimeoutError(f"not finished after {timeout:.0f} s")
        if now - checked_alive > 1:
            group.check_alive()
            checked_alive = now
        time.sleep(POLL_SECONDS)
    return time.monotonic()


def drain_once(
    db: str, setting: Setting, user_ids: list[int], attempt: int | str, *, profile: bool = False
) -> float:
    """One run: enqueue (not timed), release the workers, time until the last job is done.

    With ``profile``, py-spy samples every worker process; the run is then not a measurement.
    """
    system = make_system(setting.system)
    jobs = len(user_ids)
    system.reset()
    system.enqueue_noops(user_ids)
    tag = f"{db}-{setting.system}-{setting.processes}-{'-'.join(setting.args)}-{attempt}"
    tag = tag.replace(" ", "")
    group = WorkerGroup(setting.commands(), setting.env, tag)
    samplers: list[subprocess.Popen[bytes]] = []
    outputs = [LOG_DIR / f"profile-{tag}-{n}.txt" for n in range(setting.processes)]
    try:
        group.wait_ready()
        if profile:
            samplers = [
                sampler.start(pid, out) for pid, out in zip(group.pids(), outputs, strict=True)
            ]
            time.sleep(0.5)  # py-spy attaches before the clock starts
        started = group.go()
        finished = wait_until(lambda: system.done() >= jobs, group, timeout=30 + jobs / 25)
    except (TimeoutError, RuntimeError) as exc:
        raise RuntimeError(f"{exc} ({system.done()} of {jobs} done)") from None
    finally:
        group.stop()
        for process in samplers:
            process.wait(timeout=30)
    if profile:
        progress(f"  [{db}] profile of {setting.system} {setting.label} ({outputs[0].parent}):")
        progress(sampler.summarize(outputs))
    if failed := system.failed():
        raise RuntimeError(f"{failed} jobs failed")
    system.reset()
    return jobs / (finished - started)


def drain_all(
    db: str, settings: list[Setting], user_ids: list[int], repeat: int, *, profile: bool = False
) -> list[dict[str, Any]]:
    """Every setting once per round, round after round: a burst of load from elsewhere on the
    machine then slows one run of several systems instead of every run of one."""
    rates: list[list[float]] = [[] for _ in settings]
    errors = [""] * len(settings)
    for attempt in range(1, repeat + 1):
        for index, setting in enumerate(settings):
            if errors[index]:
                continue
            try:
                rates[index].append(drain_once(db, setting, user_ids, attempt))
            except RuntimeError as exc:
                errors[index] = str(exc)
                progress(f"  [{db}] {setting.system} {setting.label}: {exc}")
                continue
            progress(
                f"  [{db}] {setting.system:<13} {setting.label:<47} run {attempt}/{repeat}: "
                f"{rates[index][-1]:8,.0f} jobs/s"
            )
    if profile:
        for setting in settings:
            if setting.system == "ours":
                drain_once(db, setting, user_ids, "profile", profile=True)
    return [
        {
            "bench": "drain",
            "db": db,
            "system": setting.system,
            "setting": setting.label,
            "jobs": len(user_ids),
            "rates": runs,
            "median": statistics.median(runs) if runs else None,
            "error": error,
        }
        for setting, runs, error in zip(settings, rates, errors, strict=True)
    ]


def latency(setting: Setting, user_ids: list[int], samples: int) -> dict[str, Any]:
    """Enqueue one job at a time to an idle, waiting worker; time until its handler starts."""
    system = make_system(setting.system)
    system.reset()
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(10)
    env = {"BENCH_PROBE_PORT": str(receiver.getsockname()[1])}
    group = WorkerGroup(setting.commands(), {**setting.env, **env}, f"latency-{setting.system}")
    results: list[float] = []
    enqueue_calls: list[float] = []  # the share of the latency spent in the enqueue call
    error = ""
    try:
        group.wait_ready()
        group.go()
        time.sleep(LATENCY_SETTLE_SECONDS)  # connected, listening and idle
        for index in range(samples + 1):  # the first sample warms up and is dropped
            key = f"probe-{index}"
            enqueued = time.time()
            system.enqueue_probe(key, user_ids[index % len(user_ids)])
            returned = time.time()
            started = receive_start(receiver, key)
            if index:
                results.append((started - enqueued) * 1000)
                enqueue_calls.append((returned - enqueued) * 1000)
            # A random gap spanning a whole poll interval, so a polling peer is not sampled in
            # step with its own sleep (which showed tasksdb as 0.9 s every time).
            time.sleep(random.uniform(0.05, 1.05))
    except (TimeoutError, RuntimeError) as exc:
        error = str(exc)
    finally:
        group.stop()
        system.close()
        receiver.close()
        system.reset()
    median = statistics.median(results) if results else None
    p95 = statistics.quantiles(results, n=20)[18] if len(results) > 1 else None
    if median is not None:
        progress(f"  [pg] latency {setting.system:<13} median {median:7.1f} ms, p95 {p95} ms")
    return {
        "bench": "latency",
        "db": "pg",
        "system": setting.system,
        "setting": setting.label,
        "samples_ms": results,
        "median": median,
        "p95": p95,
        "enqueue_call_ms": statistics.median(enqueue_calls) if enqueue_calls else None,
        "error": error,
    }


def receive_start(receiver: socket.socket, key: str) -> float:
    while True:
        try:
            data = receiver.recv(256).decode()
        except TimeoutError:
            raise TimeoutError(f"{key} did not start within 10 s") from None
        got, started = data.split()
        if got == key:
            return float(started)


def prepare_database(db: str, jobs: int, systems: set[str]) -> list[int]:
    from django.core.management import call_command

    progress(f"[{db}] migrating {databases.url_for(db)}")
    call_command("migrate", verbosity=0, interactive=False)
    if db == "pg" and "procrastinate" in systems:
        from bench.jobsbench.systems import Procrastinate

        Procrastinate().install_schema()
    return create_users(jobs)


def create_users(count: int) -> list[int]:
    """One user per job, as real digest work is."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(email=f"user{n}@bench.invalid", password="!") for n in range(count)
    )
    return list(user_model.objects.order_by("pk").values_list("pk", flat=True))


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    only = set(args.only)
    user_ids = prepare_database(args.db, args.jobs, only)
    results: list[dict[str, Any]] = []
    progress(f"[{args.db}] drain: {args.jobs:,} no-op jobs, median of {args.repeat}")
    settings = [s for s in drain_settings(args.db, args.ours_processes) if s.system in only]
    results += drain_all(args.db, settings, user_ids, args.repeat, profile=args.profile)
    if "ours" in only and args.idle:
        from bench.jobsbench import claimloop

        results.append(claimloop.measure(args.db, args.idle, args.cycles))
    if args.db == "pg" and args.samples:
        progress(f"[pg] enqueue-to-start latency: {args.samples} samples each")
        for setting in latency_settings():
            if setting.system in only:
                results.append(latency(setting, user_ids, args.samples))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["pg", "sqlite"], required=True)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", default=["ours", "procrastinate", "tasksdb", "q2"])
    parser.add_argument("--ours-processes", type=int, default=2)
    parser.add_argument("--idle", type=int, default=1_000_000)
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    databases.create(args.db)
    os.environ["BENCH_DATABASE_URL"] = databases.url_for(args.db)
    os.environ["BENCH_PG_DSN"] = databases.PG_URL
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.jobsbench.settings"
    import django
    from django.db import connections

    django.setup()
    try:
        results = run(args)
    finally:
        connections.close_all()
        databases.drop(args.db)
    with open(args.out, "w") as out:
        json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
