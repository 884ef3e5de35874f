"""A machine's personal obligation as one item: the obligation's verb and the object it names.

A notice about the reader's own duty ("Action required: Q1 access review for Warehouse
Systems", "Your access key will be deactivated in 48 h", "Unsuccessful GIRO deduction for CPF
contributions") becomes one item that says what to do with what ("Complete the Q1 access
review for Warehouse Systems"), in the mail's language, instead of the mail's button texts
("Pay now", "Review now"), which say nothing alone and are dropped.
"""

from __future__ import annotations

import re
from datetime import datetime

from digests.parsing import ParsedMessage
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.notices import NOTICE, obligation_text
from digests.summarize.sentences import new_text
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem, truncate

_LANGS = ("en", "de", "fr", "es")

# (kind, what in the subject or the first lines says so, the item per language: "{x}" is the
# object the subject names). Checked in order: a failed payment is a payment before a renewal.
_KINDS: list[tuple[str, re.Pattern[str], dict[str, str]]] = [
    (
        "security",
        re.compile(
            r"\b(new sign-?in|security alert|unusual (?:sign-?in|activity)|"
            r"neue anmeldung|sicherheitswarnung|"
            r"alerte de sécurité|nouvelle connexion|"
            r"alerta de seguridad|nuevo inicio de sesión)\b",
            re.I,
        ),
        {
            "en": "Check the recent activity on your {brand} account",
            "de": "Die letzten Aktivitäten im {brand}-Konto prüfen",
            "fr": "Vérifier l'activité récente de votre compte {brand}",
            "es": "Revisar la actividad reciente de tu cuenta de {brand}",
        },
    ),
    (
        "card",
        re.compile(
            r"\b(card (?:was |has been )?(?:declined|expired)|update (?:your )?(?:card|payment "
            r"method)|actualiza(?:r)? (?:tu |la )?tarjeta|mettez à jour votre (?:carte|moyen)|"
            r"zahlungsmethode aktualisieren|tarjeta .{0,40}(?:caducad|rechazad)|caducidad)",
            re.I,
        ),
        {
            "en": "Update the payment card for {x}",
            "de": "Zahlungsmethode für {x} aktualisieren",
            "fr": "Mettre à jour la carte de paiement pour {x}",
            "es": "Actualizar la tarjeta de pago de {x}",
        },
    ),
    (
        "pay",
        re.compile(
            r"\b(payment (?:failed|declined|unsuccessful|was unsuccessful|could not be processed)|"
            r"unsuccessful [\w ]{0,20}(?:deduction|payment|debit)|failed payment|"
            r"(?:past due|overdue) (?:balance|invoice|payment)|"
            r"balance (?:is )?(?:past due|overdue)|"
            r"no hemos podido cobrar|pago (?:fallido|rechazado|pendiente)|recibo devuelto|"
            r"prélèvement (?:échoué|rejeté|impayé)|paiement (?:échoué|refusé|rejeté)|impayé|"
            r"zahlung (?:fehlgeschlagen|abgelehnt)|lastschrift\w* (?:fehlgeschlagen|zurück))",
            re.I,
        ),
        {
            "en": "Pay the {amount}{bal}{x}",
            "de": "{amount}für {x} bezahlen",
            "fr": "Régler {amount}pour {x}",
            "es": "Pagar {amount}de {x}",
        },
    ),
    (
        "access",
        re.compile(
            r"\b(access (?:review|recertification|certification)|recertif\w+|rezertifizierung|"
            r"berechtigungs(?:prüfung|review)|revue des (?:accès|habilitations)|"
            r"recertification des accès|revisión de (?:accesos|permisos))",
            re.I,
        ),
        {
            "en": "Complete the {x}",
            "de": "{x} abschließen",
            "fr": "Terminer la {x}",
            "es": "Completar la {x}",
        },
    ),
    (
        "self",
        re.compile(
            r"\b(self-?(?:assessment|review|evaluation|appraisal)|selbsteinschätzung|"
            r"selbstbewertung|auto-?évaluation|autoevaluación)\b",
            re.I,
        ),
        {
            "en": "Submit your {x}{tool}",
            "de": "{x} einreichen{tool}",
            "fr": "Soumettre votre {x}{tool}",
            "es": "Enviar tu {x}{tool}",
        },
    ),
    (
        "page",
        re.compile(
            r"\b(pagerduty|opsgenie|incident\.io)\b[\s\S]{0,300}\b(?:triggered|assigned|acknowledge)|"
            r"\[triggered\]|incident #?\d+ (?:triggered|assigned)",
            re.I,
        ),
        {
            "en": "Acknowledge {x}",
            "de": "{x} bestätigen",
            "fr": "Prendre en charge {x}",
            "es": "Atender {x}",
        },
    ),
    (
        "rotate",
        re.compile(
            r"\b(?:access key|api key|secret|token|ssh key|credential)s?\b.{0,60}"
            r"\b(expir\w*|deactivat\w*|disabled|läuft \w* ab|caduca)",
            re.I,
        ),
        {
            "en": "Rotate {x}",
            "de": "{x} erneuern",
            "fr": "Renouveler {x}",
            "es": "Renovar {x}",
        },
    ),
    (
        "rerun",
        re.compile(
            r"\b((?:run|job|dag|pipeline|workflow|task|build|backup|sync)\s+(?:\S+\s+)?(?:has\s+)?"
            r"(?:failed|failing)|(?:run |job |dag |task )?failed:|fehlgeschlagen|"
            r"a échoué|ha fallado)",
            re.I,
        ),
        {
            "en": "Fix and re-run the failed {x}",
            "de": "{x} reparieren und neu starten",
            "fr": "Corriger et relancer {x}",
            "es": "Corregir y relanzar {x}",
        },
    ),
    (
        "approve",
        re.compile(
            r"\b(awaiting your approval|needs your approval|approval (?:required|needed|"
            r"requested|pending)|freigabe (?:erforderlich|ausstehend|angefordert)|zur freigabe|"
            r"wartet auf ihre freigabe|aprobación pendiente|approbation requise|"
            r"validation requise)",
            re.I,
        ),
        {"en": "Approve {x}", "de": "{x} freigeben", "fr": "Approuver {x}", "es": "Aprobar {x}"},
    ),
    (
        "sign",
        re.compile(
            r"\b(please docusign|signature (?:requested|required|needed)|review and sign|"
            r"awaiting your signature|firma pendiente|signature requise|zur unterschrift|"
            r"unterschrift (?:erforderlich|ausstehend))",
            re.I,
        ),
        {"en": "Sign {x}", "de": "{x} unterschreiben", "fr": "Signer {x}", "es": "Firmar {x}"},
    ),
    (
        "renew",
        re.compile(
            r"\b(renewal of|licen[cs]e .{0,40}(?:renewal|expir)|certificate .{0,40}expir|"
            r"domain .{0,40}expir|renouvellement|renovación|verlängerung)",
            re.I,
        ),
        {"en": "Renew {x}", "de": "{x} verlängern", "fr": "Renouveler {x}", "es": "Renovar {x}"},
    ),
]
# Not the reader's duty: a trial ending, a plan to upgrade, a sale.
_UPSELL = re.compile(
    r"\b(trial|upgrade|% off|discount|offer|sale\b|webinar|essai gratuit|prueba gratuita|"
    r"testphase|newsletter|automatic reply|auto-?reply|out of office|respuesta automática|"
    r"réponse automatique|abwesenheit|automatische antwort)",
    re.I,
)
# Done already: a receipt or a confirmation asks nothing ("Your renewal was successful").
_DONE = re.compile(
    r"\b(successful(?:ly)?|succeeded|confirmed|completed|received|receipt|thank you|approved|"
    r"signed|erfolgreich|erteilt|bestätigt|réussi|confirmée?|reçu|confirmad[oa]|recibido)\b",
    re.I,
)
# The failed run must be the reader's: they own it, are on call, or last changed it.
_MINE = re.compile(
    r"\b(you are (?:the )?owner|you(?:'re| are) (?:the )?on[- ]call|owner of this|modified by you|"
    r"assigned to you|you own|du hast rufbereitschaft|vous êtes d'astreinte|estás de guardia)\b",
    re.I,
)
_PREFIX = re.compile(
    r"^(?:(?:re|fwd?|aw|wg|tr|rv)\s*:\s*|\[[^\]]{1,40}\]\s*|"
    r"(?:action (?:required|needed|requise)|required|reminder|rappel|erinnerung|important|"
    r"urgent|final notice|(?:run |job |build |dag |task )?failed|acción requerida|"
    r"aktion erforderlich|handlungsbedarf|acción necesaria|"
    r"freigabe erforderlich|please docusign|"
    r"docusign|alert|alerta|alerte|warnung|\[?triggered\]?|unsuccessful)\s*[:\-\u2013]\s*)+",
    re.I,
)
_DUTY_WORDS = re.compile(
    r"^(?:your\s+|please\s+)?(?:(?:complete|submit|approve|sign|renew|rotate|pay|"
    r"review|acknowledge)\s+(?:your\s+|the\s+)?)?",
    re.I,
)
# Where the subject's object ends: its deadline, its consequence, its count.
_TAIL = re.compile(
    r"\s*(?:\s[-\u2013\u2014|]\s.*$|\(.*$|\s(?:is |are )?(?:due|fällig|vence|expires?|expiring|"
    r"will (?:be|expire)|(?:has )?failed|has expired|was|were|has been|have been|closes|ends|"
    r"opens|starts|awaits?|await|by|before|bis|avant|antes|"
    r"today|tomorrow|in \d+)\b.*$|:\s+\d+\s.*$)",
    re.I,
)
_FOR = re.compile(r"\b(?:for|für|pour|de|del|para|cobrar|charge|prélever)\s+(?P<x>.{3,80})$", re.I)
_AMOUNT = re.compile(
    r"(?:[$€£¥]|S\$|A\$|US\$|CHF\s?)\s?\d[\d.,]*\d|\d[\d.,]*\d\s?(?:€|EUR|USD|GBP)", re.I
)
_GERMAN_TEXT = "der die das und ist nicht sie ihre ihr wir ich bitte mit für auf"
_GERMAN = frozenset(_GERMAN_TEXT.split())


def mail_language(text: str, fallback: str) -> str:
    """ "de" when German function words dominate, else the caller's guess (en, fr, es)."""
    words = re.findall(r"[^\W\d_]+", text[:1200].lower())
    german = sum(w in _GERMAN for w in words)
    return "de" if german >= 3 and german * 8 >= len(words) else fallback


def _subject_object(subject: str, kind: str, notice: re.Pattern[str]) -> str:
    """What the subject names: "Action required: Q1 access review for X - due Fri" -> "Q1
    access review for X"."""
    text = _PREFIX.sub("", subject).strip()
    if kind in {"pay", "card"}:
        # "Your payment failed - account ending 8830": the notice words name no object.
        text = _PREFIX.sub("", notice.sub("", text, count=1).strip(" .:-\u2013\u2014|"))
        text = re.sub(
            r"^(?:[\s:.|\u2013\u2014-]|\b(?:your|tu|votre|ihre?)\b)+", "", text, flags=re.I
        )
    text = _TAIL.sub("", text).strip(" .:-")
    if kind in {"pay", "card"} and (found := _FOR.search(text)):
        text = found.group("x")  # "Unsuccessful GIRO deduction for CPF contributions"
    text = _DUTY_WORDS.sub("", text, count=1)
    text = text.strip(" .:-")
    return text.strip("\"'") if text.count('"') % 2 or text.count("'") % 2 else text


# What a failed payment is for when the subject names only the account ("for acme.io").
_PAYABLE = re.compile(
    r"\b(invoice|bill|balance|rent|contributions?|fees?|subscription|premium|factura|facture|"
    r"rechnung|beitr\w*|cotisations?|cuota|loyer|miete)\b",
    re.I,
)
_DUE_NOUN = {"de": "den offenen Betrag ", "fr": "le montant dû ", "es": "el importe pendiente "}
_BALANCE = {"en": "balance for ", "de": "offenen Betrag für ", "fr": "solde de ", "es": "saldo de "}
_ACCOUNT = re.compile(r"\baccount (?:ending(?: in)?|no\.?|number) [\w*-]*\d{3,}", re.I)
_INCIDENT = re.compile(r"#?(?P<num>\d{3,})\W+(?P<what>.+)$")


def _shape(kind: str, thing: str, lead: str, brand: str, lang: str) -> tuple[str, str, str]:
    """The object, amount and "balance for" words one kind of duty is written with.

    ``lead`` starts with the subject line, then the mail's first lines.
    """
    amount, bal = "", ""
    if kind == "rerun" and (noun := _RUN_NOUN.search(f"{thing} {lead}")):
        named = re.sub(rf"^{noun.group(0)}\s+", "", thing, flags=re.I)  # "DAG x" -> "x DAG"
        thing = named if noun.group(0).lower() in named.lower() else f"{named} {noun.group(0)}"
    if kind == "page" and (incident := _INCIDENT.search(thing)):
        thing = f"{brand} incident #{incident.group('num')} ({incident.group('what')})".strip()
    if kind in {"access", "self"}:
        thing = re.sub(r"^(?:your|the|die|der|la|le|tu|votre)\s+", "", thing, flags=re.I)
        lower = thing[1:2].islower() and lang != "de"  # German nouns keep their capital
        thing = thing[:1].lower() + thing[1:] if lower else thing
    if kind == "pay":
        found = _AMOUNT.search(lead)
        amount = f"{found.group(0)} " if found else _DUE_NOUN.get(lang, "")
        account = _ACCOUNT.search(lead)
        if lang == "en" and not _PAYABLE.search(thing) and not thing.lower().startswith("account"):
            thing = f"{thing} balance" + (f" for {account.group(0)}" if account else "")
        elif not _PAYABLE.search(thing):
            bal = _BALANCE.get(lang, "")
    return thing, amount, bal


_RUN_NOUN = re.compile(r"\b(?:dag|workflow|pipeline|job|backup|build)\b", re.I)


def duty_item(
    subject: str, lead: str, sender: str, lang: str, *, mass: bool = False
) -> tuple[str, str]:
    """(the kind, the one item) for a machine's notice of the reader's own obligation.

    ``lead`` is the first lines of the mail, ``sender`` its display name ("Workday"), ``lang``
    the mail's language. ("", "") when the mail names no personal obligation.
    """
    if _UPSELL.search(subject) or _DONE.search(subject) or (mass and not _MINE.search(lead)):
        return "", ""  # a list's mail is the reader's only when it says so
    brand = sender.split(" via ")[0].split()[0] if sender.strip() else ""
    for kind, pattern, texts in _KINDS:
        own = kind in {"rerun", "renew", "rotate", "self"}
        if not pattern.search(subject if own else f"{sender}\n{subject}\n{lead}"):
            continue
        if kind == "rerun" and not _MINE.search(lead):
            continue  # someone else's build
        thing = _subject_object(subject, kind, pattern)
        if len(thing) < (2 if kind in {"pay", "card"} else 6) and kind != "security":
            return "", ""
        thing, amount, bal = _shape(kind, thing, f"{subject}\n{lead}", brand, lang)
        tool = f" in {brand}" if kind == "self" and brand.lower() not in thing.lower() else ""
        text = texts.get(lang, texts["en"]).format(
            x=thing, brand=brand, amount=amount, tool=tool, bal=bal
        )
        text = re.sub(r"\s{2,}", " ", text).strip()
        return kind, truncate(text[:1].upper() + text[1:], 140)
    return "", ""


_BUTTON = re.compile(
    r"^(?:\w+ now|check:|fix:|approve:|sign:|renew:|complete:|view|open|log ?in|sign ?in|"
    r"click|go to|see details|details)\b",
    re.I,
)
_FAMILY = {
    "pay": re.compile(r"\b(pay|payment|pago|paiement|zahlung|bezahl)", re.I),
    "card": re.compile(r"\b(card|tarjeta|carte|karte|payment method)", re.I),
    "approve": re.compile(r"\b(approv|freigeb|aprob)", re.I),
    "sign": re.compile(r"\b(sign\b|firm|sign(?:er|ez))", re.I),
    "rotate": re.compile(r"\b(rotate|generate a new|regenerate|new (?:key|token))", re.I),
    "renew": re.compile(r"\b(renew|renouvel|renov|verlänger)", re.I),
    "access": re.compile(
        r"\b(?:complete|finish|open) (?:the |your |my )?(?:access )?reviews?\b", re.I
    ),
    "self": re.compile(r"\bself-?(?:assessment|review|evaluation)", re.I),
    "page": re.compile(r"\b(acknowledge|ack\b)", re.I),
    "security": re.compile(r"\b(check|review) (?:the )?(?:recent )?activity", re.I),
    "rerun": re.compile(r"\b(re-?run|retry)", re.I),
}


def is_vague(text: str, kind: str = "") -> bool:
    """A button's text or an item the duty already says ("Pay now", "Check: Security alert")."""
    core = re.sub(r"\s*\(re: .*$", "", text)
    family = _FAMILY.get(kind)
    return (
        len(core.split()) <= 3 or bool(_BUTTON.match(core)) or bool(family and family.search(core))
    )


_CONTRACT = re.compile(r"\b(?:contract|agreement|vertrag|contrat|contrato)\b", re.I)


def with_duty(
    items: list[ActionItem],
    message: ParsedMessage,
    topic: str,
    when: tuple[datetime, Deadline | None],
    lang: str,
) -> list[ActionItem]:
    """A machine's notice of the reader's obligation: one item naming it, before the rest."""
    received, first = when
    lead, mass = new_text(message)[:900], message.is_mass_mail
    language = mail_language(f"{topic} {lead}", lang)
    kind, text = duty_item(message.subject, lead, message.from_name, language, mass=mass)
    bare = _CONTRACT.search(topic)  # "Your contract expires on 30 June": a statement
    if not text and not items and not mass and not bare and NOTICE.search(message.subject):
        text = obligation_text(topic)  # "Action required: payment failed" -> "Fix: ..."
    if not text:
        return items
    named = resolve_deadline(topic, received)  # "due September 18" in the subject
    same_day = named and first and named.due == first.due
    deadline = first if same_day or not named else named
    if kind == "rerun":
        deadline = None  # a broken run is due now, not on a date its log mentions
    elif items and not deadline:
        deadline = Deadline(items[0].due, items[0].time) if items[0].due else None
    if kind == "security" and not deadline:
        deadline = Deadline(received.date())  # someone has your password: check it today
    rest = [i for i in items if not is_vague(i.text, kind)]
    duty = ActionItem(text, deadline.due if deadline else None, deadline.time if deadline else None)
    return [duty, *rest][:MAX_ACTION_ITEMS]
