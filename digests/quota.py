"""A per-person Gmail quota limiter: a token bucket in the database, shared by all processes.

Google allows 15,000 quota units per user per minute; a digest reading 5,000 messages would
spend 25,000 in seconds and be refused. Before each request the client reserves its units
here: the bucket refills at ``gmail.quota_units_per_minute`` per minute up to one minute's
worth, a reservation may take it below zero, and the caller then sleeps until its units are
covered. A large mailbox is slowed, never failed.

The bucket row is changed only by ``UPDATE ... WHERE version = <read>`` (optimistic locking):
on SQLite and PostgreSQL alike, two processes reserving at once cannot both spend the same
units; the loser re-reads and tries again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F

from digests.bookkeeping import GmailQuota

__all__ = ["QuotaLimiter", "reserve"]

MAX_CONFLICTS = 100


def reserve(user_id: int, units: int, *, per_minute: int, clock: Callable[[], float]) -> float:
    """Take ``units`` from the person's bucket; returns the seconds to wait before spending."""
    rate = per_minute / 60.0
    units = min(units, per_minute)  # one request never waits more than a minute's refill
    for _ in range(MAX_CONFLICTS):
        now = clock()
        row = GmailQuota.objects.filter(user_id=user_id).values("tokens", "stamp", "version")
        current = row.first()
        if current is None:
            if _create(user_id, per_minute - units, now):
                return 0.0
            continue
        elapsed = max(0.0, now - current["stamp"])
        available = min(float(per_minute), current["tokens"] + elapsed * rate)
        left = available - units
        taken = GmailQuota.objects.filter(user_id=user_id, version=current["version"]).update(
            tokens=left, stamp=max(now, current["stamp"]), version=F("version") + 1
        )
        if taken:
            return max(0.0, -left / rate)
    raise RuntimeError(f"quota bucket of user {user_id} kept changing under us")


def _create(user_id: int, tokens: float, now: float) -> bool:
    try:
        with transaction.atomic():
            GmailQuota.objects.create(user_id=user_id, tokens=tokens, stamp=now)
    except IntegrityError:
        return False  # another process made it first: read theirs
    return True


@dataclass
class QuotaLimiter:
    """``limiter(units)`` reserves and sleeps as long as needed; records what it waited."""

    user_id: int
    per_minute: int
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    waited: float = 0.0
    reservations: list[int] = field(default_factory=list)

    def __call__(self, units: int) -> None:
        wait = reserve(self.user_id, units, per_minute=self.per_minute, clock=self.clock)
        self.reservations.append(units)
        if wait > 0:
            self.sleep(wait)
            self.waited += wait
