"""The soak's compressed clock, shared by the harness and every scheduler process.

``SOAK_CLOCK="real_start,sim_start,speed"`` (epoch seconds, seconds, factor): simulated time
is ``sim_start + (time.time() - real_start) * speed``. :func:`install` makes
``django.utils.timezone.now`` (and google-auth's ``utcnow``) read it; it must run before the
apps are imported (the soak settings module calls it), so ``from django.utils.timezone
import now`` and model defaults bind the compressed clock. ``time.time`` is left alone:
HTTP timeouts, Retry-After sleeps and the Gmail quota bucket stay in real seconds, as
Google's limits are. Production never loads this module.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime

ENV = "SOAK_CLOCK"


@dataclass(frozen=True)
class Clock:
    real_start: float
    sim_start: float
    speed: float  # 0: frozen at sim_start (the harness while it sets up)

    def time(self) -> float:
        """Simulated epoch seconds."""
        return self.sim_start + (time.time() - self.real_start) * self.speed

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), tz=UTC)

    def encode(self) -> str:
        return f"{self.real_start!r},{self.sim_start!r},{self.speed!r}"


_current = Clock(time.time(), time.time(), 1.0)


def parse(value: str) -> Clock:
    """``"real_start,sim_start,speed"`` as a Clock; a clear error otherwise."""
    try:
        real_start, sim_start, speed = (float(part) for part in value.split(","))
    except ValueError:
        raise ValueError(f"{ENV} must be 'real_start,sim_start,speed', got {value!r}") from None
    if speed < 0:
        raise ValueError(f"{ENV}: speed must not be negative, got {speed}")
    return Clock(real_start, sim_start, speed)


def current() -> Clock:
    return _current


def set_clock(clock: Clock) -> None:
    global _current
    _current = clock


def sim_time() -> float:
    """Simulated epoch seconds (the fake Google's clock in the harness)."""
    return _current.time()


def sim_now() -> datetime:
    """Simulated aware UTC now: what ``django.utils.timezone.now`` returns in a soak."""
    return _current.now()


def sim_utcnow_naive() -> datetime:
    """google-auth's idea of now (naive UTC), on the compressed clock."""
    return _current.now().replace(tzinfo=None)


def install() -> None:
    """Read ``SOAK_CLOCK`` (if set) and make Django and google-auth follow it.

    google-auth judges token expiry by its own ``_helpers.utcnow()``: left on the real
    clock it calls every simulated expiry "already expired" and refuses the refresh.
    """
    from django.utils import timezone
    from google.auth import _helpers

    if value := os.environ.get(ENV):
        set_clock(parse(value))
    timezone.now = sim_now
    _helpers.utcnow = sim_utcnow_naive
