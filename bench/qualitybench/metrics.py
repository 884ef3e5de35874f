"""Scores of one analyzer on one split: urgency, action items, summaries.

Action items are matched one to one: a predicted and a labelled item match when the Dice
coefficient of their content words (lower-case, stop words dropped, "-s", "-es", "-ed" and "-ing"
folded) is
at least ``MATCH_DICE``; pairs are taken best first. Due dates count as right when the dates
are equal (both absent is right too); times likewise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.qualitybench.corpus import URGENCIES

MATCH_DICE = 0.35
SUMMARY_LIMIT = 160
_STOP_TEXT = """a an the to of for on in at by and or with from your you me my our us we i it this
    that is are be please can could would will need so as up about into before after if any all
    its just then than them their there these those do does did get also let know"""
_STOP = frozenset(_STOP_TEXT.split())
_GREETING = re.compile(r"^(hi|hello|hey|dear|hallo|bonjour|hola|guten|good)\b", re.IGNORECASE)


@dataclass
class Prediction:
    urgency: str
    suspicious: bool
    actions: list[dict[str, Any]]  # {"text", "due": "YYYY-MM-DD" | None, "time": "HH:MM" | None}
    summary: str
    first_sentence: str = ""


@dataclass
class Scores:
    n: int = 0
    correct: int = 0
    within_one: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: dict.fromkeys(URGENCIES, 0) for t in URGENCIES}
    )
    suspicious_right: int = 0
    predicted_items: int = 0
    labelled_items: int = 0
    matched_items: int = 0
    due_right: int = 0
    time_right: int = 0
    summary_long: int = 0
    copied_first: int = 0
    copied_action: int = 0
    clean_summaries: int = 0
    facts_total: int = 0
    facts_kept: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def macro_f1(self) -> float:
        values = []
        for cls in URGENCIES:
            tp = self.confusion[cls][cls]
            fp = sum(self.confusion[t][cls] for t in URGENCIES) - tp
            fn = sum(self.confusion[cls].values()) - tp
            values.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        return sum(values) / len(values)

    @property
    def urgent_as_low(self) -> int:
        return self.confusion["urgent"]["low"]

    @property
    def critical_misses(self) -> int:
        c = self.confusion
        return c["urgent"]["low"] + c["urgent"]["medium"] + c["low"]["urgent"]

    @property
    def precision(self) -> float:
        return self.matched_items / self.predicted_items if self.predicted_items else 1.0

    @property
    def recall(self) -> float:
        return self.matched_items / self.labelled_items if self.labelled_items else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _stem(word: str) -> str:
    """A light stemmer: "countersigned", "countersigning", "countersigns" -> "countersign"."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    words = re.findall(r"[^\W_]+", text.lower())
    return {_stem(w) for w in words if w not in _STOP}


def dice(a: str, b: str) -> float:
    left, right = content_words(a), content_words(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def match_items(
    predicted: Sequence[dict[str, Any]], labelled: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, labelled index), best overlap first."""
    pairs = sorted(
        (
            (-dice(p["text"], lab["text"]), i, j)
            for i, p in enumerate(predicted)
            for j, lab in enumerate(labelled)
        ),
    )
    used_p: set[int] = set()
    used_l: set[int] = set()
    matched = []
    for negative, i, j in pairs:
        if -negative < MATCH_DICE:
            break
        if i in used_p or j in used_l:
            continue
        used_p.add(i)
        used_l.add(j)
        matched.append((i, j))
    return matched


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def copies(summary: str, sentence: str) -> bool:
    """The summary holds the sentence (or its first 12 words), or is a piece of it."""
    s, t = _norm(summary), _norm(sentence)
    if not s or not t:
        return False
    head = " ".join(t.split()[:12])
    return t in s or (len(head.split()) >= 6 and head in s) or (len(s) >= 30 and s in t)


def first_sentence(sentences: Sequence[str]) -> str:
    for sentence in sentences:
        if len(sentence.split()) >= 4 and not _GREETING.match(sentence):
            return sentence
    return ""


def score(scores: Scores, name: str, labels: dict[str, Any], pred: Prediction) -> None:
    truth = labels["urgency"]
    scores.n += 1
    scores.confusion[truth][pred.urgency] += 1
    scores.correct += truth == pred.urgency
    scores.within_one += abs(URGENCIES.index(truth) - URGENCIES.index(pred.urgency)) <= 1
    scores.suspicious_right += bool(labels["suspicious"]) == pred.suspicious
    if truth != pred.urgency:
        scores.misses.append(f"{name}: {truth} read as {pred.urgency}")
    labelled = labels["actions"]
    scores.predicted_items += len(pred.actions)
    scores.labelled_items += len(labelled)
    for i, j in match_items(pred.actions, labelled):
        scores.matched_items += 1
        scores.due_right += pred.actions[i].get("due") == labelled[j].get("due")
        scores.time_right += pred.actions[i].get("time") == labelled[j].get("time")
    long = len(pred.summary) > SUMMARY_LIMIT
    first = copies(pred.summary, pred.first_sentence)
    action = any(
        copies(pred.summary, item["text"]) for item in [*pred.actions, *labelled] if item["text"]
    )
    scores.summary_long += long
    scores.copied_first += first
    scores.copied_action += action
    scores.clean_summaries += not (first or action)
    for fact in labels["key_facts"]:
        scores.facts_total += 1
        scores.facts_kept += fact.lower() in pred.summary.lower()
