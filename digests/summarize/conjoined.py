"""Two asks in one sentence: "Send Hannah the schedule and flag anything above €50k"."""

from __future__ import annotations

import re

from digests.summarize.leaks import when_ready
from digests.summarize.patterns import may_hold
from digests.summarize.verbs import IMPERATIVE, NOUN_USE

# Opening a page or reading a draft is the first step of the ask that follows, not an ask.
_STEP = re.compile(
    r"^(?:log ?in|sign ?in|go|open|visit|click|head|review|read|look|check|have a look|skim)\b",
    re.IGNORECASE,
)
_AND_THEN = re.compile(r",? and (?:then |also )?(?=\w)", re.IGNORECASE)
_ALTERNATIVE = re.compile(
    r"\beither\b|\bor (?=\w+ (?:the|their|your|a|an|him|her|them|it)\b)", re.IGNORECASE
)


# "... and send the form back": "the form" the first ask already named.
_DEFINITE = re.compile(r"^\S+(?: [A-Z][a-zà-ÿ]+)? (?:the|this|that|these|those) ([\w-]+)\b", re.I)


def _same_thing(first: str, second: str) -> bool:
    """The second ask does the next step to what the first named ("Add the list to the
    insurance form and send the form back to Gary")."""
    match = _DEFINITE.match(second)
    if match is None or not may_hold(first, match.group(1)):
        return False  # the word not in the first ask: no pattern to compile
    return bool(re.search(rf"\b{re.escape(match.group(1))}\b", first, re.I))


# "Send Naomi the final draft and the audio of the interview": two documents that exist, sent;
# "Send André a title and a short abstract" is one thing to write.
_TWO_THINGS = re.compile(
    r"^(?P<head>(?:Send|Return|Forward|Email|Upload|Share)(?: [A-Z][a-zà-ÿ]+)?)"
    r" (?P<a>the (?:(?!\band\b)[^,;(]){3,60}?)(?: \([^)]{1,40}\))?,? and "
    r"(?P<b>(?:the|a copy of|copies of|[A-Z][\w-]+'s) [^;]{3,120}?)(?:\s*\(re: .*)?$"
)


def split_conjoined(text: str) -> list[str]:
    """ "Send Hannah the schedule and flag anything above €50k" is two asks; "Review and
    approve the PR" and "Export the JSON and send it to Henrik" are one."""
    for match in _AND_THEN.finditer(text):
        first, second = text[: match.start()], text[match.end() :]
        if _ALTERNATIVE.search(first):
            break  # "Cover it or email Ingrid and ask to reschedule": "and" binds to "or"
        if (
            len(first.split()) >= 4
            and len(second.split()) >= 3
            and IMPERATIVE.match(second)
            and not NOUN_USE.match(second)
            and not re.match(r"^\S+(?:\s+\S+)?\s+(it|them|this|that|these|those)\b", second, re.I)
            and "(re:" not in first
            and not _STEP.match(first)
            and not _same_thing(first, second)
            and not when_ready(second)  # "... and drop me a line when it's done": one ask
        ):
            return [first, second[:1].upper() + second[1:]]
    if things := _TWO_THINGS.match(text):  # "Send Naomi the final draft and the audio": two
        head = things.group("head")
        return [f"{head} {things.group('a')}", f"{head} {things.group('b')}"]
    return [text]
