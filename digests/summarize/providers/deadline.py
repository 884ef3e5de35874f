"""One deadline for a whole call, not per socket read: a server dripping bytes cannot stall us."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from digests.summarize.types import ProviderError

T = TypeVar("T")


def call_with_deadline(call: Callable[[], T], seconds: float, *, abort: Callable[[], None]) -> T:
    """Run ``call`` in a daemon thread and wait ``seconds`` at most.

    Past the deadline ``abort`` runs (it closes the SDK client, which ends the connection and
    so the thread) and the caller gets a ProviderError at once, whatever the thread does.
    """
    done = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="summary-call", daemon=True).start()
    if not done.wait(seconds):
        abort()
        raise ProviderError(f"no answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
