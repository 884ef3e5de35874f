"""Asks worded as something else: a recommendation, a need, a wish, a reminder of what is undone.

"Worth reading the comments before our 1:1" recommends reading them; "Need the questionnaire
filled in ASAP" and "You're the only supervisor who hasn't yet indicated the holder" ask for
the doing; "j'aimerais avoir ton avis sur la charte", "necesita tu firma", "échale un ojo"
ask for an opinion, a signature, a review. Each is given as a request ("Please read ...") that
``action_text`` words, or, in French and Spanish, as the infinitive the digest shows.
"""

from __future__ import annotations

import re

from digests.summarize.frames import unframe
from digests.summarize.romance import BESOIN_QUE, participle_verb, plain, romance_request
from digests.summarize.sentences import Caseless, cues_of, lower_exactly, lowered
from digests.summarize.verbs import IMPERATIVE, base_form, base_verb
from digests.summarize.waits import waiting_ask

# "Worth reading X", "It's well worth checking X": not "worth noting that ...", which informs.
_WORTH = re.compile(
    r"^(?:(?:it'?s|it is|it would be|it'd be|it might be|might be|probably|definitely|could be)"
    r"\s+)?(?:well |really |probably )?worth (?!(?:noting|mentioning|knowing|saying|pointing|"
    r"remembering|keeping|bearing|adding|stressing|repeating|flagging|watching)\b)"
    r"(?P<verb>[a-z]+ing)\b(?P<rest>[^;]*)",
    re.IGNORECASE,
)
# "You still haven't submitted X", "You're the only supervisor who hasn't yet indicated X".
_NOT_YET = re.compile(
    r"^(?:(?:it )?(?:looks|seems) like |i (?:see|noticed) (?:that )?)?you(?:'re| are) "
    r"(?:the (?:only|last) (?:[\w-]+ ){1,2}|one of the (?:few|last) (?:[\w-]+ ){1,2})(?:who|that) "
    r"(?:still )?(?:has|have)(?:n't| not) (?:yet )?(?P<done>[a-z]+ed|sent|paid|done)\b"
    r"(?P<rest>[^;]*)|"
    r"^(?:(?:it )?(?:looks|seems) like |i (?:see|noticed) (?:that )?)?you (?:still )?"
    r"(?:haven't|have not) (?:yet )?(?P<done2>[a-z]+ed|sent|paid)\b(?P<rest2>[^;]*)",
    re.IGNORECASE,
)
# "I think only you can run that in BrightPay", "you are the only one who can approve this":
# only the reader can do it, so it is theirs; what "that" is may open the sentence ("Also her
# final payslip with the holiday pay owed, I think only you can run that").
_ONLY_YOU = re.compile(
    r"^(?:(?P<np>(?:also |and )?(?:the|her|his|their|our|my|your) [^,;]{3,80}),\s+)?"
    r"(?:.{0,40}\b)?(?<!not )(?:only you can|you(?:'re| are) the only (?:one|person) "
    r"(?:who|that) can)\s+(?P<ask>(?P<verb>approve|sign|countersign|run|authori[sz]e|"
    r"release|submit|confirm|open|unlock|reset|renew|pay|book|order|review|update|fix|"
    r"restore|change|grant)\b[^;]*)$",
    re.IGNORECASE,
)
# "Tu n'as pas encore rempli le formulaire", "Todavía no has firmado el contrato".
_NOT_YET_ROMANCE = re.compile(
    r"\b(?:tu n'as|vous n'avez) (?:toujours )?pas (?:encore )?"
    r"(?P<fr>[a-zéèêàâîôûç]+(?:é|i)s?)\b(?P<rest_fr>[^.;!?]*)|"
    r"\b(?:todav[ií]a|a[úu]n) no (?:has|ha|hab[eé]is|han) "
    r"(?P<es>[a-záéíóúñ]+(?:ado|ido|ito|cho)s?)\b(?P<rest_es>[^.;!?]*)",
    re.IGNORECASE,
)
# "Need the questionnaire filled in ASAP", "We'll need the contract signed by Friday".
_NEED_DONE = re.compile(
    r"^(?:[^,;]{0,80},\s*(?:so|and|but)\s+)?"  # "Our board pack is compiled tonight, so ..."
    r"(?:(?:i|we)(?:'ll| will|'d| would)? )?(?:really |still |also )?need "
    # Not "I need your approval on the budget (tab X in the shared sheet)": that asks for
    # the approval, and "shared" there is no participle of the ask.
    r"(?!your (?:approval|ok|okay|go-ahead|sign-?off|signature|input|feedback|review)\b)"
    r"(?P<what>(?:the|your|this|that|these|those|both|all) [^.!?;(]{2,80}?) "
    r"(?P<done>filled in|filled out|completed|signed off|signed|approved|reviewed|sent over|sent|"
    r"submitted|updated|fixed|booked|checked|finished|done|uploaded|shared|paid|returned|"
    r"confirmed|merged|deployed)\b(?P<rest>[^;]*)",
    re.IGNORECASE,
)
# "We need every department head's input on two things: ...": the reader is one of them.
_GROUP_NEED = re.compile(
    r"^(?:(?:for|on|about) [^,]{3,60},?\s+)?(?:i|we)(?:'ll| will|'d| would)? (?:also |still )?need "
    r"(?:everyone's|everybody's|(?:every|each|all) (?:[\w-]+ ){0,2}?[\w-]+s?'s?) "
    r"(?P<what>input|feedback|numbers|figures|estimates?|updates?|availability|answers?|"
    r"comments|thoughts|votes?|plans?|forecasts?)\b(?P<rest>[^;]*)",
    re.IGNORECASE,
)
# "j'aimerais avoir ton avis sur X", "il a besoin de ta signature", "necesita tu firma",
# "me gustaría saber tu opinión sobre X": the thing wanted says what to do.
_WISH = re.compile(
    r"\b(?:j'aimerais|je voudrais|nous aimerions|(?:j'ai|il a|elle a|on a|nous avons) besoin de|"
    r"(?:j'aurais|nous aurions|on aurait) besoin de|il (?:me|nous) (?:faut|faudrait)|"
    r"me gustar[ií]a|nos gustar[ií]a|quisiera|necesit[ao]n?|necesitamos|"
    r"quiero|queremos|quieren?|"
    # a closing wait: "Dans l'attente de ton retour", "Quedo a la espera de tu respuesta"
    r"j'attends|nous attendons|dans l'attente de|quedo a la espera de|quedamos a la espera de|"
    r"espero|esperamos|quedo atent[oa] a|quedamos atent[oa]s a)\s+"
    r"(?:(?:avoir|conna[iî]tre|savoir|recevoir|tener|saber|conocer|contar con)\s+)?"
    r"(?P<whose>ton|ta|tes|votre|vos|tus?|sus?|vuestr[oa]s?)\s+(?P<noun>avis|retours?|accord|"
    r"validation|feu vert|signature|r[ée]ponse|d[ée]cision|confirmation|commentaires|firma|"
    r"aprobaci[óo]n|visto bueno|opini[óo]n|respuesta|decisi[óo]n|confirmaci[óo]n|valoraci[óo]n|"
    r"comentarios|feedback|ok|autorisation|autorizaci[óo]n|permiso|choix|elecci[óo]n)\b"
    r"(?P<rest>[^.;:?!]*)",
    re.IGNORECASE,
)
# "Ton retour avant vendredi serait top", "Tu aprobación antes del viernes sería ideal".
_WELCOME = re.compile(
    r"^(?P<whose>ton|ta|tes|votre|vos|tus?|sus?|vuestr[oa]s?) (?P<noun>avis|retours?|accord|"
    r"validation|feu vert|signature|commentaires|r[ée]ponse|firma|aprobaci[óo]n|visto bueno|"
    r"opini[óo]n|"
    r"respuesta|comentarios|feedback|ok)\b(?P<rest>[^,]{0,60}?) (?:serait|seraient|ser[ií]an?) "
    r"(?:vraiment |muy |super |très )?(?:top|super|génial|parfait|idéal|précieux|bienvenue?s?|"
    r"apprécié(?:e|s|es)?|ideal|genial|perfecto|estupendo|bienvenid[oa]s?|de gran ayuda|"
    r"d'une grande aide|utile|útil)\b",
    re.IGNORECASE,
)
# What each wanted thing asks for, in French ("ton avis") and in Spanish ("tu opinión").
_FRENCH_WISH = {
    "avis": "Donner {whose} avis",
    "retour": "Donner {whose} avis",
    "retours": "Donner {whose} avis",
    "commentaires": "Donner {whose} avis",
    "opinion": "Donner {whose} avis",
    "accord": "Valider",
    "validation": "Valider",
    "feu vert": "Valider",
    "ok": "Valider",
    "signature": "Signer",
    "reponse": "Répondre à {asker}",
    "decision": "Décider",
    "confirmation": "Confirmer",
    "feedback": "Donner {whose} avis",
    "autorisation": "Autoriser",
    "choix": "Donner à {asker} {whose} choix",
}
_SPANISH_WISH = {
    "firma": "Firmar",
    "aprobacion": "Aprobar",
    "visto bueno": "Aprobar",
    "ok": "Aprobar",
    "opinion": "Dar {whose} opinión",
    "valoracion": "Dar {whose} opinión",
    "comentarios": "Dar {whose} opinión",
    "feedback": "Dar feedback a {asker}",
    "respuesta": "Responder a {asker}",
    "decision": "Decidir",
    "confirmacion": "Confirmar",
    "autorizacion": "Autorizar",
    "eleccion": "Decir a {asker} {whose} elección",
    "permiso": "Autorizar",
}
# "... votre confirmation écrite et de votre numéro de commande": two things to send.
_AND_YOURS = re.compile(
    r"^(?P<more>[^.;:!?]{0,40}?) et d(?:e |')(?P<next>(?:votre|vos|ton|ta|tes) .+)$"
)
_ENDS = re.compile(r"\s+(?:d'ici|avant|au plus tard|pour|afin)\b.*$")
# "Il me la faudrait au plus tard mercredi": the thing named before is needed.
_PRONOUN_NEED = re.compile(r"^il (?:me|nous) (?:la|le|les|l') ?(?:faut|faudrait|faudra)\b", re.I)
# What the opinion or signature is on: "... sur la charte graphique", "... sobre el plan".
_ABOUT = re.compile(
    r"^\s*(?:sur|concernant|à propos de|pour|sobre|acerca de|para|de)\s+(?!que\b|qu')\S.*$"
)
_FOR = re.compile(r"^(?:para|pour)\s+")
# "Échale un ojo", "écha un vistazo", "jette un œil": look it over.
_LOOK = re.compile(
    r"\b(?:[ée]chale|[ée]chales|[ée]chadle|[ée]chele|[ée]cha) un (?:ojo|vistazo)\b"
    r"(?: (?:a|al) (?P<what>[^,.;]+))?|"
    r"\b(?:jette|jetez|jetons) un (?:(?:petit )?coup d'|)(?:œil|oeil)\b(?: (?:à|au|aux) "
    r"(?P<quoi>[^,.;]+))?",
    re.IGNORECASE,
)
# "Tú eres la única con acceso, así que ¿puedes enviarlo?", "..., donc pourriez-vous le signer ?":
# the reason before "so" informs; the question after it asks.
_SO_ASK = re.compile(
    r"^[^?¿]{10,}?,\s*(?:as[ií] que|por eso|por lo que|de modo que|donc|alors|du coup)\s+"
    r"(?P<ask>¿?\s*(?:(?:me|nos) )?(?:puedes|podr[ií]as|pod[eé]is|puede|podr[ií]a|peux-tu|"
    r"pouvez-vous|pourriez-vous|pourrais-tu|tu peux|vous pouvez|merci de)\b.*)$",
    re.IGNORECASE,
)
_SO_CUES = cues_of(lowered(_SO_ASK))
# "Je constate qu'il manque toujours votre note", "Todavía falta tu informe": the missing
# thing is the reader's to send.
_MISSING = re.compile(
    r"\b(?:il (?:me |nous )?manque (?:toujours |encore )?|(?:todav[ií]a |a[úu]n )?"
    r"(?:me |nos )?falta(?:n)? (?:todav[ií]a |a[úu]n )?)(?P<whose>ton|ta|tes|votre|vos|tus?|sus?) "
    r"(?P<what>[^.;:!?(]{3,90})",
    re.IGNORECASE,
)
# "Necesitamos dos cosas antes del martes: el plano y la lista", "il me faut deux choses : ...":
# the things listed are the reader's to send.
_NEED_LIST = re.compile(
    r"\b(?:necesit(?:o|amos)|me hacen falta|nos hacen falta|j'ai besoin de|nous avons besoin de|"
    r"il (?:me|nous) faut)\s+(?:de\s+)?(?:dos|tres|cuatro|deux|trois|quatre|un par de)\s+"
    r"(?:cosas|documentos|datos|choses|documents|éléments|informations)\b[^:]{0,60}:\s*"
    r"(?P<what>[^.;!?]{5,200})",
    re.IGNORECASE,
)
CUE = Caseless(
    re.compile(
        r"\bmanque\b|\bfaltan?\b|\bworth \w+ing\b|\bha(?:s|ve)(?:n't| not) (?:yet )?\w+|"
        r"\bneed (?:the|your|this|that|these|those|both|all|every|each|everyone's|everybody's)\b|"
        r"j'aimerais|je voudrais|nous aimerions|besoin de|besoin que|il (?:me|nous) (?:\w+ )?fau|"
        r"gustar[ií]a|quisiera|necesit|quier|queremos|un (?:ojo|vistazo)\b|attend|attente|espera|"
        r"espero|esperamos|atent[oa]|serait|seraient|ser[ií]a|pas encore|toujours pas|"
        r"todav[ií]a no|a[úu]n no|"
        r"un (?:petit )?(?:coup d')?(?:œil|oeil)\b",
        re.IGNORECASE,
    ),
    gated=True,
)


def indirect_ask(sentence: str, asker: str) -> str:
    """The request an indirect ask makes ("Please read the comments"), or ""."""
    if framed := unframe(sentence, asker):
        return framed
    text = sentence.strip()
    low = lower_exactly(text)  # "..., so" is looked for only where its words are: faster
    if (low is None or any(map(low.__contains__, _SO_CUES))) and (so := _SO_ASK.match(text)):
        return so.group("ask")
    if ("your " in text or "by you" in text) and (waits := waiting_ask(text)):
        return waits  # "The pour card still needs your signature": sign it
    if "only " in text and (only := _ONLY_YOU.match(text)):
        ask, np = only["ask"].rstrip(" ."), only["np"]
        if np:  # "run that": the thing the sentence opened with
            np = re.sub(r"^(?:also|and) ", "", np, flags=re.IGNORECASE)
            ask = re.sub(r"^(\w+) (?:that|this|it)\b", lambda m: f"{m[1]} {np}", ask)
        return f"Please {ask}"
    if not CUE.search(text):
        return ""
    if BESOIN_QUE.match(text):  # "Nous aurions aussi besoin que vous nous confirmiez X"
        return romance_request(text, asker)
    if worth := _WORTH.match(text):
        verb = base_form(worth.group("verb"))
        return f"Please {verb}{worth.group('rest')}" if IMPERATIVE.fullmatch(verb) else ""
    if undone := _NOT_YET.match(text):
        done = undone.group("done") or undone.group("done2")
        rest = undone.group("rest") if undone.group("done") else undone.group("rest2")
        rest = re.sub(r"\s+yet\b", "", rest)
        return f"Please {base_verb(done).lower()}{rest}"
    if group := _GROUP_NEED.match(text):
        who = f" {asker}" if asker else ""
        return f"Send{who} your {group.group('what').lower()}{group.group('rest')}"
    if romance := _NOT_YET_ROMANCE.search(text):
        if french := romance.group("fr"):
            stem = re.sub(r"s$", "", french.lower())
            verb = stem[:-1] + ("er" if stem.endswith("é") else "ir")
            return f"{verb.capitalize()}{romance.group('rest_fr')}"
        return f"{participle_verb(romance.group('es')).capitalize()}{romance.group('rest_es')}"
    if need := _NEED_DONE.match(text):
        verb = base_verb(need.group("done"))
        return f"Please {verb.lower()} {need.group('what')}{need.group('rest')}"
    if _PRONOUN_NEED.match(text):
        return "Envoyer" + (f" à {asker}" if asker else "")  # what ``pointers`` finds named
    if wish := _WISH.search(text) or _WELCOME.match(text):
        noun, whose = plain(wish.group("noun")), wish.group("whose").lower()
        if (both := _AND_YOURS.match(wish.group("rest"))) and whose in {"votre", "ton", "ta"}:
            what = f"{wish.group('whose')} {wish.group('noun')}{both.group('more')}"
            more = _ENDS.sub("", both.group("next"))
            return f"Envoyer{f' à {asker}' if asker else ''} {what} et {more}"
        table = _FRENCH_WISH if whose in {"ton", "ta", "tes", "votre", "vos"} else _SPANISH_WISH
        whose = {"ta": "ton", "tes": "ton", "vos": "votre", "tus": "tu", "sus": "su"}.get(
            whose, whose
        )
        if noun not in table:
            return ""
        verb = table[noun].format(whose=whose, asker=asker or "")
        verb = re.sub(r"\s+(?:à|a)\s*$", "", verb)
        about = _ABOUT.match(wish.group("rest"))
        if about and verb.startswith("Autori"):  # "tu autorización para el pedido": authorise it
            return f"{verb} {_FOR.sub('', about.group(0).strip())}"
        return f"{verb} {about.group(0).strip()}" if about else verb
    if listed := _NEED_LIST.search(text):
        french = re.search(r"j'ai|nous avons|il (?:me|nous) faut", listed.group(0), re.IGNORECASE)
        verb = ("Envoyer à " if french else "Enviar a ") + (asker or "")
        return f"{verb.strip()} {listed.group('what').strip()}"
    if missing := _MISSING.search(text):
        french = missing.group("whose").lower() in {"ton", "ta", "tes", "votre", "vos"}
        verb = ("Envoyer à " if french else "Enviar a ") + (asker or "")
        what = missing.group("what").strip(" ,\u2013-")
        return f"{verb.strip()} {missing.group('whose')} {what}"
    if look := _LOOK.search(text):
        spanish = re.search(r"ojo|vistazo", look.group(0), re.IGNORECASE)
        what = look.group("what") or look.group("quoi") or ""
        return f"{'Revisar' if spanish else 'Relire'} {what}".strip()
    return ""
