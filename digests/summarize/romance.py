"""French and Spanish requests to the asker, in the infinitive: "Envoyer à Hélène le rapport".

"Merci de m'envoyer le rapport", "Tu peux m'envoyer les chiffres ?", "¿Me puedes mandar las
facturas?", "Envíame el contrato" all ask to send the asker something; the "me" is the asker.
A verb of sending or telling takes the asker as its recipient ("Enviar a Ramón las facturas");
any other verb does it for them ("Preparar un presupuesto para Pablo").
"""

from __future__ import annotations

import re
import unicodedata

_FRENCH = re.compile(
    r"^(?:est-ce que )?(?:merci de|peux-tu|pouvez-vous|pourriez-vous|pourrais-tu|tu peux|"
    r"vous pouvez|tu pourrais|vous pourriez|veuillez|n'oublie pas de|n'oubliez pas de)\s+"
    r"(?:aussi |également |bien )?(?:me |m'|nous )(?:(?:le|la|les) (?=faire )|l'(?=faire ))?"
    r"(?P<verb>[a-zàâçéèêëîïôûù]{3,}(?:er|ir|re))\b\s*"
    r"(?P<send>(?<=faire )(?:parvenir|suivre)\b\s*)?",
    re.IGNORECASE,
)
# "Envoie-moi", "Transmettez-moi": the imperative with its pronoun after it.
_FRENCH_IMPERATIVE = re.compile(
    r"^(?:(?:et|aussi|puis),?\s+)?(?P<verb>[a-zàâçéèêëîïôûù]{3,})-(?:moi|nous)\b\s*", re.I
)
_FRENCH_INFINITIVE = {
    **dict.fromkeys(["envoie", "envoyez"], "envoyer"),
    **dict.fromkeys(["renvoie", "renvoyez"], "renvoyer"),
    **dict.fromkeys(["transmets", "transmettez"], "transmettre"),
    **dict.fromkeys(["confirme", "confirmez"], "confirmer"),
    **dict.fromkeys(["prépare", "préparez"], "préparer"),
    **dict.fromkeys(["dis", "dites"], "dire"),
}
_WHETHER_COMING = re.compile(
    r"\bsi (?:puedes|pod[eé]is|vienes|ven[ií]s|vous pouvez|tu peux|vous venez|tu viens)\b", re.I
)
# "¿Puedes confirmarme si ...?": the pronoun on the infinitive.
_SPANISH_AFTER = re.compile(
    r"^¿?\s*(?:por favor,?\s*)?(?:puedes|podr[ií]as|pod[eé]is|puede|podr[ií]a)\s+"
    r"(?P<verb>[a-záéíóúñ]{2,}?(?:ar|er|ir))(?:me|nos)\b(?!\s*(?:lo|la|los|las)\b\s*(?:[?.!,]|$))\s*",
    re.IGNORECASE,
)
# "Enviarme la versión firmada" once "¿puedes" has gone: to the asker
_SPANISH_BARE = re.compile(
    r"^(?P<verb>(?:envi|mand|pas|reenvi|confirm|dec|devolv|remit)(?:ar|er|ir))(?:me|nos)\b"
    r"(?!\s*(?:lo|la|los|las)\b\s*(?:[?.!,]|$))\s*",
    re.IGNORECASE,
)
_SPANISH = re.compile(
    r"^¿?\s*(?:por favor,?\s*)?(?:me|nos) (?:puedes|podr[ií]as|pod[eé]is|podr[ií]an|puede|"
    # "¿Me ayudas a preparar la aclaración?": the help asked for is the doing
    r"podr[ií]a|ayud(?:as|ar[ií]as|[aá]is) a)\s+(?:por favor\s+)?"
    r"(?P<verb>[a-záéíóúñ]{2,}?(?:ar|er|ir))\b\s*",
    re.IGNORECASE,
)
# "Envíame el contrato", "Pásanos las cifras": the imperative with the pronoun on it.
_SPANISH_IMPERATIVE = re.compile(
    r"^¿?\s*(?:(?:también|tambien|además|ademas|y|luego),?\s+)?(?:por favor,?\s*)?"
    r"(?P<verb>env[ií]a|m[aá]nda|p[aá]sa|reenv[ií]a|conf[ií]rma|"
    r"prep[aá]ra|rev[ií]sa|f[ií]rma)(?:me|nos)\b(?!\s*lo que\b)\s*",
    re.IGNORECASE,
)
_TO_WHOM_TEXT = """envoyer renvoyer transmettre confirmer dire communiquer retourner indiquer
    signaler préciser enviar mandar pasar reenviar confirmar decir devolver remitir
    indicar avisar comunicar"""
_TO_WHOM = frozenset(_TO_WHOM_TEXT.split())


# The article a "de"/"du"/"of the" contraction holds: "del contrato" -> "el contrato".
OF_ARTICLE = {"del": "el ", "de la": "la ", "de los": "los ", "de las": "las ", "du": "le "}
OF_ARTICLE |= {"des": "les ", "de l'": "l'", "of the": "the ", "for the": "the ", "für die": "die "}


def plain(word: str) -> str:
    """ "envía" -> "envia", "devolvér" -> "devolver": written accents go, lower case."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


_IRREGULAR = {"devuelt": "devolver", "hech": "hacer", "escrit": "escribir", "list": "preparar"}


def participle_verb(done: str) -> str:
    """ "firmado" -> "firmar", "devuelto" -> "devolver", "preparadas" -> "preparar"."""
    stem = re.sub(r"[oa]s?$", "", done.lower())
    if stem in _IRREGULAR:
        return _IRREGULAR[stem]
    return stem[:-2] + ("ar" if stem.endswith("ad") else "ir")


# "Dejar preparados los RLC", "tenerlo listo": have it done, that is, do it.
_DONE = r"(?:[a-záéíóúñ]+?(?:ad|id)[oa]s?|list[oa]s?|hech[oa]s?)"
_HAVE_READY = re.compile(
    rf"^(?:Dejar|Tener)(?:me|nos)?(?:lo|la|los|las)? (?:(?P<done>{_DONE}) (?P<what>.+)|"
    rf"(?P<what2>(?:el|la|los|las|un|una)\b.+?) (?P<done2>{_DONE}))(?P<rest>\b.*)$",
    re.IGNORECASE,
)


def done_as_verb(text: str) -> str:
    """ "Dejar preparados los RLC" -> "Preparar los RLC" (unchanged otherwise)."""
    match = _HAVE_READY.match(text)
    if match is None:
        return text
    done = match.group("done") or match.group("done2")
    what = match.group("what") or match.group("what2")
    return f"{participle_verb(done).capitalize()} {what}{match.group('rest')}"


def to_the_asker(text: str, asker: str) -> str:
    """ "Merci de m'envoyer le rapport" -> "Envoyer à Hélène le rapport" (unchanged else)."""
    if not asker or _WHETHER_COMING.search(text):
        return text  # "Confírmame si puedes venir": an RSVP, read in phrasing
    french, spanish = _FRENCH.match(text), _SPANISH.match(text)
    if french or (
        (french := _FRENCH_IMPERATIVE.match(text))
        and french.group("verb").lower() in _FRENCH_INFINITIVE
    ):
        verb = french.group("verb").lower()
        verb = _FRENCH_INFINITIVE.get(verb, verb)
        if french.groupdict().get("send"):  # "me la faire parvenir": send it
            verb = "transmettre" if french.group("send").startswith("suivre") else "envoyer"
        return _phrase(verb, text[french.end() :], f"à {asker}", f"pour {asker}")
    spanish = spanish or _SPANISH_AFTER.match(text) or _SPANISH_IMPERATIVE.match(text)
    spanish = spanish or _SPANISH_BARE.match(text)
    if spanish:
        verb = plain(spanish.group("verb"))
        verb = verb if verb.endswith(("ar", "er", "ir")) else f"{verb}r"  # "manda" -> "mandar"
        return _phrase(verb, text[spanish.end() :], f"a {asker}", f"para {asker}")
    return text


def _phrase(verb: str, rest: str, recipient: str, beneficiary: str) -> str:
    """The infinitive with the asker as recipient ("à Hélène") or beneficiary ("para Pablo")."""
    if verb.lower() == "faire" and rest.startswith("part "):  # "faire part de": tell
        return f"Faire part {recipient} {rest[5:].rstrip(' ?¿.!')}".rstrip()
    whom = recipient if verb in _TO_WHOM else beneficiary
    return f"{verb.capitalize()} {whom} {rest.rstrip(' ?¿.!')}".rstrip()


# Spanish subjunctives after "necesito que", "te pido que" with no regular -ar form.
_SUBJUNCTIVE_IRREGULAR = {
    **dict.fromkeys(["hagas", "haga", "hagáis"], "hacer"),
    **dict.fromkeys(["pongas", "ponga"], "poner"),
    **dict.fromkeys(["traigas", "traiga"], "traer"),
    **dict.fromkeys(["digas", "diga"], "decir"),
    **dict.fromkeys(["elijas", "elija"], "elegir"),
    **dict.fromkeys(["pidas", "pida"], "pedir"),
    **dict.fromkeys(["vuelvas", "devuelvas", "resuelvas"], ""),
    **dict.fromkeys(["leas", "lea"], "leer"),
    **dict.fromkeys(["escribas", "escriba"], "escribir"),
    **dict.fromkeys(["compartas", "comparta"], "compartir"),
    **dict.fromkeys(["subas", "suba"], "subir"),
    **dict.fromkeys(["respondas", "responda"], "responder"),
    **dict.fromkeys(["decidas", "decida"], "decidir"),
    **dict.fromkeys(["añadas", "añada"], "añadir"),
    **dict.fromkeys(["incluyas", "incluya"], "incluir"),
    **dict.fromkeys(["cumplimentes", "cumplimente"], "cumplimentar"),
    **dict.fromkeys(["abras", "abra"], "abrir"),
    **dict.fromkeys(["des", "dé"], "dar"),
    **dict.fromkeys(["atiendas", "atienda"], "atender"),
    **dict.fromkeys(["envíes", "envíe", "enviéis"], "enviar"),
}
_SUBJUNCTIVE_IRREGULAR.update(vuelvas="volver", devuelvas="devolver", resuelvas="resolver")
_SPELLING = (("qu", "c"), ("gü", "gu"), ("gu", "g"), ("c", "z"))
_ACCENTS = str.maketrans("íú", "iu")


def spanish_infinitive(word: str) -> str:
    """The infinitive of a tú or vosotros subjunctive: "apruebes" -> "Aprobar", "autorices"
    -> "Autorizar", "pagues" -> "Pagar", "firméis" -> "Firmar"; "" for a word that is none."""
    low = word.lower()
    if low in _SUBJUNCTIVE_IRREGULAR:
        return _SUBJUNCTIVE_IRREGULAR[low].capitalize()
    stem = low[:-3] if low.endswith("éis") else low[:-2] if low.endswith("es") else ""
    if len(stem) < 3 or not stem.isalpha():
        return ""
    for written, sound in _SPELLING:
        if stem.endswith(written):
            stem = stem[: -len(written)] + sound
            break
    stem = stem.translate(_ACCENTS)
    # "apruebes" -> "aprob-", "cierres" -> "cerr-": the stem's diphthong is the plain vowel
    stem = re.sub(r"ue(?=[^aeiou]+$)", "o", stem)
    stem = re.sub(r"(?<=[^aeiou])ie(?=[^aeiou]+$)", "e", stem)
    return f"{stem}ar".capitalize()


# Tú imperatives of the verbs asks use, and their infinitives (the form Spanish items take).
_TU_IMPERATIVES = {
    "quita": "Quitar",
    "revisa": "Revisar",
    "envía": "Enviar",
    "envia": "Enviar",
    "firma": "Firmar",
    "confirma": "Confirmar",
    "manda": "Mandar",
    "llama": "Llamar",
    "aprueba": "Aprobar",
    "cambia": "Cambiar",
    "actualiza": "Actualizar",
    "prepara": "Preparar",
    "completa": "Completar",
    "rellena": "Rellenar",
    "paga": "Pagar",
    "reserva": "Reservar",
    "sube": "Subir",
    "escribe": "Escribir",
    "lee": "Leer",
    "responde": "Responder",
    "contesta": "Contestar",
    "desactiva": "Desactivar",
    "comprueba": "Comprobar",
    "valida": "Validar",
    "autoriza": "Autorizar",
    "busca": "Buscar",
    "pasa": "Pasar",
    "indica": "Indicar",
    "agenda": "Agendar",
    "organiza": "Organizar",
    # usted and ustedes: "Confirmen su asistencia", "Envíe el formulario" (not "complete" or
    # "prepare", English words too)
    **{
        form: verb
        for verb, forms in {
            "Confirmar": "confirme confirmen",
            "Enviar": "envíe envíen envie envien",
            "Revisar": "revise revisen",
            "Firmar": "firme firmen",
            "Mandar": "mande manden",
            "Llamar": "llame llamen",
            "Aprobar": "apruebe aprueben",
            "Pagar": "pague paguen",
            "Rellenar": "rellene rellenen",
            "Actualizar": "actualice actualicen",
            "Autorizar": "autorice autoricen",
            "Responder": "responda respondan",
            "Contestar": "conteste contesten",
            "Subir": "suba suban",
            "Traer": "traiga traigan",
            "Indicar": "indique indiquen",
            "Comunicar": "comunique comuniquen",
            "Remitir": "remita remitan",
            "Adjuntar": "adjunte adjunten",
        }.items()
        for form in forms.split()
    },
}


# French imperatives (tu and vous) of the verbs asks use: "Appelle Karim ce matin".
_FR_IMPERATIVES = {
    form: verb
    for verb, forms in {
        "Appeler": "appelle appelez",
        "Rappeler": "rappelle rappelez",
        "Envoyer": "envoie envoyez",
        "Renvoyer": "renvoie renvoyez",
        "Transmettre": "transmets transmettez",
        "Confirmer": "confirme confirmez",
        "Préparer": "prépare préparez",
        "Valider": "valide validez",
        "Vérifier": "vérifie vérifiez",
        "Relire": "relis relisez",
        "Lire": "lis lisez",
        "Signer": "signe signez",
        "Regarder": "regarde regardez",
        "Réserver": "réserve réservez",
        "Prévenir": "préviens prévenez",
        "Contacter": "contacte contactez",
        "Répondre": "réponds répondez",
        "Remplir": "remplis remplissez",
        "Compléter": "complète complétez",
        "Corriger": "corrige corrigez",
        "Ajouter": "ajoute ajoutez",
        "Organiser": "organise organisez",
        "Relancer": "relance relancez",
        "Informer": "informe informez",
        "Approuver": "approuve approuvez",
        "Payer": "paie payez",
        "Régler": "règle réglez",
        "Télécharger": "télécharge téléchargez",
        "Déposer": "dépose déposez",
        "Imprimer": "imprime imprimez",
        "Choisir": "choisis choisissez",
        "Annuler": "annule annulez",
        "Modifier": "modifie modifiez",
        "Partager": "partage partagez",
        "Apporter": "apporte apportez",
        "Transférer": "transfère transférez",
        "Rejoindre": "rejoins rejoignez",
    }.items()
    for form in forms.split()
}


# What a French imperative takes: "Appelle Karim", "Vérifie les chiffres"; not "Valide jusqu'au
# 31" nor "Paie de novembre" (an adjective, a noun).
_FR_OBJECT = re.compile(
    r"(?i:le|la|les|l'|un|une|des|du|au|aux|ton|ta|tes|votre|vos|mon|ma|mes|notre|nos|ce|cet|"
    r"cette|ces|leur|lui|[àa] )|[A-ZÀ-Ý]|\d"
)


def tu_imperative(text: str, lang: str = "es") -> str:
    """ "Quita el acceso público ya mismo" -> "Quitar el acceso público ya mismo"; in French
    (``lang`` "fr"), "Appelle Karim ce matin" -> "Appeler Karim ce matin"."""
    first, space, rest = text.partition(" ")
    if lang == "fr":
        infinitive = _FR_IMPERATIVES.get(first.lower()) if _FR_OBJECT.match(rest) else None
    else:
        infinitive = _TU_IMPERATIVES.get(first.lower())
    return f"{infinitive}{space}{rest}" if infinitive else text


def romance_start(text: str) -> bool:
    """Whether a Spanish or French request opens the text: an imperative ("Quita ...",
    "confírmame ..."), a request frame ("¿Puedes ...", "j'aimerais avoir ton avis")."""
    return romance_imperative(text) or bool(
        _SPANISH_IMPERATIVE.match(text) or _FRENCH_IMPERATIVE.match(text)
    )


def romance_imperative(text: str) -> bool:
    """Whether a Spanish or French imperative opens the text ("Quita ...", "Et appelle ...")."""
    first, _, rest = _AND_FIRST.sub("", text.strip()).partition(" ")
    french = first.lower() in _FR_IMPERATIVES and bool(_FR_OBJECT.match(rest))
    return first.lower() in _TU_IMPERATIVES or french


def subjunctive_infinitive(word: str) -> str:
    """The infinitive of a Spanish subjunctive after "necesito que": "mandaras" -> "Enviar"."""
    low = word.lower()
    return _INFINITIVES.get(low, "") or spanish_infinitive(low)


def romance_request(text: str, asker: str) -> str:
    """A Spanish or French request frame as a to-do in the mail's language: "que me mandes el
    informe" -> "Enviar a Ana el informe", "j'aurais besoin que tu me confirmes ..." ->
    "Confirmer à Ana ..." (unchanged otherwise)."""
    if spanish := _NECESITO.match(text):
        verb = spanish.group("verb").lower()
        infinitive = subjunctive_infinitive(verb)
        to_me = spanish.group("me") and asker and infinitive in {"Enviar", "Confirmar"}
        to_me = f" a {asker}" if to_me else ""
        text = f"{infinitive}{to_me} {text[spanish.end() :]}" if infinitive else text
    if french := BESOIN_QUE.match(text):
        infinitive = _french_infinitive(french.group("verb"))
        to_me = f" à {asker}" if french.group("me") and asker else ""
        text = f"{infinitive}{to_me} {text[french.end() :]}" if infinitive else text
    elif (thing := _NEED_THING_FR.match(text)) and asker:
        # "Il me faudrait l'attestation d'assurance": send it to the asker
        what = thing.group("what")
        what = _PARTITIVE.get(thing.group("de") or "", "") + what
        text = f"Envoyer à {asker} {what}"
    elif formal := _FORMAL_FR.match(text):
        rest = text[formal.end() :]  # "Nous vous prions de confirmer ..." -> "Confirmer ..."
        text = f"{rest[:1].upper()}{rest[1:]}"
    return text


# "Il me faudrait l'attestation", "Il nous faut le plan": a thing to send.
_NEED_THING_FR = re.compile(
    r"^(?:pour [^,]{3,80},\s*)?(?:(?:et|aussi|par contre),?\s+)?"
    r"il (?:me|nous) (?:faut|faudrait|faudra)\s+"
    r"(?P<de>de (?=l'|la |le )|d'|du |des )?(?P<what>(?:l'|la |le |les |un |une |vos |votre |"
    r"ton |ta |tes )\S.*)$",
    re.IGNORECASE,
)
_PARTITIVE = {"du ": "le ", "des ": "les "}
# "Nous vous prions de confirmer ...", "Je vous remercie de transmettre ...": the infinitive.
_FORMAL_FR = re.compile(
    r"^(?:nous vous prions|je vous prie|nous vous remercions|je vous remercie|"
    r"nous vous saurions gré|je vous saurais gré)\s+d(?:e\s+|')"
    r"(?=[a-zàâçéèêëîïôûù]+(?:er|ir|re)\b)",
    re.IGNORECASE,
)


_NECESITO = re.compile(
    r"^(?:[^:,]{3,30}[:,]\s*)?(?:(?:necesito|necesitamos|necesitar[ií]a|necesitar[ií]amos|"
    r"te pido|os pido|le pido|os pedimos|le rogamos|les rogamos|"
    r"le ruego|te ruego|os rogamos|le agradeceríamos|les agradeceríamos|le agradecería|"
    r"te agradecería|te pediría|le pediría|os pediría|les pediría) )?que (?P<me>me |nos )?"
    r"(?:(?:lo|la|los|las) )?(?P<verb>\w+)\s*",
    re.IGNORECASE,
)
_INFINITIVES = {
    # the present subjunctive and, after "te pediría que", the past one ("enviaras")
    **dict.fromkeys(
        ["mandes", "envíes", "pases", "mandéis", "enviéis", "mande", "envíe"], "Enviar"
    ),
    **dict.fromkeys(["mandaras", "mandara", "enviaras", "enviara", "pasaras", "pasara"], "Enviar"),
    **dict.fromkeys(["firmes", "firméis", "firme", "firmaras", "firmara"], "Firmar"),
    **dict.fromkeys(["revises", "reviséis", "revise", "revisaras", "revisara"], "Revisar"),
    **dict.fromkeys(
        ["confirmes", "confirméis", "confirme", "confirmaras", "confirmara"], "Confirmar"
    ),
    **dict.fromkeys(["prepares", "preparéis", "prepare", "prepararas", "preparara"], "Preparar"),
    **dict.fromkeys(["valides", "validéis", "valide", "validaras", "validara"], "Validar"),
    **dict.fromkeys(["devolvieras", "devolviera", "devuelvas", "devuelva"], "Devolver"),
    **dict.fromkeys(["aprobaras", "aprobara", "apruebes", "apruebe"], "Aprobar"),
    **dict.fromkeys(["completaras", "completara", "rellenaras", "rellenara"], "Completar"),
}


# "J'aurais besoin que tu me confirmes ta présence": the subjunctive is the ask.
BESOIN_QUE = re.compile(
    r"^(?:(?:et|aussi|par contre),?\s+)?(?:j'ai|j'aurais|nous avons|nous aurions|on a|on aurait) "
    r"(?:(?:aussi|également|encore|surtout|vraiment) )?besoin que (?:tu|vous) "
    r"(?P<me>me |m'|nous )?(?P<verb>[a-zàâçéèêëîïôûù]+)\s+",
    re.IGNORECASE,
)
_FRENCH_IRREGULAR = {
    **dict.fromkeys(["fasses", "fassiez"], "Faire"),
    **dict.fromkeys(["dises", "disiez"], "Dire"),
    **dict.fromkeys(["mettes", "mettiez"], "Mettre"),
    **dict.fromkeys(["transmettes", "transmettiez"], "Transmettre"),
    **dict.fromkeys(["relises", "relisiez"], "Relire"),
    **dict.fromkeys(["répondes", "répondiez"], "Répondre"),
    **dict.fromkeys(["remplisses", "remplissiez"], "Remplir"),
    **dict.fromkeys(["envoies", "envoyiez"], "Envoyer"),
}


def _french_infinitive(verb: str) -> str:
    """ "confirmes" -> "Confirmer": a subjunctive after "que tu/vous", regular or common."""
    low = verb.lower()
    if low in _FRENCH_IRREGULAR:
        return _FRENCH_IRREGULAR[low]
    stem = low[:-3] if low.endswith("iez") else low[:-2] if low.endswith("es") else ""
    return f"{stem}er".capitalize() if len(stem) >= 3 else ""


SPANISH_VERBS = frozenset(_INFINITIVES.values())


_FR_INFINITIVE = re.compile(r"^[A-ZÀ-Ý][a-zàâçéèêëîïôûù]{2,}(?:er|ir|re)$")
_AND_FIRST = re.compile(r"^(?:et|y|puis|además|también),?\s+(?=¿|[a-zà-ÿ])", re.IGNORECASE)
_FR_TO_US = re.compile(r"^(?:nous|me|m')\s*([a-zàâçéèêëîïôûù]{3,}(?:er|ir|re))\s+", re.I)
# Words that end like an infinitive and are none: "Votre avis sur le devis"
_FR_NOT_VERBS_TEXT = """votre notre leur premier dernier dossier lettre calendrier fichier courrier
    papier chantier atelier quartier métier entre contre autre titre chiffre membre ordre offre
    centre nombre livre cadre registre semestre trimestre ministre"""
_FR_NOT_VERBS = frozenset(_FR_NOT_VERBS_TEXT.split())


def without_and(part: str, lang: str) -> str:
    """A French or Spanish ask without the "Et"/"Y" it opens with ("Y ¿puedes revisar ...?")."""
    return _AND_FIRST.sub("", part) if lang in {"fr", "es"} else part


def infinitive_todo(text: str, lang: str, asker: str) -> tuple[str, bool]:
    """A French or Spanish to-do in the infinitive, and whether it already is one.

    "Quita el acceso" -> "Quitar el acceso"; a list's "nous transmettre le programme" ->
    "Transmettre à Luc le programme"; "Confirmar a Marta ..." and "Relire le rapport" are
    to-dos already.
    """
    if lang in {"es", "fr"}:
        text = tu_imperative(text, lang)
    if lang == "fr" and asker and (to_us := _FR_TO_US.match(text)):
        verb = to_us.group(1)
        text = f"{verb[:1].upper()}{verb[1:]} à {asker} {text[to_us.end() :]}"
    first = text.partition(" ")[0]
    french = bool(_FR_INFINITIVE.match(first)) and first.lower() not in _FR_NOT_VERBS
    return text, first in SPANISH_VERBS or (lang == "fr" and french)
