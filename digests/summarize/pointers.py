"""Asks whose object only points: "Merci de me la renvoyer", "Puede firmarlo", "Can you do it?".

French and Spanish put the object before or onto the verb as a pronoun ("me la renvoyer",
"firmarlo y devolvérmelo", "necesitamos tenerlo firmado"); the thing it stands for is what a
sentence just before attached or needed ("Te adjunto el contrato de ...", "j'ai besoin de la
version contresignée"), else what the subject names. "Can you do it?" does what the sentence
before said the reader can do ("the system only lets you submit it").
"""

from __future__ import annotations

import re

from digests.summarize.romance import (
    OF_ARTICLE,
    participle_verb,
    plain,
    subjunctive_infinitive,
)
from digests.summarize.topics import lower_first, topic_object
from digests.summarize.verbs import IMPERATIVE

# "Te adjunto el contrato de ...", "vous trouverez ci-joint le bon de commande ...", "j'ai besoin
# de la version contresignée": the thing a later pronoun stands for.
_NAMING = re.compile(
    r"\b(?:adjunt(?:o|amos)|ci-joint|je vous (?:joins|envoie|transmets)|"
    r"besoin (?:de |d'|(?=du |des ))|necesit(?:o|amos)|os enviamos|te env[ií]o|le env[ií]o|"
    r"(?:nous|me) demande(?:nt)?|il (?:me|nous) (?:faut|faudrait)|"
    r"il (?:me |nous )?manque(?: toujours| encore)?|"  # "il me manque toujours les pièces 12 à 14"
    # "no tengo los vouchers del hotel ni del traslado", "nous n'avons toujours pas reçu la X"
    r"no (?:tengo|tenemos|he recibido|hemos recibido)|"
    # "nos faltan todavía dos documentos: la copia ...", "il nous manque encore : le devis"
    r"(?:me |nos )?faltan? (?:todav[ií]a |a[úu]n )?(?:(?:dos|tres|cuatro|un par de) \w+\s?:)?|"
    r"n'(?:ai|avons) (?:toujours |encore )?pas (?:encore )?reçu|"
    # "quiero llevar vuestra propuesta a la reunión", "je voudrais présenter votre devis"
    r"quiero (?:llevar|presentar|enseñar|mostrar|incluir)|"
    r"(?:je veux|je voudrais|j'aimerais) (?:présenter|montrer|inclure|apporter))\s*"
    r"(?P<np>(?:el|la|los|las|un|una|le|les|l'|une|du|des|mon|ma|mes|notre|nos|votre|vos|"
    r"nuestro|nuestra|vuestro|vuestra|mi|mis|tu|su)\b.*)",
    re.IGNORECASE,
)
_NO_SPANISH = re.compile(r"^no ", re.IGNORECASE)  # "no tengo X ni Y": X y Y
# Where the noun phrase stops: "(" (not an acronym's, "(PMS)"), a clause, a purpose, a deadline.
_NP_END = re.compile(
    r"\s*(?:[.;:!?,]|\((?!(?-i:[A-Z0-9]{2,8})\))|\s[-\u2013\u2014]\s|"
    r"\s(?:que|qui|para|pour|con|avec|au plus tard|avant|"
    r"antes|d'ici|hasta|dès|desde|porque|parce)\b)",
    re.IGNORECASE,
)
_POLITE_FR = (
    r"(?:merci de|peux-tu|pouvez-vous|pourriez-vous|pourrais-tu|tu peux|vous pouvez|"
    r"tu pourrais|vous pourriez|veuillez|n'oublie pas de|n'oubliez pas de)"
)
# "Merci de me la renvoyer directement": verb, whether to the asker, the rest.
_FRENCH = re.compile(
    rf"^(?:[^,]{{0,40}},\s*)?{_POLITE_FR}\s+(?P<me>me |m'|nous )?(?:le |la |les |l')"
    r"(?P<verb>[a-zàâçéèêëîïôûù]{3,}(?:er|ir|re))\b",
    re.IGNORECASE,
)
_POLITE_ES = (
    r"(?:puede|puedes|podr[ií]as?|pod[eé]is|podr[ií]an|por favor,?|te pido que|"
    r"(?:me |nos )?ayud(?:as|ar[ií]as|[aá]is) a)"
)
_CLITIC_VERB = r"[a-záéíóúñ]{2,}?(?:ar|er|ir|ár|ér|ír)"
# "Puede firmarlo con certificado digital y devolvérmelo": one or two verbs, the same thing.
_SPANISH = re.compile(
    rf"^(?:[^,]{{0,40}},\s*)?¿?\s*{_POLITE_ES}\s+(?P<v1>{_CLITIC_VERB})(?P<me1>me|nos)?"
    rf"(?:lo|la|los|las)\b(?:[^,;.]*?\by\s+(?P<v2>{_CLITIC_VERB})(?P<me2>me|nos)?"
    r"(?:lo|la|los|las)\b)?",
    re.IGNORECASE,
)
# "¿Me lo puedes firmar y devolver?", "¿Me la mandas hoy?": the pronoun before the verb.
_SPANISH_BEFORE = re.compile(
    rf"^(?:[^,]{{0,40}},\s*)?¿?\s*(?:cuando puedas,?\s*)?(?P<me1>me |nos )?(?:lo|la|los|las) "
    rf"(?:(?:puedes|podés|podr[ií]as|pod[eé]is|puede|podr[ií]a) (?P<v1>{_CLITIC_VERB})\b"
    rf"(?: y (?P<v2>{_CLITIC_VERB})\b)?|(?P<present>mandas|env[ií]as|pasas|firmas|revisas|"
    r"apruebas|confirmas|devuelves)\b)",
    re.IGNORECASE,
)
# "Necesitaría que me lo mandaras mañana": the subjunctive on the pronoun is the ask.
_THAT_YOU_DO_IT = re.compile(
    r"^(?:[^,]{0,40},\s*)?(?:necesit(?:o|amos|ar[ií]a|ar[ií]amos)|(?:te|le|os) (?:pido|pedimos|"
    r"pedir[ií]a|ruego|rogamos|agradecer[ií]a)) que (?P<me>me |nos )?(?:lo|la|los|las) "
    r"(?P<verb>[a-záéíóúñ]{3,})\b",
    re.IGNORECASE,
)
_PRESENT = {"mandas": "enviar", "envias": "enviar", "pasas": "enviar", "devuelves": "devolver"}
_SEND_ES = {"mandar": "enviar", "pasar": "enviar"}
# "necesitamos tenerlo firmado antes del jueves": the doing is the ask.
_HAVE_DONE = re.compile(
    r"\bnecesit(?:o|amos) tener(?:lo|la|los|las) (?P<done>[a-záéíóúñ]+?(?:ad|id)[oa]s?|"
    r"devuelt[oa]s?|hech[oa]s?|escrit[oa]s?)\b",
    re.IGNORECASE,
)


# "Le rapport d'analyse des offres est prêt dans Marco, il ne manque que ta signature": what
# is ready is what "le" in "Peux-tu le signer ?" stands for.
_READY = re.compile(
    r"^(?P<np>(?:le|la|les|l'|el|los|las)\s?[^,.;:]{2,80}?) (?:est|sont|está|están) "
    r"(?:(?:maintenant|enfin|déjà|ya|por fin) )?(?:prête?s?|list[oa]s?|disponibles?|"
    r"terminée?s?|finalisée?s?|terminad[oa]s?|finalizad[oa]s?)\b",
    re.IGNORECASE,
)


# "Necesitamos recibirlos hoy mismo": what was named before is to be sent.
_RECEIVE_IT = re.compile(r"\bnecesit(?:o|amos) recibir(?:lo|la|los|las)\b", re.IGNORECASE)
# "Le riad nous demande la rooming list. Il me la faudrait mercredi.": the list is needed.
_NEEDED_IT = re.compile(r"^il (?:me|nous) (?:la|le|les|l') ?(?:faut|faudrait|faudra)\b", re.I)


def _thing(previous: list[str], topic: str, *, attached_only: bool = False) -> str:
    """What the pronoun stands for: an attached or needed thing just before, else the subject
    (unless ``attached_only``)."""
    for sentence in reversed(previous[-3:]):
        if match := _NAMING.search(sentence):
            np = match.group("np")
            end = _NP_END.search(np)
            np = " ".join((np[: end.start()] if end else np).split())
            np = re.sub(r"^du\b", "le", re.sub(r"^des\b", "les", np))  # "besoin du devis"
            # "falta tu aprobación del cambio": the change, not the approval
            np = re.sub(
                r"^(?:tu|su|ta|votre) (?:aprobaci[óo]n|firma|validaci[óo]n|validation|"
                r"signature|accord) d(?:el|u) ",
                "el " if "del " in np else "le ",
                np,
            )
            np = re.sub(r" ni (?=\w)", " y " if _NO_SPANISH.search(match.group(0)) else " et ", np)
            if 2 <= len(np.split()) <= 15:
                return np
        if (ready := _READY.match(sentence)) and len(ready.group("np").split()) <= 12:
            return lower_first(ready.group("np"))  # "Le rapport ... est prêt": "le rapport"
    return "" if attached_only else topic_object(topic)


# "os pedimos vuestra conformidad", "Falta solo tu validación", "Si no tengo tu OK antes de las
# 14:00": the reader's consent is wanted, for the thing the mail is about.
_YOUR_CONSENT = re.compile(
    r"\b(?:(?:te|os|le|les) (?:pido|pedimos|rogamos|ruego)|falta(?: solo| solamente)?|"
    r"si no (?:tengo|recibo|tenemos)|necesit(?:o|amos)|il (?:me |nous )?manque(?: \w+)?|"
    r"(?:j'ai|nous avons) besoin d[e']|j'attends|nous attendons)\s+"
    r"(?:tu|su|vuestra|vuestro|votre|ta|ton)\s+(?P<what>conformidad|aprobaci[óo]n|firma|"
    r"visto bueno|ok|confirmaci[óo]n|validaci[óo]n|accord|validation|signature|feu vert|"
    r"approbation|confirmation|avis)\b",
    re.IGNORECASE,
)
_CONSENT_VERBS = {  # keyed without accents
    "conformidad": "Dar la conformidad a",
    "aprobacion": "Aprobar",
    "firma": "Firmar",
    "visto bueno": "Dar el visto bueno a",
    "ok": "Dar el OK a",
    "confirmacion": "Confirmar",
    "validacion": "Validar",
    "accord": "Donner votre accord sur",
    "validation": "Valider",
    "signature": "Signer",
    "feu vert": "Donner le feu vert pour",
    "approbation": "Approuver",
    "confirmation": "Confirmer",
    "avis": "Donner votre avis sur",
}


_CONSENT_OF = re.compile(
    r"\s+(del|de la|de los|de las|du|des|de l')\s*([^,.;:!?]{3,80})", re.IGNORECASE
)


def _consent(what: str, thing: str) -> str:
    """ "conformidad", "el borrador" -> "Dar la conformidad al borrador"."""
    verb = _CONSENT_VERBS[plain(what)]
    return re.sub(r"\ba el\b", "al", f"{verb} {lower_first(thing)}")


def pointer_ask(sentence: str, asker: str, previous: list[str], topic: str) -> str:
    """The item for a French or Spanish ask whose object is a pronoun or missing, or ""."""
    if match := _YOUR_CONSENT.search(sentence):
        # "falta tu aprobación del cambio en el sistema": the change is what to approve
        named = _CONSENT_OF.match(sentence[match.end() :])
        thing = OF_ARTICLE[named[1].lower()] + named[2] if named else _thing(previous, topic)
        return _consent(match.group("what"), thing) if thing else ""
    if _NEEDED_IT.match(sentence) and (thing := _thing(previous, topic, attached_only=True)):
        return f"Envoyer{f' à {asker}' if asker else ''} {thing}"  # "Il me la faudrait ..."
    if (match := _FRENCH.match(sentence)) and match.group("verb").lower() != "confirmer":
        thing = _thing(previous, topic)  # "me le confirmer" confirms a yes, not a thing
        if not thing:
            return ""
        to = f" à {asker}" if match.group("me") and asker else ""
        return f"{match.group('verb').capitalize()}{to} {thing}"
    if match := _SPANISH.match(sentence) or _SPANISH_BEFORE.match(sentence):
        thing = _thing(previous, topic, attached_only=True)
        if not thing:
            return ""  # "me lo apruebas" about the subject is read in phrasing
        present = plain(match.groupdict().get("present") or "")
        present = _PRESENT.get(present, present[:-1] + "r" if present else "")
        verbs = [plain(v) for v in (match.group("v1"), match.group("v2"), present) if v]
        verbs = [_SEND_ES.get(v.lower(), v) for v in verbs]  # "mandar", "pasar": send
        me = (match.groupdict().get("me2") or match.group("me1")) and asker
        to = f" a {asker}" if me else ""
        return f"{' y '.join(verbs).capitalize()}{to} {thing}"
    if match := _THAT_YOU_DO_IT.match(sentence):
        thing = _thing(previous, topic, attached_only=True)
        verb = subjunctive_infinitive(match["verb"])
        to = f" a {asker}" if match["me"] and asker and verb in {"Enviar", "Confirmar"} else ""
        return f"{verb}{to} {thing}" if thing and verb else ""
    if _RECEIVE_IT.search(sentence) and (thing := _thing(previous, topic, attached_only=True)):
        return f"Enviar{f' a {asker}' if asker else ''} {thing}"  # "Necesitamos recibirlos"
    if match := _HAVE_DONE.search(sentence):
        thing = _thing(previous, topic)
        return f"{participle_verb(match.group('done')).capitalize()} {thing}" if thing else ""
    return ""


# "the system only lets you submit it": what the reader can do to the thing.
_YOU_CAN = re.compile(
    r"\byou\b[^.?!]{0,30}?\b(?P<verb>[a-z]+) (?:it|them|this|that)\b(?! (?:is|are|was|were)\b)",
    re.IGNORECASE,
)
_DO_IT = re.compile(r"^(?:Do|Handle|Take care of|Sort out) (?:it|this|that)\b", re.IGNORECASE)


def do_it(text: str, previous: list[str]) -> str:
    """ "Do it" after "the system only lets you submit it" -> "Submit it" (unchanged else)."""
    match = _DO_IT.match(text)
    if match is None:
        return text
    for sentence in reversed(previous[-2:]):
        for found in _YOU_CAN.finditer(sentence):
            verb = found.group("verb")
            if IMPERATIVE.fullmatch(verb) and verb.lower() not in {"do", "get", "make", "take"}:
                return f"{verb.capitalize()} it{text[match.end() :]}"
    return text


# "Could you get me those by August 14?" after "Underwriters want updated replacement values":
# the things named as wanted in the sentence before.
_GET_THOSE = re.compile(
    r"^(?:Get|Send|Give|Forward)(?P<who> [A-Z][\w-]*)? (?:those|them|these|both)(?P<rest>\b.*)$"
)
_WANTS = re.compile(
    r"\b(?:wants?|needs?|requires?|asked for|asks for|would like)\s+"
    r"(?P<np>(?:the|an?|updated|new|revised|current|final|your|some|all)\b.+)$",
    re.IGNORECASE,
)
_WANTED_NP_END = re.compile(r"\s*(?:[.;:!?(]|,\s|\s(?:by|before|until|this|so|which|rather|for)\b)")


def those_wanted(text: str, previous: list[str]) -> str:
    """ "Get Melissa those" after "Underwriters want updated replacement values (...)" ->
    "Send Melissa updated replacement values" (unchanged without such a sentence)."""
    if not (those := _GET_THOSE.match(text)) or not previous:
        return text
    if not (wanted := _WANTS.search(previous[-1])):
        return text
    np = wanted.group("np")
    np = np[: end.start()] if (end := _WANTED_NP_END.search(np)) else np
    if not 1 <= len(np.split()) <= 10:
        return text
    return f"Send{those.group('who') or ''} {np}{those.group('rest')}"


# "Tu peux gérer ?", "Can you handle it?": what to handle is what the next sentence says is wanted.
_HANDLE = re.compile(
    r"^(?:Handle|Take care of|Deal with|Sort out|Gérer|S'en occuper|Encargarte|Gestionar|"
    r"Übernehmen|Kümmern)(?: (?:it|this|that|ça|cela|le|la|lo|esto|das|es))?$",
    re.IGNORECASE,
)
_WANTED = re.compile(
    r"^(?:they|he|she|the client|the customer|ils|elles|il|elle|le client|ellos|ellas|"
    r"el cliente|sie|der kunde)\s+(?:want|wants|need|needs|expect|expects|asked for|"
    r"veulent|veut|attendent|attend|demandent|ont besoin d[e']|quieren|quiere|necesitan|"
    r"necesita|piden|esperan|wollen|will|brauchen|braucht|erwarten)\s+(?P<np>.+)$",
    re.IGNORECASE,
)
_WANTED_END = re.compile(
    r"\s*(?:[.;:!?(]|,\s|\s(?:by|before|until|avant|d'ici|antes|hasta|bis|so|pour|para|um)\b)",
    re.IGNORECASE,
)
_SEND = {"fr": "Envoyer {np}", "es": "Enviar {np}"}


def handle_it(text: str, upcoming: str, lang: str) -> str:
    """ "Gérer" before "Ils veulent notre retour sur les pénalités SLA avant vendredi" ->
    "Envoyer notre retour sur les pénalités SLA" (unchanged without such a sentence)."""
    if not _HANDLE.match(text) or not (wanted := _WANTED.match(upcoming.strip())):
        return text
    np = wanted.group("np")
    np = np[: end.start()] if (end := _WANTED_END.search(np)) else np
    if not 1 <= len(np.split()) <= 12:
        return text
    return _SEND.get(lang, "Send {np}").format(np=np)
