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
    rows, labels = training_rows(samples)
    return _fit_rows(rows, labels, c, len(samples))


def _fit_rows(rows: list[dict[str, float]], labels: list[str], c: float, count: int) -> dict:
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for row in rows for name in row})
    matrix = [[row.get(name, 0.0) for name in names] for row in rows]
    model = LogisticRegression(C=c, max_iter=5000, random_state=0, tol=1e-8)
    model.fit(matrix, labels)
    classes = [str(cls) for cls in model.classes_]
    order = [classes.index(u) for u in URGENCIES]
    return {
        "trained_on": f"{count} dev messages",
        "classes": list(URGENCIES),
        "intercepts": [round(float(model.intercept_[k]), 6) for k in order],
        "weights": {
            name: [round(float(model.coef_[k][j]), 6) for k in order]
            for j, name in enumerate(names)
        },
    }


def write(model: dict, path: Path = MODEL_PATH) -> None:
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def cross_validate(
    samples: Sequence[Sample], c: float = REGULARIZATION, folds: int = 5
) -> tuple[float, int, list[str]]:
    """Accuracy, urgent-read-as-low count and the misses of ``folds``-fold cross-validation.

    Folds are stratified by label and taken round-robin over the sorted names, so the figure is
    reproducible; each held-out message goes through the whole classifier (its rules too).
    """
    from digests.summarize import check_authenticity, classify_urgency
    from digests.summarize.model import model_from_json

    rows, labels = training_rows(samples)
    fold_of: dict[int, int] = {}
    for urgency in URGENCIES:
        members = [i for i, label in enumerate(labels) if label == urgency]
        for n, i in enumerate(members):
            fold_of[i] = n % folds
    right, urgent_low, misses = 0, 0, []
    for fold in range(folds):
        train = [i for i in range(len(samples)) if fold_of[i] != fold]
        fitted = _fit_rows([rows[i] for i in train], [labels[i] for i in train], c, len(train))
        model = model_from_json(fitted)
        for i, sample in enumerate(samples):
            if fold_of[i] != fold:
                continue
            authenticity = check_authenticity(sample.message, sample.ctx.me)
            read, reasons = classify_urgency(rows[i], authenticity, model)
            if str(read) == labels[i]:
                right += 1
                continue
            urgent_low += labels[i] == "urgent" and str(read) == "low"
            misses.append(f"{labels[i]:>6} read {read!s:<6} {sample.name}: {'; '.join(reasons)}")
    return right / len(samples), urgent_low, sorted(misses)
