"""The urgency model: a multinomial logistic regression over the signals, scored in plain Python.

The weights live in ``urgency_model.json`` beside this module, written by ``make train``
(``bench/qualitybench/train.py``) from the dev split of the labelled corpus; production needs no
numpy and a message costs a few dot products.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("urgency_model.json")


@dataclass(frozen=True)
class UrgencyModel:
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class

    def scores(self, signals: dict[str, float]) -> list[float]:
        totals = list(self.intercepts)
        for name, value in signals.items():
            for k, weight in enumerate(self.weights.get(name, ())):
                totals[k] += weight * value
        return totals

    def probabilities(self, signals: dict[str, float]) -> dict[str, float]:
        scores = self.scores(signals)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def contributions(self, signals: dict[str, float], cls: str) -> list[tuple[str, float]]:
        """Each signal's push towards ``cls`` against the other classes, largest first."""
        k = self.classes.index(cls)
        pushes = []
        for name, value in signals.items():
            weights = self.weights.get(name)
            if not weights:
                continue
            others = (sum(weights) - weights[k]) / (len(weights) - 1)
            pushes.append((name, (weights[k] - others) * value))
        return sorted(pushes, key=lambda p: (-p[1], p[0]))


def model_from_json(data: dict) -> UrgencyModel:
    classes = tuple(data["classes"])
    weights = {name: tuple(float(w) for w in ws) for name, ws in data["weights"].items()}
    if any(len(ws) != len(classes) for ws in weights.values()):
        raise ValueError("urgency model: every feature needs one weight per class")
    return UrgencyModel(classes, tuple(float(b) for b in data["intercepts"]), weights)


@cache
def load_model(path: Path = MODEL_PATH) -> UrgencyModel:
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))
