"""The size budget: Gmail clips an HTML body over about 102 KB behind "[Message clipped]".

The renderer measures what it renders. Plans go from everything in full to everything
counted: first the fields are cut shorter (three tiers), then the least important cards drop
to one-liners (the first five cards excepted), then the least important threads drop into
the counts. The sizes along that
list only shrink, so a binary search finds the fullest plan that fits in a dozen renders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digests.render.sections import Plan
from digests.render.threads import TIERS

__all__ = ["HTML_BUDGET", "Fitted", "fit", "plans"]

HTML_BUDGET = 100_000  # bytes of UTF-8 HTML, under Gmail's clipping point with room to spare
# No thread is shown in fewer bytes than this (a one-liner's markup alone is over 250), so no
# more than budget / LEAST_BYTES_SHOWN threads can be shown: plans showing more are skipped.
LEAST_BYTES_SHOWN = 200


def plans(demotable: int, threads: int, most_shown: int | None = None) -> list[Plan]:
    """Every plan the budget may pick, fullest first; none showing over ``most_shown``."""
    last = len(TIERS) - 1
    if most_shown is not None and threads > most_shown:
        first = threads - most_shown
        return [Plan(tier=last, to_line=demotable, to_count=k) for k in range(first, threads + 1)]
    ladder = [Plan(tier=tier) for tier in range(len(TIERS))]
    ladder += [Plan(tier=last, to_line=k) for k in range(1, demotable + 1)]
    ladder += [Plan(tier=last, to_line=demotable, to_count=k) for k in range(1, threads + 1)]
    return ladder


@dataclass(frozen=True)
class Fitted:
    plan: Plan
    rendered: str
    renders: int  # how many renderings it took to find


def fit(ladder: Sequence[Plan], render: Callable[[Plan], str], budget: int = HTML_BUDGET) -> Fitted:
    """The first plan whose rendering is at most ``budget`` bytes, and that rendering."""
    renders: dict[int, str] = {}

    def size(index: int) -> int:
        if index not in renders:
            renders[index] = render(ladder[index])
        return len(renders[index].encode("utf-8"))

    if size(0) <= budget:
        return Fitted(ladder[0], renders[0], 1)
    low, high = 1, len(ladder) - 1  # the answer is in [low, high]; high is the last resort
    while low < high:
        middle = (low + high) // 2
        if size(middle) <= budget:
            high = middle
        else:
            low = middle + 1
    size(high)
    return Fitted(ladder[high], renders[high], len(renders))
