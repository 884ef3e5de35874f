"""What slipped through as an item and is none: a phone number, a notice's buttons, a name or
signature line, the sender's sign-off, a fragment, a placeholder beside the real asks."""

from __future__ import annotations

import re

from digests.summarize.asks import CLOSING_LINE
from digests.summarize.topics import CONTEXT
from digests.summarize.types import ActionItem
from digests.summarize.verbs import IMPERATIVE

_PHONE = re.compile(
    r"^(?:Call|Ring|Phone|Contact|Text|Rufen Sie|Ruf|Appeler|Llamar)\b.*?\+?\d[\d ()./-]{6,}\d"
)


def is_phone_line(text: str) -> bool:
    """ "Call the on-call engineer: +91 80 4567 1234": a number to use, not the ask."""
    return bool(_PHONE.match(text)) and not _TO_ARRANGE.search(text)


# "Call the front desk at 515-555-0114 to schedule the recheck": the number serves an ask.
_TO_ARRANGE = re.compile(
    r"\d\s+(?:to|and) (?:schedule|book|arrange|confirm|set up|make|reschedule|cancel|order|"
    r"renew|pay|register)\b"
)


def without_non_asks(
    items: list[ActionItem], asker: str, lang: str, *, machine: bool
) -> list[ActionItem]:
    """The items less what slipped through as one: a phone number, a notice's buttons ("Open
    certification", "Approve Reject"), a name or signature line, the sender's sign-off, a
    fragment."""
    items = [i for i in items if not names_only(i.text)]  # "Mark de Jong": a name, no ask
    # a closing line or a "no rush" left over from a longer sentence: nothing to do
    items = [i for i in items if not CLOSING_LINE.match(CONTEXT.sub("", i.text))]
    items = [i for i in items if not signed(i.text, asker) and not fragment(i.text, lang)]
    if len(items) > 1 or machine:
        items = [i for i in items if not is_phone_line(i.text)]  # the number, not the ask
    if machine and len(items) > 1:
        items = [i for i in items if not _BUTTON.fullmatch(CONTEXT.sub("", i.text))]
    if len(items) > 1:
        # "Send what you have", "Handle this one" beside the asks that say what: a placeholder
        items = [i for i in items if not _PLACEHOLDER.fullmatch(CONTEXT.sub("", i.text))] or items
    return items


# An item that names nothing to do beyond what the mail's other items say.
_PLACEHOLDER = re.compile(
    r"(?:Send|Give|Get|Forward|Bring)(?: [A-Z][\w-]*)? (?:what(?:ever)? you (?:have|can|find)|"
    r"(?:a|an|your) (?:response|reply|answer))|"
    r"(?:Review|Handle|Do|Check|Take|Look at) (?:this|that) one(?: (?:anyway|too|as well))?"
)


# "Open certification", "Reply", "Approve Reject" (two buttons side by side, each capitalised)
_BUTTON = re.compile(
    r"(?i:pay|renew|review|sign|approve|update|book|register|complete|confirm|verify) now|"
    r"(?i:open|view|reply|see|visit|click|launch|access)(?: \S+)?|[A-Z][a-z]+ [A-Z][a-z]+"
    r"(?: \(\d+ \w+\))?"
)


def names_only(text: str) -> bool:
    """ "Mark de Jong", "Export Operations | Ocean Link Logistics": a name or a signature line
    that slipped through, no ask (every word a capitalised name or a joining word)."""
    bare = CONTEXT.sub("", text)
    # "Review PR #12: Fix Login Bug", "Firmar (re: ...)": what to do first; "Export Operations |
    # Ocean Link Logistics" is a signature's title and company, though "Export" is a verb.
    if (IMPERATIVE.match(text) or _INFINITIVE_FIRST.match(text)) and " | " not in bare:
        return False
    words = re.findall(r"[^\W\d_][\w'.-]*", bare)
    return bool(words) and all(w[:1].isupper() or w.lower() in _JOINING for w in words)


def signed(text: str, asker: str) -> bool:
    """ "Mark (re: ...)", "Mark Delaney | Import Manager": the sender's sign-off, no ask."""
    bare = CONTEXT.sub("", text).strip()
    if not asker:
        return False
    # "Mark Jansen": the signature of a Mark, not "mark" as a verb
    full_name = re.fullmatch(rf"{re.escape(asker)}(?: [A-Z][\w'-]+){{1,2}}", bare)
    return bare == asker or bool(full_name) or (bare.startswith(f"{asker} ") and " | " in bare)


def fragment(text: str, lang: str) -> bool:
    """ "If you want (re: ...)", "On our side", "No rush at all": a piece of a sentence."""
    bare = CONTEXT.sub("", text).strip()
    return lang == "en" and len(bare.split()) <= 3 and bool(_FUNCTION_FIRST.match(bare))


_FUNCTION_FIRST = re.compile(
    r"^(?:if|on|no|at|in|for|with|as|so|but|and|or|when|once|from|our|my|the|a|an|this|that)\b",
    re.IGNORECASE,
)


_INFINITIVE_FIRST = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]+(?:ar|er|ir|re|en|ln|rn)\b")
_JOINING = frozenset(["de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "of", "and"])
