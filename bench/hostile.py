"""Milliseconds to parse and analyse each hostile message, beside ordinary mail.

Run it with ``.venv/bin/python bench/hostile.py``.

Every case of the hostile corpus (``tests/digests/hostile_corpus.py``: 200,000-character
headers, 20 MB bodies, MIME a thousand deep, HTML bombs...) goes through ``parse_message``
then ``analyze``, the work a digest does per message, timed best-of-N with the garbage
collector off. The floor is ordinary mail: the median message of the demo mailbox, timed the
same way. Printed per case: parse ms, analyse ms, total ms and the ratio to the floor.

The goal: every case finishes well under a second (on main, a 200,000-character From header
took minutes, and a 20 MB body 33-40 s).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# Run as a script, bench/ comes first on the path: put the project first instead.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from digests.parsing import parse_message  # noqa: E402 (after django.setup)
from digests.summarize import SummaryContext, analyze  # noqa: E402 (after django.setup)
from fakegoogle.mailbox import demo_messages  # noqa: E402 (after django.setup)
from tests.digests.factories import gmail_message  # noqa: E402 (after django.setup)
from tests.digests.hostile_corpus import CASES  # noqa: E402 (after django.setup)

GOAL_SECONDS = 1.0
CTX = SummaryContext(now=datetime(2026, 12, 1, 8, 0, tzinfo=UTC), zone=ZoneInfo("Asia/Tokyo"))


def best_of(rounds: int, run: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs, in seconds, with the garbage collector off."""
    times = []
    for _ in range(rounds):
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def timed(resource: dict, rounds: int) -> tuple[float, float]:
    """Best parse seconds and best analyse seconds for one resource."""
    parsed = parse_message(resource)
    return (
        best_of(rounds, lambda: parse_message(resource)),
        best_of(rounds, lambda: analyze(parsed, CTX)),
    )


def floor(rounds: int) -> float:
    """Median parse + analyse seconds over the demo mailbox: ordinary mail."""
    totals = [sum(timed(gmail_message(m.raw), rounds)) for m in demo_messages()]
    return statistics.median(totals)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_version()}, {platform.machine()}, load {load:.2f}")
    base = floor(args.rounds)
    print(f"floor: ordinary mail (demo mailbox median) {base * 1000:.3f} ms parse + analyse\n")
    print(f"{'case':<46} {'parse ms':>9} {'analyse ms':>10} {'total ms':>9} {'x floor':>9}")
    worst = 0.0
    for n, case in enumerate(CASES):
        resource = {"id": f"18c{n:013x}", "threadId": f"18c{n:013x}", **case.build()}
        resource.setdefault("internalDate", "1796000000000")
        parse_s, analyse_s = timed(resource, args.rounds)
        total = parse_s + analyse_s
        worst = max(worst, total)
        ratio = total / base
        print(
            f"{case.name:<46} {parse_s * 1000:>9.1f} {analyse_s * 1000:>10.1f} "
            f"{total * 1000:>9.1f} {ratio:>9.0f}"
        )
    verdict = "met" if worst < GOAL_SECONDS else "NOT met"
    print(f"\nslowest case {worst * 1000:.0f} ms; every case under {GOAL_SECONDS:.0f} s: {verdict}")
    return 0 if worst < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
