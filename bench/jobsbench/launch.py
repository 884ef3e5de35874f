"""Start one worker process of any system, but only when the driver says "go".

``python -m bench.jobsbench.launch SYSTEM ARGS...`` imports Django, the system and its command,
prints ``ready`` and blocks on stdin. The driver starts every process of a run, waits for all
of them to be ready, then releases them together: the time measured starts at "go", so it holds
each system's real start-up (connecting, listening, spawning its pool) and none of the
interpreter's or Django's import time, which no queue can do anything about.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

COMMANDS = {"ours": "runscheduler", "tasksdb": "db_worker", "q2": "qcluster"}


def prepare_django_command(system: str, args: list[str]) -> Callable[[], None]:
    import django
    from django.core.management import execute_from_command_line, get_commands, load_command_class

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.jobsbench.settings")
    django.setup()
    import bench.jobsbench.peer_tasks  # noqa: F401  (tasks resolved by dotted path later)

    name = COMMANDS[system]
    load_command_class(get_commands()[name], name)
    argv = ["manage.py", name, *args]
    return lambda: execute_from_command_line(argv)


def prepare_procrastinate(args: list[str]) -> Callable[[], None]:
    from bench.jobsbench.procrastinate_app import app

    concurrency = int(args[0]) if args else 1
    # LISTEN/NOTIFY wakes it; the fallback poll is 1 s, as our scheduler's (its default is 5 s).
    return lambda: app.run_worker(concurrency=concurrency, fetch_job_polling_interval=1.0)


def main() -> None:
    system, args = sys.argv[1], sys.argv[2:]
    if system == "procrastinate":
        run = prepare_procrastinate(args)
    else:
        run = prepare_django_command(system, args)
    print("ready", flush=True)
    send_output_to_log(os.environ.get("BENCH_WORKER_LOG", os.devnull))
    if sys.stdin.readline().strip() != "go":
        return
    run()


def send_output_to_log(path: str) -> None:
    """From here on the driver no longer reads our stdout: a full pipe would stall the worker."""
    log = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)


if __name__ == "__main__":
    main()
