"""Splitting mail text into paragraphs, list items and sentences.

A period ends a sentence unless it closes an abbreviation ("Prof. Smith", "approx. 40",
"No. 4", "Acme Inc. will"), a dotted short form ("5 p.m. Friday", "e.g. the deck", "U.S.") or
an initial ("J. Doe"); a plain-text line shorter than ``SHORT_LINE`` or ending in ":" stands
alone, and list items ("- ", "* ", "1. ") each start a new sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from digests.parsing import ParsedMessage, clean_for_summary

# The pattern speed-ups moved to patterns.py; modules that import them from here still may.
from digests.summarize.patterns import Caseless as Caseless
from digests.summarize.patterns import Cued as Cued
from digests.summarize.patterns import cues_of as cues_of
from digests.summarize.patterns import for_yes_or_no as for_yes_or_no
from digests.summarize.patterns import lower_exactly as lower_exactly
from digests.summarize.patterns import lowered as lowered

SHORT_LINE = 50  # a plain-text line this short ends where it ends; longer ones are wrapped

_ABBREVIATION_TEXT = """mr mrs ms dr prof sr jr st mt vs etc approx appr incl excl est dept univ
    corp inc ltd co llc gmbh ag sa no nr nos vol ca bzw usw ggf evtl inkl zb mme mlle sra srta dres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
    sun ext tel fig ref re fwd attn cf al approx min max v"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_PERIOD = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
_DOTTED = re.compile(r"(?:\b\w\.){2,}$|\b[A-Z]\.$")  # "p.m.", "e.g.", "U.S.", "J."
_NEXT_STARTS = re.compile(r"\s+[\"'(\[]?[A-ZÄÖÜÀ-Ý0-9¿¡@]")
_NEXT_LOWER = re.compile(r"\s+[a-zà-ÿ]")
_INITIAL = re.compile(r"(?:^|\s)\w\.$")  # "send it to j. smith": an initial, no end
_LIST_ITEM = re.compile(r"^(?:[-*•\u2013]|\d{1,2}[.)]|\(?(?:[a-z]|[ivx]{2,4})\))\s+")
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|hallo|liebe[rs]?|guten (?:morgen|tag)|bonjour|salut|hola|"
    r"buenos días|buenas|good (?:morning|afternoon|evening)|sehr geehrte[rs]?|"
    r"estimad[oa]s?|querid[oa]s?|chère?|kia ora)\b"
    r"[^.!?\n]{0,40}?(?:[,!:]|\s[-\u2013\u2014]|$)\s*",
    re.IGNORECASE,
)


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and short lines ("Lena: hero image v2") each on their own."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _LIST_ITEM.match(stripped):
            flush()
        if not stripped:
            continue
        current.append(stripped)
        if len(stripped) < SHORT_LINE or _closes(stripped):
            flush()
    flush()
    return blocks


def _closes(line: str) -> bool:
    """Whether a long line ends its paragraph: "... at 9 a.m." wrapped before "Pacific" does not."""
    if line.endswith(("!", "?", ":")):
        return True
    return line.endswith(".") and _ends_sentence(line, len(line))


_MONTH_AFTER = re.compile(
    r"\s+(jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)\w*\b", re.IGNORECASE
)


# Words that open a sentence, not a date or a zone: what ends "3 p.m." as a sentence.
_OPENER = re.compile(
    r"\s+(?:I|We|You|She|He|They|It|The|This|That|These|Those|Please|Thanks|Thank|Let|If|"
    r"Our|My|Your|There|Also|Otherwise|Can|Could|Would|Will|Do|Is|Are|Ich|Wir|Bitte|Je|Nous|"
    r"Merci|Gracias|Por favor)\b(?![.\w])"
)
_LEADS = frozenset({"p.s", "p.p.s", "n.b"})
_LOOKBEHIND = 80  # longer than any abbreviation or dotted short form


def _ends_sentence(block: str, end: int) -> bool:
    """Whether the punctuation ending at ``end`` closes a sentence."""
    if block[end - 1] in "!?":
        return True
    # Only the tail decides; looking at all of ``block`` made a long block quadratic.
    before = block[max(0, end - _LOOKBEHIND) : end].rstrip("\"')]")
    token = _last_word(before)
    if token is None:
        return True
    if token.lower().replace(".", "") in _ABBREVIATIONS or token.lower() in _LEADS:
        return False  # "Prof. Smith", "P.S. Could you also ...": one sentence
    # _DOTTED ends the text and spans at most four characters where it may match at all
    if _DOTTED.search(before, max(0, len(before) - 4)):
        # "... by 5 p.m. Friday" goes on; "... no later than 3 p.m. We weren't able to" ends
        # where a word that opens sentences follows a dotted form.
        return _OPENER.match(block, end) is not None
    # "bis 13. März": a German ordinal date; "file number 4. Please ..." ends a sentence.
    return not (token.isdigit() and len(token) <= 2 and _MONTH_AFTER.match(block, end))


def _last_word(text: str) -> str | None:
    """The word before the final dot ("p.m" of "5 p.m."), as ``([\\w.]+)\\.$`` finds it."""
    if not text.endswith("."):
        return None
    start = len(text) - 1
    while start and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return text[start:-1] or None


def split_sentences(text: str) -> list[str]:
    """Sentences in reading order, bullets removed."""
    return list(_split(text))


@lru_cache(maxsize=256)
def _split(text: str) -> tuple[str, ...]:
    sentences: list[str] = []
    for block in _blocks(text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        # "i'm down with a fever. could you run it?": who writes in lower case starts lower case
        casual = block[:1].islower()
        for match in _PERIOD.finditer(block):
            end = match.end()
            lower = (
                casual
                and _NEXT_LOWER.match(block, end)
                and not _INITIAL.search(block, max(0, end - 3), end)
            )
            starts = _NEXT_STARTS.match(block, end) or lower
            if not starts or not _ends_sentence(block, end):
                continue
            if start == 0 and re.fullmatch(r"\d{1,2}\.", block[:end].strip()):
                continue  # "1. Las facturas ...": a list number, not a sentence
            sentences.append(block[start:end].strip())
            start = end
        if rest := block[start:].strip():
            sentences.append(rest)
    unmarked = (_LIST_ITEM.sub("", s) for s in sentences)
    return tuple(s for s in unmarked if s)


# A link and the preposition that led to it: "Change it at https://..." -> "Change it".
_LINK = re.compile(r"(?:\s+(?:at|via|from|under|on)\b)?\s*<?(?:https?://|www\.)\S+", re.IGNORECASE)


def strip_links(sentence: str) -> str:
    """The sentence without its web addresses (and the "at" or "via" that pointed to them)."""
    low = sentence.lower()
    return _LINK.sub("", sentence) if "http" in low or "www." in low else sentence


def strip_greeting(sentence: str) -> str:
    """ "Hi Alex - could you ..." -> "could you ..."; a greeting alone gives ""."""
    match = _GREETING.match(sentence)
    if match is None:
        return sentence
    return sentence[match.end() :].strip()


@lru_cache(maxsize=256)
def _clean(body: str) -> str:
    return clean_for_summary(body)


def new_text(message: ParsedMessage) -> str:
    """``message.clean_body``, computed once per body however often it is asked for."""
    return _clean(message.body)
