"""Mail from machines: who is one, and which of their notices are the reader's obligation.

A machine asks only for a personal obligation (a payment to fix, access to recertify, a
report due); its notice names the obligation in the subject ("Action required: payment failed
for acme.io" -> "Fix: payment failed for acme.io"). A tool's mail that @-mentions the reader
carries a person's ask, and a calendar invitation is an item only when the mail asks for an
answer.
"""

from __future__ import annotations

import re
import zoneinfo

from digests.parsing import ParsedMessage
from digests.summarize.dates import resolve_deadline
from digests.summarize.patterns import may_hold as _may_hold
from digests.summarize.people import reader_first_name
from digests.summarize.sentences import Caseless, for_yes_or_no, new_text, split_sentences
from digests.summarize.types import ActionItem, truncate

# "You have not yet completed ...", "vous n'avez pas encore complété ...", "Sie haben ... noch
# nicht eingereicht", "aún no ha firmado ...", "must be completed by ...": the reader's part,
# still undone. Said by a records office, it is a duty whatever the thing is called.
_DONE_EN = r"(?:completed|submitted|signed|returned|filed|paid|renewed|acknowledged|finished)"
_DONE_FR = (
    r"(?:complété|rempli|soumis|signé|renvoyé|retourné|transmis|payé|réglé|renouvelé|"
    r"effectué|suivi|validé)e?s?"
)
_DONE_DE = (
    r"(?:ausgefüllt|abgeschlossen|eingereicht|unterschrieben|unterzeichnet|bezahlt|erneuert|"
    r"bestätigt|absolviert|zurückgeschickt)"
)
_DONE_ES = r"(?:completad|enviad|firmad|presentad|pagad|renovad|rellenad|realizad|entregad)[oa]s?"
# "You haven't completed your order", "vous n'avez pas finalisé votre profil": a shop's or an
# app's nudge, not an obligation.
NUDGED = (
    r"(?! (?:your |the |votre |le |la |ihre? |su |el |la )?(?:order|cart|basket|purchase|"
    r"checkout|profile|sign-?up|set-?up|onboarding|commande|panier|profil|bestellung|warenkorb|"
    r"einkauf|pedido|carrito|compra|perfil)\b)"
)
NOT_YET_DONE = (
    rf"\b(?:you (?:have not|haven'?t)(?: yet)? {_DONE_EN}{NUDGED}|(?:has|have) not (?:yet )?been "
    rf"{_DONE_EN}|(?:must|needs? to|has to) be {_DONE_EN} (?:by|before|no later than)|"
    rf"vous n'avez (?:pas encore|toujours pas|pas) {_DONE_FR}{NUDGED}|"
    rf"n'a pas encore été {_DONE_FR}|"
    rf"doi(?:t|vent) être {_DONE_FR} (?:avant|au plus tard|d'ici|le)|"
    rf"(?:sie|du) ha(?:ben|st) (?:\w+ ){{0,4}}(?:noch nicht|bisher nicht|noch kein\w*) "
    rf"(?:\w+ ){{0,4}}{_DONE_DE}|muss (?:bis [^,.]{{1,30}} )?{_DONE_DE} werden|"
    rf"(?:aún|todavía) no (?:ha|has|han) (?:\w+ )?(?:completado|enviado|firmado|presentado|"
    rf"pagado|renovado|rellenado|realizado|entregado){NUDGED}|"
    rf"debe (?:ser )?{_DONE_ES} (?:antes|a más tardar|hasta|el))"
)
# A machine writing about the reader's own obligation or the reader's own system.
OWED = re.compile(
    r"\b(action required|action needed|awaiting your|waiting for your|requires your|needs your|"
    r"your approval|approve|assigned [^.\n]{0,40}to you|you still have|pending|overdue|"
    r"due (on|by|date)?|deadline|expires?|expiring|will be (paused|suspended|disabled|"
    r"deleted|downgraded|closed)|payment (failed|declined)|declined|firing|incident|triggered|"
    # "Expense report returned", "timesheet rejected": the reader's to fix and send again
    r"(?:report|claim|timesheet|filing|submission|note de frais|abrechnung|gastos) "
    r"(?:has been |was )?"
    r"(?:returned|rejected|sent back|renvoyée|refusée|zurückgewiesen|devuelto|rechazado)|"
    # a payment that did not arrive: "Payroll funding not received", "returned by your bank"
    r"(?:funding|funds|payment|wire|transfer) (?:was |were |has |have )?(?:not|never) (?:been )?"
    r"received|insufficient funds|por fondos insuficientes|(?:debit|payment) (?:was )?returned|"
    r"no (?:pudimos|hemos podido|se pudo) (?:debitar|cobrar)|"
    r"exposed|freigabe|fällig|pendiente|vence|vencid\w*|en attente|échéance|à valider|"
    # a system asking the reader by name to do their part
    r"required(?=:)|(?<!no )(signature|response|attention|enrol?lment|your action) required|"
    r"please (complete|enroll|sign|review|submit|approve|renew|pay|recertify|release|"
    r"acknowledge)|review and sign|you have not (yet )?\w+ed|has not been (completed|submitted|"
    r"signed|paid)|bitte (unterschreiben|bestätigen|einreichen|erneuern)|veuillez (signer|"
    r"compléter|valider|renouveler|régler)|por favor,? (firme|complete|renueve|pague))\b|"
    + NOT_YET_DONE,
    re.IGNORECASE,
)
# A machine may ask only for a personal obligation.
_OBLIGATION = re.compile(
    r"\b(pay|payment|invoice|card|billing|renew|certify|recertify|certification|access review|"
    r"approve|self-review|review cycle|sign|signature|reset your password|password|revoke|"
    r"rotate|expire|expiring|expires|acknowledge|incident|submit|wire transfer|funding|"
    # the same duties in French, German and Spanish
    r"payer|régler|paiement|facture|carte bancaire|renouveler|renouvellement|signer|"
    r"approuver|mot de passe|expirer?a?|certifier|soumettre|"
    r"zahlen|bezahlen|zahlung|rechnung|karte|verlängern|verlängerung|erneuern|unterschreiben|"
    r"unterzeichnen|unterschrift|genehmigen|freigeben|passwort|kennwort|läuft \w+ ab|"
    r"zertifizieren|einreichen|"
    r"pagar|pago|factura|tarjeta|renovar|renovación|firmar|firma|aprobar|contraseña|caduca|"
    r"vence|certificar|presentar|"
    # "call the service desk so we can restore external access": a locked account's step
    r"restore (?:\w+ ){0,2}access|unlock your account|reactivate your account|"
    r"(?:zugang|zugriff) wiederherstell\w*|rétablir (?:l'|votre )accès|restablecer el acceso|"
    # A form of the reader's own that a records office still misses: an attestation, a
    # declaration, a mandatory course ("you have not yet completed your annual attestation").
    r"attestation|declaration|disclosure|mandatory training|compliance training|timesheet|"
    r"déclaration|formation obligatoire|erklärung|bescheinigung|pflichtschulung|"
    r"declaración|formación obligatoria|capacitación obligatoria|"
    # "complete the 40-minute refresher module by 9 April": a course the reader must take
    r"(?:complete|finish|take) (?:the |your |this )?(?:[\w-]+ ){0,3}(?:module|course|training|"
    r"e-?learning)|"
    # a form of the reader's to send back: "please return the enclosed proxy form by Friday"
    r"(?:return|complete|fill (?:in|out)|send back|sign) (?:the |your |this |our )?(?:[\w-]+ )"
    r"{0,3}(?:form|proxy|questionnaire|waiver|slip)|(?:renvoyer|retourner|remplir|compléter) "
    r"(?:le |votre |ce )?(?:formulaire|questionnaire|pouvoir)|(?:formular|fragebogen|vollmacht) "
    r"[^.\n]{0,40}(?:ausfüllen|zurücksenden|zurückschicken|einreichen)|(?:devolver|rellenar|"
    r"completar|enviar) (?:el |su |este )?(?:formulario|cuestionario|poder))\b|" + NOT_YET_DONE,
    re.IGNORECASE,
)
# The same, asked only whether it matches: on lower-cased text, regrouped by first letter.
OBLIGATION = Caseless(for_yes_or_no(_OBLIGATION))
NOTICE = re.compile(
    r"\b(action required|action needed|required|awaiting your|waiting for your|needs your|"
    r"pending|overdue|due|expires?|expiring|expired|payment failed|payment declined|card declined|"
    r"reminder|approval|approve|"
    r"sign(?!-?\s?(?:in|up|on))|signature|certif\w*|recertif\w*|freigabe|erforderlich|fällig|"
    r"pendiente|vence|security alert|new sign-?in|alerte de sécurité|sicherheitswarnung|"
    r"alerta de seguridad|"
    r"requis|en attente|échéance|rappel|relance|erinnerung|recordatorio|"
    r"à compléter|à remplir|à signer|à retourner|à régler|à renouveler|"
    r"auszufüllen|einzureichen|zu unterschreiben|por completar|por firmar)(?!\w)",
    re.IGNORECASE,
)
_NOTICE_VERBS = (
    (
        re.compile(
            r"sign-?\s?in|log-?\s?in|security|sécurité|seguridad|sicherheit|password|connexion|anmeldung|sesión",
            re.I,
        ),
        "Check",
    ),
    (re.compile(r"approv|freigabe|aprob|validat", re.I), "Approve"),
    (re.compile(r"payment|card|billing|invoice|charge|pago|paiement|zahlung", re.I), "Fix"),
    (re.compile(r"\bsign(?!-?\s?(?:in|up|on))|signature|firma", re.I), "Sign"),
    (re.compile(r"certif|access review|recertif", re.I), "Complete"),
    (re.compile(r"renew|expir|vence|abl[äa]uf", re.I), "Renew"),
    (re.compile(r"review|training|survey|course|form", re.I), "Complete"),
)
_NOTICE_PREFIX = re.compile(
    r"^(action required|action needed|reminder|important|urgent|final notice|"
    r"freigabe erforderlich|acción requerida|action requise)\s*[:\-\u2013]\s*",
    re.IGNORECASE,
)


_DUE_THING = re.compile(
    r"^(?:your\s+)?(?P<thing>[^:]{3,80}?)\s+(?:is\s+)?(?:due|fällig|vence)\b[^(]*(?P<tail>\(.*\))?$",
    re.IGNORECASE,
)


def obligation_text(topic: str) -> str:
    """ "Action required: payment failed for acme.io" -> "Fix: payment failed for acme.io"."""
    what = _NOTICE_PREFIX.sub("", topic).strip()
    if due := _DUE_THING.match(what):
        # "2026 associate self-evaluation due next Tuesday" -> "Submit 2026 associate ...".
        thing = f"{due.group('thing')} {due.group('tail') or ''}".strip()
        if not re.search(
            r"\b(payment|invoice|bill|rent|renewal|subscription|are|is|you)\b", thing, re.I
        ):
            return truncate(f"Submit {thing[:1].lower()}{thing[1:]}", 140)
    verb = next((v for pattern, v in _NOTICE_VERBS if pattern.search(what)), "")
    return truncate(f"{verb}: {what}", 140) if verb else ""


def is_machine(message: ParsedMessage) -> bool:
    """Sent by software: the parser's view, plus senders such as orders@ or registration@."""
    local = message.from_address.partition("@")[0]
    relayed = " via " in f" {message.from_name.lower()} "  # "Sarah Cohen via Docusign"
    if message.is_automated or relayed or _MACHINE_LOCAL.search(local):
        return True
    # "You're receiving this because you follow ...", "This is a system-generated message"
    # from an address no person reads under their own name
    personal = _PERSONAL_LOCAL.match(local.lower())
    return not personal and bool(_SYSTEM_FOOTER.search(new_text(message)[-700:]))


_SYSTEM_FOOTER = re.compile(
    r"\b(?:you(?:'re| are) receiving this (?:e-?mail |message |notification )?because|"
    r"this is an? (?:automated|automatic|system-generated|auto-generated) (?:message|e-?mail|"
    r"notification|reminder)|this (?:e-?mail|message) was (?:sent )?(?:automatically|"
    r"generated automatically)|do not reply to this (?:automated )?(?:e-?mail|message))\b",
    re.IGNORECASE,
)


_MACHINE_LOCAL = re.compile(
    r"(^|[+._-])(orders?|builds?|notifications?|cards?|shipping|shipment|tracking|registration|"
    r"registrations|info|hello|team|support|service|helpdesk|servicedesk|accounts?|security|store|"
    r"shop|mailer|invoices?|payments?|statements?|billing|facturaci[oó]n|facturation|rechnungen|"
    r"training|alerts?|alertmanager|monitoring|jira|confluence|github|gitlab|"
    r"calendar|noreply|no_reply|reply|mail|e?tickets?|bookings?|reservations?|bounce|admin|"
    r"deals?|offers?|promo|promotions?|sales|marketing|newsletters?|news|events?|community|"
    r"learn|academy|webinars?|speakers?|rewards|loyalty|members?|membership)"
    r"([+._-]|\d|$)",
    re.IGNORECASE,
)


_ASKS_TO_REPLY = re.compile(
    r"\b(rsvp|r\.s\.v\.p|please (?:accept|respond|reply)|"
    r"let (?:me|us) know if you can (?:make|come|attend|join)|can you make it|"
    r"confirm (?:your attendance|whether you can|if you can))\b|"
    # Google Calendar's answer block: "Reply for priya@example.com / Yes: ... / No: ..."
    r"^reply for \S+@\S+$",
    re.IGNORECASE | re.MULTILINE,
)


def invitation_item(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> ActionItem | None:
    """ "RSVP to <event>" when the mail asks for an answer; an invitation alone asks nothing
    (its preparation asks are the items).

    The answer is due when the mail says ("RSVP by Friday"); the event's own date is no
    deadline for it.
    """
    event = message.calendar
    if event is None or event.method in {"CANCEL", "REPLY"}:
        return None
    asked = [s for s in split_sentences(new_text(message)) if _ASKS_TO_REPLY.search(s)]
    if not asked:
        return None
    received = message.received_at.astimezone(zone)
    dated = [s for s in asked if _REPLY_BY.search(s)]  # "RSVP by Friday", not "RSVP for the 30th"
    due = resolve_deadline(dated[0], received) if dated else None
    return ActionItem(
        f"RSVP to {event.summary}".strip(), due.due if due else None, due.time if due else None
    )


# "RSVP by Friday", "please reply before the 20th": when the answer is due.
_REPLY_BY = re.compile(
    r"\b(?:by|before|until|no later than|latest|bis|avant|d'ici|antes del?|hasta)\s", re.I
)


def mentions(text: str, me: str) -> bool:
    """The text @-mentions the reader ("@sam-whitfield", "@Aiko Tanaka"; "@Wei Ling" for
    weiling.tan@: a first name of two words)."""
    parts = [p for p in re.split(r"[._+-]", me.partition("@")[0]) if p.isalpha()]
    if len(parts) < 2 or "@" not in text:
        return False
    handle = r"[\s._-]?".join(map(re.escape, parts[:2]))
    # "@" and the first part, lower-cased, stand in any text the handle is found in
    if _may_hold(text, f"@{parts[0]}") and re.search(rf"@{handle}\b", text, re.IGNORECASE):
        return True
    first = parts[0].lower()
    return len(first) >= 5 and any(
        re.sub(r"[\s._-]", "", found).lower() == first
        for found in re.findall(r"@([A-Z][a-z]+[ -][A-Z][a-z]+)\b", text)
    )


def to_the_reader(line: str) -> str:
    """A chat line without who said it and the mention: "Kenji Watanabe (10:42 AM): @Wei Ling
    can you take a look?" -> "can you take a look?"."""
    return _SPEAKER.sub("", line, count=1)


_SPEAKER = re.compile(
    r"^(?:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?: \([^)]{1,20}\))?:\s*)?[\"\u201c]?"
    r"@[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?[,:]?\s+"
)


# GitHub's reasons for mailing that mean a person turned to the reader.
_PERSON_REASONS = {"review_requested", "mention", "team_mention", "assign", "author", "comment"}
_TOOL_NAME = re.compile(
    r"^.+?\s+\((linear|jira|asana|notion|figma|confluence|slack|github|gitlab|trello|"
    r"clickup|monday\.com)\)$",
    re.IGNORECASE,
)
_PERSON_LOCAL = re.compile(r"^[a-z]+[._-][a-z]+$")  # "tomasz.nowak", not "people" or "it-desk"
_PERSONAL_LOCAL = re.compile(r"^[a-z]+(?:[._-][a-z]+){1,2}$")  # "rui.matos.futebol" too


def person_behind(message: ParsedMessage, me: str = "") -> bool:
    """A person writes through a machine: a GitHub mention, "Hiro Sato (Linear)", a team list.

    A colleague at the reader's own domain writing from a personal address to a team list is
    a person too, even though the list makes the mail look automated.
    """
    if message.headers.get("x-github-reason", "").strip().lower() in _PERSON_REASONS:
        return True
    if _TOOL_NAME.match(message.from_name.strip().lower()):
        return True
    local, _, domain = message.from_address.lower().partition("@")
    auto = message.headers.get("auto-submitted", "no").strip().lower()
    person = bool(
        me
        and auto == "no"
        and len(message.from_name.split()) >= 2
        # "HR Communications" is a department; "Dana Whitfield (Finance)" a person in one
        and not _ORG_NAME.search(re.split(r"\s*[(|,\u2013\u2014]|\s-\s", message.from_name)[0])
    )
    if person and _PERSON_LOCAL.match(local) and domain == me.rpartition("@")[2]:
        return True
    # The coach's mail to the parents' list: "Tom - can you drive?" asks the reader.
    if person and bool(_PERSONAL_LOCAL.match(local)) and _calls_by_name(message, me):
        return True
    # A shop owner writing from hello@ her own shop, to the reader alone and by name.
    return (
        person
        and bool(_FULL_NAME.match(message.from_name.strip()))
        and not message.is_mass_mail
        and message.addressed_to(me) == "to"
        and _greets_by_name(message, me)
        and _signs_with_first_name(message)
        and bool(_I.search(new_text(message)))  # "I've been using your runners": no shop says I
    )


def _signs_with_first_name(message: ParsedMessage) -> bool:
    """One of the new text's last lines is the sender's first name ("Jess x", "- Jess")."""
    first = message.from_name.split()[0].lower() if message.from_name.split() else ""
    lines = [line.strip(" -\u2013\u2014").lower() for line in new_text(message).splitlines()]
    tail = [line for line in lines if line][-3:]
    return len(first) >= 2 and any(
        line.split()[0].strip(",.!") == first and len(line.split()) <= 3 for line in tail
    )


def _greets_by_name(message: ParsedMessage, me: str) -> bool:
    """The new text opens by greeting the reader by first name ("hey Chloe!!")."""
    name = reader_first_name(message, me)
    greeting = _GREETS.match(new_text(message))
    return len(name) >= 2 and greeting is not None and greeting.group(1).lower() == name


_GREETS = re.compile(
    r"^\s*(?:hey|hi|hello|dear|hallo|liebe[rs]?|bonjour|hola|buenos días)\s+([^\W\d_]+)", re.I
)


_I = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|je|j'ai|ich|yo)\b")
_FULL_NAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'-]+ (?:[A-ZÀ-Ý][a-zà-ÿ'-]+ )?[A-ZÀ-Ý][a-zà-ÿ'-]+$")


def _calls_by_name(message: ParsedMessage, me: str) -> bool:
    """A sentence or line of the new text opens with the reader's first name ("Tom, ...")."""
    name = reader_first_name(message, me)
    if len(name) < 2:
        return False
    return any(m.group(1).lower() == name for m in _OPENS_WITH_NAME.finditer(new_text(message)))


_OPENS_WITH_NAME = re.compile(
    r"(?:^|[.!?]\s+)([^\W\d_]+(?:-[^\W\d_]+)*)\s*(?:,|:|\s[-\u2013\u2014]\s)", re.MULTILINE
)


# "HR Communications", "IT Service Desk", "People Team": a department's name, not a person's.
_ORG_NAME = re.compile(
    r"\b(?:communications?|comms|team|office|department|dept|services?|desk|support|news|"
    r"updates?|admin\w*|hr|it|people|payroll|finance|governance|secretar\w+|équipe|service|"
    r"abteilung|personalabteilung|kommunikation|equipo|departamento|comunicación|"
    r"communication|direction|rrhh|noreply)\b",
    re.IGNORECASE,
)
