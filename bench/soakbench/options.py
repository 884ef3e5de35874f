"""The soak's command line: the long form by default, ``--short`` for ``make test``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from bench.soakbench.database import unique_url

# A run's own database is named after this one plus its pid and a random suffix.
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/gda_soak_bench"


@dataclass
class Options:
    users: int
    hours: float
    speed: float
    schedulers: int
    workers: int
    kill_every: float
    latency: float
    error_rate: float
    rate_limit_rate: float
    revoked_rate: float
    hostile_rate: float
    late_rate: float
    drop_rate: float
    messages_per_user: float
    seed: int
    database_url: str
    keep: bool
    json: Path | None
    log_dir: Path
    drain_timeout: float


def parse(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="bench/soak.py", description=__doc__)
    parser.add_argument("--short", action="store_true", help="40 users, 6 simulated hours")
    parser.add_argument("--users", type=int)
    parser.add_argument("--hours", type=float, help="simulated hours of schedules (24 long)")
    parser.add_argument("--speed", type=float, help="simulated seconds per real second")
    parser.add_argument("--schedulers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4, help="per scheduler process")
    parser.add_argument("--kill-every", type=float, help="real seconds between SIGKILLs")
    parser.add_argument("--latency", type=float, default=0.2, help="fake Google, seconds")
    parser.add_argument("--error-rate", type=float, default=0.05, help="Gmail 500s")
    parser.add_argument("--rate-limit-rate", type=float, default=0.05, help="Gmail 429s")
    parser.add_argument("--revoked-rate", type=float, default=0.01, help="people who revoke")
    parser.add_argument("--hostile-rate", type=float, default=0.05)
    parser.add_argument("--late-rate", type=float, default=0.1, help="mail visible late")
    parser.add_argument("--drop-rate", type=float, default=0.02, help="SMTP drops after DATA")
    parser.add_argument("--messages-per-user", type=float, default=12, help="per 24 sim hours")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--database-url",
        help="created for the run and dropped after it, used as given (default: "
        f"{DEFAULT_DATABASE}_<pid>_<random>, a name no other run shares)",
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="leave the database for a look afterwards"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--log-dir", type=Path, default=Path("var/soak-logs"))
    args = parser.parse_args(argv)
    short = args.short
    return Options(
        users=args.users or (40 if short else 2000),
        hours=args.hours or (6 if short else 24),
        speed=args.speed or (240 if short else 72),
        schedulers=args.schedulers,
        workers=args.workers,
        kill_every=args.kill_every or (10 if short else 30),
        latency=args.latency,
        error_rate=args.error_rate,
        rate_limit_rate=args.rate_limit_rate,
        revoked_rate=args.revoked_rate,
        hostile_rate=args.hostile_rate,
        late_rate=args.late_rate,
        drop_rate=args.drop_rate,
        messages_per_user=args.messages_per_user,
        seed=args.seed,
        database_url=args.database_url or unique_url(DEFAULT_DATABASE),
        keep=args.keep_database,
        json=args.json,
        log_dir=args.log_dir,
        drain_timeout=120 if short else 900,
    )
