from __future__ import annotations

import threading
from typing import Any

from django.apps import AppConfig


class ScaledWait:
    """An Event whose ``wait(t)`` waits ``t / speed`` real seconds (timeouts given in sim s)."""

    def __init__(self, event: threading.Event, speed: float) -> None:
        self._event = event
        self._speed = speed

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(None if timeout is None else timeout / self._speed)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._event, name)


class SoakBenchConfig(AppConfig):
    """Installed only in the soak's settings: leases are renewed on the compressed clock.

    The scheduler renews leases every ``lease_seconds / 3`` real seconds while leases are
    dated by ``now()``, which runs ``speed`` times faster here; the heartbeat's waits are
    scaled to match, so a lease of L simulated seconds is renewed every L / 3 simulated ones.
    """

    name = "bench.soakbench"
    label = "soakbench"

    def ready(self) -> None:
        from bench.soakbench import clock
        from jobs.scheduler import Scheduler

        speed = clock.current().speed
        if speed <= 1:
            return
        original = Scheduler._heartbeat

        def heartbeat(self: Scheduler, stop: threading.Event) -> None:
            original(self, ScaledWait(stop, speed))  # type: ignore[arg-type]

        Scheduler._heartbeat = heartbeat  # type: ignore[method-assign]
