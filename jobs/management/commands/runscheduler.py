"""`manage.py runscheduler`: run due jobs on this host, alongside any number of others.

Exit status: 0 when stopped by SIGTERM/SIGINT and every running job finished within
``--grace`` (and for ``--exit-when-idle``). 1 after a forced exit, when ``--grace`` ran out
or a second signal came: the unfinished jobs are handed back, pending and due at once with
no attempt counted, as the very last thing before the process exits. 1 also in ``--once``
mode when any job failed.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobs.jobs import ensure_system_jobs
from jobs.scheduler import Scheduler

# The ranges gda_site/config.py accepts for scheduler.workers and scheduler.lease_seconds:
# a flag must not allow what the configuration refuses (a 1-second lease is taken over by
# any hiccup; hundreds of threads per process starve the GIL and the connection pool).
WORKERS = (1, 64)
LEASE_SECONDS = (5, 3600)


class Command(BaseCommand):
    help = (
        "Run due background jobs with a pool of worker threads until SIGTERM/SIGINT. "
        "Safe to run on many hosts against one database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        config = settings.CONFIG.scheduler
        parser.add_argument(
            "--workers",
            type=int,
            default=config.workers,
            help=f"Worker threads (default scheduler.workers = {config.workers}).",
        )
        parser.add_argument(
            "--poll-interval",
            type=float,
            default=config.poll_interval,
            help=f"Seconds between looks for due jobs when nothing wakes us "
            f"(default scheduler.poll_interval = {config.poll_interval:g}).",
        )
        parser.add_argument(
            "--lease-seconds",
            type=float,
            default=config.lease_seconds,
            help=f"Lease of a claimed job, renewed every third of it while the job runs "
            f"(default scheduler.lease_seconds = {config.lease_seconds}).",
        )
        parser.add_argument(
            "--grace",
            type=float,
            default=30.0,
            help="On SIGTERM/SIGINT, seconds to let running jobs finish (default 30).",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs due now, then exit; exit status 1 if any of them failed.",
        )
        mode.add_argument(
            "--exit-when-idle",
            action="store_true",
            help="Exit once no job is due or running on any host (draining, benchmarks).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        workers, poll, lease, grace = (
            options["workers"],
            options["poll_interval"],
            options["lease_seconds"],
            options["grace"],
        )
        if not WORKERS[0] <= workers <= WORKERS[1]:
            raise CommandError(
                f"--workers must be {WORKERS[0]}..{WORKERS[1]} as scheduler.workers, got {workers}"
            )
        if poll <= 0:
            raise CommandError(f"--poll-interval must be greater than 0, got {poll:g}")
        if not LEASE_SECONDS[0] <= lease <= LEASE_SECONDS[1]:
            raise CommandError(
                f"--lease-seconds must be {LEASE_SECONDS[0]}..{LEASE_SECONDS[1]} "
                f"as scheduler.lease_seconds, got {lease:g}"
            )
        if grace < 0:
            raise CommandError(f"--grace must be 0 or more, got {grace:g}")

        ensure_system_jobs()
        scheduler = Scheduler(
            workers=workers,
            poll_interval=poll,
            lease_seconds=lease,
            grace=grace,
            once=options["once"],
            exit_when_idle=options["exit_when_idle"],
        )
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda signum, frame: scheduler.request_stop())
        status = scheduler.run()
        if scheduler.abandoned:
            # Worker threads still run abandoned handlers, and the interpreter would wait
            # for them at exit: hand their jobs back and leave at once, so that no other
            # process can start one while its handler still runs here.
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            scheduler.hand_back()
            os._exit(status)
        if status:
            raise SystemExit(status)
