"""``make train``: fit the urgency model on dev; write digests/summarize/urgency_model.json.

Deterministic: samples sorted by name, features sorted by name, a fixed solver and seed, weights
rounded to six decimals, so the same corpus gives the same file bit for bit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from bench.qualitybench.corpus import URGENCIES, Sample
from digests.summarize import features_for
from digests.summarize.model import MODEL_PATH

REGULARIZATION = 0.5  # scikit-learn's C: smaller is smoother; chosen on dev cross-validation


def training_rows(samples: Sequence[Sample]) -> tuple[list[dict[str, float]], list[str]]:
    rows = [features_for(s.message, s.ctx) for s in samples]
    return rows, [s.labels["urgency"] for s in samples]


def fit(samples: Sequence[Sample], c: float = REGULARIZATION) -> dict:
    from sklearn.linear_model import LogisticRegression

    rows, labels = training_rows(samples)
    names = sorted({name for row in rows for name in row})
    matrix = [[row.get(name, 0.0) for name in names] for row in rows]
    model = LogisticRegression(C=c, max_iter=5000, random_state=0, tol=1e-8)
    model.fit(matrix, labels)
    classes = [str(cls) for cls in model.classes_]
    order = [classes.index(u) for u in URGENCIES]
    return {
        "trained_on": f"{len(samples)} dev messages",
        "classes": list(URGENCIES),
        "intercepts": [round(float(model.intercept_[k]), 6) for k in order],
        "weights": {
            name: [round(float(model.coef_[k][j]), 6) for k in order]
            for j, name in enumerate(names)
        },
    }


def write(model: dict, path: Path = MODEL_PATH) -> None:
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
