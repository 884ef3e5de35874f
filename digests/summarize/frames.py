"""Request frames: the words around a request that make it one.

"I was hoping you could review the contract", "Action for you: update the runbook", "You're
required to complete the training", "Il faudrait que tu signes le contrat", "Tienes que enviar
la factura", "Je compte sur toi pour envoyer les chiffres": take the frame away and the request
is left, given as "Please ..." in English and as the infinitive in French and Spanish (German
frames are read in ``german``).
"""

from __future__ import annotations

import re

from digests.summarize.sentences import Caseless, for_yes_or_no
from digests.summarize.verbs import IMPERATIVE, base_form, base_verb

# English frames followed by the verb of the request.
_ENGLISH = re.compile(
    r"^(?:(?:any|is there any) (?:chance|way) (?:that )?you (?:could|can|would|might)|"
    r"(?:i was|i'm|i am|we were|we're|we are) (?:really )?hoping (?:that )?you (?:could|can|"
    r"would|might|will)|hoping you (?:could|can)|you(?:'ll| will) want to|"
    r"you (?:should|have to|will have to|'ll have to)|"
    r"you(?:'re| are) (?:kindly )?(?:required|requested|asked|expected) to|"
    r"(?:i|we)(?:'d| would)? (?:kindly )?ask (?:that you|you to)|(?:can|may|could) i ask you to|"
    r"(?:i|we)(?:'d| would) like you to|i want you to|it(?:'s| is) (?:on|up to) you to|"
    r"(?:i|we) (?:would )?ask (?:each|every|all|both) (?:of you|\w+) to|"
    r"(?:(?:i|we)(?:'d| would) )?appreciate it if you (?:could|can|would)|"
    # "It would also help if you could flag ...", "It'd be great if you could send ..."
    r"it(?:'d| would) (?:also |really )?(?:help(?: a lot)?|be (?:great|helpful|good|ideal|"
    r"useful|nice|super helpful)) if you (?:could|can|would)|"
    # a nudge: "Did you get a chance to look at the deck?"
    r"(?:did|have|had) you (?:get|got|had|have) (?:a )?(?:chance|time|a moment) to|"
    r"(?:action|action item|to-?do|next step)s?(?: for you| \(you\))?\s*:|"
    r"(?:just )?(?:a |one )?(?:quick |friendly |gentle |final |last )?reminder to)\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
# "Where are we on the vendor contract?", "How's the report coming along?": a status asked.
_WHERE = re.compile(
    r"^(?:where (?:are we|do we stand|are things) (?:on|with)|how(?:'s| is) (?:it going with )?)"
    r"(?P<what>.+?)(?: coming along| going| looking)?$",
    re.IGNORECASE,
)
# A bare "Thoughts?" after a proposal asks for the reader's view of it.
_BARE_OPINION = re.compile(r"^(?:any )?(?:thoughts|objections)$", re.IGNORECASE)
# "Mind sending me the invoice?": the gerund is the request.
_MIND = re.compile(r"^(?:do you )?mind (?P<verb>\w+ing)\b(?P<rest>.*)$", re.IGNORECASE)
# "Still waiting on your sign-off for the SOW", "Need your OK on the budget": a need said short.
_WAITING = re.compile(
    r"^(?:(?:i'm|i am|we're|we are|and) )?(?:still |really )?(?:waiting (?:on|for)|need|awaiting|"
    r"looking forward to|(?:i |we )?look forward to) your (?P<rest>.+)$",
    re.IGNORECASE,
)
# A closing wait for an answer: after an ask it only asks again.
CLOSER = re.compile(
    r"^(?:(?:i'm|i am|we're|we are|and) )?(?:still |really )?(?:waiting (?:on|for) your|"
    r"awaiting your|looking forward to|(?:i |we )?look forward to|"
    r"(?:je reste |nous restons )?dans l'attente|j'attends (?:ton|ta|tes|votre|vos)|"
    r"(?:quedo|quedamos) (?:a la espera|atent[oa]s?)|espero (?:tus?|sus?) |"
    r"(?:ich freue mich|wir freuen uns|ich warte|wir warten) auf|"
    r"(?:any )?(?:thoughts|objections|concerns)\s*\??\s*$|sounds? (?:good|ok|okay)\s*\?\s*$)",
    re.IGNORECASE,
)
# "Your approval is needed by Friday", "Your input on the pricing would be much appreciated".
_YOURS_NEEDED = re.compile(
    r"^your (?P<what>(?:approval|sign-?off|signature|ok|okay|go-ahead|input|feedback|review|"
    r"comments|thoughts|decision|answer|confirmation)(?: (?:on|for|of|to) [^,;]+?)?) "
    r"(?:is|are|would be|will be|'d be) (?:(?:still |urgently )?(?:needed|required|requested)|"
    r"(?:(?:very|much|really|greatly|most) )?(?:appreciated|welcome|helpful|valuable))\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Your timesheet needs to be submitted by Friday": the doing is asked.
_YOURS_DONE = re.compile(
    r"^your (?P<what>[\w' -]{2,50}?) (?:needs|has|must|will need) (?:to )?be (?P<done>[a-z]+ed|"
    r"sent|paid|done|signed off|filled in|filled out)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Would appreciate a quick review of the deck": the act named as a noun.
_APPRECIATE = re.compile(
    r"^(?:(?:i|we)(?:'d| would) |would )(?:really |greatly )?appreciate (?:a|an|your) "
    r"(?:quick |short |brief |final |second |careful )?(?P<noun>review|look|check|read|"
    r"proofread|sanity check|sign-?off)(?: (?:of|at|on|over|through))? (?P<rest>.+)$",
    re.IGNORECASE,
)
_NOUN_VERBS = {"look": "review", "sign-off": "sign off", "signoff": "sign off"}
# Verbs a frame may wrap that tell what will happen, not what to do: "You should get an email".
_NOT_REQUESTS = frozenset(["get", "see", "receive", "hear", "have", "be", "find", "keep"])

# French and Spanish frames followed by an infinitive.
_INFINITIVE_FRAME = re.compile(
    r"^(?:je (?:te|vous) laisse|je compte sur (?:toi|vous) pour|n'oublie pas de|"
    r"n'oubliez pas de|pense à|pensez à|tu dois|vous devez|tu devrais|vous devriez|"
    r"ce serait (?:bien|super|top|génial|parfait|idéal) si (?:tu pouvais|vous pouviez)|"
    r"tienes que|ten[eé]is que|tiene que|debes|deber[ií]as|acu[ée]rdate de|acordaos de|"
    r"no (?:te )?olvides(?: de)?|no olvid[eé]is(?: de)?|cuento contigo para|"
    r"contamos contigo para|¿?\s*te importar[ií]a|¿?\s*le importar[ií]a)\s+"
    r"(?P<verb>[a-zàâçéèêëîïôûùáíóúñ]{2,}?(?:er|ir|re|ar|ír))(?P<clitic>me|nos|lo|la|los|las|le)?"
    r"\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# ... and followed by a subjunctive: "Il faudrait que tu signes", "Hace falta que firmes".
_SUBJUNCTIVE_FRAME = re.compile(
    r"^(?:(?:pour|afin d[e']|avant d[e']|para|antes de)\s?[^,]{3,120},\s*)?"  # "Pour éviter X, "
    r"(?P<frame>il (?:faut|faudrait) que (?:tu|vous)|"
    r"ce serait (?:bien|super|top|génial|parfait|idéal) que (?:tu|vous)|"
    r"j'aimerais (?:bien )?que (?:tu|vous)|je voudrais que (?:tu|vous)|"
    r"hace falta que|ser[ií]a (?:genial|ideal|bueno|perfecto|estupendo|mejor) que|"
    r"me gustar[ií]a que|quiero que|querr[ií]a que)\s+(?P<me>(?:me|m'|nous|nos|te) ?)?"
    r"(?P<verb>[a-zàâçéèêëîïôûùáíóúñ]{3,})\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# Subjunctives whose infinitive is not the regular one.
_IRREGULAR = {
    "lises": "lire",
    "relises": "relire",
    "fasses": "faire",
    "fassiez": "faire",
    "prennes": "prendre",
    "mettes": "mettre",
    "remettes": "remettre",
    "envoies": "envoyer",
    "renvoies": "renvoyer",
    "remplisses": "remplir",
    "finisses": "finir",
    "choisisses": "choisir",
    "écrives": "écrire",
    "hagas": "hacer",
    "pongas": "poner",
    "digas": "decir",
    "escribas": "escribir",
    "leas": "leer",
    "veas": "ver",
    "subas": "subir",
    "añadas": "añadir",
    "envíes": "enviar",
    "mandes": "mandar",
}
# Being somewhere is attendance, which the asker's "can you come?" asks for: no item of its own.
_BEING_TEXT = """estuvieras estuvieses estés estes seas fueras fueses vengas vinieras vinieses
    sois soyez viennes veniez"""
_BEING = frozenset(_BEING_TEXT.split())
# "Tu me diras si jeudi te convient": tell the asker whether.
_TELL_WHETHER = re.compile(
    r"^(?:tu me (?:diras|dis)|vous me (?:direz|dites)|ya me dir[aá]s|me dir[aá]s) "
    r"(?P<rest>(?:si|quand|quel|quelle|ce que|cu[aá]ndo|qu[eé]|c[oó]mo)\b.*)$",
    re.IGNORECASE,
)
_CUE_WORDS = re.compile(
    r"\b(?:chance|any way|hoping|want to|should|have to|required|requested|asked|expected|"
    r"ask|like you|want you|on you|up to you|action|to-?do|next step|reminder|mind|waiting|"
    r"need your|appreciate|awaiting|chance|where|coming along|going|looking forward|"
    r"look forward|your|thoughts|objections|help|great|helpful|if you could|"
    r"laisse|compte sur|oubli|pense|dois|devez|devrais|devriez|serait|tienes|ten[eé]is|tiene|"
    r"debes|deber|acu[ée]rdate|acordaos|olvid|cuento|contamos|importar|faut|faudrait|aimerais|"
    r"voudrais|falta|ser[ií]a|gustar|quiero|querr|diras|dis|direz|dites|dir[aá]s)",
    re.IGNORECASE,
)
CUE = Caseless(for_yes_or_no(_CUE_WORDS))  # asked yes or no only: regrouped, faster


def _infinitive(subjunctive: str, spanish: bool) -> str:
    """ "signes" -> "signer", "revisaras" -> "revisar", "firmes" -> "firmar"."""
    low = subjunctive.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if spanish:
        for ending, infinitive in (("aras", "ar"), ("ases", "ar"), ("ieras", "er"), ("es", "ar")):
            if low.endswith(ending):
                return low[: -len(ending)] + infinitive  # "revisaras", "firmes" -> "-ar"
        return low[:-2] + "er" if low.endswith("as") else ""
    for ending, infinitive in (("isses", "ir"), ("issiez", "ir"), ("iez", "er"), ("es", "er")):
        if low.endswith(ending):
            return low[: -len(ending)] + infinitive  # "signes" -> "signer"
    return ""


# "... et que tu m'envoies le bon signé", "... y que me mandes X": a second ask, same frame.
_AND_THAT = re.compile(
    r"\s+(?:et|y) que (?:tu |vous )?(?:me |m'|nous |nos )?(?P<verb>[a-zàâçéèêëîïôûùáíóúñ]{3,})\b",
    re.IGNORECASE,
)


_TO_THE_ASKER = frozenset(
    ["envoyer", "confirmer", "renvoyer", "transmettre", "enviar", "confirmar", "mandar"]
)


def _and_then(match: re.Match[str], spanish: bool) -> str:
    """ " et que tu m'envoies" -> " et envoyer" (the match as it was if no verb is known)."""
    verb = _infinitive(match.group("verb"), spanish)
    return f" {'y' if spanish else 'et'} {verb}" if verb else match.group(0)


def unframe(sentence: str, asker: str) -> str:
    """The request a frame holds ("Please review the contract", "Signer le contrat"), or ""."""
    text = sentence.strip().rstrip(" ?!.")
    if not CUE.search(text):
        return ""
    if english := _ENGLISH.match(text):
        rest = english.group("rest").strip()
        verb = rest.partition(" ")[0].lower()
        if IMPERATIVE.match(rest) and verb not in _NOT_REQUESTS:
            return f"Please {rest}"
        return ""
    if noun := _APPRECIATE.match(text):
        verb = noun.group("noun").lower()
        return f"Please {_NOUN_VERBS.get(verb, verb)} {noun.group('rest')}"
    if (where := _WHERE.match(text)) and (
        text.lower().startswith("where") or re.search(r"coming along|going$", text, re.I)
    ):
        return f"Any update on {where.group('what')}"
    if _BARE_OPINION.match(text):
        return f"Give {asker or 'them'} your thoughts"
    if mind := _MIND.match(text):
        verb = base_form(mind.group("verb"))
        return f"Please {verb}{mind.group('rest')}" if IMPERATIVE.fullmatch(verb) else ""
    if waiting := _WAITING.match(text):
        return f"I need your {waiting.group('rest')}"
    if needed := _YOURS_NEEDED.match(text):
        return f"I need your {needed.group('what')}{needed.group('rest')}"
    if done := _YOURS_DONE.match(text):
        verb = base_verb(done.group("done")).lower()
        return f"Please {verb} your {done.group('what')}{done.group('rest')}"
    if tell := _TELL_WHETHER.match(text):
        spanish = tell.group(0).lower().startswith(("ya ", "me "))
        lead = f"Decir a {asker or 'ellos'}" if spanish else f"Dire à {asker or 'eux'}"
        return f"{lead} {tell.group('rest')}"
    if frame := _INFINITIVE_FRAME.match(text):
        verb = frame.group("verb").lower().replace("ír", "ir")
        if verb in {"être", "avoir", "estar", "ser", "haber"}:
            return ""  # "Tu dois être fatigué": a guess, not a request
        return f"{verb.capitalize()}{frame.group('rest')}".strip()
    if frame := _SUBJUNCTIVE_FRAME.match(text):
        if frame.group("verb").lower() in _BEING:
            return ""
        spanish = bool(re.match(r"hace|ser|me gust|quier|querr", frame.group("frame"), re.I))
        verb = _infinitive(frame.group("verb"), spanish)
        rest = _AND_THAT.sub(lambda m: _and_then(m, spanish), frame.group("rest"))
        if frame.group("me") and asker and verb in _TO_THE_ASKER:  # "que tu me confirmes X"
            verb = f"{verb} {'a' if spanish else 'à'} {asker}"
        return f"{verb[:1].upper()}{verb[1:]}{rest}".strip() if verb else ""
    return ""
