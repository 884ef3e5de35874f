"""The size budget: Gmail clips an HTML body over about 102 KB behind "[Message clipped]".

The renderer measures what it renders. Plans go from everything in full to everything
counted: first the fields are cut shorter (three tiers), then the least important cards drop
to one-liners (the first five cards excepted), then the least important threads drop into
the counts. The sizes along that
list only shrink, so a binary search finds the fullest plan that fits in a dozen renders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from digests.render.sections import Plan
from digests.render.threads import TIERS

__all__ = ["HTML_BUDGET", "fit", "plans"]

HTML_BUDGET = 100_000  # bytes of UTF-8 HTML, under Gmail's clipping point with room to spare


def plans(demotable: int, threads: int) -> list[Plan]:
    """Every plan the budget may pick, fullest first."""
    last = len(TIERS) - 1
    ladder = [Plan(tier=tier) for tier in range(len(TIERS))]
    ladder += [Plan(tier=last, to_line=k) for k in range(1, demotable + 1)]
    ladder += [Plan(tier=last, to_line=demotable, to_count=k) for k in range(1, threads + 1)]
    return ladder


def fit(
    ladder: Sequence[Plan], render: Callable[[Plan], str], budget: int = HTML_BUDGET
) -> tuple[Plan, str]:
    """The first plan whose rendering is at most ``budget`` bytes, and that rendering."""
    renders: dict[int, str] = {}

    def size(index: int) -> int:
        if index not in renders:
            renders[index] = render(ladder[index])
        return len(renders[index].encode("utf-8"))

    if size(0) <= budget:
        return ladder[0], renders[0]
    low, high = 1, len(ladder) - 1  # the answer is in [low, high]; high is the last resort
    while low < high:
        middle = (low + high) // 2
        if size(middle) <= budget:
            high = middle
        else:
            low = middle + 1
    size(high)
    return ladder[high], renders[high]
