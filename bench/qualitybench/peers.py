"""The analyzers the benchmark compares: ours, main before issue 8, and a keyword baseline."""

from __future__ import annotations

import re
from collections.abc import Callable

from bench.qualitybench import mainline
from bench.qualitybench.corpus import Sample
from bench.qualitybench.metrics import Prediction, first_sentence
from digests import summarize
from digests.summarize.sentences import split_sentences

Analyzer = Callable[[Sample], Prediction]

_KW_URGENT = re.compile(r"\b(urgent|asap|immediately|today|tonight|eod|outage|down)\b", re.I)
_KW_LOW = re.compile(r"\b(unsubscribe|newsletter|receipt|% off|sale|webinar)\b", re.I)
_KW_ASK = re.compile(r"\b(please|can you|could you|would you|need you|let me know)\b", re.I)


def _first(sample: Sample) -> str:
    return first_sentence(split_sentences(sample.message.clean_body))


def _prediction(analysis: object, sample: Sample) -> Prediction:
    items = [
        {"text": item.text, "due": item.due.isoformat() if item.due else None, "time": None}
        | ({"time": item.time.strftime("%H:%M")} if getattr(item, "time", None) else {})
        for item in analysis.action_items  # type: ignore[attr-defined]
    ]
    return Prediction(
        urgency=str(analysis.urgency),  # type: ignore[attr-defined]
        suspicious=bool(getattr(analysis, "suspicious", False)),
        actions=items,
        summary=analysis.summary,  # type: ignore[attr-defined]
        first_sentence=_first(sample),
    )


def offline(sample: Sample) -> Prediction:
    """The offline analyzer of this branch."""
    return _prediction(summarize.analyze(sample.message, sample.ctx), sample)


def main_before(sample: Sample) -> Prediction:
    """The offline analyzer on main before issue 8."""
    return _prediction(mainline.analyze(sample.message, sample.ctx), sample)


def keyword(sample: Sample) -> Prediction:
    """A five-minute keyword baseline: urgency only, no items, the first sentence as summary."""
    text = f"{sample.message.subject}\n{sample.message.clean_body}"
    if sample.message.is_mass_mail or _KW_LOW.search(text):
        urgency = "low"
    elif _KW_URGENT.search(text):
        urgency = "urgent"
    elif _KW_ASK.search(text):
        urgency = "high"
    else:
        urgency = "medium"
    first = _first(sample)
    return Prediction(urgency, False, [], first[:160], first)


ANALYZERS: dict[str, Analyzer] = {
    "offline": offline,
    "main-before": main_before,
    "keyword": keyword,
}
