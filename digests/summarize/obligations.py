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
from digests.summarize.cues import DEADLINE_LIKE
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.duty_details import (
    customer_account,
    domain_named,
    only_notice_words,
    or_auto_renew,
    retry_date,
    sign_in,
)
from digests.summarize.duty_kinds import DONE, KINDS, MINE, UPSELL
from digests.summarize.notices import NOTICE, obligation_text
from digests.summarize.remedies import alert_items
from digests.summarize.sentences import new_text
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem, truncate

_PREFIX = re.compile(
    r"^(?:(?:re|fwd?|aw|wg|tr|rv)\s*:\s*|\[[^\]]{1,40}\]\s*|"
    r"(?:action (?:required|needed|requise)|required|reminder|rappel|erinnerung|important|"
    r"recordatorio|aviso|"
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
    r"\s*(?:\s[-\u2013\u2014|]\s.*$|\(.*$|\s(?:is |are |ist |sind |est )?(?:due|fällig|vence|"
    r"expires?|expiring|"
    r"will (?:be|expire)|(?:has )?failed|has expired|was|were|has been|have been|closes|ends|"
    r"opens|starts|awaits?|await|by|before|bis|avant|antes|is on (?:its|the) way|"
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
    head, colon, rest = text.partition(": ")
    if kind in _AFTER_COLON and colon and notice.search(head) and len(rest) > 5:
        text = rest  # "Renewal failed: certificate for api.x.co.uk expires in 20 hours"
    if kind in {"approve", "training", "submit"} and (named := _NAMED.match(text)):
        text = _named(kind, named)
    if kind == "sign" and (part := _FOR_PART.match(text)):
        text = f"{part.group(1)} for {part.group(2)}"  # "Lease Renewal - Unit 5B"
    if kind == "sign" and notice.search(text):
        # "firma pendiente del contrato de alquiler" -> "el contrato de alquiler"
        text = notice.sub("", text, count=1).strip(" .:-")
        if of := _OF.match(text):
            text = _OF_ARTICLE.get(of.group(1).lower(), "") + text[of.end() :]
    if kind in {"pay", "card"}:
        # "Your payment failed - account ending 8830": the notice words name no object.
        text = _PREFIX.sub("", notice.sub("", text, count=1).strip(" .:-\u2013\u2014|"))
        text = re.sub(
            r"^(?:[\s:.|\u2013\u2014-]|\b(?:your|tu|votre|ihre?)\b)+", "", text, flags=re.I
        )
    text = _TAIL.sub("", text).strip(" .:-")
    if kind in {"pay", "card"}:  # "Your payment card expires on 31 October": no object
        text = _ON_DATE.sub("", text)
    if kind in {"pay", "card"} and (found := _FOR.search(text)):
        text = found.group("x")  # "Unsuccessful GIRO deduction for CPF contributions"
    text = _DUTY_WORDS.sub("", text, count=1)
    text = text.strip(" .:-")
    return text.strip("\"'") if text.count('"') % 2 or text.count("'") % 2 else text


_ON_DATE = re.compile(r"\s*\b(?:on|am|le|el)\s+[^\n]*\d[^\n]*$", re.I)


# "3 expense reports are waiting for your approval", "Certificate renewal awaiting your
# approval: api.acme.io", "Mandatory training assigned: Safeguarding", "Scorecard due: Amira".
_NAMED = re.compile(
    r"^(?:you have\s+)?(?P<thing>.+?)\s+(?:(?:is|are)\s+)?(?P<how>(?:awaiting|waiting for|pending|"
    r"needs?|requires?)\s+(?:your\s+)?approval|assigned|due|overdue)\b\s*"
    r"(?:[:\-\u2013]\s*(?P<name>[^(\n]+?))?\s*(?:\s[-\u2013|]\s.*|\(.*)?$",
    re.I,
)
_THE = re.compile(
    r"^(?:\d|(?:certificate|invoice|expense|purchase|timesheet|request|order|"
    r"document|contract|budget|report|renewal|leave|time-off|scorecard)s?\b)",
    re.I,
)


def _named(kind: str, named: re.Match[str]) -> str:
    """The object a notice names around its status words: "the scorecard for Amira Haddad"."""
    thing, name = named.group("thing").strip(), (named.group("name") or "").strip()
    if kind == "training":
        noun = re.search(r"\b(?:training|course|e-?learning|module)\b", thing, re.I)
        return f"{name} {noun.group(0).lower() if noun else 'training'}" if name else thing
    thing = f"{thing[:1].lower()}{thing[1:]}" if _THE.match(thing) else thing
    return f"{thing} for {name}" if name else thing


# "Lease Renewal - 1420 N Dearborn Unit 5B": what the document is for, when no date follows.
_FOR_PART = re.compile(
    r"^(.{3,60}?)\s[-\u2013]\s(?!.*\b(?:due|by|before|expires?|today|tomorrow|reminder)\b)"
    r"([^\d\s].{2,60}|\d+\s+\w.{2,60})$",
    re.I,
)


_OF = re.compile(
    r"^(del|de la|de los|de las|du|des|de|of the|for the|of|for|für|für die|des)\s+", re.I
)
_OF_ARTICLE = {"del": "el ", "de la": "la ", "de los": "los ", "de las": "las ", "du": "le "}
_OF_ARTICLE |= {"des": "les ", "of the": "the ", "for the": "the ", "für die": "die "}


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
    if kind in {"leak", "leaked"}:
        thing = _secret(lead)
    if kind == "renew":
        thing = re.sub(r"^renewal of\s+(?:your\s+|the\s+)?", "", thing, flags=re.I)
        thing = domain_named(thing, lang)  # "the domain x.com"
    if kind == "card" and (account := customer_account(lead, brand, lang)):
        thing = account  # "Ihre Kreditkarte läuft ab": for the account it pays
    elif kind in {"card", "pay"} and only_notice_words(thing) and brand:
        thing = f"{brand} account"  # "Payment failed - ...": the account it is for
    if kind == "card" and lang == "en" and not _ARTICLE.match(thing):
        thing = f"the {thing}"
    if kind == "renewfail" and lang == "en" and not re.search(r"certific", thing, re.I):
        thing += " certificate" if re.search(r"\bcertificate\b", lead, re.I) else ""
    if (
        kind in {"approve", "renew", "renewfail", "training", "submit", "sign", "bill"}
        and lang == "en"
    ):
        lower = _THE.match(thing) or thing[:1].islower()
        thing = f"{thing[:1].lower()}{thing[1:]}" if _THE.match(thing) else thing
        article = lower or kind in {"training", "sign"}
        thing = f"the {thing}" if article and not _ARTICLE.match(thing) else thing
    if kind == "activate":
        thing = re.sub(r"^(?:your|the|ihre|die|votre|la|tu|su)\s+", "", thing, flags=re.I)
        thing = thing if _CARD.search(thing) else _NEW_CARD.get(lang, _NEW_CARD["en"])
        ending = _ENDING.search(lead) if lang == "en" else None
        thing = f"{thing} ending {ending.group(1)}" if ending else thing
    if kind == "bill":
        thing = re.sub(r"^(?:your|ihre|votre|tu|su)\s+", "", thing, flags=re.I)
        found = _AMOUNT.search(lead)
        amount = f" ({found.group(0)})" if found else ""
    if kind == "pay":
        found = _AMOUNT.search(lead)
        amount = f"{found.group(0)} " if found else _DUE_NOUN.get(lang, "")
        account = _ACCOUNT.search(lead)
        if lang == "en" and not _PAYABLE.search(thing) and not thing.lower().startswith("account"):
            thing = f"{thing} balance" + (f" for {account.group(0)}" if account else "")
        elif not _PAYABLE.search(thing):
            bal = _BALANCE.get(lang, "")
    return thing, amount, bal


# The secret a leak notice names: "Amazon AWS Access Key ID", "personal access token".
_SECRET = re.compile(
    r"(?P<x>(?:[\w.-]+ ){0,4}?(?:access key(?: id)?|api key|key id|token|secret|credentials?|"
    r"password))\b",
    re.I,
)
_SECRET_NAME = re.compile(r"\b(?:token|key)(?: name)?:\s*[\"\u201c]?([\w.-]{2,40})", re.I)
_REPO_TAG = re.compile(r"^\[(?P<repo>[\w.-]+/[\w.-]+)\]")


def _secret(lead: str) -> str:
    """ "Amazon AWS Access Key ID exposed in acme/docs", "personal access token "cli"."."""
    subject = lead.partition("\n")[0]
    named = _PREFIX.sub("", subject)
    found = _SECRET.search(named.partition(": ")[2] or named)
    thing = found.group("x") if found else "secret"
    thing = re.sub(r"^(?:your|the|a|an)\s+", "", thing, flags=re.I)
    if name := _SECRET_NAME.search(lead):
        thing = f'{thing} "{name.group(1)}"'
    if repo := _REPO_TAG.match(subject):
        thing = f"{thing} exposed in {repo.group('repo')}"
    return thing


_ARTICLE = re.compile(r"^(?:the|your|a|an|this|these)\s", re.I)
_AFTER_COLON = frozenset(["renewfail", "renew", "card", "pay"])
_AUTOPAY = re.compile(
    r"\b(?:auto-?pay|automatically (?:charged|debited|paid)|will be (?:charged|debited)|"
    r"direct debit|no action (?:is )?(?:needed|required)|lastschrift|prélèvement automatique|"
    r"domiciliad[oa])\b",
    re.I,
)
_CERT = re.compile(r"\b(?:certificates?|tls|ssl|dcv|cert-manager)\b", re.I)
_CARD = re.compile(r"\b(?:card|karte|carte|tarjeta)\b", re.I)
_NEW_CARD = {"en": "new card", "de": "neue Karte", "fr": "nouvelle carte", "es": "nueva tarjeta"}
# The new card's last digits: "replacing your card ending 2290 with a new card ending 7730".
_ENDING = re.compile(r"\b(?:new|replacement) [\w ]{0,30}?card ending(?: in)? (\d{4})\b", re.I)
_RUN_NOUN = re.compile(r"\b(?:dag|workflow|pipeline|job|backup|build)\b", re.I)


_NO_BRAND_TEXT = """account accounts security it support notifications notification no-reply noreply
    team admin alerts alert the your service helpdesk billing"""
_NO_BRAND = frozenset(_NO_BRAND_TEXT.split())


def duty_item(
    subject: str, lead: str, sender: str, lang: str, *, mass: bool = False
) -> tuple[str, str]:
    """(the kind, the one item) for a machine's notice of the reader's own obligation.

    ``lead`` is the first lines of the mail, ``sender`` its display name ("Workday"), ``lang``
    the mail's language. ("", "") when the mail names no personal obligation.
    """
    if UPSELL.search(subject) or DONE.search(subject) or (mass and not MINE.search(lead)):
        return "", ""  # a list's mail is the reader's only when it says so
    # "Renee Castillo via Docusign": the tool is the brand.
    brand = sender.split(" via ")[-1].split()[0] if sender.strip() else ""
    if brand.lower().strip(".,:") in _NO_BRAND:
        brand = ""  # "Account Security": "your account", not "your Account account"
    for kind, pattern, texts in KINDS:
        own = kind in {"rerun", "renew", "rotate", "self", "leak", "leaked", "training", "submit"}
        own = own or kind in {"bill", "password"}
        if not pattern.search(subject if own else f"{sender}\n{subject}\n{lead}"):
            continue
        if kind == "rerun" and not MINE.search(lead):
            continue  # someone else's build
        if kind == "renewfail" and not _CERT.search(f"{subject}\n{lead}"):
            continue  # a subscription that failed to renew wants paying, not fixing
        if kind == "bill" and _AUTOPAY.search(lead):
            continue  # paid by direct debit: nothing to do
        thing = _subject_object(subject, kind, pattern)
        if len(thing) < (2 if kind in {"pay", "card"} else 6) and kind != "security":
            return "", ""
        thing, amount, bal = _shape(kind, thing, f"{subject}\n{lead}", brand, lang)
        named = kind in {"self", "approve", "submit", "sign"} and brand.lower() not in thing.lower()
        tool = f" in {brand}" if named and brand else ""
        text = texts.get(lang, texts["en"]).format(
            x=thing, brand=brand, amount=amount, tool=tool, bal=bal
        )
        text = re.sub(r"\s{2,}", " ", text).strip()
        if kind == "renew":
            text += or_auto_renew(f"{subject}\n{lead}", lang)
        if kind == "security":
            text = sign_in(text, lead, brand, lang)
        return kind, truncate(text[:1].upper() + text[1:], 140)
    return "", ""


_BUTTON = re.compile(
    r"^(?:\w+ now|check:|fix:|approve:|sign:|renew:|complete:|view|open|log ?in|sign ?in|"
    r"click|go to|see details|details)\b",
    re.I,
)
_FAMILY = {
    "pay": re.compile(r"\b(pay|payment|pago|paiement|zahlung|bezahl)", re.I),
    "card": re.compile(
        r"\b(card|tarjeta|carte|karte|payment method|(?:payment|billing) (?:details|info)|"
        r"zahlungs(?:daten|informationen|methode)|moyen de paiement|coordonnées bancaires|"
        r"datos de (?:pago|facturación)|método de pago)",
        re.I,
    ),
    "activate": re.compile(r"\b(activat|aktivier|activer|activar)", re.I),
    "leak": re.compile(r"\b(revoke|widerruf|révoqu|revoca)", re.I),
    "leaked": re.compile(r"\b(security log|activity|aktivität|activité|actividad)", re.I),
    "approve": re.compile(r"\b(approv|freigeb|aprob)", re.I),
    "sign": re.compile(r"\b(sign\b|firm|sign(?:er|ez))", re.I),
    "rotate": re.compile(r"\b(rotate|generate a new|regenerate|new (?:key|token))", re.I),
    "renew": re.compile(r"\b(renew|renouvel|renov|verlänger)", re.I),
    "renewfail": re.compile(r"^(?:renew|approve|fix)\b", re.I),
    "bill": re.compile(r"\b(pay|payment|pago|paiement|zahlung|bezahl|überweis)", re.I),
    "password": re.compile(r"\b(?:change|reset|update)\b.{0,30}\b(?:password|it)\b", re.I),
    "access": re.compile(
        r"\b(?:complete|finish|open) (?:the |your |my )?(?:access )?reviews?\b|"
        # "Certify or revoke each item": the review's own steps
        r"\b(?:re)?certify\b|\brevoke each\b|\b(?:keep|approve) or (?:remove|revoke)\b|"
        r"\bzertifizieren\b|\bcertifier\b|\bcertificar\b|"
        # "For each user, confirm the access is still needed or revoke it": one item's step
        r"\bstill (?:needed|required)\b|\bor (?:revoke|remove) (?:it|them|their access)\b|"
        r"\bweiterhin (?:benötigt|erforderlich)\b|\btoujours nécessaire|\bsigue siendo necesari",
        re.I,
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


# What a security alert's own steps do: change the password, lock or restore the account.
_OWN_STEP = re.compile(
    r"\b(?:change|reset|update) (?:your |the )?(?:\w+ )?password|\bpasswor[dt]\w* ändern|"
    r"\bchanger (?:votre |ton )?mot de passe|\bcambia\w* (?:tu |su |la )?contraseña|"
    r"\brestore (?:\w+ ){0,2}access|\bunlock\b",
    re.I,
)
_CONTRACT = re.compile(r"\b(?:contract|agreement|vertrag|contrat|contrato)\b", re.I)


def with_duty(
    items: list[ActionItem],
    message: ParsedMessage,
    topic: str,
    when: tuple[datetime, Deadline | None],
    lang: str,
    me: str = "",
) -> list[ActionItem]:
    """A machine's notice of the reader's obligation: one item naming it, before the rest."""
    received, first = when
    lead, mass = new_text(message)[:900], message.is_mass_mail
    language = mail_language(f"{topic} {lead}", lang)
    kind, text = duty_item(message.subject, lead, message.from_name, language, mass=mass)
    quiet = UPSELL.search(message.subject) or DONE.search(message.subject)
    if not mass and not quiet:
        rest = [i for i in items if not is_vague(i.text, kind)]
        found = alert_items(rest, message, (kind, text), (received, first), language, me)
        if found is not None:
            return found
    # "Your contract expires on 30 June", "... will be charged to your card": statements.
    bare = _CONTRACT.search(topic) or _AUTOPAY.search(lead)
    if not text and not items and not mass and not bare and NOTICE.search(message.subject):
        text = obligation_text(topic)  # "Action required: payment failed" -> "Fix: ..."
    if not text:
        return items
    # "due September 18" in the subject; "Time-off request: Carla, Dec 21-24" names no deadline.
    named = resolve_deadline(topic, received) if DEADLINE_LIKE.search(topic) else None
    same_day = named and first and named.due == first.due
    # The button or ask the duty replaces was dated where the mail asks ("Your scorecard is
    # due by Thu"): a better guess than the mail's soonest date ("Thanks for today's interview").
    replaced = next((i for i in items if i.due and is_vague(i.text, kind)), None)
    asked = Deadline(replaced.due, replaced.time) if replaced else None
    deadline = first if same_day or not named else named
    deadline = deadline if named else asked or first
    if kind == "rerun":
        deadline = None  # a broken run is due now, not on a date its log mentions
    elif kind in {"card", "pay"} and (retry := retry_date(lead, received)):
        deadline = retry  # fixed before the next attempt, it need not fail again
    elif kind == "page":
        # an incident fires now: not when the on-call shift it names ends ("until Mon 09:00")
        deadline = Deadline(received.date())
    elif kind == "security" and not deadline:
        deadline = Deadline(received.date())  # someone is in the account now
    elif items and not deadline:
        deadline = Deadline(items[0].due, items[0].time) if items[0].due else None
    if kind == "security" and not deadline:
        deadline = Deadline(received.date())  # someone has your password: check it today
    rest = [i for i in items if not is_vague(i.text, kind)]
    if kind == "security" and rest and any(_OWN_STEP.search(i.text) for i in rest):
        # "change your password yourself ..., and call the IT Service Desk": the alert's own
        # steps say what to do; the general check would be one more
        undated = deadline or Deadline(received.date())
        return [i if i.due else ActionItem(i.text, undated.due, undated.time) for i in rest]
    duty = ActionItem(text, deadline.due if deadline else None, deadline.time if deadline else None)
    return [duty, *rest][:MAX_ACTION_ITEMS]
