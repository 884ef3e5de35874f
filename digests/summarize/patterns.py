"""Faster ways to ask a pattern the same: on lower-cased text, only where its cues are, its
alternatives regrouped by first letter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as _sre
from re import _parser
from typing import Any


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern for lower-cased text: re.IGNORECASE is slow on long alternations."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def lower_exactly(text: str) -> str | None:
    """``text.lower()``, in which a :func:`lowered` pattern finds what the original finds in
    ``text`` at the same offsets; None for the rare text where that is not so."""
    # The letters re.IGNORECASE reads otherwise than str.lower() does: a capital I with a dot
    # lowers to two characters; a dotless i and a long s match "i" and "s".
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        return None
    return text.lower()


def sub_named(pattern: re.Pattern[str], name: str, text: str) -> str:
    """``pattern.sub(rf"\\1 {name}", text)`` without a template parsed for each name: a
    name holding a backslash is the only one a template reads otherwise."""
    if "\\" in name:
        return pattern.sub(rf"\1 {name}", text)
    return pattern.sub(lambda match: f"{match.group(1) or ''} {name}", text)


def may_hold(text: str, words: str) -> bool:
    """False only where ``re.search(re.escape(words), text, re.IGNORECASE)`` finds nothing: a
    test before compiling a pattern for one mail (the reader's name, their address)."""
    low = lower_exactly(text)
    return low is None or not words.isascii() or words.lower() in low


class Caseless:
    """A re.IGNORECASE pattern matched on lower-cased text without the flag when that reads
    the same (see :func:`lower_exactly`): two to four times faster on long alternations.

    A match is one in the lower-cased text: good for yes or no and for offsets. ``gated``: the
    pattern is not searched in lower-cased text that holds none of its :func:`cues_of`.
    """

    __slots__ = ("_cues", "_lowered", "pattern")

    def __init__(self, pattern: re.Pattern[str], *, gated: bool = False) -> None:
        self.pattern = pattern
        self._lowered = lowered(pattern)
        self._cues = cues_of(self._lowered) if gated else None

    def search(self, text: str) -> re.Match[str] | None:
        low = lower_exactly(text)
        if low is None:
            return self.pattern.search(text)
        if self._cues is not None and not any(map(low.__contains__, self._cues)):
            return None
        return self._lowered.search(low)


# What a pattern cannot match without: read off its parse tree. A piece matches one of a few
# exact strings ("exact"), or its every match holds one of some strings ("cues"); None is
# "not known".
_Strings = set[str] | None
_MAX_EXACT = 64  # exact strings kept for a piece; more and only its cues count
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _best(candidates: Iterable[_Strings]) -> _Strings:
    """The cue set to test: the one whose shortest cue is longest, then the smallest."""
    usable = [c for c in candidates if c and all(c)]
    return max(usable, key=lambda c: (min(map(len, c)), -len(c))) if usable else None


def _sequence(items: Iterable[tuple[object, Any]]) -> tuple[_Strings, _Strings]:
    """Exact strings and cues of pieces matched one after the other."""
    run: set[str] = {""}  # the exact strings of the pieces since the last inexact one
    whole = True
    candidates: list[_Strings] = []
    for op, av in items:
        exact, cues = _piece(op, av)
        if exact is not None and len(run) * len(exact) <= _MAX_EXACT:
            run = {a + b for a in run for b in exact}
            continue
        candidates.append(run)
        whole = False
        if exact is not None:
            run = set(exact)
        else:
            candidates.append(cues)
            run = {""}
    candidates.append(run)
    return (run if whole else None), _best(candidates)


def _piece(op: object, av: Any) -> tuple[_Strings, _Strings]:
    """Exact strings and cues of one node of a parsed pattern."""
    if op is _sre.LITERAL:
        return {chr(av)}, None
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _sre.LITERAL:
                chars.add(chr(value))
            elif kind is _sre.RANGE and value[1] - value[0] < 8:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None, None  # a negated set, a category, a wide range
        return chars, None
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return {""}, None  # zero-width: adds nothing to the match
    if op is _sre.SUBPATTERN:
        _group, added, removed, sub = av
        if added or removed:
            return None, None  # (?i:...) and the like
        exact, cues = _sequence(sub.data)
        return exact, (cues if exact is None else None)
    if op is _sre.BRANCH:
        exacts, cue_sets = [], []
        for branch in av[1]:
            exact, cues = _sequence(branch.data)
            exacts.append(exact)
            cue_sets.append(cues if exact is None or not all(exact) else exact)
        if all(e is not None for e in exacts) and sum(map(len, exacts)) <= _MAX_EXACT:
            return set().union(*exacts), None
        if any(not c or not all(c) for c in cue_sets):
            return None, None
        return None, set().union(*cue_sets)
    if op in _REPEATS:
        least, most, sub = av
        exact, cues = _sequence(sub.data)
        if least == most == 1:
            return exact, cues
        if least >= 1:
            return None, (exact if exact and all(exact) else cues)
    return None, None


def cues_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Strings one of which every match of the pattern holds (the pattern is case-sensitive:
    a :func:`lowered` one); text holding none of them needs no search. Shortest first, none
    holding another."""
    if pattern.flags & re.IGNORECASE:
        raise ValueError("cues are read of case-sensitive patterns only")
    exact, cues = _sequence(_parser.parse(pattern.pattern, pattern.flags).data)
    found = _best([exact]) if exact is not None else cues
    if not found:
        raise ValueError(f"no cue every match holds: {pattern.pattern[:60]}")
    kept: list[str] = []
    for cue in sorted(found, key=lambda c: (len(c), c)):
        if not any(k in cue for k in kept):
            kept.append(cue)
    return tuple(kept)


class Cued:
    """A case-sensitive pattern (a :func:`lowered` one, for lower-cased text) searched only in
    text that holds one of its :func:`cues_of`: the same answers, most text skipped unread."""

    __slots__ = ("cues", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.cues = cues_of(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if any(map(text.__contains__, self.cues)) else None

    def split(self, text: str) -> list[str]:
        return self.pattern.split(text) if any(map(text.__contains__, self.cues)) else [text]


_META = frozenset("\\.^$*+?{}[]()|")


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Each "(", ")" and "|" of the source outside escapes and character sets, with where it
    stands and the group depth after it."""
    depth, index, in_set = 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            index += 1 + (source[index + 1 : index + 2] == "^")  # "[]...]", "[^]...]"
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield index, char, depth
        index += 1


def _scan(source: str) -> tuple[list[str], bool]:
    """The source split at its top-level "|" (outside groups and character sets), and whether
    a group opened at its start closes at its end only."""
    parts: list[str] = []
    start, spans = 0, source.startswith("(")
    for index, char, depth in _structure(source):
        if char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        elif char != "|":
            spans = spans and (depth > 0 or index == len(source) - 1)
    parts.append(source[start:])
    return parts, spans


def _grouped(alternatives: list[str], *, at_boundary: bool = False, unfold: bool = True) -> str:
    """The alternatives with those that begin with the same letter joined under it, and so on
    for the letters after it; those anchored at the start ("^...") joined under one "^".

    ``at_boundary``: they are tried right after a "\\b", which they need not test again.
    """
    by_first: dict[str, list[str]] = {}
    anchored: list[str] = []
    others: list[str] = []
    unfolded = [
        piece
        for alternative in alternatives
        for piece in (_unfolded if unfold else _as_is)(
            alternative[2:] if at_boundary and alternative.startswith("\\b") else alternative
        )
    ]
    for alternative in unfolded:
        first, then = alternative[:1], alternative[1:2]
        if first == "^" and then not in "*+?{":
            anchored.append(alternative[1:])
        elif first and then and first not in _META and then not in "*+?{":
            by_first.setdefault(first, []).append(alternative[1:])
        else:
            others.append(alternative)
    grouped = [
        f"{first}{rest[0]}" if len(rest) == 1 else f"{first}(?:{_grouped(rest, unfold=False)})"
        for first, rest in by_first.items()
    ]
    if len(anchored) > 1:
        others.append(f"^(?:{_grouped(anchored, unfold=unfold)})")
    else:
        others += [f"^{rest}" for rest in anchored]
    return "|".join(grouped + others)


_MAX_UNFOLDED = 24  # alternatives one may become at most; more and it stays as written


def _unfolded(alternative: str) -> list[str]:
    """The alternative as several that begin with what its opening group's alternatives begin
    with: "(?:i|we) need" is "i need" or "we need", "(?:any )?news" "any news" or "news"
    (a group's number or name is dropped: for yes or no only)."""
    opening = re.match(r"\((?:\?:|\?P<\w+>)?", alternative)
    if opening is None or (alternative.startswith("(?") and opening.end() == 1):
        return [alternative]  # no group first, or a lookaround or a flag group
    end = _closing(alternative)
    inner, after = alternative[opening.end() : end], alternative[end + 1 :]
    optional = after.startswith("?") and not after.startswith(("??", "?+"))
    rest = after[1:] if optional else after
    if rest[:1] in ("*", "+", "?", "{"):
        return [alternative]  # repeated: not one of its alternatives once
    pieces = [inner_one + rest for inner_one in _scan(inner)[0]] + ([rest] if optional else [])
    result = [unfolded for piece in pieces for unfolded in _unfolded(piece)]
    return result if len(result) <= _MAX_UNFOLDED else [alternative]


def _as_is(alternative: str) -> list[str]:
    return [alternative]


def _closing(source: str) -> int:
    """Where the group opened at the start of the source closes."""
    for index, char, depth in _structure(source):
        if char == ")" and depth == 0:
            return index
    raise ValueError(f"unbalanced group: {source[:60]}")


def for_yes_or_no(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern that matches somewhere exactly when ``pattern`` does, faster on long
    alternations: their alternatives regrouped by first letter (groups renumbered; for
    ``bool(search(...))`` only)."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE or re.search(r"\\[1-9]|\(\?P=|\(\?\(", source):
        return pattern  # back-references and conditionals read group numbers
    if re.match(r"\(\?[aiLmsux]+\)", source):
        return pattern  # "(?i)a|b": a global flag must stay first
    # a name copied with its group into several alternatives would be defined twice
    source = re.sub(r"(?<!\\)\(\?P<\w+>", "(", source)
    return re.compile(_regrouped(source), pattern.flags)


def _regrouped(source: str, *, at_boundary: bool = False) -> str:
    """The source with its top-level alternatives, or those of a group that spans it ("\b(a|b|c)
    \b"), regrouped by first letter."""
    alternatives, _spans = _scan(source)
    if len(alternatives) > 1:
        return _grouped(
            [_regrouped(alternative) for alternative in alternatives], at_boundary=at_boundary
        )
    head = "\\b" if source.startswith("\\b") else ""
    tail = "\\b" if source.endswith("\\b") and not source.endswith("\\\\b") else ""
    group = source[len(head) : len(source) - len(tail)]
    opening = "(?:" if group.startswith("(?:") else "("
    if not group.startswith("(") or group.startswith("(?") != (opening == "(?:"):
        return source  # no group, a lookaround or a flag group
    if not _scan(group)[1]:
        return source  # "(a|b)c(d|e)": no one group spans it
    inner = _regrouped(group[len(opening) : -1], at_boundary=bool(head))
    return f"{head}{opening}{inner}){tail}"
