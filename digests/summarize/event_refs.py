"""What event an ask points at: "before the hearing", "for that call", "bring X", "beforehand"."""

from __future__ import annotations

import re

# What a meeting, a call or a visit is called ("design review": a word before "review").
_EVENT_WORDS = """
    meeting call hearing session interview workshop offsite off-site onsite demo presentation talk
    seminar conference board dinner lunch visit kickoff kick-off standup stand-up retro sync 1:1
    one-on-one training webinar appointment deposition trial tasting event sprint class panel
    pitch walkthrough walk-through launch go-live cutover cut-over release deployment migration
    rollout audit inspection renewal qbr all-hands handover hand-over trip flight abnahme livegang
    umstellung prüfung lancement termin sitzung besprechung treffen gespräch präsentation vortrag
    réunion rendez-vous séance appel entretien présentation atelier comité conseil reunión reunion
    llamada sesión entrevista presentación consejo junta visita taller lanzamiento auditoría
    migración
"""
EVENT_NOUNS = frozenset(_EVENT_WORDS.split())
_EVENT_PHRASES = ("game day", "go live", "town hall", "mise en production", "puesta en marcha")
_NOT_AN_EVENT_BEFORE = frozenset(["the", "your", "our", "my", "a", "this", "that", "their"])
_TOKEN = re.compile(r"1:1|[\w'-]+")


def event_nouns(sentence: str) -> list[tuple[int, str]]:
    """Where the sentence names an event, and the name (lower case)."""
    low = sentence.lower()
    found = [(at, phrase) for phrase in _EVENT_PHRASES if (at := low.find(phrase)) >= 0]
    before: re.Match[str] | None = None
    for token in _TOKEN.finditer(low):
        word = token.group()
        if word in EVENT_NOUNS:
            found.append((token.start(), word))
        elif word == "review" and before and before.group() not in _NOT_AN_EVENT_BEFORE:
            found.append((before.start(), f"{before.group()} review"))
        before = token
    return sorted(found)


# Before an event's name, words that make an ask point at it: "before the", "for that call".
_TOWARDS = re.compile(
    r"(?:\b(?:before|for|at|to|ahead of|in time for|prior to|avant|pour|à|antes de|para|en|a|"
    r"vor|für|bei|zu)\s+(?:the|our|your|their|that|this|[\w-]+'s|next week's|la|le|"
    r"l'|el|los|las|das|die|der|dem|den|notre|votre|nuestra|vuestra)|"
    r"\b(?:zur|zum|beim|vorm|au|aux|al|del|du))\s*(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# An ask that points at an event without naming it: "before we start", "bring X".
_POINTER = re.compile(
    r"\b(?P<moves>before (?:they|she|he|i) (?:come in|comes in|arrives?|gets? back|returns?|"
    r"leaves?|starts?|go|goes|head off|fly|flies|travel)|bevor (?:sie|er|ich) (?:kommt|komme|"
    r"geht|gehe|fliegt|fliege|anfängt)|avant (?:qu'(?:il|elle)|que je) (?:parte|arrive|revienne|"
    r"commence)|antes de que (?:se vaya|llegue|vuelva|empiece|me vaya))\b|"
    r"\b(?P<start>before (?:we|you) (?:start|begin|meet|go in|kick off|talk|speak|sit down)|"
    r"antes de (?:que )?(?:empecemos|empezar|comenzar|vernos|la reunión)|"
    r"avant (?:qu'on|que nous|de) (?:commence|commencions|commencer|se voie|nous voir)|"
    r"bevor wir (?:anfangen|beginnen|starten|uns treffen))\b|"
    r"(?P<bring>\b(?:bring|brings|bringing|traer|traigas|traiga|llevar|lleves|lleve|apporter|"
    r"apporte|apportez|mitbringen|mitnehmen|mitbringst)\b"
    # "bring the wiki up to date", "bring the review forward" take nothing to an event
    r"(?!(?:\s+[\w'-]+){0,4}?\s+(?:up to date|up to speed|forward|together|down|back)\b))|"
    r"(?P<then>\bbefore then\b|\bavant cela\b|\bd'ici là\b|\bantes de eso\b|\bbis dahin\b|"
    # "Can you update the slides beforehand?": before the event just named
    r"\b(?:beforehand|in advance|ahead of time|vorher|vorab|im voraus|auparavant|à l'avance|"
    r"en amont|de antemano|con antelación|antes)(?=\s*[?.!,]|\s*$))",
    re.IGNORECASE,
)


def event_ref(sentence: str) -> tuple[str, str] | None:
    """What event an ask points at: ("noun", "hearing") for "before the hearing", or
    ("moves" | "start" | "bring" | "then", "") for "before she comes in", "before we start",
    "bring X", "beforehand"; None when it points at none."""
    for at, noun in event_nouns(sentence):
        if _TOWARDS.search(sentence, max(0, at - 60), at):
            return "noun", noun
    low = sentence.lower()
    pointer = _POINTER.search(sentence) if any(s in low for s in _POINTER_STEMS) else None
    return (pointer.lastgroup or "", "") if pointer else None


# Pieces every pointer at an event contains (a cheap test before the long pattern).
_POINTER_STEMS = (
    "before", "bevor", "avant", "antes", "bring", "traer", "traig", "llev", "apport", "mitb",
    "mitn", "ici l", "bis dahin", "advance", "ahead", "vorher", "vorab", "voraus", "auparavant",
    "amont", "antemano", "antelación",
)  # fmt: skip


# "... for the owners' meeting on Wednesday?": a date that only says when the event is.
_FOR_EVENT = re.compile(
    r"\b(?:for|at|in|to) (?:the|our|your|this|that|[\w-]+'s?) (?:[\w'-]+ ){0,3}?(?:"
    + "|".join(sorted(EVENT_NOUNS - {"1:1"}))
    + r")s? (?:on|this|next|tomorrow|today)\b[^,;:]*$",
    re.IGNORECASE,
)
_LIMIT_WORD = re.compile(
    r"\b(?:by|before|until|due|deadline|latest|no later than|ahead of)\b", re.IGNORECASE
)


def dated_by_its_event(clause: str) -> str | None:
    """The clause without a closing "for the meeting on Wednesday", when only that names a
    date and no deadline word stands before it; None when the clause ends otherwise."""
    found = _FOR_EVENT.search(clause)
    if found is None or _LIMIT_WORD.search(clause, 0, found.end()):
        return None
    return clause[: found.start()]
