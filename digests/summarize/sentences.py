"""Splitting mail text into paragraphs, list items and sentences."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATION_END = re.compile(r"\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|vs|approx|incl|No)\.$")
_ABBREVIATION_TAIL = 9  # the longest abbreviation ("approx.") and the character before it


SHORT_LINE = 50  # a plain-text line this short ends where it ends; longer ones are wrapped


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and short lines ("Lena: hero image v2") each on their own."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or re.match(r"(?:[-*•]|\d+[.)])\s", stripped):
            flush()
        if not stripped:
            continue
        current.append(stripped)
        if len(stripped) < SHORT_LINE or stripped.endswith((".", "!", "?", ":")):
            flush()
    flush()
    return blocks


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for block in _blocks(text):
        block = " ".join(block.split())
        if not block:
            continue
        pending = ""
        for piece in _SENTENCE_END.split(block):
            pending = f"{pending} {piece}".strip() if pending else piece
            # The tail only: searching all of a growing ``pending`` is quadratic in "Mr. Mr. ..."
            if not _ABBREVIATION_END.search(pending[-_ABBREVIATION_TAIL:]):
                sentences.append(pending)
                pending = ""
        if pending:
            sentences.append(pending)
    return [re.sub(r"^[-*•]\s+", "", s) for s in sentences]
