"""Scheduling questions: a time that is the subject of a proposal is no deadline.

"Can the second shift start at 14:00 instead of 15:00?" and "are you open to a 30-minute call
sometime in March?" ask about a time; they do not set one. A deadline word ("by", "before",
"bis", "avant", "antes de", ...) or a preparation ask ("prepare the numbers for the meeting
on Thursday at 10") still makes a date a deadline.
"""

from __future__ import annotations

import re

# What a question about when something happens says: a slot offered, moved or asked for.
_PROPOSAL = re.compile(
    r"\b(?:instead(?: of)?|rather than|works? for you|suits? you|(?:ok|okay|fine|good|"
    r"convenient) for you|are you (?:free|available|around|open)|would you be (?:free|available)|"
    r"(?:do|would) you have (?:time|a (?:slot|moment|minute))|open to|how about|what about|"
    r"sometime|some time|any time|anytime|(?:can|could|shall|should) we (?:meet|talk|chat|"
    r"speak|catch up|sync|do|say|move|push|shift|reschedule|start|find|grab|set up|hop on|"
    r"jump on|have a)\b|"
    r"(?:move|push|shift|reschedule|bring forward)\b[^?]{0,40}\b(?:to|forward)\b|"
    r"would [^?]{1,30}\bwork|does [^?]{1,30}\bwork|(?:if|whether) [^?]{1,30}\bworks?\b|"
    r"\d+[- ]min(?:ute)?s?\b|make it\b|you make (?:(?:mon|tues|wednes|thurs|fri)day|"
    r"tomorrow|today|\d)|(?:do|have|hop on|jump on) a (?:quick )?(?:call|meeting|chat|sync)\b|"
    r"hätten sie|hättest du|haben sie zeit|hast du zeit|zeit für|passt (?:es|dir|ihnen)|"
    r"statt|anstatt|disponible|dispo\b|au lieu de|plutôt que|on pourrait|pourrions-nous|"
    r"te (?:viene|va) bien|le (?:viene|va) bien|tienes tiempo|tiene tiempo|en lugar de|"
    r"en vez de|podríamos|quedamos)",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"\b(?:by|before|until|till|no later than|due|deadline|latest|bis|spätestens|vorher|avant|"
    r"d'ici|au plus tard|antes|hasta|a más tardar)\b",
    re.IGNORECASE,
)
# An ask to make, bring or attend something: an English verb after "you", "please", "to" or
# first (a noun otherwise: "the review"); German, French and Spanish infinitives anywhere.
_PREPARATION = re.compile(
    # "can you send ...", "could you update ...": any verb but one that takes up the slot
    r"\b(?:can|could|would|will) you (?:please |quickly |also )?(?!(?:do|make|meet|talk|chat|"
    r"speak|be|hop|jump|squeeze|fit|find|spare|move|shift|push|start|let|tell|confirm)\b)\w+|"
    r"(?:^\W*|\b(?:you|to|please|pls|and|then|bitte|du|sie|tu|vous|puedes|podrías)\s+"
    r"(?:\w+\s+)?)(?:prepare|prep|bring|send|share|draft|review|read|finish|submit|fill|sign|"
    r"approve|join|attend|present|cover)\b|\b(?:vorbereiten|vorbereitet|mitbringen|schicken|"
    r"senden|teilnehmen|préparer|préparez|apporter|envoyer|preparar|prepara|traer|llevar|"
    r"enviar|mandar)\b",
    re.IGNORECASE,
)


# "Let me know if Friday works for you.": the same question, asked without a question mark.
_INDIRECT = re.compile(
    r"^(?:\w+,\s+)?(?:(?:please |pls )?let (?:me|us) know|tell me|lass (?:mich|uns) wissen|"
    r"sag mir|gib mir bescheid|dites-moi|dis-moi|faites-moi savoir|avísame|dime|dígame|"
    r"hazme saber)\s*,?\s+(?:if|whether|ob|si)\b",
    re.IGNORECASE,
)
# A slot within a day still needs the answer before it comes: "a short call today at 17:00?".
_SOON = re.compile(
    r"\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening)|heute|morgen|"
    r"aujourd'hui|ce (?:matin|soir)|cet après-midi|demain|hoy|mañana|esta (?:tarde|noche))\b",
    re.IGNORECASE,
)


def is_scheduling_question(text: str) -> bool:
    """The sentence asks whether a later time suits, naming no deadline, nothing to prepare."""
    return (
        ("?" in text or _INDIRECT.match(text) is not None)
        and _PROPOSAL.search(text) is not None
        and _DEADLINE.search(text) is None
        and _PREPARATION.search(text) is None
        and _SOON.search(text) is None
    )
