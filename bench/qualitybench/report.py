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
    return "\n".join(lines)
