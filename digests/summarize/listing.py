"""Lists in a mail's new text: which sentences are list items, what heads and intros say."""

from __future__ import annotations

import re

from digests.summarize.asks import ASK, INTRO, NOT_ASK, QUOTED, is_ask
from digests.summarize.cues import BACK_REFERENCE
from digests.summarize.sentences import split_sentences, strip_links
from digests.summarize.topics import CONTEXT, topic_object
from digests.summarize.types import ActionItem
from digests.summarize.verbs import IMPERATIVE
from digests.summarize.waits import waiting_ask

# "Tom Reilly (Ashford): ..." opening a list item: whom or what its asks are about.
HEAD = re.compile(r"^\s*([A-ZÀ-Ý][\w.'-]*(?: [A-ZÀ-Ý][\w.'-]*){0,3})\s*(?:\([^)]{0,60}\))?:\s")
# "Alex: send the pricing", "Lena - hero image v2": a task assigned to a named person.
ASSIGNEE = re.compile(r"^([A-Z][a-zà-ÿ]+)\s*(?::|\s[-\u2013]|\s+to)\s+(.+)$")


def verb_of_intro(intro: str) -> str:
    """ "You still have the following to complete:" -> "Complete"; "Please provide the
    following in your Dashboard by March 17:" -> "Provide"."""
    # Not "To plan the audit I need ...:" (a purpose) nor "Our PM wants to lock the plan, so I
    # need three things from you:" (someone's plan): neither is the entries' verb
    match = _PLEASE_VERB.search(intro) or _TO_VERB.search(intro)
    verb = match.group(1) if match else ""
    if verb and IMPERATIVE.match(verb) and verb.lower() not in _NO_TASK:
        return verb.capitalize()
    return ""


def obliges(intro: str) -> bool:
    """ "Before the deadline, the corresponding author must:": each entry names its own duty."""
    return bool(_OBLIGES.search(intro))


_OBLIGES = re.compile(
    r"\b(?:you|authors?|author must|(?:each|every|all) \w+)\b[^:]{0,40}\b(?:must|need to|"
    r"(?:are|is) (?:required|asked|expected) to|have to|should)\s*:$|"
    r",\s*(?:please|kindly)\s*:$",  # "To complete your registration, please: 1. register ..."
    re.IGNORECASE,
)
_PLEASE_VERB = re.compile(
    r"(?:^|[,;]\s+)(?:please|kindly)\s+([a-z]+)\b[^:]*\b(?:following|these|below)\b[^:]*:$",
    re.IGNORECASE,
)
_TO_VERB = re.compile(
    r"(?<!^)(?<!\bwants )(?<!\bwant )(?<!\bplans )(?<!\bgoing )(?<!\bhopes )(?<!\bhoping )"
    r"(?<!\bneeds )\bto ([a-z]+)\b[^:]*:$",
    re.IGNORECASE,
)
# "Please note the following:", "Please find below:": what follows is news, not tasks.
_NO_TASK = frozenset({"note", "find", "see", "be", "keep", "bear", "consider", "read", "feel"})


def without_aspects(sentence: str) -> str:
    """ "Would appreciate your input, especially on:" -> the one ask; the list after it only
    names what that ask covers."""
    aspects = _ASPECTS.search(sentence)
    if aspects is None or not _VIEW.search(sentence, 0, aspects.start()):
        return sentence  # "please send me the following, in particular:": each is an ask
    return sentence[: aspects.start()]


_ASPECTS = re.compile(r",?\s+(?:especially|particularly|in particular|notably)(?: on| about)?:$")
_VIEW = re.compile(r"\b(?:input|comments|feedback|thoughts|views?|opinion|review|eyes)\b", re.I)


def looks_like_list_continuation(sentence: str) -> bool:
    """A short line that is no new intro: the list it follows goes on."""
    return len(sentence) < 160 and not sentence.endswith(":")


def sentences_with_list_marks(text: str) -> list[tuple[bool, str]]:
    """Sentences, each marked whether it came from a list item ("- ", "1. ")."""
    result: list[tuple[bool, str]] = []
    for line_block in re.split(
        r"\n(?=\s*(?:[-*•\u2013]|\d{1,2}[.)]|\(?(?:[a-zA-Z]|[ivx]{2,4})\))\s)", text
    ):
        listed = bool(
            re.match(r"\s*(?:[-*•\u2013]|\d{1,2}[.)]|\(?(?:[a-zA-Z]|[ivx]{2,4})\))\s", line_block)
        )
        # The list's last item ends at its line: "B) ship with a toggle\nI need your decision".
        item, _, after = line_block.partition("\n") if listed else ("", "", line_block)
        if not re.match(r"\s*[A-ZÀ-Ý]", after) or item.rstrip().endswith((",", ";", ":")):
            item, after = "", line_block
        pieces = split_sentences(item) if item else []
        for index, sentence in enumerate(pieces or split_sentences(after)):
            result.append((listed and index == 0, sentence))
        if pieces:
            result.extend((False, sentence) for sentence in split_sentences(after))
    return result


def list_follows(sentences: list[tuple[bool, str]], index: int) -> bool:
    """Something other than a bare link comes at ``index``: a list an intro may introduce."""
    return index < len(sentences) and bool(strip_links(sentences[index][1]).strip())


# "The following need your approval:" lists what to approve, each its own ask.
_FOLLOWING = re.compile(r"\b(?:following|these|below)\b", re.IGNORECASE)


def opens_list(sentence: str, sentences: list[tuple[bool, str]], index: int) -> bool:
    """The sentence read before ``index`` ends in ":" and introduces a list of asks ("Two
    things I need from you:"), not one ask before what it is about ("three invoices above
    the limit that need your approval:" and the invoices)."""
    return (
        sentence.endswith(":")
        and list_follows(sentences, index)
        and bool(INTRO.search(sentence) or ASK.search(sentence) or obliges(sentence))
        and not (
            waiting_ask(sentence)
            and not _FOLLOWING.search(sentence)
            and not is_ask(sentences[index][1])  # a list of asks of its own
        )
    )


def list_just_read(sentences: list[tuple[bool, str]], index: int) -> list[str]:
    """The list items read right before sentence ``index``, in order."""
    run: list[str] = []
    for listed, sentence in reversed(sentences[:index]):
        if not listed:
            break
        run.insert(0, sentence.strip().rstrip(".;,"))
    return run


def applied_to_each(ask: str, entries: list[str]) -> list[str]:
    """ "Send Ruth both" after a list of two documents: one item per document."""
    found = BACK_REFERENCE.search(ask)
    if not found or not entries:
        return []
    lead, rest = ask[: found.start()].strip(), ask[found.end() :].strip()
    # the list is the verb's object ("Send Ruth both", "Sign them in the portal"), not a
    # word of a longer one ("an estimate for these": one estimate; "those two": a count)
    if not _EACH_ENTRY_VERB.match(lead) or len(lead.split()) > 3 or not _AFTER_OBJECT.match(rest):
        return []  # "Pick one of them", "Compare them": the list as a whole
    return [" ".join(f"{lead} {e[:1].lower()}{e[1:]} {rest}".split()) for e in entries]


# What is done to each entry on its own: handed in, signed, checked.
_EACH_ENTRY_VERB = re.compile(
    r"^(?:send|forward|share|upload|return|submit|provide|sign|approve|review|complete|fill in|"
    r"check|update|confirm|get)\b",
    re.IGNORECASE,
)
_AFTER_OBJECT = re.compile(r"^(?:$|(?:by|before|to|in|into|on|via|through|at|over|back)\b)", re.I)


def list_asks(item: str, intro_verb: str, automated: bool, obliged: bool) -> bool:
    """Whether a list item under an intro asks something of the reader.

    Not a quote to check ("- "cuts planning time by 40%""), not boilerplate; a machine's
    list must say what to do, in its intro ("Please complete:") or after "... must:".
    """
    if len(item.split()) < 2 or NOT_ASK.search(item) or QUOTED.match(item):
        return False
    return bool(intro_verb) or not automated or (obliged and bool(IMPERATIVE.match(item)))


# A task done once for each person listed: "4 manager reviews due Friday".
_PEOPLE_TASK = re.compile(
    r"\b(?:reviews?|evaluations?|assessments?|appraisals?|feedback|references?|nominations?|"
    r"check-?ins?|one-on-ones?|1:1s?)\b",
    re.IGNORECASE,
)
# "Denise Kowalski", "Jonatan Ek": a person's name as a list entry.
_PERSON = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'-]+(?: [A-ZÀ-Ý][a-zà-ÿ'-]+){1,2}")


def entry_object(entry: str) -> str:
    """A list entry as the object of the intro's verb: "Self-review" -> "self-review"; a
    person's name keeps its capitals."""
    return entry if _PERSON.fullmatch(entry) else entry[:1].lower() + entry[1:]


def one_for_names(items: list[ActionItem], topic: str) -> list[ActionItem]:
    """ "You still have 3 evaluations to submit: - Erik Sandberg - Maja Berg ...": one item
    for the people listed ("Submit 3 manager evaluations for Erik Sandberg, ..."), not a
    "Submit Erik Sandberg" each."""
    people = []
    for i, item in enumerate(items):
        verb, _, rest = CONTEXT.sub("", item.text).partition(" ")
        if _PERSON.fullmatch(rest):
            people.append((i, verb, rest))
    if len(people) < 2 or len({verb for _, verb, _ in people}) > 1:
        return items
    if not _PEOPLE_TASK.search(topic):
        return items  # "Please email Anna Schmidt. Please email Tom Berg.": two asks
    if len({(items[i].due, items[i].time) for i, _, _ in people}) > 1:
        return items
    names = [name for _, _, name in people]
    thing = topic_object(topic)
    first = people[0][0]
    text = (
        f"{people[0][1]} {thing + ' ' if thing else ''}for {', '.join(names[:-1])} and {names[-1]}"
    )
    merged = ActionItem(text, items[first].due, items[first].time)
    gone = {i for i, _, _ in people} - {first}
    return [merged if i == first else item for i, item in enumerate(items) if i not in gone]
