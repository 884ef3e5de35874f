"""Details a machine's notice gives its duty: the domain, the account, a sign-in's device and
place, when a failed payment is tried again."""

from __future__ import annotations

import re
from datetime import datetime

from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.sentences import split_sentences

_DOMAIN_NAME = re.compile(r"(?:[\w-]+\.)+[a-z]{2,6}", re.I)
_DOMAIN_WORD = {"en": "the domain", "de": "die Domain", "fr": "le domaine", "es": "el dominio"}
# Words that name a notice, not what it is about: "Payment failed", "Billing".
_GENERIC = re.compile(
    r"(?:payment|billing|invoice|charge|subscription|account|zahlung|paiement|pago|"
    r"facturation|facturación|abrechnung)s?",
    re.I,
)
# "auto-renew is off": renewing by hand is one way, turning it on the other.
_AUTO_RENEW_OFF = re.compile(
    r"\bauto-?renew(?:al)? (?:is |has been )?(?:turned |switched )?(?:off|disabled)\b", re.I
)
_OR_AUTO_RENEW = {
    "en": " or turn on auto-renew",
    "de": " oder die automatische Verlängerung einschalten",
    "fr": " ou activer le renouvellement automatique",
    "es": " o activar la renovación automática",
}
# "Device: Windows", "on a Windows device"; "Location: Lagos, Nigeria": where a sign-in was.
_DEVICE = re.compile(
    r"(?:^|\n)\s*(?:device|gerät|appareil|dispositivo)\s*:\s*([^\n,(]{2,30})|"
    r"\bon an? ([\w ]{2,20}?) device\b",
    re.I,
)
_PLACE = re.compile(
    r"(?:^|\n)\s*(?:location|near|place|ort|standort|lieu|emplacement|ubicación|ubicacion)\s*:"
    r"\s*([^\n,(]{2,40})",
    re.I,
)
_SIGN_IN = {
    "en": "Check the new {what}sign-in{where} to {account}",
    "de": "Die neue Anmeldung{what}{where} im {account} prüfen",
    "fr": "Vérifier la nouvelle connexion{what}{where} à {account}",
    "es": "Revisar el nuevo inicio de sesión{what}{where} en {account}",
}
_ACCOUNT = {
    "en": ("your {brand} account", "your account"),
    "de": ("{brand}-Konto", "Konto"),
    "fr": ("votre compte {brand}", "votre compte"),
    "es": ("tu cuenta de {brand}", "tu cuenta"),
}
_FROM = {"en": " from {}", "de": " aus {}", "fr": " depuis {}", "es": " desde {}"}


def domain_named(thing: str, lang: str) -> str:
    """ "verdeloop.com" -> "the domain verdeloop.com"; anything else as it is."""
    return (
        f"{_DOMAIN_WORD.get(lang, 'the domain')} {thing}"
        if _DOMAIN_NAME.fullmatch(thing)
        else thing
    )


# A subject that is a sentence about the notice, naming no thing: "We couldn't process your
# payment", "No pudimos procesar tu pago".
_CLAUSE = re.compile(
    r"^(?:we|you|it|nous|wir|no)\b(?:\s+\S+){1,3}\s+(?:your|tu|su|votre|ihre?)\s+"
    r"(?:payment|pago|paiement|zahlung|cargo|charge)\b",
    re.I,
)


def only_notice_words(thing: str) -> bool:
    """The subject's "object" is only a notice's word ("Payment", "Billing") or a sentence
    about it ("We couldn't process your payment")."""
    return _GENERIC.fullmatch(thing) is not None or _CLAUSE.match(thing) is not None


def or_auto_renew(text: str, lang: str) -> str:
    """ " or turn on auto-renew" when the notice says auto-renew is off, else ""."""
    return _OR_AUTO_RENEW.get(lang, _OR_AUTO_RENEW["en"]) if _AUTO_RENEW_OFF.search(text) else ""


def retry_date(lead: str, received: datetime) -> Deadline | None:
    """When a failed payment is tried again ("We'll try again automatically on 15 November")."""
    for sentence in split_sentences(lead):
        if _RETRY.search(sentence) and (found := resolve_deadline(sentence, received)):
            return found if found.due >= received.date() else None
    return None


_RETRY = re.compile(
    r"\b(?:try (?:again|to charge)|retry|re-?attempt|charge (?:it |you |your card )?again|"
    r"next attempt|another attempt|erneut (?:versuchen|abbuchen|belasten)|nächste[rn]? versuch|"
    r"nouvelle tentative|réessaierons|volveremos a intentar|reintentaremos|nuevo intento)",
    re.IGNORECASE,
)


def sign_in(text: str, lead: str, brand: str, lang: str = "en") -> str:
    """ "Check the new Windows sign-in from Lagos to your Google account", when the alert
    says the device or the place; else the general check."""
    device, place = _DEVICE.search(lead), _PLACE.search(lead)
    if (not device and not place) or lang not in _SIGN_IN:
        return text
    name = (device.group(1) or device.group(2)).strip() if device else ""
    what = (f"{name} " if lang == "en" else f" ({name})") if name else ""
    where = _FROM[lang].format(place.group(1).strip()) if place else ""
    named, plain = _ACCOUNT[lang]
    account = named.format(brand=brand) if brand else plain
    return _SIGN_IN[lang].format(what=what, where=where, account=account)


def customer_account(lead: str, brand: str, lang: str) -> str:
    """ "das Serverhaus-Kundenkonto K-204918", "the Acme account A-1234": the account a
    notice names by its number ("" when it names none)."""
    found = _ACCOUNT_ID.search(lead) or _ACCOUNT_CODE.search(lead)
    if not found or not brand:
        return ""
    number = found.group(1)
    return {
        "de": f"das {brand}-Kundenkonto {number}",
        "fr": f"le compte client {brand} {number}",
        "es": f"la cuenta de cliente de {brand} {number}",
    }.get(lang, f"the {brand} account {number}")


# "Kundenkonto K-204918", "customer account no. 40772", "compte client n° 123": not "account
# ending 8830" (a card's digits).
_ACCOUNT_ID = re.compile(
    r"\b(?:kundenkonto|kundennummer|customer (?:account|number|id)|account (?:number|no\.?|id)|"
    r"compte client|n° client|cuenta de cliente|n\.º de cliente|cliente n\.º)\s*(?:n[°º.]\s*|"
    r"nr\.?\s*|no\.?\s*|:\s*)?([A-Z]{0,4}-?\d{4,})\b",
    re.IGNORECASE,
)
# "FleetTrack account TAWA-0412", "account HPB-ZH-0093": an account's code of letters and digits.
_ACCOUNT_CODE = re.compile(
    r"\b(?:[Aa]ccount|[Kk]onto|compte|cuenta)\s+(?:n[°º.]\s*|no\.?\s*)?"
    r"([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*-\d{3,})\b"
)


# "go to Billing > Payment methods, then retry the invoice": the reader pays it once the card
# is fixed; "We will retry the charge" leaves it to the biller.
_PAY_AFTER = re.compile(
    r"\b(?:then|and)\s+(?:retry|pay|settle)\s+(?:the\s+|your\s+)?(?:invoice|payment|balance)\b",
    re.I,
)
_INVOICE_NO = re.compile(r"\binvoice\s+(?:no\.?\s*|#\s*)?([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-?\d{3,})\b")
_AND_PAY = {"en": " and pay invoice {}", "de": " und Rechnung {} bezahlen"}


def and_pay(text: str, lead: str, lang: str) -> str:
    """ "Update the payment method for X" + " and pay invoice NC-1" when the notice asks the
    reader to pay the invoice once the card is fixed; the text as it is otherwise."""
    invoice = _INVOICE_NO.search(lead)
    if not invoice or not _PAY_AFTER.search(lead) or lang != "en":
        return text
    return text + _AND_PAY["en"].format(invoice.group(1))


# "you are the owner or manager of 14 user accounts", "the reviewer for 14 users".
_REVIEWED = re.compile(
    r"\b(\d{1,4}) (user accounts?|users|accounts|direct reports|employees|identities)\b", re.I
)
_CERTIFY_OR_REVOKE = re.compile(r"\bcertify or revoke\b", re.I)


def review_scope(text: str, review: str, lead: str, lang: str) -> str:
    """ "Complete the Q4 access review" -> "Certify or revoke the 14 user accounts in the Q4
    access review" when the notice says how many and to certify or revoke each."""
    found = _REVIEWED.search(lead)
    if not found or lang != "en" or not _CERTIFY_OR_REVOKE.search(lead):
        return text
    return f"Certify or revoke the {found.group(1)} {found.group(2).lower()} in the {review}"


# "You have not yet completed your annual attestation" -> "Complete your annual attestation":
# what a records office still misses, said as a statement, in each language's word order.
_UNDONE_VERBS = {
    "en": {
        **{"completed": "Complete", "submitted": "Submit", "signed": "Sign"},
        **{"returned": "Return", "filed": "File", "paid": "Pay", "renewed": "Renew"},
        **{"acknowledged": "Acknowledge", "finished": "Finish"},
    },
    "fr": {
        **{"complété": "Compléter", "rempli": "Remplir", "soumis": "Soumettre"},
        **{"signé": "Signer", "renvoyé": "Renvoyer", "retourné": "Retourner"},
        **{"transmis": "Transmettre", "payé": "Payer", "réglé": "Régler"},
        **{"renouvelé": "Renouveler", "effectué": "Effectuer", "suivi": "Suivre"},
        "validé": "Valider",
    },
    "de": {
        **{"ausgefüllt": "ausfüllen", "abgeschlossen": "abschließen"},
        **{"eingereicht": "einreichen", "unterschrieben": "unterschreiben"},
        **{"unterzeichnet": "unterzeichnen", "bezahlt": "bezahlen", "erneuert": "erneuern"},
        **{"bestätigt": "bestätigen", "absolviert": "absolvieren"},
        "zurückgeschickt": "zurückschicken",
    },
    "es": {
        **{"completado": "Completar", "enviado": "Enviar", "firmado": "Firmar"},
        **{"presentado": "Presentar", "pagado": "Pagar", "renovado": "Renovar"},
        **{"rellenado": "Rellenar", "realizado": "Realizar", "entregado": "Entregar"},
    },
}
_ALL_VERBS = {lang: "|".join(verbs) for lang, verbs in _UNDONE_VERBS.items()}
_OBJECT_END = r"(?=\s*(?:[.;:!?\n(]|,|\s(?:yet|by|before|for|until|avant|d'ici|antes)\b))"
_UNDONE = {
    "en": re.compile(
        rf"\byou (?:have not|haven'?t)(?: yet)? (?P<verb>{_ALL_VERBS['en']}) "
        rf"(?P<what>(?:your|the) [^.;:!?\n(]{{3,80}}?){_OBJECT_END}",
        re.I,
    ),
    "fr": re.compile(
        rf"\bvous n'avez (?:pas encore|toujours pas|pas) (?P<verb>{_ALL_VERBS['fr']}) "
        rf"(?P<what>(?:votre|vos|le|la|les|l')\s?[^.;:!?\n(]{{3,80}}?){_OBJECT_END}",
        re.I,
    ),
    "de": re.compile(
        rf"\b(?:(?:sie|du) ha(?:ben|st)|ha(?:ben|st) (?:sie|du)) (?P<what>(?:ihr|dein|die|den|"
        rf"das)\w* [^.;:!?\n(]{{3,60}}?) (?:noch nicht|bisher nicht) "
        rf"(?P<verb>{_ALL_VERBS['de']})\b",
        re.I,
    ),
    "es": re.compile(
        rf"\b(?:aún|todavía) no (?:ha|has) (?P<verb>{_ALL_VERBS['es']}) "
        rf"(?P<what>(?:su|tu|sus|tus|el|la|los|las) [^.;:!?\n(]{{3,80}}?){_OBJECT_END}",
        re.I,
    ),
}


_NUDGE_OBJECT = re.compile(
    r"\b(?:order|cart|basket|purchase|checkout|profile|sign-?up|set-?up|onboarding|commande|"
    r"panier|profil|bestellung|warenkorb|einkauf|pedido|carrito|compra|perfil)\b",
    re.I,
)


def unfinished_item(lead: str, lang: str) -> str:
    """ "Complete your annual attestation" when the notice says the reader has not yet done
    it ("vous n'avez pas encore complété votre attestation ..."); "" when it says no such thing.
    """
    for code in dict.fromkeys((lang, "en", "fr", "de", "es")):
        found = _UNDONE[code].search(lead)
        if not found:
            continue
        verb = _UNDONE_VERBS[code][found.group("verb").lower()]
        what = found.group("what").strip(" ,")
        if _NUDGE_OBJECT.search(what):
            return ""  # "complete your order": a shop's nudge, not a duty
        # German puts the verb last: "Ihre Erklärung ausfüllen".
        text = f"{what[:1].upper()}{what[1:]} {verb}" if code == "de" else f"{verb} {what}"
        return text[:140]
    return ""
