"""``bench/soak.py``: set up, run the compressed day under faults, drain, close, report."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import random
import resource
import sys
import threading
import time
from contextlib import ExitStack
from typing import Any

from bench.soakbench import clock, database
from bench.soakbench import options as soak_options
from bench.soakbench.processes import ROOT, Schedulers

# Europe leaves summer time at 01:00 UTC on 2026-10-25, inside both days.
SIM_START = dt.datetime(2026, 10, 24, 22, 0, tzinfo=dt.UTC)
SIM_START_LONG = dt.datetime(2026, 10, 24, 12, 0, tzinfo=dt.UTC)
LEASE_REAL_SECONDS = 4.0


def log(line: str) -> None:
    print(f"soak: {line}", flush=True)


def child_env(base_url: str, email_url: str, options: soak_options.Options) -> dict[str, str]:
    from fakegoogle import TEST_CLIENT_ID, TEST_CLIENT_SECRET

    env = {key: value for key, value in os.environ.items() if not key.startswith("GDA_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.soakbench.settings",
        DEBUG="true",
        DATABASE_URL=options.database_url,
        PYTHONPATH=str(ROOT),
        EMAIL_URL=email_url,
        GDA_GOOGLE__FAKE_URL=base_url,
        GDA_GOOGLE__CLIENT_ID=TEST_CLIENT_ID,
        GDA_GOOGLE__CLIENT_SECRET=TEST_CLIENT_SECRET,
        # Compressed: a few real seconds of grace before a lost send is sent again.
        GDA_DELIVERY__VERIFY_GRACE_SECONDS=str(int(5 * options.speed)),
        GDA_GMAIL__RETRY_WAIT_SECONDS="20",
    )
    return env


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = soak_options.parse(argv)
    started = time.monotonic()
    sim_start = (SIM_START if options.hours < 24 else SIM_START_LONG).timestamp()
    clock.set_clock(clock.Clock(time.time(), sim_start, 0))  # frozen while we set up
    os.environ[clock.ENV] = clock.current().encode()
    with ExitStack() as cleanup:
        # Dropped last, after the schedulers stop, whether the soak finished or failed.
        cleanup.enter_context(database.own_database(options.database_url, keep=options.keep))
        log(f"database {database.name_of(options.database_url)}")
        figures = _setup_and_run(options, started, sim_start, cleanup)
    return figures


def _setup_and_run(
    options: soak_options.Options, started: float, sim_start: float, cleanup: ExitStack
) -> dict[str, Any]:
    options.log_dir.mkdir(parents=True, exist_ok=True)

    from bench.soakbench.sink import DroppingSink
    from fakegoogle import FakeGoogle, serve

    fake = FakeGoogle(clock=clock.sim_time, seed=options.seed, auto_consent="allow")
    google = serve(fake)
    sink = DroppingSink(fake, options.drop_rate, options.seed + 3)
    sink.__enter__()
    env = child_env(google.base_url, sink.url, options)
    os.environ.update({k: v for k, v in env.items() if k != clock.ENV})

    import django

    django.setup()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command lines
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return _run(options, fake, google, sink, env, sim_start, started, cleanup)


def _run(options, fake, google, sink, env, sim_start, started, cleanup) -> dict[str, Any]:
    from accounts.models import User
    from bench.soakbench import population, report, run
    from digests.schedules import pause
    from digests.scheduling import DIGEST_JOB, send_now
    from jobs.models import Job

    rng = random.Random(options.seed)
    start = run.sim_datetime(sim_start)
    end_epoch = sim_start + options.hours * 3600
    end = run.sim_datetime(end_epoch)
    people = population.plan(rng, options.users, start, options.hours)
    log(f"{len(people)} people, {options.hours:g} simulated hours at x{options.speed:g}")
    population.create(fake, people)
    arrivals = run.Arrivals()
    run.seed_mailboxes(fake, rng, options, people, arrivals)
    revocations = run.pick_revoked(rng, options, people, sim_start)

    fake.latency = options.latency
    fake.inject_fault("/gmail/v1/*", 500, times=None, probability=options.error_rate)
    fake.inject_fault(
        "/gmail/v1/*", 429, times=None, retry_after=1, probability=options.rate_limit_rate
    )
    fake.reset_counters()

    clock.set_clock(clock.Clock(time.time(), sim_start, options.speed))
    env[clock.ENV] = clock.current().encode()
    lease = LEASE_REAL_SECONDS * options.speed
    args = ["--workers", str(options.workers), "--poll-interval", "0.5"]
    args += ["--lease-seconds", f"{lease:g}", "--grace", "10"]
    schedulers = Schedulers(env, args, options.log_dir, options.schedulers)
    cleanup.callback(schedulers.stop_all)  # a failed soak leaves no scheduler running either
    schedulers.start_all()
    day_started = time.monotonic()
    stop = threading.Event()
    mailer = threading.Thread(
        target=run.mail_and_revocations,
        args=(fake, options, people, arrivals, revocations, end_epoch, stop),
        daemon=True,
    )
    mailer.start()
    crashes = run.chaos(schedulers, options, lambda: clock.sim_time() >= end_epoch, log)
    stop.set()
    mailer.join()
    log("day over: draining what was due")

    def drained() -> bool:
        busy = Job.objects.filter(type=DIGEST_JOB, status=Job.Status.RUNNING).exists()
        due = Job.objects.filter(
            type=DIGEST_JOB, status=Job.Status.PENDING, next_run__lt=end
        ).exists()
        retrying = Job.objects.filter(
            type=DIGEST_JOB, status=Job.Status.PENDING, retry_count__gt=0
        ).exists()
        return not (busy or due or retrying)

    deadline = time.monotonic() + options.drain_timeout
    crashes += run.chaos(
        schedulers, options, lambda: drained() or time.monotonic() > deadline, log, kill=False
    )
    for user in User.objects.filter(email__in=[p.email for p in people]):
        pause(user, by="you", reason="the soak's closing digest")
    closing_at = clock.sim_now()
    readable = User.objects.filter(email__in=[p.email for p in people]).exclude(
        email__in=list(arrivals.revoked)
    )
    for user in readable:
        send_now(user)
    log(f"closing digests for {readable.count()} people")
    closing_started = time.monotonic()

    def closed() -> bool:
        return not Job.objects.filter(
            type=DIGEST_JOB, schedule="", status__in=[Job.Status.PENDING, Job.Status.RUNNING]
        ).exists()

    deadline = time.monotonic() + options.drain_timeout
    crashes += run.chaos(
        schedulers, options, lambda: closed() or time.monotonic() > deadline, log, kill=False
    )
    closing_seconds = time.monotonic() - closing_started
    run_seconds = time.monotonic() - day_started
    schedulers.stop_all()
    received = [mail.message_id for mail in sink.received]
    sink.__exit__(None, None, None)
    google.stop()

    figures = report.collect(people, arrivals, received, start, end, closing_at)
    cpu = sum(slot.cpu_seconds for slot in schedulers.slots)
    figures.update(
        speed=options.speed,
        sim_start=f"{start:%Y-%m-%d %H:%M}",
        sim_end=f"{end:%Y-%m-%d %H:%M}",
        smtp_dropped=sink.dropped,
        kills=sum(slot.kills for slot in schedulers.slots),
        crashes=crashes,
        peak_kib=[slot.peak_kib for slot in schedulers.slots],
        harness_peak_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        gmail_requests=sum(fake.counters.values()),
        units_per_digest=fake.quota_units.total() / max(1, figures["built"]),
        closing_seconds=closing_seconds,
        digests_per_process_hour=figures["built_closing"]
        / max(closing_seconds, 1e-9)
        * 3600
        / options.schedulers,
        cpu_seconds=cpu,
        cpu_per_digest=cpu / max(1, figures["built"]),
        run_seconds=run_seconds,
        wall_seconds=time.monotonic() - started,
        command=" ".join(["bench/soak.py", *sys.argv[1:]]),
    )
    print(report.table(figures), flush=True)
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2, default=str))
    return figures
