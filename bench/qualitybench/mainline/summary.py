"""The extractive one-line summary of a message."""

from __future__ import annotations

import math
import re
import zoneinfo
from collections import Counter

from bench.qualitybench.mainline.sentences import split_sentences
from bench.qualitybench.mainline.types import truncate
from digests.parsing import ParsedMessage

_STOPWORD_TEXT = """
    a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just let me
    more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with
    would you your yours hi hello dear thanks thank regards best please get got"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_NOISE = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.!?]{0,40}[,!]?$|"
    r"hope (you|this|all)|unsubscribe|view (it |this )?in (your )?browser|"
    r"^https?://\S+$|all rights reserved|privacy policy|you are receiving this|"
    r"manage (your )?preferences",
    re.IGNORECASE,
)
_SIGNAL_WORDS = re.compile(
    r"\b(urgent|asap|deadline|due|by (today|tomorrow|eod|monday|tuesday|wednesday|thursday|"
    r"friday)|please|need|required|action|confirm|approve|sign|decision|blocked|outage|down|"
    r"failed|invoice|payment|meeting|invitation)\b",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-zà-ÿ0-9']+", text.lower()) if len(w) > 2]


def extractive_summary(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> str:
    """One or two of the sentences that carry the most of the message's own vocabulary."""
    if message.calendar is not None:
        return _invitation_line(message, zone)
    candidates = [
        s
        for s in split_sentences(message.clean_body)
        if len(s.split()) >= 3 and not _NOISE.search(s)
    ]
    if not candidates:
        return truncate(message.snippet or message.subject or "(no text)")
    content = [w for w in _words(" ".join(candidates)) if w not in _STOPWORDS]
    frequency = Counter(content)
    subject_words = set(_words(message.subject)) - _STOPWORDS

    def score(index: int, sentence: str) -> float:
        words = [w for w in _words(sentence) if w not in _STOPWORDS]
        if not words:
            return 0.0
        value = sum(frequency[w] for w in words) / math.sqrt(len(words))
        value += 0.75 * len(subject_words & set(words))
        value += 1.5 if _SIGNAL_WORDS.search(sentence) else 0.0
        value += (1.5, 0.75)[index] if index < 2 else 0.0
        return value - (1.0 if len(sentence) > 300 else 0.0)

    ranked = sorted(range(len(candidates)), key=lambda i: (-score(i, candidates[i]), i))
    chosen = sorted(ranked[:1] if len(candidates[ranked[0]]) > 160 else ranked[:2])
    return truncate(" ".join(candidates[i] for i in chosen))


def _invitation_line(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> str:
    event = message.calendar
    assert event is not None
    what = "Cancelled" if event.method == "CANCEL" else "Invitation"
    line = f"{what}: {event.summary or message.subject}"
    if event.start is not None:
        start = event.start.astimezone(zone)
        line += f", {start:%a %d %b}" if event.all_day else f", {start:%a %d %b %H:%M}"
    if event.location:
        line += f" ({event.location})"
    return truncate(line)
