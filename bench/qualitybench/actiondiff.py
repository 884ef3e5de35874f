"""Per-message action-item diffs: what the analyzer found beside what the labels say.

``.venv/bin/python bench/quality.py --show-actions dev`` prints, for each message whose items
or due dates differ from the labels, the matched pairs (with Dice and due), the spurious
predictions and the missed labelled items. Tune on dev only: test labels are for reporting.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.qualitybench.corpus import Sample
from bench.qualitybench.metrics import dice, match_items
from bench.qualitybench.peers import Analyzer


def _when(item: dict) -> str:
    return f"{item.get('due') or '-'} {item.get('time') or ''}".rstrip()


def action_diffs(analyzer: Analyzer, samples: Sequence[Sample]) -> str:
    """One block per message whose action items are not all matched with the right date."""
    blocks: list[str] = []
    for sample in samples:
        predicted = analyzer(sample).actions
        labelled = sample.labels["actions"]
        pairs = match_items(predicted, labelled)
        lines = []
        for i, j in pairs:
            p, lab = predicted[i], labelled[j]
            mark = "ok " if p.get("due") == lab.get("due") else "DUE"
            lines.append(f"  {mark} {dice(p['text'], lab['text']):.2f} {p['text']!r} [{_when(p)}]")
            if mark != "ok ":
                lines.append(f"          want {lab['text']!r} [{_when(lab)}]")
        used_p = {i for i, _ in pairs}
        used_l = {j for _, j in pairs}
        for i, p in enumerate(predicted):
            if i not in used_p:
                best = max((dice(p["text"], lab["text"]) for lab in labelled), default=0.0)
                lines.append(f"  +SP {best:.2f} {p['text']!r} [{_when(p)}]")
        for j, lab in enumerate(labelled):
            if j not in used_l:
                lines.append(f"  -MI      {lab['text']!r} [{_when(lab)}]")
        if any(not line.startswith("  ok ") for line in lines):
            sent = f"{sample.message.received_at:%a %Y-%m-%d}"
            header = f"{sample.name} ({sample.labels['urgency']}, {sent})"
            blocks.append("\n".join([header, *lines]))
    return "\n\n".join(blocks)
