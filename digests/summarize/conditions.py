"""Asks made as conditions: "If you approve them tonight, I can resubmit this evening".

What the sender can do once the reader acts, by a time, is a request for that act: "If you
approve them tonight, I can resubmit" asks to approve them tonight; "Je suis prête à le
suspendre si vous m'envoyez d'ici mardi une proposition" asks for the proposal by Tuesday. The
time is what makes it a request ("If you look at the logs, you'll see ..." asks nothing), or an
offer the sender can make once the reader sends or confirms something ("te puedo mantener el
precio si me confirmas un volumen mínimo").
"""

from __future__ import annotations

import re

from digests.summarize.verbs import IMPERATIVE

_WHEN = (
    r"(?:tonight|today|tomorrow|this (?:morning|afternoon|evening|week)|by|before|"
    r"d'ici|avant|ce soir|aujourd'hui|demain|antes|hoy|mañana|esta (?:tarde|noche))"
)
# "If you approve them tonight, I can resubmit ...": the if-clause up to the sender's part.
_IF_YOU = re.compile(
    rf"^if you (?:can |could )?(?P<act>(?P<verb>[a-z]+)\b[^,]*?\b{_WHEN}\b[^,]*?),\s*(?:then\s+)?"
    r"(?:i|we)(?:'ll| will| can| could| should| would|'d)\b",
    re.IGNORECASE,
)
# "... si vous m'envoyez d'ici mardi une proposition": French and Spanish, to the asker.
_SI = re.compile(
    rf"\bsi (?:vous|tu|me|nos)? ?(?P<me>m'|me |nous |nos )?(?P<verb>[a-záéíóúñ]+)\b"
    rf"(?P<act>[^,.;]*?\b{_WHEN}\b[^.;]*)",
    re.IGNORECASE,
)
# "Te puedo mantener el precio si me confirmas un volumen mínimo": the sender's offer waits
# on what the reader sends or confirms, no time needed.
_SI_OFFER = re.compile(
    r"\b(?:puedo|podemos|podr[ií]a|podr[ií]amos|je (?:peux|pourrais)|nous (?:pouvons|pourrions))"
    r"\b(?:[^.;?]|(?<=\d)\.(?=\d)){3,200}?\bsi (?:tu |vous )?(?P<me>m'|me |nous |nos )"
    r"(?P<verb>[a-záéíóúñ]+)\b"
    r"(?P<act> [^,.;?]{3,120})\.?$",
    re.IGNORECASE,
)
_INFINITIVE = {
    **dict.fromkeys(["envoyez", "envoies"], ("Envoyer", "fr")),
    **dict.fromkeys(["renvoyez", "renvoies"], ("Renvoyer", "fr")),
    **dict.fromkeys(["transmettez", "transmets"], ("Transmettre", "fr")),
    **dict.fromkeys(["signez", "signes"], ("Signer", "fr")),
    **dict.fromkeys(["validez", "valides"], ("Valider", "fr")),
    **dict.fromkeys(["confirmez", "confirmes"], ("Confirmer", "fr")),
    **dict.fromkeys(["envías", "mandas", "pasas"], ("Enviar", "es")),
    **dict.fromkeys(["firmas"], ("Firmar", "es")),
    **dict.fromkeys(["confirmas"], ("Confirmar", "es")),
    **dict.fromkeys(["apruebas"], ("Aprobar", "es")),
}
# "Si ves algún cambio en la cláusula 7, avísame", "Si tu vois un souci, préviens-moi": tell.
_SI_TELL = re.compile(
    r"^(?P<cond>si [^,]{5,160}?),\s*(?:por favor,?\s*)?(?P<tell>av[ií]same|avisadme|d[ií]melo|"
    r"dime|dinos|pr[ée]viens-moi|pr[ée]venez-moi|dis-le-moi|dis-moi|dites-le-moi|dites-moi)\b",
    re.IGNORECASE,
)
# "If you can give me a rough list and dates, I can hold the kit": no time needed, the sender
# waits on what the reader sends.
_IF_YOU_SEND = re.compile(
    r"^if you (?:can |could )?(?P<act>(?:give|send|share|forward|email) (?:me|us)\b[^,]{3,120}),"
    r"\s*(?:then\s+)?(?:i|we)(?:'ll| will| can| could)\b",
    re.IGNORECASE,
)
_NOT_ACTS = frozenset(["let", "get", "have", "need", "want", "like", "look", "see", "make"])
# "If you think any exemptions apply, please flag them": flag whether they do ("If you see
# anything odd, let me know" is courtesy, no ask).
_IF_SO_FLAG = re.compile(
    r"^if you (?P<cond>[^,]{5,160}?),\s*(?:please\s+)?(?P<verb>flag|note|mention|list|raise|"
    r"call out)\b",
    re.IGNORECASE,
)


def conditional_ask(sentence: str, asker: str) -> str:
    """The ask a condition makes, as a request to pass on to ``action_text``, or ""."""
    if tell := _SI_TELL.match(sentence):
        word = tell.group("tell").lower()
        spanish = word.startswith(("av", "dím", "dim", "dime", "dinos"))
        verb = "Avisar a" if spanish else ("Prévenir" if word.startswith("pr") else "Dire à")
        who = asker or ("ellos" if spanish else "eux")
        return f"{verb} {who} s{tell.group('cond')[1:]}"
    if so := _IF_SO_FLAG.match(sentence):
        return f"{so.group('verb').capitalize()} whether you {so.group('cond').split(' (')[0]}"
    if send := _IF_YOU_SEND.match(sentence):  # "If you can give me X, I can lock the rates"
        return f"Please {send.group('act')}"
    match = _IF_YOU.match(sentence)
    if match and IMPERATIVE.fullmatch(verb := match.group("verb")) and verb not in _NOT_ACTS:
        return f"Please {match.group('act')}"
    match = _SI.search(sentence)
    offer = _SI_OFFER.search(sentence)
    match = match if match and match.group("verb").lower() in _INFINITIVE else offer
    if match and match.group("verb").lower() in _INFINITIVE:
        verb, lang = _INFINITIVE[match.group("verb").lower()]
        to = ""
        if match.group("me") and asker:
            to = f" à {asker}" if lang == "fr" else f" a {asker}"
        return f"{verb}{to}{match.group('act')}"
    return ""
