"""The one-line summary: what the mail is about and why it matters, in at most 160 characters.

Not the first sentence copied and not the action item repeated: the topic (the subject
without "Re:"/"Fwd:" and ticket tags) and who it is from, then the sentence that best says
why (facts: names, numbers, dates, consequences), taken from past the opening line when the
mail has more to say, with lead-ins ("I wanted to let you know that") cut.
"""

from __future__ import annotations

import math
import re
import zoneinfo
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from digests.parsing import ParsedMessage
from digests.summarize.sentences import (
    Caseless,
    for_yes_or_no,
    new_text,
    split_sentences,
    strip_greeting,
    strip_links,
)
from digests.summarize.types import ActionItem, truncate

SUMMARY_LIMIT = 160
_STOPWORD_TEXT = """
    a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just let me
    more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with
    would you your yours hi hello dear thanks thank regards best please get got"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_NOISE = Caseless(
    re.compile(
        r"hope (you|this|all|your)|unsubscribe|view (it |this )?in (your )?browser|"
        r"^https?://\S+$|all rights reserved|privacy policy|you are receiving this|"
        r"manage (your )?preferences|thanks( so much| again| in advance)?[!.]?$|^cheers|"
        r"let me know if you have|any questions|happy to (help|chat)|talk soon|^thanks for|"
        r"^thank you for (your|the) (note|email|message|comments)|^(go|click|tap) (to|here)|"
        r"this (message|e-?mail) (was|is) (produced|sent|distributed|generated)|to stop receiving|"
        r"registered (office|in)|is a registered trademark|©|copyright \d{4}|"
        r"^confidentiality notice|this (e-?mail|message) and any attachments",
        re.IGNORECASE,
    ),
    gated=True,
)
_FACTS = Caseless(
    re.compile(
        r"\d|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|"
        r"tonight|deadline|due|expires?|suspend\w*|failed|blocked|outage|invoice|payment|"
        r"contract|approv\w*|review|release|launch|customer|budget|because|so that|otherwise|"
        r"risk)\b",
        re.IGNORECASE,
    )
)
_FACTS = Caseless(for_yes_or_no(_FACTS.pattern))  # asked yes or no: regrouped, faster
_LEAD_INS = re.compile(
    r"^(i('m| am) (writing|reaching out|emailing) (to|because|about)( let you know)?( that)?|"
    r"i (just )?wanted to (let you know|flag|share|give you a heads[- ]up)( that)?|"
    r"just a (quick )?(note|heads[- ]up|reminder)( that| to say)?|quick (note|update|one)[:,-]?|"
    r"this is (just )?a (quick )?(reminder|note)( that)?|as (discussed|promised)[,:]?|"
    r"following up on [^,]+,|fyi[:,-]?|heads[- ]up[:,-]?)\s*",
    re.IGNORECASE,
)
_NAMED = re.compile(r"(?<![\w.])(?:[A-Z][\w&-]+|[\d][\d.,:%/-]*[\d%]?|[$€£]\s?\d[\d.,]*)")
_SUBJECT_PREFIX = re.compile(r"^((re|fwd?|aw|wg|tr|rv|fw)\s*:\s*|\[[^\]]{1,30}\]\s*)+", re.I)


_TOKEN = re.compile(r"[^\W_]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")  # the same tokens in lower-cased ASCII text, faster


def _tokens(text: str) -> list[str]:
    """The text's tokens (``_TOKEN``), lower-cased."""
    low = text.lower()
    return (_ASCII_TOKEN if low.isascii() else _TOKEN).findall(low)


def _words(text: str) -> list[str]:
    return [w for w in _tokens(text) if len(w) > 2]


@lru_cache(maxsize=256)
def _norm(text: str) -> str:
    """The text's words, lower-cased, one space apart (memoized: a summary compares the same
    sentences again and again)."""
    return " ".join(_tokens(text))


def topic_of(subject: str) -> str:
    return _SUBJECT_PREFIX.sub("", subject).strip(" -:") or ""


def _sender(message: ParsedMessage, automated: bool) -> str:
    name = message.from_name.strip()
    if "," in name and not automated:
        name = name.split(",", 1)[1].strip()
    if not name:
        return message.from_address.partition("@")[0]
    return name if automated else name.split()[0]


# A signature's line: "Hannah Brooks | Customer Success Manager, APAC", "Acme | Level 12, 1
# Bligh St, Sydney NSW 2000", "Daniel Koh | Head of Partnerships | +65 6555 0177".
_SIGNATURE_PART = re.compile(
    r"\b(?:manager|director|head of|lead|officer|engineer|partner|founder|president|vp|"
    r"ceo|cfo|coo|cto|analyst|consultant|specialist|coordinator|composer|assistant|"
    r"counsel|associate|executive|representative)\b|\+\d[\d ()./-]{6,}|"
    r"\b(?:level|suite|floor) \d+|#\d+-\d+|"
    r"\b\d+ [A-Z]\w+ (?:st|street|ave|avenue|road|rd|place|square|plaza|lane|drive|blvd)\b",
    re.IGNORECASE,
)


def _signature_line(sentence: str) -> bool:
    """Whether a line is a signature (a title, a phone, an address) rather than a statement."""
    parts = sentence.split(" | ")
    return len(parts) > 1 and any(_SIGNATURE_PART.search(part) for part in parts)


def _candidates(message: ParsedMessage) -> list[str]:
    found = []
    for sentence in split_sentences(new_text(message)):
        sentence = _LEAD_INS.sub("", strip_greeting(sentence)).strip()
        sentence = " ".join(strip_links(sentence).split()).rstrip(" :")
        if _signature_line(sentence):
            continue
        if len(sentence.split()) >= 4 and not _NOISE.search(sentence):
            found.append(sentence[:1].upper() + sentence[1:])
    return found


def _copies(mine: str, others: Sequence[str]) -> bool:
    """Whether a sentence holds one of ``others`` or is in one (all normalized by :func:`_norm`)."""
    return any(o and (o in mine or mine in o) for o in others)


def write_summary(
    message: ParsedMessage,
    zone: zoneinfo.ZoneInfo,
    items: Sequence[ActionItem] = (),
    *,
    automated: bool = False,
) -> str:
    """ "Topic (Sender): why it matters" in at most ``SUMMARY_LIMIT`` characters."""
    if message.calendar is not None:
        return _invitation_line(message, zone)
    topic = topic_of(message.subject)
    who = _sender(message, automated)
    candidates = _candidates(message)
    head = f"{topic} ({who})" if topic else who
    if not candidates:
        return truncate(head or message.snippet or "(no text)", SUMMARY_LIMIT)
    asks = [_norm(item.text) for item in items]
    # Each candidate's words, tokenized once: its content words and its normal form.
    tokens = [_tokens(c) for c in candidates]
    content = [[w for w in t if len(w) > 2 and w not in _STOPWORDS] for t in tokens]
    frequency = Counter(w for words in content for w in words)
    topic_words = set(_words(topic)) - _STOPWORDS

    def score(index: int, sentence: str) -> float:
        words = content[index]
        if not words:
            return -1.0
        value = sum(frequency[w] for w in words) / math.sqrt(len(words))
        value += 0.5 * len(topic_words & set(words))
        value += 1.0 if _FACTS.search(sentence) else 0.0
        # Names, amounts, dates: what a summary must keep.
        value += 0.25 * min(6, len(_NAMED.findall(sentence[1:])))
        value -= 2.0 if _copies(" ".join(tokens[index]), asks) else 0.0
        value -= 1.0 if index == 0 and len(candidates) > 1 else 0.0
        value -= 0.5 * index / len(candidates)
        return value - (1.0 if len(sentence) > 220 else 0.0)

    ranked = sorted(range(len(candidates)), key=lambda i: (-score(i, candidates[i]), i))
    # Headline style always, and never the opening sentence itself: the reader sees that in
    # the mail; the summary should add what comes after it when there is more.
    opening = candidates[0]
    avoid = [opening, *(item.text for item in items)]
    detail = ""
    for index in ranked:
        candidate = _reworded(candidates[index])
        if not any(_pasted(candidate, other) or _pasted(other, candidate) for other in avoid):
            detail = candidate
            break
    if not detail:
        detail = _reworded(_past_first_clause(opening))
    room = SUMMARY_LIMIT - len(head) - 2
    if room < 40:
        return truncate(f"{head}: {detail}", SUMMARY_LIMIT)
    return f"{head}: {truncate(detail, room)}"


def _pasted(text: str, sentence: str) -> bool:
    """Whether ``text`` is ``sentence`` or begins with its first dozen words."""
    mine, theirs = _norm(text), _norm(sentence)
    head = " ".join(theirs.split()[:12])
    return theirs in mine or head in mine or (len(mine) >= 30 and mine in theirs)


def _past_first_clause(sentence: str) -> str:
    parts = re.split(
        r"(?<=[,;:])\s+|\s+[-\u2013\u2014]\s+|\s+(?:and|but|so|because)\s+", sentence, maxsplit=1
    )
    return parts[1] if len(parts) == 2 and len(parts[1].split()) >= 4 else sentence


_FILLER = re.compile(
    r"\b(just|really|actually|basically|quite|very|still|currently|please|kindly|"
    r"i think|i believe|i guess|as you know|of course)\s+",
    re.IGNORECASE,
)


def _reworded(sentence: str) -> str:
    """The facts of the mail's own sentence without its fillers ("board pack goes out
    tomorrow; the budget lacks your approval")."""
    text = re.sub(r",?\s+(so|and so|which means)\s+", "; ", sentence.rstrip(" ."))
    text = " ".join(_FILLER.sub("", text).split())
    return text[:1].upper() + text[1:]


def _invitation_line(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> str:
    event = message.calendar
    assert event is not None
    if event.method == "REPLY":
        what = "Answer to your invitation"
    else:
        what = "Cancelled" if event.method == "CANCEL" else "Invitation"
    line = f"{what}: {event.summary or topic_of(message.subject)}"
    if event.start is not None:
        start = event.start.astimezone(zone)
        line += f", {start:%a %d %b}" if event.all_day else f", {start:%a %d %b %H:%M}"
    if event.location:
        line += f" ({event.location})"
    if message.from_name:
        line += f", from {message.from_name}"
    return truncate(line, SUMMARY_LIMIT)


# The name other code and older tests know.
extractive_summary = write_summary
