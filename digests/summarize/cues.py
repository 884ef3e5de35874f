"""Cue words: what tells a sentence's part in a mail's asks and deadlines.

A sentence may date the asks after it ("the deadline is Friday") or only describe ("his last
day was 19 June", "Today we export CSVs nightly"); it may start a separate matter ("Also,
..."), refer back to a list ("Put both into the sheet"), be the sender's own news ("The insurer
has agreed ..."), or answer the question before it ("If you let me know before 10 October").
The mail's language decides how a list of things to send is phrased.
"""

from __future__ import annotations

import re
from collections import Counter

from digests.summarize.sentences import Caseless, Cued, for_yes_or_no

# "Do you have the deck? Can you share it?": the question only leads to the ask.
PREAMBLE = re.compile(
    r"^(?:[\w' ]{1,25}[,:]\s+)?(?:do you (?:still )?have|have you got|is there|are there|"
    r"did you see)\b",
    re.I,
)
# A sentence whose date is a deadline for the asks after it (yes or no: regrouped, faster).
DEADLINE_LIKE = Caseless(
    for_yes_or_no(
        re.compile(
            r"\b(?:by|before|until|till|due|deadline|latest|no later than|cut-?off|closes?|"
            r"expires?|today|tonight|tomorrow|eod|cob|asap|bis|avant|antes|hasta|d'ici|heute|"
            r"morgen|demain|mañana|hoy|aujourd'hui|ce soir|esta (?:tarde|noche))\b",
            re.IGNORECASE,
        )
    )
)
# "Also, could you ...": a separate matter with no borrowed deadline.
SEPARATE = re.compile(
    r"^(?:also|separately|unrelated(?:ly)?|one more thing|on another note|p\.?s\.?|"
    r"by the way|btw)\b",
    re.IGNORECASE,
)
# What happens when the ask is not met: "If not, I sign with Veltrix tomorrow morning."
IF_NOT = re.compile(
    r"^(?:if not|otherwise|failing that|or else|sinon|sonst|ansonsten|andernfalls|si no,|"
    r"de lo contrario|en caso contrario)(?!\w)",
    re.IGNORECASE,
)
# "Put both into the sheet": the list before it, not a new thing.
BACK_REFERENCE = re.compile(
    r"\b(?:them|both|these|those|all of (?:this|that|it|them)|everything|the above|"
    r"les deux|tout cela|todo|ambos|ambas|beides|alles)\b",
    re.IGNORECASE,
)
# "Could you also confirm before then ...": by the deadline of the ask before.
BY_THEN = re.compile(
    r"\b(?:before|by|until) then\b|\bd'ici là\b|\bbis dahin\b|\b(?:para|hasta) entonces\b|"
    r"\bat the same time\b|\bgleichzeitig\b|\ben même temps\b|\bal mismo tiempo\b",
    re.IGNORECASE,
)
BY_THEN = Caseless(BY_THEN, gated=True)  # asked yes or no: only where its words are, faster
# "Today we export CSVs nightly": how things are, not a date.
NOWADAYS = re.compile(r"^(?:today|currently|nowadays),?\s+(?:we|i|they|our|it)\b", re.I)
# "No rush, next week or the week after is fine" names no deadline for the mail's asks.
CUED = Caseless(
    re.compile(
        r"^(?!(?:today|currently|nowadays),?\s+(?:we|i|they|our|it)\b)"
        r"(?!.*\b(?:no rush|no hurry|whenever|not urgent|keine eile|nicht (?:so )?eilig|"
        r"pas d'urgence|pas urgent|rien ne presse|sin prisa|no hay prisa|no es urgente)\b"
        r"(?!.*\b(?:by|before|until|no later than|bis|avant|antes)\b))",
        re.IGNORECASE,
    )
)
# "anytime before the 10th works", "the deadline is Friday": a date that is a deadline.
CUED_DATE = Caseless(
    re.compile(
        r"\b(?:by|before|until|no later than|deadline is|due(?: on| by)?|latest|bis|spätestens|"
        r"avant|d'ici|au plus tard|antes del?|hasta|plazo)\s+(?:the\s+|le\s+|el\s+|las?\s+|am\s+)?"
        r"(?:\d|today|tonight|tomorrow|noon|midday|eod|cob|end|next|this|mon|tue|wed|thu|fri|sat|sun|"
        r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|heute|morgen|demain|mañana|hoy|lun|mar|"
        r"mer|jeu|ven|mié|jue|vie|montag|dienstag|mittwoch|donnerstag|freitag)",
        re.IGNORECASE,
    )
)

# "Thursday is the latest", "Friday at the latest": a deadline said after its date.
LATEST = re.compile(
    r"\b(?:at the (?:very )?latest|is the latest|is the deadline|spätestens|au plus tard|"
    r"dernier délai|a más tardar|como muy tarde|como máximo)\b",
    re.IGNORECASE,
)
# "Ideally Monday noon.", "Idéalement lundi midi.": when the ask before is best done.
PREFERRED = re.compile(
    r"^(?:(?:and|but|so)\W+)?"
    r"(?:ideally|preferably|if possible|idéalement|de préférence|si possible|idealmente|"
    r"a ser posible|de ser posible|am besten|idealerweise|möglichst)\b|"
    # "Friday would be great.", "End of next week works best": a short line naming the day
    r"^[\w ,.'-]{2,30}? (?:would be|'d be|would work|works) (?:really )?(?:great|ideal|perfect|"
    r"best|lovely|brilliant)[.!]?$",
    re.IGNORECASE,
)
# "Could you do it tonight? At the latest I'd need it by 6am": the hard limit is the deadline.
AT_THE_LATEST = re.compile(
    r"^(?:(?:and|but|so)\W+)?(?:at the (?:very )?latest|no later than|spätestens|au plus tard|"
    r"como muy tarde|a más tardar)\b",
    re.IGNORECASE,
)
# "We need it back by Thursday": an ask that only says when the one before is due.
FOLLOW_UP = re.compile(
    r"^(?:and |but |so )?(?:i|we|they|\w+)(?:'d| would| will| also)? (?:need|needs|want|wants)"
    r" (?:it|them|this|that|these|those|your (?:comments|feedback|input|answer|reply|review|"
    r"thoughts|sign-?off|ok|approval))\b|"
    r"^(?:please )?(?:get|send) (?:it|them|this|that) (?:back )?(?:to (?:me|us) )?(?:back )?"
    r"(?:by|before|no later than)\b|"
    r"^(?:y |e )?(?:lo|la|los|las) (?:necesito|necesitamos|quiero|queremos)\b|"
    # "Would be great to have it Tuesday so I can go through it first."
    r"^(?:it )?(?:would|'d|will) be (?:great|good|ideal|helpful|perfect|best) to (?:have|get) "
    r"(?:it|them|this|that|these|those)\b|"
    r"^(?:j'en ai|nous en avons|on en a) besoin\b|^il (?:me|nous) (?:le|la|les) faut\b|"
    r"^(?:ich|wir) (?:brauche|brauchen|bräuchte|bräuchten) (?:es|ihn|sie|das|die)\b",
    re.IGNORECASE,
)

# "If you let me know before 10 October, ...": when the question before it is due.
ANSWER_BY = re.compile(
    r"^(?:if you|si tu|si vous|si puedes|wenn du|wenn sie)\b.{0,30}\b(?:let (?:me|us) know|reply|"
    r"confirm|tell me|get back|answer|dis-moi|dites-moi|me dices|avísame|sag mir|bescheid)",
    re.IGNORECASE,
)


# What the sender or a third party does or is: no imperative left after rewriting.
SENDER_CLAUSE = re.compile(
    r"^(?:i|i'm|i've|i'll|i'd|we|we're|we've|we'll|our|the|he|she|they|it|there|this|"
    r"el|los|las|nous|je|ich|wir)\s|"
    r"^your\s+(?:[\w-]+\s+){0,4}(?:would|will|could|is|are|was|were|has|have|may|might)\b",
    re.IGNORECASE,
)


_FUNCTION_WORDS = {
    "es": frozenset(
        ["el", "los", "las", "del", "y", "por", "para", "con", "una", "que", "te", "tu"]
    ),
    "fr": frozenset(["le", "les", "des", "et", "pour", "vous", "nous", "une", "est", "tu", "je"]),
    "en": frozenset(["the", "and", "to", "of", "you", "for", "is", "it", "we", "i"]),
    # German is read as English below; its words only keep "die ... des ..." from reading French
    "de": frozenset(["der", "die", "das", "und", "ist", "ich", "wir", "sie", "du", "mit", "für"]),
}
_ANY_FUNCTION_WORD = frozenset().union(*_FUNCTION_WORDS.values())
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[a-z]+")  # the same words in lower-cased ASCII text, faster


def language(text: str) -> str:
    """ "es", "fr" or "en": which function words the mail uses most (German reads as "en")."""
    # Only the function words are counted: the other words add nothing to any language.
    low = text[:1500].lower()
    words = (_ASCII_LETTERS if low.isascii() else _LETTERS).findall(low)
    seen = Counter(filter(_ANY_FUNCTION_WORD.__contains__, words))
    counts = {lang: sum(seen[w] for w in vocab) for lang, vocab in _FUNCTION_WORDS.items()}
    found = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return "en" if found == "de" else found


def send_to(asker: str, lang: str, entry: str = "") -> str:
    """ "Send Dana", "Enviar a Ramón", "Envoyer à Hélène": what a list of things to send says;
    "Tell Dana" before an entry that is a question ("- whether you need a hotel room")."""
    if lang == "en" and _TELLS.match(entry):
        return f"Tell {asker}"
    return {"es": f"Enviar a {asker}", "fr": f"Envoyer à {asker}"}.get(lang, f"Send {asker}")


_TELLS = re.compile(r"(?:whether|if|which|when|who|how|what)\b", re.IGNORECASE)


AUX = re.compile(r"(?:do|does|would|could|can|will|is|are|should)\b", re.I)
# "(a) ... and (b) ...", and a second question "..., and if so, would your team draft it?"
INLINE_LIST = re.compile(
    r"[;,]?\s+(?:and\s+)?\((?:ii|iii|iv|2|3|4|b|c|d)\)\s+|"
    r"(?<=\w)\?? ?,?\s+and if so,?\s+(?=(?:would|could|can|will|do|does|is|are|should|please|"
    r"send|share|give|book|add|forward|draft|prepare|confirm)\b)"
)
INLINE_LIST = Cued(INLINE_LIST)  # split only where its words are: most sentences, faster
