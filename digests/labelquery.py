"""Deciding a Gmail search locally, from a message's labels, when the search is only labels.

An incremental sync learns from ``history.list`` which messages were added, not which of them
match the person's search. When the search speaks only of labels (the default
``in:inbox -category:promotions``, ``is:starred``, ``label:important`` ...) the labels of the
fetched message decide it exactly, as Gmail would, at no cost. Any other term (``from:``,
words, dates, user labels, ``OR``) makes :func:`label_matcher` return None, and the caller asks
Gmail itself (a ``messages.list`` with the search, restricted to the window of the mail).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["LabelMatcher", "label_matcher"]

LabelMatcher = Callable[[Iterable[str]], bool]

_TERM = re.compile(r"(-?)([a-z]+):([a-z_]+)")
_IN = {"inbox": "INBOX", "sent": "SENT", "spam": "SPAM", "trash": "TRASH", "draft": "DRAFT"}
_IS = {"unread": "UNREAD", "starred": "STARRED", "important": "IMPORTANT"}
_SYSTEM_LABELS = {"inbox", "sent", "spam", "trash", "draft", "unread", "starred", "important"}
_CATEGORIES = {"primary", "social", "promotions", "updates", "forums", "personal"}
_HIDDEN = {"SPAM", "TRASH"}


def _label_of(operator: str, value: str) -> tuple[str | None, bool] | None:
    """(label id or None for "anywhere", whether it lifts the spam/trash exclusion)."""
    if operator == "in" and value == "anywhere":
        return None, True
    if operator == "in" and value in _IN:
        return _IN[value], value in {"spam", "trash"}
    if operator == "is" and value in _IS:
        return _IS[value], False
    if operator == "is" and value == "read":
        return "!UNREAD", False
    if operator == "label" and value in _SYSTEM_LABELS:
        label = _IN.get(value) or _IS[value]
        return label, value in {"spam", "trash"}
    if operator == "category" and value in _CATEGORIES:
        return f"CATEGORY_{value.upper()}", False
    return None


def label_matcher(query: str) -> LabelMatcher | None:
    """A function of a message's labels that matches exactly as ``query`` does, or None."""
    wanted: list[tuple[str, bool]] = []  # (label, must have it)
    shows_hidden = False
    for token in query.lower().split():
        term = _TERM.fullmatch(token)
        if term is None:
            return None
        negated, operator, value = term.groups()
        found = _label_of(operator, value)
        if found is None:
            return None
        label, lifts = found
        shows_hidden = shows_hidden or (lifts and not negated)
        if label is None:
            continue
        present = not negated
        if label.startswith("!"):
            label, present = label[1:], not present
        wanted.append((label, present))

    def matches(labels: Iterable[str]) -> bool:
        have = set(labels)
        if not shows_hidden and have & _HIDDEN:
            return False
        # CATEGORY_PERSONAL is what Gmail calls the Primary tab.
        have_or_primary = have | ({"CATEGORY_PRIMARY"} if "CATEGORY_PERSONAL" in have else set())
        return all((label in have_or_primary) == present for label, present in wanted)

    return matches
