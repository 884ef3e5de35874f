"""Running the analyzers over the corpus and printing the quality table."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Sequence

from bench.qualitybench import mainline
from bench.qualitybench.corpus import URGENCIES, Sample
from bench.qualitybench.metrics import Scores, score
from bench.qualitybench.peers import Analyzer
from digests.summarize import analyze, clear_caches


def evaluate(analyzer: Analyzer, samples: Sequence[Sample]) -> Scores:
    scores = Scores()
    for sample in samples:
        score(scores, sample.name, sample.labels, analyzer(sample))
    return scores


def timings(analyzer: Analyzer, samples: Sequence[Sample], total: int = 1000) -> list[float]:
    """Milliseconds per message over ``total`` analyses, cycling through the samples.

    Each analysis starts from cold caches (a digest sees each message once), and times the
    analysis itself: ``analyze()``, not the scoring around it.
    """
    if not samples:
        return []
    analyzer(samples[0])  # imports and the model file
    gc.disable()
    try:
        result = []
        for i in range(total):
            sample = samples[i % len(samples)]
            clear_caches()
            start = time.perf_counter()
            analyzer(sample)
            result.append((time.perf_counter() - start) * 1000)
    finally:
        gc.enable()
    return result


TIMED = {
    "offline": lambda s: analyze(s.message, s.ctx),
    "main-before": lambda s: mainline.analyze(s.message, s.ctx),
}


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def table(split: str, results: dict[str, Scores]) -> str:
    names = list(results)
    rows: list[tuple[str, ...]] = []

    def row(label: str, get) -> None:
        rows.append((label, *(get(results[n]) for n in names)))

    row("messages", lambda s: str(s.n))
    row("urgency accuracy", lambda s: _pct(s.accuracy))
    row("urgency macro-F1", lambda s: f"{s.macro_f1:.3f}")
    row("within one class", lambda s: _pct(s.within_one / s.n if s.n else 0))
    row("critical misses", lambda s: str(s.critical_misses))
    row("  urgent read as low", lambda s: str(s.urgent_as_low))
    row("suspicious flag right", lambda s: _pct(s.suspicious_right / s.n if s.n else 0))
    row("action precision", lambda s: f"{s.precision:.3f}")
    row("action recall", lambda s: f"{s.recall:.3f}")
    row("action F1", lambda s: f"{s.f1:.3f}")
    row(
        "matched: due right",
        lambda s: _pct(s.due_right / s.matched_items if s.matched_items else 0),
    )
    row(
        "matched: time right",
        lambda s: _pct(s.time_right / s.matched_items if s.matched_items else 0),
    )
    row("summary > 160 chars", lambda s: str(s.summary_long))
    row("summary copies 1st sentence", lambda s: str(s.copied_first))
    row("summary copies an action", lambda s: str(s.copied_action))
    row("summary copies neither", lambda s: _pct(s.clean_summaries / s.n if s.n else 0))
    row("key facts kept", lambda s: _pct(s.facts_kept / s.facts_total if s.facts_total else 0))
    width = max(len(r[0]) for r in rows)
    lines = [f"== {split}", f"{'':{width}}  " + "  ".join(f"{n:>12}" for n in names)]
    lines += [f"{r[0]:{width}}  " + "  ".join(f"{v:>12}" for v in r[1:]) for r in rows]
    return "\n".join(lines)


def confusion(scores: Scores) -> str:
    head = "truth \\ read  " + " ".join(f"{u:>7}" for u in URGENCIES)
    body = [
        f"{t:>12}  " + " ".join(f"{scores.confusion[t][u]:>7}" for u in URGENCIES)
        for t in URGENCIES
    ]
    return "\n".join([head, *body])


def speed(samples: Sequence[Sample]) -> str:
    lines = ["== speed (1,000 analyses, cycling through the corpus)"]
    for name, analyzer in TIMED.items():
        ms = timings(analyzer, samples)
        if not ms:
            continue
        p95 = statistics.quantiles(ms, n=20)[-1]
        lines.append(
            f"{name:>12}: median {statistics.median(ms):.3f} ms, p95 {p95:.3f} ms, "
            f"total {sum(ms) / 1000:.2f} s per 1,000"
        )
        if name == "offline":
            lines.append(speed_targets(ms))
    return "\n".join(lines)


def targets(scores: Scores) -> str:
    """The issue's targets for the test split, each MET or NOT MET."""
    due = scores.due_right / scores.matched_items if scores.matched_items else 0.0
    clean = scores.clean_summaries / scores.n if scores.n else 0.0
    checks = [
        ("urgency accuracy >= 90%", scores.accuracy >= 0.90, _pct(scores.accuracy)),
        ("no urgent read as low", scores.urgent_as_low == 0, str(scores.urgent_as_low)),
        ("action F1 >= 0.85", scores.f1 >= 0.85, f"{scores.f1:.3f}"),
        ("matched items on the right date >= 95%", due >= 0.95, _pct(due)),
        ("summaries copying neither >= 90%", clean >= 0.90, _pct(clean)),
    ]
    return "\n".join(
        f"  {name}: {value.strip()} {'MET' if ok else 'NOT MET'}" for name, ok, value in checks
    )


def speed_targets(ms: Sequence[float]) -> str:
    median, total = statistics.median(ms), sum(ms) / 1000
    return (
        f"  <= 2 ms median: {median:.3f} ms {'MET' if median <= 2 else 'NOT MET'}; "
        f"<= 3 s per 1,000: {total:.2f} s {'MET' if total <= 3 else 'NOT MET'}"
    )
