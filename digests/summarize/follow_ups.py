"""A sentence after asks that only says when they are due: "I need them by Thursday"."""

from __future__ import annotations

from digests.summarize.asks import is_ask
from digests.summarize.cues import ANSWER_BY, AT_THE_LATEST, FOLLOW_UP, PREFERRED
from digests.summarize.dates import Deadline
from digests.summarize.types import ActionItem


def redated(
    items: list[ActionItem], start: int, sentence: str, stated: Deadline, *, own: bool
) -> list[ActionItem] | None:
    """The items with the asks just read (from ``start``) due when ``sentence``, read right
    after them, says; None when it is no such follow-up.

    ``stated`` is the sentence's deadline, ``own`` whether the asks had a deadline of their own.
    """
    if ANSWER_BY.match(sentence):
        # "Are you in? If you let me know before 10 October, ...": the answer's deadline.
        return [*items[:-1], item_at(items[-1].text, stated)]
    if (
        # "Could you do the legal read tonight? At the latest I'd need it by 6am London."
        AT_THE_LATEST.match(sentence)
        # "Could you send them before Tuesday's meeting? Ideally Monday noon.": Monday.
        or (PREFERRED.search(sentence) and not is_ask(sentence))
        # "Can you review it and send me your comments? I need them by Thursday."
        or (not own and FOLLOW_UP.search(sentence))
    ):
        return items[:start] + [item_at(item.text, stated) for item in items[start:]]
    return None


def item_at(text: str, deadline: Deadline | None) -> ActionItem:
    """The item due when ``deadline`` says; undated without one."""
    return ActionItem(text, deadline.due if deadline else None, deadline.time if deadline else None)


def deadline_of(item: ActionItem) -> Deadline | None:
    """The item's due date and time as a deadline (None without a date)."""
    return Deadline(item.due, item.time) if item.due else None


def sooner(deadline: Deadline, item: ActionItem) -> bool:
    """The deadline comes before the item's due date (or the item has none)."""
    return item.due is None or deadline.due < item.due
