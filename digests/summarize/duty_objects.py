"""The object a duty's item names: what the notice's subject is about, worded for each kind."""

from __future__ import annotations

import re

from digests.summarize.duty_details import customer_account, domain_named, only_notice_words
from digests.summarize.romance import OF_ARTICLE

_PREFIX = re.compile(
    r"^(?:(?:re|fwd?|aw|wg|tr|rv)\s*:\s*|\[[^\]]{1,40}\]\s*|"
    r"(?:action (?:required|needed|requise)|required|reminder|rappel|erinnerung|important|"
    r"recordatorio|aviso|inbox|"
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
    r"expires?|expiring|läuft|expire|expira|caduca|"
    r"will (?:be|expire)|(?:has )?failed|has expired|was|were|has been|have been|closes|ends|"
    r"opens|starts|awaits?|await|by|before|bis|avant|antes|is on (?:its|the) way|"
    r"today|tomorrow|in \d+)\b.*$|:\s+\d+\s.*$)",
    re.I,
)
# A payment notice's subject that opens with what failed, then names the thing it was for.
_FAILED_HEAD = re.compile(
    r"^(?:your\s+)?(?:payment|auto-?renewal|renewal|charge|direct debit)\s+(?:failed|unsuccessful|"
    r"declined|could not be processed)\s*(?::|\s[-\u2013\u2014|])\s*",
    re.I,
)
# What such a subject names after it: "policy AUT-5567120", "brightpath-clinic.com" (not
# "production services will be suspended", a consequence).
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)
_IDENTIFIED = re.compile(
    r"(?:(?:policy|account|invoice|contract|subscription|order|membership)\s+(?:no\.?\s*|#)?"
    rf"[\w-]*\d[\w-]*|{_DOMAIN.pattern})\b",
    re.I,
)
# "your auto policy DW-4471902", "your Pro subscription 88-1": whose and which kind of thing.
_YOUR = re.compile(
    r"(?:your\s+)?(?:[\w-]+\s+){0,2}?(?=(?:policy|account|invoice|contract|"
    r"subscription|order|membership)\b)",
    re.I,
)
_FOR = re.compile(r"\b(?:for|für|pour|de|del|para|cobrar|charge|prélever)\s+(?P<x>.{3,80})$", re.I)
_AMOUNT = re.compile(
    r"(?:[$€£¥₹]|S\$|A\$|US\$|CHF\s?|Rs\.?\s?|INR\s?|(?-i:GBP|EUR|USD|ZAR|AUD|CAD|NZD|SGD)\s)"
    r"\s?\d[\d.,]*\d|\d[\d.,]*\d\s?(?:€|EUR|USD|GBP)",
    re.I,
)


def subject_object(subject: str, kind: str, notice: re.Pattern[str]) -> str:
    """What the subject names: "Action required: Q1 access review for X - due Fri" -> "Q1
    access review for X"."""
    text = _PREFIX.sub("", subject).strip()
    failed = _FAILED_HEAD.match(text) if kind in {"pay", "card"} else None
    whose = _YOUR.match(text, failed.end()) if failed else None  # "your auto policy ..."
    if failed and _IDENTIFIED.match(text, whose.end() if whose else failed.end()):
        text = text[failed.end() :]  # "Payment unsuccessful - policy AUT-5567120": the policy
    head, colon, rest = text.partition(": ")
    if kind == "self" and colon and len(head.split()) <= 3 and len(rest) > 5:
        # "Self Evaluation: 2026 Annual Review - Name" -> "2026 Annual Review Self Evaluation"
        text = f"{_TAIL.sub('', rest).strip(' .:-')} {_DUTY_WORDS.sub('', head, count=1)}"
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
            text = OF_ARTICLE.get(of.group(1).lower(), "") + text[of.end() :]
    if kind in {"pay", "card"}:
        # "Your payment failed - account ending 8830": the notice words name no object.
        text = _PREFIX.sub("", notice.sub("", text, count=1).strip(" .:-\u2013\u2014|"))
        text = re.sub(
            r"^(?:[\s:.|\u2013\u2014-]|\b(?:your|tu|votre|ihre?)\b)+", "", text, flags=re.I
        )
    if kind == "bill":  # "Statement: quay rent outstanding" -> "the quay rent"
        text = re.sub(r"^(?:statement|invoice|bill)\s*:\s*", "", text, flags=re.I)
        text = re.sub(r"\s+(?:is |are )?(?:outstanding|overdue)\b", "", text, flags=re.I)
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


def shape_object(kind: str, thing: str, lead: str, brand: str, lang: str) -> tuple[str, str, str]:
    """The object, amount and "balance for" words one kind of duty is written with.

    ``lead`` starts with the subject line, then the mail's first lines.
    """
    amount, bal = "", ""
    if kind == "rerun" and (noun := _RUN_NOUN.search(f"{thing} {lead}")):
        named = re.sub(rf"^{noun.group(0)}\s+", "", thing, flags=re.I)  # "DAG x" -> "x DAG"
        thing = named if noun.group(0).lower() in named.lower() else f"{named} {noun.group(0)}"
    if kind == "page" and (incident := _INCIDENT.search(thing)):
        thing = f"{brand} incident #{incident.group('num')} ({incident.group('what')})".strip()
    if kind == "training" and (course := _COURSE_LINE.search(lead)):
        thing = course["x"].strip()  # "Kurs: GMP-Grundlagen 2026 (GMP-101)" under the subject
    if kind in {"access", "self"}:
        thing = re.sub(r"^(?:your|the|die|der|la|le|tu|votre)\s+", "", thing, flags=re.I)
        lower = thing[1:2].islower() and lang != "de"  # German nouns keep their capital
        thing = thing[:1].lower() + thing[1:] if lower else thing
    if kind in {"leak", "leaked"}:
        thing = _secret(lead)
    if kind == "renew":
        thing = re.sub(r"^renewal of\s+(?:your\s+|the\s+)?", "", thing, flags=re.I)
        thing = re.sub(r"^(?:ihre?|votre|su|tu)\s+", "", thing, flags=re.I)  # "Ihr Zertifikat"
        certificate = lang == "en" and _CERTIFICATE.search(lead) and _HOST.fullmatch(thing)
        # "the certificate for siem-ingest.x.com", "the domain x.com"
        thing = f"the certificate for {thing}" if certificate else domain_named(thing, lang)
    if kind == "resubmit" and (status := _STATUS_ONLY.match(thing)):
        # "Filing REJECTED - Statement of Claim - Hfx No. 531207": what was filed follows
        rest = lead.split("\n", 1)[0].partition(status.group(0))[2].strip(" -:\u2013")
        return (f"the {rest}" if rest else thing), amount, bal
    if kind == "resubmit" and re.search(r"\s(?:upload|import)$", thing):
        # "Q3 2026 forecast upload" failed: the forecast is what goes in again
        thing = re.sub(r"\s(?:upload|import)$", "", thing)
        return (f"the {thing}" if lang == "en" and not _ARTICLE.match(thing) else thing), "", ""
    if kind == "resubmit" and lang == "en" and (noun := _RETURNED.search(lead)):
        thing = f"the {noun.group(1).lower()} \u201c{thing}\u201d"  # the expense report "X"
    if kind == "card" and (account := customer_account(lead, brand, lang)):
        thing = account  # "Ihre Kreditkarte läuft ab": for the account it pays
    elif kind in {"card", "pay"} and only_notice_words(thing) and brand:
        thing = f"{brand} account"  # "Payment failed - ...": the account it is for
    if (
        kind == "card"
        and lang == "en"
        and not _ARTICLE.match(thing)
        and not _DOMAIN.fullmatch(thing)
    ):
        thing = f"the {thing}"  # not "the brightpath-clinic.com"
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


# A training notice's line naming the course: "Kurs: GMP-Grundlagen 2026 (GMP-101)".
_COURSE_LINE = re.compile(
    r"^\s*(?:course|training|module|kurs|schulung|cours|formation|curso)\s*:\s*(?P<x>[^\n]{3,80})$",
    re.I | re.M,
)
_ARTICLE = re.compile(r"^(?:the|your|a|an|this|these)\s", re.I)
_AFTER_COLON = frozenset(["renewfail", "renew", "card", "pay", "resubmit"])
_CERTIFICATE = re.compile(r"\b(?:certificate|cert|tls|ssl)\b", re.I)
_HOST = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)
_STATUS_ONLY = re.compile(r"^(?:filing|submission|application) (?:rejected|returned)\b", re.I)
_RETURNED = re.compile(r"\b((?:expense |travel )?(?:report|claim|timesheet|invoice))\b", re.I)
_CARD = re.compile(r"\b(?:card|karte|carte|tarjeta)\b", re.I)
_NEW_CARD = {"en": "new card", "de": "neue Karte", "fr": "nouvelle carte", "es": "nueva tarjeta"}
# The new card's last digits: "replacing your card ending 2290 with a new card ending 7730".
_ENDING = re.compile(r"\b(?:new|replacement) [\w ]{0,30}?card ending(?: in)? (\d{4})\b", re.I)
_RUN_NOUN = re.compile(r"\b(?:dag|workflow|pipeline|job|backup|build)\b", re.I)
