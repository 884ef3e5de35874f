"""Gmail sync cost: round trips, quota units and wall time of a digest's reading, at the floor?

Run it with ``.venv/bin/python bench/gmail.py [--sizes 10,100,1000,5000] [--latency 0.05]``.

For each N new messages, against the fake Google with ``--latency`` seconds slept before every
HTTP request is answered (a batch waits once), three ways of reading them:

* **first**: our first digest (``digests.sync.read_mail``): ``getProfile`` for the historyId,
  ``messages.list`` pages of 500 ids, ``messages.get`` in batches of 50;
* **incremental**: our next digest after N more messages arrived: ``history.list`` pages and
  the same batches;
* **naive**: one ``messages.list`` then one ``messages.get`` request per message, the way a
  first Gmail script does it (run for N <= --naive-max only; above, its round trips are
  computed and its wall time is at least N x latency).

The floor printed beside each run is the least Gmail allows: for a first run 1 + ceil(N/500)
+ ceil(N/50) requests and 1 + 5 ceil(N/500) + 5N units; for an incremental run ceil(N/500)
history pages + ceil(N/50) batches and 2 per page + 5N units. The per-person quota limiter
(``gmail.quota_units_per_minute``, default 6,000) would make a run over 6,000 units wait; that
wait is simulated (a virtual clock) and printed apart, so wall time is the real work only.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TMP = tempfile.mkdtemp(prefix="gda-bench-gmail-")
os.environ.update(
    DJANGO_SETTINGS_MODULE="gda_site.settings",
    DEBUG="true",
    DATABASE_URL=f"sqlite:///{TMP}/bench.sqlite3",
    CACHE_URL="locmemcache://",
)
for key in [k for k in os.environ if k.startswith("GDA_")]:
    del os.environ[key]

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.models import GoogleAccount, User  # noqa: E402
from digests import gmail, sync  # noqa: E402
from digests.models import Digest  # noqa: E402
from fakegoogle import TEST_CLIENT_ID, TEST_CLIENT_SECRET, FakeGoogle, serve  # noqa: E402
from gda_site.config import fake_google_endpoints  # noqa: E402

READONLY = "https://www.googleapis.com/auth/gmail.readonly"
SCOPES = ["openid", "email", "profile", READONLY]
PAGE, BATCH = 500, 50


class VirtualClock:
    """Real time plus whatever the quota limiter was told to sleep (nothing really waits)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def sleep(self, seconds: float) -> None:
        self.offset += seconds


@dataclasses.dataclass
class Run:
    way: str
    n: int
    requests: int
    units: int
    wall: float
    quota_wait: float = 0.0
    floor_requests: int = 0
    floor_units: int = 0
    measured: bool = True


def point_config_at(base_url: str, max_messages: int) -> None:
    values = {"google.client_id": TEST_CLIENT_ID, "google.client_secret": TEST_CLIENT_SECRET}
    endpoints = {
        k.removeprefix("google."): v for k, v in fake_google_endpoints(base_url, values).items()
    }
    config = settings.CONFIG
    google = dataclasses.replace(config.google, fake_url=base_url, **endpoints)
    mail = dataclasses.replace(config.gmail, max_messages=max_messages)
    settings.CONFIG = dataclasses.replace(config, google=google, gmail=mail)


def connected_user(fake: FakeGoogle, email: str) -> User:
    fake.add_account(email)
    user = User.objects.create_user(email)
    issued = fake.issue_tokens(email, SCOPES)
    account = GoogleAccount(
        user=user,
        subject=fake.account(email).sub,
        email=email,
        scopes=SCOPES,
        token_expiry=datetime.now(UTC) + timedelta(hours=2),
    )
    account.access_token = issued["access_token"]
    account.refresh_token = issued["refresh_token"]
    account.save()
    return user


def deliver(fake: FakeGoogle, email: str, n: int, start: datetime) -> None:
    for i in range(n):
        raw = (
            f"From: Sender {i} <s{i}@example.org>\r\nTo: {email}\r\nSubject: Message {i}\r\n"
            f"Date: Mon, 30 Nov 2026 09:15:00 +0000\r\n\r\nBody of message {i}.\r\n"
        )
        when = start + timedelta(milliseconds=10 * i)
        fake.add_message(email, raw, internal_date=int(when.timestamp() * 1000))


def gmail_requests(fake: FakeGoogle) -> int:
    """HTTP round trips: batches count once, their parts not at all."""
    counters = fake.counters
    inner = counters["messages.get"] if counters["batch"] else 0
    return sum(counters.values()) - inner


def ours(fake: FakeGoogle, user: User, digest: Digest, way: str, n: int) -> tuple[Run, Any]:
    clock = VirtualClock()
    client = gmail.connect(user, sleep=clock.sleep, clock=clock)
    fake.reset_counters()
    started = time.perf_counter()
    result = sync.read_mail(digest, client)
    wall = time.perf_counter() - started
    assert len(result.resources) == n, (way, n, len(result.resources))
    pages = math.ceil(n / PAGE) or 1
    if way == "first":
        floor_requests, floor_units = 1 + pages + math.ceil(n / BATCH), 1 + 5 * pages + 5 * n
    else:
        floor_requests, floor_units = pages + math.ceil(n / BATCH), 2 * pages + 5 * n
    run = Run(
        way,
        n,
        gmail_requests(fake),
        fake.quota_units.total(),
        wall,
        clock.offset,
        floor_requests,
        floor_units,
    )
    return run, result


def naive(fake: FakeGoogle, user: User, n: int, measure: bool, latency: float) -> Run:
    pages = math.ceil(n / PAGE) or 1
    floor = Run("naive", n, pages + n, 5 * pages + 5 * n, (pages + n) * latency, measured=False)
    if not measure:
        return floor
    client = gmail.connect(user)
    fake.reset_counters()
    started = time.perf_counter()
    ids = client.list_message_ids("in:inbox", limit=n)
    messages = client.service.users().messages()
    for message_id in ids:
        messages.get(userId="me", id=message_id, format="full").execute()
    wall = time.perf_counter() - started
    return Run("naive", n, gmail_requests(fake), fake.quota_units.total(), wall)


def bench_size(n: int, latency: float, naive_max: int) -> list[Run]:
    fake = FakeGoogle(latency=0.0)
    email = f"n{n}@example.com"
    with serve(fake) as google:
        point_config_at(google.base_url, max(n, 1))
        user = connected_user(fake, email)
        now = datetime.now(UTC)
        deliver(fake, email, n, now - timedelta(hours=2))
        fake.latency = latency
        first = Digest.objects.create(
            user=user, period_start=now - timedelta(hours=24), period_end=now
        )
        run_first, result = ours(fake, user, first, "first", n)
        sync.advance_cursor(first, result)
        runs = [run_first]
        fake.latency = 0.0
        later = datetime.now(UTC)
        deliver(fake, email, n, later)
        fake.latency = latency
        end = later + timedelta(minutes=5)
        second = Digest.objects.create(user=user, period_start=first.period_end, period_end=end)
        runs.append(ours(fake, user, second, "incremental", n)[0])
        runs.append(naive(fake, user, n, n <= naive_max, latency))
    return runs


def table(runs: list[Run]) -> list[str]:
    lines = [
        "| N | run | round trips | floor | quota units | floor | wall s |"
        " quota wait s (simulated) | vs naive (round trips, wall) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    naive_runs = {r.n: r for r in runs if r.way == "naive"}
    for run in runs:
        if run.way == "naive":
            wall = f"{run.wall:.2f}" if run.measured else f">= {run.wall:.0f} (not run)"
            lines.append(
                f"| {run.n:,} | naive | {run.requests:,} | - | {run.units:,} | - | {wall} | - | - |"
            )
            continue
        peer = naive_runs.get(run.n)
        ratio = "-"
        if peer:
            per_msg_ours = run.wall / run.n
            per_msg_naive = peer.wall / peer.n
            ratio = (
                f"{(peer.requests / peer.n) / (run.requests / run.n):.0f}x fewer, "
                f"{per_msg_naive / per_msg_ours:.1f}x faster per message"
                + ("" if peer.measured else " (vs its lower bound)")
            )
        at_floor = (
            "AT FLOOR"
            if (run.requests, run.units)
            == (
                run.floor_requests,
                run.floor_units,
            )
            else "ABOVE FLOOR"
        )
        lines.append(
            f"| {run.n:,} | {run.way} ({at_floor}) | {run.requests:,} | {run.floor_requests:,} |"
            f" {run.units:,} | {run.floor_units:,} | {run.wall:.2f} | {run.quota_wait:.1f} |"
            f" {ratio} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--naive-max", type=int, default=1000, help="largest naive run")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(
        f"{datetime.now(UTC):%Y-%m-%d}, Python {platform.python_version()}, "
        f"latency {args.latency * 1000:.0f} ms per HTTP request, batches of {BATCH}, "
        f"quota {settings.CONFIG.gmail.quota_units_per_minute:,} units/min per person"
    )
    runs: list[Run] = []
    for n in sizes:
        runs.extend(bench_size(n, args.latency, args.naive_max))
    print("\n".join(table(runs)))
    above = [
        r
        for r in runs
        if r.way != "naive" and (r.requests, r.units) != (r.floor_requests, r.floor_units)
    ]
    print(
        "Overall:",
        "GOAL MET (every run at the floor)"
        if not above
        else f"GOAL MISSED: {len(above)} run(s) above the floor",
    )
    return 0 if not above else 1


if __name__ == "__main__":
    sys.exit(main())
