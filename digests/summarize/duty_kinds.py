"""The kinds of personal obligation a machine's notice names, and what says a notice is none.

Each kind: the words that say it (in the subject, or for most kinds also the sender and the
first lines) and the item in English, German, French and Spanish, where "{x}" is the object the
subject names. Checked in order: a failed payment is a payment before a renewal.
"""

from __future__ import annotations

import re

from digests.summarize.sentences import Caseless

KINDS: list[tuple[str, re.Pattern[str], dict[str, str]]] = [
    (
        "security",
        re.compile(
            r"\b(new sign-?in|security alert|unusual (?:sign-?in|activity)|fraud alert|"
            # a card's transaction the bank stopped: "did you make this purchase?"
            r"(?:declined|suspicious|unusual) (?:card )?(?:transaction|purchase)|"
            r"did you (?:make|authori[sz]e) this (?:purchase|transaction|charge)|"
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
        "activate",
        re.compile(
            r"\b(activate (?:your |the )?(?:new |replacement )?(?:[\w-]+ ){0,3}card\b|"
            r"activer votre (?:nouvelle )?carte|aktivieren sie ihre (?:neue )?karte|"
            r"karte aktivieren|activa(?:r)? (?:tu|su) (?:nueva )?tarjeta)",
            re.I,
        ),
        {
            "en": "Activate the {x}",
            "de": "{x} aktivieren",
            "fr": "Activer la {x}",
            "es": "Activar la {x}",
        },
    ),
    (
        "card",
        re.compile(
            r"\b(card (?:ending (?:in )?\d{4} )?(?:was |has been )?(?:declined|expired)|"
            # "Ihre hinterlegte Kreditkarte läuft am 31.07. ab", "your card expires on 31 July"
            r"(?:kredit)?karte [^.\n]{0,30}(?:läuft|abgelaufen)|carte [^.\n]{0,30}expir|"
            r"card [^.\n]{0,30}(?:expires|is expiring|will expire|has expired)|"
            r"update (?:your |the )?(?:card|payment "
            r"method)|(?:payment method|card) (?:is|has)(?:n'?t| not)(?: been)? updated|"
            r"actualiza(?:r)? (?:tu |la )?tarjeta|mettez à jour votre (?:carte|moyen)|"
            r"zahlungsmethode aktualisieren|tarjeta .{0,40}(?:caducad|rechazad)|caducidad)",
            re.I,
        ),
        {
            "en": "Update the payment method for {x}",
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
            # "Payroll funding not received", "returned by your bank (R01 - Insufficient funds)"
            r"(?:funding|funds|payment|wire) (?:was |has |have )?(?:not|never) (?:been )?received|"
            r"insufficient funds|(?:debit|payment) (?:was )?returned|"
            r"(?:past due|overdue) (?:balance|invoice|payment)|"
            r"balance (?:is )?(?:past due|overdue)|"
            # "Examination fee pending", "unpaid invoice": a fee to pay, not a payment in transit;
            # only the state word is matched, so the fee stays the object
            r"(?:(?<=\bfee )|(?<=\bfees )|(?<=\binvoice )|(?<=\bbalance )|(?<=\bdues ))"
            r"(?:is |are )?(?:still )?(?:pending|outstanding|unpaid)|"
            r"(?<!\bno )(?<!\bzero )(?:outstanding|unpaid)(?= (?:fees?|invoice|balance|dues)\b)|"
            r"no hemos podido cobrar|pago (?:fallido|rechazado|pendiente)|recibo devuelto|"
            r"no (?:pudimos|hemos podido|se pudo|se ha podido) (?:debitar|cobrar|domiciliar|"
            r"procesar (?:el cargo|el pago|tu pago))|"
            r"por fondos insuficientes|"
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
        "bill",  # "Your invoice INV-2041 is due on December 3": a bill only the reader pays
        re.compile(
            r"\b(?:invoice|bill|statement|rechnung|facture|factura|recibo)\b[^.\n]{0,50}"
            r"\b(?:is due|due (?:on|by|date)|payment due|fällig|à payer|à régler|vence|"
            r"pendiente de pago)|"
            # "Statement: quay rent outstanding - acct 77104"
            r"\bstatement\b(?![^.\n]{0,40}\b(?:nothing|no|zero|nil)\b)[^.\n]{0,40}"
            r"\b(?:outstanding|overdue)\b",
            re.I,
        ),
        {
            "en": "Pay {x}{amount}",
            "de": "{x}{amount} bezahlen",
            "fr": "Payer {x}{amount}",
            "es": "Pagar {x}{amount}",
        },
    ),
    (
        "password",
        re.compile(
            r"\bpassword\b.{0,30}\b(?:expires?|expiring|will expire|expiration)\b|"
            r"\bpasswort\b.{0,30}\bläuft\b|\bmot de passe\b.{0,30}\bexpire|"
            r"\bcontraseña\b.{0,30}\b(?:caduca|vence|expira)",
            re.I,
        ),
        {
            "en": "Change your {brand} password",
            "de": "{brand}-Passwort ändern",
            "fr": "Changer votre mot de passe {brand}",
            "es": "Cambiar tu contraseña de {brand}",
        },
    ),
    (
        "renewfail",  # "auto-renewal failing": the renewal is set up, something blocks it
        re.compile(
            r"\b(?:auto-?)?renewal (?:is |has )?(?:failing|failed)|renewal failure|"
            r"(?:failed|unable) to (?:auto-?)?renew|could not (?:be )?renewed?|"
            r"verlängerung fehlgeschlagen|échec du renouvellement|renovación fallida",
            re.I,
        ),
        {
            "en": "Fix the failing renewal of {x}",
            "de": "Fehlgeschlagene Verlängerung von {x} beheben",
            "fr": "Corriger le renouvellement en échec de {x}",
            "es": "Corregir la renovación fallida de {x}",
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
            r"\b(self[- ]?(?:assessment|review|evaluation|appraisal)|selbsteinschätzung|"
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
        "training",
        re.compile(
            r"\b(?:training|course|e-?learning|module)s?\b.{0,30}\b(?:assigned|due|overdue|"
            r"reminder|expir\w*)\b|\b(?:assigned|overdue)\b.{0,20}\b(?:training|course|"
            r"e-?learning)|\b(?:schulung|pflichtschulung|formation obligatoire|"
            r"formación obligatoria)\b",
            re.I,
        ),
        {
            "en": "Complete {x}",
            "de": "Schulung {x} abschließen",
            "fr": "Terminer la formation {x}",
            "es": "Completar la formación {x}",
        },
    ),
    (
        "submit",  # "Scorecard due: Amira Haddad - Senior Backend Engineer"
        re.compile(
            r"^(?:\[[^\]]{1,40}\]\s*)?[\w -]{3,30}?\s+(?:is\s+)?(?:due|overdue)\s*[:\-\u2013]\s*\S",
            re.I,
        ),
        {
            "en": "Submit {x}{tool}",
            "de": "{x} einreichen",
            "fr": "Soumettre {x}",
            "es": "Enviar {x}",
        },
    ),
    (
        "page",
        re.compile(
            r"\b(pagerduty|opsgenie|incident\.io)\b[\s\S]{0,300}\b(?:triggered|assigned|acknowledge)|"
            r"\[triggered\]|incident #?\d+ (?:triggered|assigned)|"
            # "[OpsPager] TRIGGERED #4821: ...", "INCIDENT TRIGGERED": any paging tool's words
            r"\btriggered\W{1,3}#\d+|^incident triggered\b",
            re.I | re.M,
        ),
        {
            "en": "Acknowledge {x}",
            "de": "{x} bestätigen",
            "fr": "Prendre en charge {x}",
            "es": "Atender {x}",
        },
    ),
    (
        "leaked",  # found and revoked already: what matters is who used it meanwhile
        re.compile(
            r"\b(?:token|key|secret|credential|password)s?\b.{0,80}\b(?:exposed|leaked|found|"
            r"detected|compromised)\b.{0,40}\b(?:revoked|deactivated|disabled)",
            re.I,
        ),
        {
            "en": "Check your {brand} account for activity using the exposed {x}",
            "de": "{brand}-Konto auf Zugriffe mit {x} prüfen",
            "fr": "Vérifier l'activité de votre compte {brand} avec {x}",
            "es": "Revisar la actividad de tu cuenta de {brand} con {x}",
        },
    ),
    (
        "leak",
        re.compile(
            r"\b(?:token|key(?: id)?|secret|credential|password)s?\b.{0,40}\b(?:exposed|leaked|"
            r"detected|found in|compromised)\b|\bsecret scanning\b|"
            r"\bleaked (?:secret|credential|key|token)s?\b",
            re.I,
        ),
        {"en": "Revoke the {x}", "de": "{x} widerrufen", "fr": "Révoquer {x}", "es": "Revocar {x}"},
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
            r"\b(awaiting your approval|(?:needs|requires?) your approval|"
            r"waiting for (?:your )?approval|"
            r"pending (?:your )?approval|approval (?:required|needed|"
            r"requested|pending)|freigabe (?:erforderlich|ausstehend|angefordert)|zur freigabe|"
            r"wartet auf ihre freigabe|aprobación pendiente|approbation requise|"
            r"validation requise)",
            re.I,
        ),
        {
            "en": "Approve {x}{tool}",
            "de": "{x} freigeben",
            "fr": "Approuver {x}",
            "es": "Aprobar {x}",
        },
    ),
    (
        "sign",
        re.compile(
            r"\b(please docusign|(?<!no )signature (?:requested|required|needed)|review and sign|"
            r"awaiting your signature|firma pendiente|signature requise|zur unterschrift|"
            r"unterschrift (?:erforderlich|ausstehend))",
            re.I,
        ),
        {
            "en": "Sign {x}{tool}",
            "de": "{x} unterschreiben",
            "fr": "Signer {x}",
            "es": "Firmar {x}",
        },
    ),
    (
        "resubmit",  # "Expense report returned: Bengaluru summit": fix it and send it again
        re.compile(
            r"\b(?:(?:expense |travel )?(?:report|claim|timesheet|invoice|filing|submission)s? "
            r"(?:has been |was )?"
            r"(?:returned|rejected|sent back)|note de frais (?:renvoyée|refusée|rejetée)|"
            # "Your Q3 2026 forecast upload failed validation": the file goes in again
            r"(?:upload|file|submission|import) (?:has )?failed validation\b|"
            r"(?:reisekosten)?abrechnung (?:zurückgewiesen|abgelehnt)|"
            r"(?:informe|reporte|nota) de gastos (?:devuelt[oa]|rechazad[oa]))",
            re.I,
        ),
        {
            "en": "Correct and resubmit {x}",
            "de": "{x} korrigieren und erneut einreichen",
            "fr": "Corriger et soumettre à nouveau {x}",
            "es": "Corregir y volver a enviar {x}",
        },
    ),
    (
        "renew",
        re.compile(
            r"\b(renewal of|licen[cs]e .{0,40}(?:renewal|expir)|certificate .{0,40}expir|"
            # "Ihr EBICS-Zertifikat läuft heute ab", "votre certificat expire le 3 mai"
            r"zertifikat .{0,40}(?:läuft|abgelaufen)|certificat .{0,40}expir|"
            r"certificado .{0,40}(?:caduca|vence|expira)|"
            r"domain .{0,40}expir|renouvellement|renovación|verlängerung|"
            # "verdeloop.com expires in 6 days": a domain name that expires
            r"^(?:[\w-]+\.)+[a-z]{2,6} (?:expires|is expiring|will expire|läuft|expire|"
            r"vence|caduca))",
            re.I,
        ),
        {"en": "Renew {x}", "de": "{x} verlängern", "fr": "Renouveler {x}", "es": "Renovar {x}"},
    ),
]
# Not the reader's duty: a trial ending, a plan to upgrade, a sale.
UPSELL = re.compile(
    r"\b(trial|upgrade|% off|discount|offer|sale\b|webinar|save \d+\s?%|essai gratuit|"
    r"prueba gratuita|"
    r"testphase|newsletter|automatic reply|auto-?reply|out of office|respuesta automática|"
    r"réponse automatique|abwesenheit|automatische antwort)",
    re.I,
)
# Done already: a receipt or a confirmation asks nothing ("Your renewal was successful").
DONE = re.compile(
    # "Payroll funding not received", "Timesheet not approved": not done, a duty still
    r"(?<!\bnot )(?<!\bnever )(?<!n't )(?<!\byet to be )(?<!\bnot been )(?<!\bnever been )"
    r"\b(successful(?:ly)?|succeeded|confirmed|completed|received|receipt|thank you|approved|"
    r"signed(?! in\b)|erfolgreich|erteilt|bestätigt|réussi|confirmée?|reçu|confirmad[oa]|"
    r"recibido)\b",
    re.I,
)
# The failed run must be the reader's: they own it, are on call, or last changed it.
MINE = re.compile(
    r"\b(you are (?:the )?owner|you(?:'re| are) (?:the )?on[- ]call|owner of this|modified by you|"
    r"assigned to you|you own|du hast rufbereitschaft|vous êtes d'astreinte|estás de guardia)\b",
    re.I,
)
# Asked yes or no: on lower-cased text, only where their words are (faster).
UPSELL, DONE, MINE = (Caseless(p, gated=True) for p in (UPSELL, DONE, MINE))


def sells_or_confirms(subject: str) -> bool:
    """The subject sells (a trial, an upgrade) or confirms what is done: no duty of the reader."""
    return bool(UPSELL.search(subject) or DONE.search(subject))
