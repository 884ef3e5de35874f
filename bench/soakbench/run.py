"""The soak's day: mail arriving, people revoking access, schedulers killed and restarted."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.soakbench import clock, mail
from bench.soakbench.options import Options
from bench.soakbench.population import Person
from bench.soakbench.processes import Schedulers
from fakegoogle import FakeGoogle


@dataclass
class Arrivals:
    """Every message put in a mailbox, by person: (gmail id, hostile, late)."""

    by_email: dict[str, list[tuple[str, bool, bool]]] = field(default_factory=dict)
    revoked: dict[str, float] = field(default_factory=dict)  # email -> simulated epoch

    def add(self, email: str, gmail_id: str, hostile: bool, late: bool) -> None:
        self.by_email.setdefault(email, []).append((gmail_id, hostile, late))


def deliver(
    fake: FakeGoogle,
    rng: random.Random,
    options: Options,
    person: Person,
    n: int,
    arrivals: Arrivals,
    shape: int | None = None,
) -> None:
    """One new message for ``person``: sometimes hostile (``shape`` forces one), sometimes
    dated before it arrives."""
    hostile = shape is not None or rng.random() < options.hostile_rate
    late = rng.random() < options.late_rate
    if shape is not None:
        raw = mail.hostile_shape(shape, person.email, n)
    else:
        raw = (mail.hostile if hostile else mail.ordinary)(rng, person.email, n)
    when = None
    if late:
        when = int((clock.sim_time() - rng.uniform(600, 7200)) * 1000)
    stored = fake.add_message(person.email, raw, internal_date=when)
    arrivals.add(person.email, stored.id, hostile, late)


def seed_mailboxes(
    fake: FakeGoogle, rng: random.Random, options: Options, people: list[Person], arrivals: Arrivals
) -> None:
    """Three messages each before the day starts (the first digest's look-back); every
    hostile shape at least once."""
    for index, person in enumerate(people):
        for k in range(3):
            shape = index if k == 2 and index < mail.HOSTILE_SHAPES else None
            deliver(fake, rng, options, person, index * 10 + k, arrivals, shape)


def pick_revoked(
    rng: random.Random, options: Options, people: list[Person], start: float
) -> dict[str, float]:
    """Who removes the app, and when (simulated epoch, in the day's first half)."""
    count = max(1, round(len(people) * options.revoked_rate))
    chosen = rng.sample(people, count)
    half = options.hours * 3600 / 2
    return {p.email: start + rng.uniform(0.1 * half, half) for p in chosen}


def mail_and_revocations(
    fake: FakeGoogle,
    options: Options,
    people: list[Person],
    arrivals: Arrivals,
    revocations: dict[str, float],
    end: float,
    stop: threading.Event,
) -> None:
    """Until simulated ``end``: new mail at a steady rate, and the planned revocations."""
    rng = random.Random(options.seed + 1)
    total = max(1, int(len(people) * options.messages_per_user * options.hours / 24))
    interval = options.hours * 3600 / options.speed / total
    pending = sorted(revocations.items(), key=lambda item: item[1])
    n = 1_000_000
    while not stop.wait(interval) and clock.sim_time() < end:
        deliver(fake, rng, options, rng.choice(people), n, arrivals)
        n += 1
        while pending and pending[0][1] <= clock.sim_time():
            email, _ = pending.pop(0)
            fake.revoke_refresh_tokens(email)
            arrivals.revoked[email] = clock.sim_time()


def chaos(
    schedulers: Schedulers,
    options: Options,
    until: Callable[[], bool],
    log: Callable[[str], None],
    *,
    kill: bool = True,
) -> int:
    """SIGKILL a random scheduler every ``kill_every`` s and restart it; restart crashed ones."""
    rng = random.Random(options.seed + 2)
    crashes = 0
    next_kill = time.monotonic() + options.kill_every
    last_report = time.monotonic()
    while not until():
        time.sleep(0.5)
        schedulers.sample_memory()
        for slot in schedulers.dead():
            crashes += 1
            log(f"scheduler {slot.index} exited on its own ({slot.popen.returncode}); restarting")
            schedulers.restart(slot)
        if kill and time.monotonic() >= next_kill:
            victim = rng.choice(schedulers.slots)
            schedulers.kill_and_restart(victim)
            next_kill += options.kill_every
        if time.monotonic() - last_report >= 15:
            last_report = time.monotonic()
            log(f"simulated {clock.sim_now():%Y-%m-%d %H:%M} UTC")
    return crashes


def sim_datetime(epoch: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
