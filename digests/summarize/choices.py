"""Decisions that name their options: "Decide which option to go with" -> "Decide between
Option A (Kreuzberg) and Option B (Mitte) for the office move".

A decision asked for in a word ("which option", "your decision", "A or B?") is only useful with
the options in it. They are the labelled list the mail set out before the ask ("Option A -
Kreuzberg, ...", "A) ship without offline maps ...") or the two named in the question itself
("which way do you want to go on the caching layer, Redis Cluster or Memcached").
"""

from __future__ import annotations

import re

from digests.summarize.topics import lower_first, topic_object
from digests.summarize.verbs import IMPERATIVE

# An item asking for a choice without naming what it is between.
_VAGUE_DECISION = re.compile(
    r"^(?:(?:Decide|Choose|Pick|Tell \S+ your (?:decision|choice))(?: on)?"
    r"(?: (?:it|this|that|them|one))?\s*(?:$|\(re: )|"
    r"(?:Decide|Choose|Pick|Tell \S+) which (?:option|one|of\b|way|to go with)|"
    # "I need your call on A or B": the options' labels only
    r"(?:Decide on|Decide between|Choose|Pick) (?:option )?[A-D1-4] (?:or|and) "
    r"(?:option )?[A-D1-4]\b)",
    re.IGNORECASE,
)
# "Option A - Kreuzberg, Ritterstraße: 620 m²", "Variante 2: ...", "B) ship with a toggle".
_OPTION = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:(?P<word>Option|Variant|Choice|Scenario|Proposal|Opci[óo]n|"
    r"Variante|Propuesta|Escenario|Sc[ée]nario|Possibilit[ée])\s+(?P<id>[A-Z0-9])\b|"
    r"\(?(?P<letter>[A-D])\))\s*[-\u2013\u2014:.)]?\s*(?P<desc>\S.*)$"
)
_DESC_END = re.compile(r"\s*(?:[,;:(]|\.\s|\s[-\u2013\u2014]\s|\s(?:and|but|which|so)\s)")
# "which way do you want to go on the caching layer, Redis Cluster or Memcached"
_INLINE = re.compile(
    r"^(?:Tell \S+ )?(?:which|what) (?:way|option|one|route|approach|direction)\b[^,]*?"
    r"\b(?:on|for|with) (?P<what>[^,]{3,60}),\s*(?P<a>[^,]{2,40}?) or (?P<b>[^,(]{2,40}?)"
    r"\??(?:\s*\(re: .*)?$",
    re.IGNORECASE,
)


# "Which do you want, Atlanta or Vancouver?": the two named after the question.
_WHICH_YOU = re.compile(
    r"^(?:Tell \S+ )?which (?:one |option )?(?:do )?you(?:'d)? (?:want|prefer|pick|choose|"
    r"like|go with|recommend)\b[^,]{0,30},\s*(?P<a>[^,]{2,40}?) or (?P<b>[^,(]{2,40}?)"
    r"\??(?:\s*\(re: .*)?$",
    re.IGNORECASE,
)


def _options(previous: list[str]) -> list[tuple[str, str]]:
    """The labelled options set out in the sentences before the ask: (label, short name)."""
    found: list[tuple[str, str]] = []
    for sentence in previous[-12:]:
        match = _OPTION.match(sentence)
        if match is None:
            continue
        desc = match.group("desc")
        end = _DESC_END.search(desc)
        desc = (desc[: end.start()] if end else desc).strip(" .")
        if not desc or len(desc.split()) > 10:
            continue
        label = f"{match.group('word')} {match.group('id')}" if match.group("word") else ""
        found.append((label, desc))
    return found[-4:]


def name_options(text: str, previous: list[str], topic: str) -> str:
    """A decision item with its options named, or ``text`` when the mail names none."""
    if inline := _INLINE.match(text):
        a, b = inline.group("a"), inline.group("b")
        what = re.sub(r"^(?:the|our|this|your)\s+", "", inline.group("what"), flags=re.I)
        return f"Decide between {a} and {b} for the {what}"
    if which := _WHICH_YOU.match(text):
        thing = lower_first(topic_object(topic))
        choice = f"between {which.group('a')} and {which.group('b')}"
        about = f" for the {thing}" if thing and which.group("a") not in thing else ""
        return f"Decide {choice}{about}"
    if not _VAGUE_DECISION.match(text):
        return text
    options = _options(previous)
    if len(options) < 2:
        return text
    if all(label for label, _ in options):
        names = [f"{label} ({name})" for label, name in options]
        choice = f"between {', '.join(names[:-1])} and {names[-1]}"
    elif all(IMPERATIVE.match(name) for _, name in options):
        choice = f"whether to {' or '.join(lower_first(name) for _, name in options)}"
    else:
        choice = f"between {', '.join(n for _, n in options[:-1])} and {options[-1][1]}"
    thing = lower_first(topic_object(topic))
    about = f" for the {thing}" if thing and thing.lower() not in choice.lower() else ""
    return f"Decide {choice}{about}"
