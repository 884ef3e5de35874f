"""The dashboard's digest history: each digest with the counts its own page shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from digests.models import Digest
from digests.render.counts import DigestCounts, counts_by_digest

__all__ = ["HistoryRow", "history_rows"]


@dataclass(frozen=True)
class HistoryRow:
    """One digest of the history and its badges' counts (digests.render.counts)."""

    digest: Digest
    counts: DigestCounts


def history_rows(digests: Iterable[Digest]) -> list[HistoryRow]:
    """The rows of ``digests`` (a page of the history), with the counts stored on them."""
    digests = list(digests)
    counts = counts_by_digest(digests)
    return [HistoryRow(digest, counts[digest.pk]) for digest in digests]
