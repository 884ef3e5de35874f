"""Microseconds per next run time: jobs.cron beside cronsim and croniter, in one run.

Run it with ``.venv/bin/python bench/cron.py`` (peers from requirements-bench.txt).

Each case chains next run times from one fixed start, the way a scheduler walks a schedule,
and is timed best-of-N with the garbage collector off (as ``timeit`` does). Two tables:

* ``next()``: the expression is parsed once; each library is used the way it offers that
  (our ``CronSchedule.next``, a cronsim iterator, a croniter iterator).
* ``parse + next()``: a fresh object per call, started from the previous result, as in
  ``croniter(expr, start).get_next(datetime)``. Our parsing memoizes its pure steps, as a
  scheduler re-reading the same expressions benefits from; the cold parse cost is printed
  beneath so that nobody mistakes one for the other.

The goal is a ratio cronsim/ours of at least 2 on every row.
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

from croniter import croniter
from cronsim import CronSim

# Run as a script, bench/ comes first on the path: put the project first instead.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobs import cron
from jobs.cron import CronSchedule

BERLIN = ZoneInfo("Europe/Berlin")
# A month before Berlin's spring-forward day, so the daily chains cross the DST gap.
START = datetime(2026, 3, 1, 0, 0, tzinfo=BERLIN)
CHAIN = 100  # next() calls per timed chain
GOAL = 2.0

CASES = [
    "* * * * *",
    "*/15 * * * *",
    "0 9 * * 1-5",
    "0 8,17 * * 1-5",
    "30 2 * * *",
    "0 0 1 * *",
    "0 0 29 2 *",
    "0 0 13 * 5",
    "@hourly",
]
# cronsim has no macros.
CRONSIM_SPELLING = {"@hourly": "0 * * * *"}

Chain = Callable[[], datetime]


def ours_parsed(expr: str) -> Chain:
    schedule = CronSchedule(expr)

    def chain() -> datetime:
        moment = START
        for _ in range(CHAIN):
            moment = schedule.next(moment)
        return moment

    return chain


def cronsim_parsed(expr: str) -> Chain:
    expr = CRONSIM_SPELLING.get(expr, expr)

    def chain() -> datetime:
        runs = CronSim(expr, START)
        for _ in range(CHAIN):
            moment = next(runs)
        return moment

    return chain


def croniter_parsed(expr: str) -> Chain:
    def chain() -> datetime:
        runs = croniter(expr, START)
        for _ in range(CHAIN):
            moment = runs.get_next(datetime)
        return moment

    return chain


def ours_fresh(expr: str) -> Chain:
    def chain() -> datetime:
        moment = START
        for _ in range(CHAIN):
            moment = CronSchedule(expr).next(moment)
        return moment

    return chain


def cronsim_fresh(expr: str) -> Chain:
    expr = CRONSIM_SPELLING.get(expr, expr)

    def chain() -> datetime:
        moment = START
        for _ in range(CHAIN):
            moment = next(CronSim(expr, moment))
        return moment

    return chain


def croniter_fresh(expr: str) -> Chain:
    def chain() -> datetime:
        moment = START
        for _ in range(CHAIN):
            moment = croniter(expr, moment).get_next(datetime)
        return moment

    return chain


def loops_for(work: Callable[[], object], min_seconds: float) -> int:
    """How many calls of `work` make one round last at least `min_seconds`."""
    loops = 1
    while True:
        started = time.perf_counter()
        for _ in range(loops):
            work()
        if time.perf_counter() - started >= min_seconds:
            return loops
        loops *= 2


def best_seconds(works: list[Callable[[], object]], repeat: int, min_seconds: float) -> list[float]:
    """Best time of one call of each work, the works taking turns round after round.

    Taking turns spreads any drift of the machine's speed (other processes, frequency
    scaling) over all of them instead of charging it to whichever ran at the wrong moment.
    """
    loops = [loops_for(work, min_seconds) for work in works]
    best = [float("inf")] * len(works)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for index, work in enumerate(works):
                started = time.perf_counter()
                for _ in range(loops[index]):
                    work()
                best[index] = min(best[index], (time.perf_counter() - started) / loops[index])
    finally:
        if gc_was_enabled:
            gc.enable()
    return best


def disagreements(expr: str) -> Iterator[str]:
    """Say where a peer's runs differ from ours, so the timings compare like with like."""
    schedule, moment, ours = CronSchedule(expr), START, []
    for _ in range(CHAIN):
        moment = schedule.next(moment)
        ours.append(moment)
    cronsim_runs = CronSim(CRONSIM_SPELLING.get(expr, expr), START)
    croniter_runs = croniter(expr, START)
    peers = {
        "cronsim": [next(cronsim_runs) for _ in range(CHAIN)],
        "croniter": [croniter_runs.get_next(datetime) for _ in range(CHAIN)],
    }
    for name, theirs in peers.items():
        differ = sum(
            a != b or a.utcoffset() != b.utcoffset() for a, b in zip(ours, theirs, strict=True)
        )
        if differ:
            yield f"{name} differs from ours on {differ} of {CHAIN} runs of {expr!r}"


TABLES = {
    "next() on a parsed schedule": (ours_parsed, cronsim_parsed, croniter_parsed),
    "parse + next() per call": (ours_fresh, cronsim_fresh, croniter_fresh),
}


def print_table(
    title: str, builders: tuple[Callable[[str], Chain], ...], repeat: int, min_seconds: float
) -> bool:
    print(f"\n### {title} (µs per call, best of {repeat})\n")
    print("| expression | ours | cronsim | croniter | cronsim/ours | croniter/ours | goal |")
    print("|---|---:|---:|---:|---:|---:|---|")
    all_met = True
    for expr in CASES:
        seconds = best_seconds([build(expr) for build in builders], repeat, min_seconds)
        ours, theirs, other = (chain_seconds / CHAIN * 1e6 for chain_seconds in seconds)
        met = theirs / ours >= GOAL
        all_met &= met
        verdict = "GOAL MET" if met else "GOAL MISSED"
        print(
            f"| `{expr}` | {ours:.2f} | {theirs:.2f} | {other:.2f} "
            f"| {theirs / ours:.1f}x | {other / ours:.1f}x | {verdict} |"
        )
    return all_met


def cold_parse_micros(repeat: int, min_seconds: float) -> tuple[float, float]:
    """Our parse with its memo emptied each time, and cronsim's constructor, averaged."""

    def ours() -> None:
        for expr in CASES:
            cron._compile.cache_clear()
            CronSchedule(expr)

    def theirs() -> None:
        for expr in CASES:
            CronSim(CRONSIM_SPELLING.get(expr, expr), START)

    ours_seconds, their_seconds = best_seconds([ours, theirs], repeat, min_seconds)
    return ours_seconds / len(CASES) * 1e6, their_seconds / len(CASES) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds per figure (best kept)")
    parser.add_argument(
        "--min-seconds", type=float, default=0.05, help="shortest duration of one round"
    )
    args = parser.parse_args()

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"cronsim {version('cronsim')}, croniter {version('croniter')}; "
        f"{CHAIN} chained calls from {START.isoformat()} ({START.tzinfo})"
    )
    for note in (note for expr in CASES for note in disagreements(expr)):
        print(f"note: {note}")
    met = [print_table(title, b, args.repeat, args.min_seconds) for title, b in TABLES.items()]
    ours, theirs = cold_parse_micros(args.repeat, args.min_seconds)
    print(f"\nCold parse (memo emptied): ours {ours:.1f} µs, cronsim constructor {theirs:.1f} µs.")
    print("\nOverall:", "GOAL MET" if all(met) else "GOAL MISSED")


if __name__ == "__main__":
    main()
