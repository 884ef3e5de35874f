"""The figures as the terminal table and as the "## jobs" section of bench/RESULTS.md."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PEER_NAMES = {
    "ours": "ours (jobs)",
    "procrastinate": "procrastinate",
    "tasksdb": "django-tasks-db",
    "q2": "django-q2 (ORM)",
}
DB_NAMES = {"pg": "PostgreSQL", "sqlite": "SQLite"}
DRAIN_GOALS = {"pg": 2000, "sqlite": 1500}
GOAL_JOBS = 5000
LATENCY_GOAL_MS = 10.0
CLAIM_RATIO_GOAL = 1.5

Row = list[str]


@dataclass
class Goal:
    name: str
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


def by(results: list[dict[str, Any]], bench: str, db: str | None = None) -> list[dict[str, Any]]:
    return [r for r in results if r["bench"] == bench and (db is None or r["db"] == db)]


def best_peer_drain(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    peers = [r for r in rows if r["system"] != "ours" and r["median"]]
    return max(peers, key=lambda r: r["median"], default=None)


def drain_rows(results: list[dict[str, Any]]) -> list[Row]:
    table = []
    for db in ("pg", "sqlite"):
        rows = by(results, "drain", db)
        best = best_peer_drain(rows)
        for r in rows:
            runs = ", ".join(f"{rate:,.0f}" for rate in r["rates"])
            ratio = ""
            if r["system"] == "ours" and best and r["median"]:
                ratio = f"{r['median'] / best['median']:.2f}x"
            median = f"{r['median']:,.0f}" if r["median"] else "-"
            if r["error"]:
                runs = f"{runs} ({r['error']})" if runs else r["error"]
            table.append([DB_NAMES[db], PEER_NAMES[r["system"]], r["setting"], median, ratio, runs])
    return table


def latency_rows(results: list[dict[str, Any]]) -> list[Row]:
    rows = by(results, "latency")
    peers = [r for r in rows if r["system"] != "ours" and r["median"] is not None]
    best = min(peers, key=lambda r: r["median"], default=None)
    table = []
    for r in rows:
        ratio = ""
        if r["system"] == "ours" and best and r["median"]:
            ratio = f"{r['median'] / best['median']:.2f}x"
        table.append(
            [
                PEER_NAMES[r["system"]],
                r["setting"],
                decimal(r["median"]),
                decimal(r["p95"]),
                decimal(r.get("enqueue_call_ms")),
                ratio,
                r["error"] or "",
            ]
        )
    return table


def decimal(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def claim_rows(results: list[dict[str, Any]]) -> list[Row]:
    return [
        [
            DB_NAMES[r["db"]],
            f"{r['claim_small_us']:,.0f}",
            f"{r['claim_large_us']:,.0f}",
            f"{r['ratio']:.2f}",
            f"{r['poll_small_us']:,.0f}",
            f"{r['poll_large_us']:,.0f}",
            f"{r['poll_ratio']:.2f}",
        ]
        for r in by(results, "claim")
    ]


def goals(results: list[dict[str, Any]]) -> list[Goal]:
    found = []
    for db, target in DRAIN_GOALS.items():
        ours = [r for r in by(results, "drain", db) if r["system"] == "ours" and r["median"]]
        best = max(ours, key=lambda r: r["median"], default=None)
        measured = f"{best['median']:,.0f} jobs/s ({best['setting']})" if best else "not measured"
        # With fewer jobs the workers' start-up weighs more: no verdict on another workload.
        comparable = best is not None and best["jobs"] == GOAL_JOBS
        if best is not None and not comparable:
            measured += f" with {best['jobs']:,} jobs: no verdict"
        found.append(
            Goal(
                f"drain on {DB_NAMES[db]}",
                f">= {target:,} jobs/s ({GOAL_JOBS:,} jobs)",
                measured,
                best["median"] >= target if comparable else None,
            )
        )
    ours_latency = [r for r in by(results, "latency") if r["system"] == "ours"]
    if ours_latency and ours_latency[0]["median"] is not None:
        median = ours_latency[0]["median"]
        found.append(
            Goal(
                "enqueue-to-start on PostgreSQL",
                f"median < {LATENCY_GOAL_MS:g} ms",
                f"{median:.1f} ms",
                median < LATENCY_GOAL_MS,
            )
        )
    else:
        found.append(Goal("enqueue-to-start on PostgreSQL", "median < 10 ms", "-", None))
    for r in by(results, "claim"):
        found.append(
            Goal(
                f"claim cost {short(r['large'])}/{short(r['small'])} future jobs, "
                f"{DB_NAMES[r['db']]}",
                f"ratio < {CLAIM_RATIO_GOAL}",
                f"{r['ratio']:.2f}",
                r["ratio"] < CLAIM_RATIO_GOAL,
            )
        )
    return found


def verdict(goal: Goal) -> str:
    return {True: "met", False: "MISSED", None: "-"}[goal.met]


DRAIN_HEAD = ["database", "system", "setting", "jobs/s", "ours/best peer", "runs"]
LATENCY_HEAD = [
    "system",
    "setting",
    "median ms",
    "p95 ms",
    "of which the enqueue call, ms",
    "ours/best peer (lower is better)",
    "error",
]


def short(count: int) -> str:
    """1000 -> 1k, 1000000 -> 1M: column heads that stay narrow."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if count >= size and count % size == 0:
            return f"{count // size}{suffix}"
    return f"{count:,}"


def claim_head(small: int, large: int) -> Row:
    s, n = short(small), short(large)
    return ["database", f"claim µs, {s}", f"claim µs, {n}", "ratio",
            f"idle poll µs, {s}", f"idle poll µs, {n}", "ratio"]  # fmt: skip


GOAL_HEAD = ["goal", "target", "measured", "verdict"]


def text_table(head: Row, rows: list[Row]) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(head, *rows, strict=False)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


NUMBER = re.compile(r"^[\d,.]+x?$")


def markdown_table(head: Row, rows: list[Row]) -> str:
    """Columns of figures are right-aligned, so magnitudes can be compared at a glance."""
    numeric = [
        any(column) and all(NUMBER.match(cell) or cell in ("", "-") for cell in column)
        for column in zip(*rows, strict=True)
    ] or [False] * len(head)
    lines = ["| " + " | ".join(head) + " |"]
    lines.append("|" + "".join(" ---: |" if n else " --- |" for n in numeric))
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def explains(results: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(DB_NAMES[r["db"]], r["explain"]) for r in by(results, "claim")]


def render(
    results: list[dict[str, Any]],
    meta: dict[str, Any],
    table: Callable[[Row, list[Row]], str],
    title: Callable[[str], str],
    code: Callable[[str], str],
) -> str:
    """Every section, with the formatters of the output (terminal text or Markdown)."""
    jobs = meta["jobs"]
    parts = [
        title(
            f"Drain: {jobs:,} no-op jobs (one per user), jobs/s from the workers' start to the "
            f"last job finished, median of {meta['repeat']}"
        ),
        table(DRAIN_HEAD, drain_rows(results)),
    ]
    if by(results, "claim"):
        claim = by(results, "claim")[0]
        parts += [
            title(
                f"Claim loop: {claim['cycles']} cycles (lowest median of 5 blocks) with nothing "
                f"due and {claim['small']:,} vs {claim['large']:,} future pending jobs (idle "
                f"poll = claim + lease reaper, what a waiting scheduler runs every poll)"
            ),
            table(claim_head(claim["small"], claim["large"]), claim_rows(results)),
        ]
        for db, plan in explains(results):
            heading = (
                f"EXPLAIN of the claim statement on {db}, {short(claim['large'])} future jobs:"
            )
            parts += [heading, code(plan)]
    if by(results, "latency"):
        samples = len(by(results, "latency")[0]["samples_ms"])
        parts += [
            title(f"Enqueue-to-start on PostgreSQL, idle worker, {samples} samples"),
            table(LATENCY_HEAD, latency_rows(results)),
        ]
    parts += [
        title("Goals"),
        table(GOAL_HEAD, [[g.name, g.target, g.measured, verdict(g)] for g in goals(results)]),
    ]
    return "\n\n".join(parts)
