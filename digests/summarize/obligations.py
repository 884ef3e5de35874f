"""A machine's personal obligation as one item: the obligation's verb and the object it names.

A notice about the reader's own duty ("Action required: Q1 access review for Warehouse
Systems", "Your access key will be deactivated in 48 h", "Unsuccessful GIRO deduction for CPF
contributions") becomes one item that says what to do with what ("Complete the Q1 access
review for Warehouse Systems"), in the mail's language, instead of the mail's button texts
("Pay now", "Review now"), which say nothing alone and are dropped. How the object is worded
is in duty_objects.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from digests.parsing import ParsedMessage
from digests.summarize.cues import DEADLINE_LIKE
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.duty_details import (
    and_pay,
    or_auto_renew,
    retry_date,
    review_scope,
    sign_in,
    unfinished_item,
)
from digests.summarize.duty_kinds import KINDS, MINE, sells_or_confirms
from digests.summarize.duty_objects import shape_object, subject_object
from digests.summarize.notices import NOTICE, obligation_text
from digests.summarize.people import NOTHING_TO_DO, in_bulk
from digests.summarize.remedies import alert_items
from digests.summarize.sentences import (
    Caseless,
    Cued,
    lower_exactly,
    lowered,
    new_text,
    split_sentences,
)
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem, truncate

ONE_DAY = timedelta(days=1)

_GERMAN_TEXT = """der die das und ist nicht sie ihre ihr wir ich bitte mit für auf den dem des ein
    eine einen einem einer zu zum zur im vom bei nach über wird werden sind können keine kein
    noch auch oder aber wenn dass sehr heute morgen uhr"""
_GERMAN = frozenset(_GERMAN_TEXT.split())
_LETTERS = re.compile(r"[^\W\d_]+")


def mail_language(text: str, fallback: str) -> str:
    """ "de" when German function words dominate, else the caller's guess (en, fr, es)."""
    words = _LETTERS.findall(text[:1200].lower())
    german = len(list(filter(_GERMAN.__contains__, words)))
    return "de" if german >= 3 and german * 8 >= len(words) else fallback


_AUTOPAY = re.compile(
    r"\b(?:auto-?pay|automatically (?:charged|debited|paid)|will be (?:charged|debited)|"
    r"direct debit|no action (?:is )?(?:needed|required)|lastschrift|prélèvement automatique|"
    r"domiciliad[oa])\b",
    re.I,
)
_NOTHING_DUE = re.compile(
    r"\bno (?:overdue|outstanding) \w+|\bnothing (?:outstanding|overdue|due)\b|"
    rf"(?<![\d.,])0[.,]00\b(?![\d.,])|{NOTHING_TO_DO.pattern}",
    re.I,
)
_CERT = re.compile(r"\b(?:certificates?|tls|ssl|dcv|cert-manager)\b", re.I)
_NO_BRAND_TEXT = """account accounts security it support notifications notification no-reply noreply
    team admin alerts alert the your service helpdesk billing"""
_NO_BRAND = frozenset(_NO_BRAND_TEXT.split())
# Each kind's pattern for lower-cased text, searched only where its words are: faster.
_KIND_WORDS = {kind: Cued(lowered(pattern)) for kind, pattern, _texts in KINDS}


_APPROVE = next(pattern for kind, pattern, _ in KINDS if kind == "approve")


def duty_item(
    subject: str, lead: str, sender: str, lang: str, *, mass: bool = False
) -> tuple[str, str]:
    """(the kind, the one item) for a machine's notice of the reader's own obligation.

    ``lead`` is the first lines of the mail, ``sender`` its display name ("Workday"), ``lang``
    the mail's language. ("", "") when the mail names no personal obligation.
    """
    if sells_or_confirms(subject) or (mass and not MINE.search(lead)):
        return "", ""  # a list's mail is the reader's only when it says so
    # "Renee Castillo via Docusign": the tool is the brand.
    brand = sender.split(" via ")[-1].split()[0] if sender.strip() else ""
    if brand.lower().strip(".,:") in _NO_BRAND:
        brand = ""  # "Account Security": "your account", not "your Account account"
    whole = f"{sender}\n{subject}\n{lead}"
    low_subject, low_whole = lower_exactly(subject), lower_exactly(whole)
    for kind, pattern, texts in KINDS:
        own = kind in {"rerun", "renew", "rotate", "self", "leak", "leaked", "training", "submit"}
        own = own or kind == "resubmit"
        own = own or kind in {"bill", "password"}
        target, low = (subject, low_subject) if own else (whole, low_whole)
        if not (pattern.search(target) if low is None else _KIND_WORDS[kind].search(low)):
            continue
        if kind == "rerun" and not MINE.search(lead):
            continue  # someone else's build
        if kind == "renewfail" and not _CERT.search(f"{subject}\n{lead}"):
            continue  # a subscription that failed to renew wants paying, not fixing
        if kind == "bill" and _AUTOPAY.search(lead):
            continue  # paid by direct debit: nothing to do
        if kind in {"pay", "bill", "card", "resubmit"} and _NOTHING_DUE.search(
            f"{subject}\n{lead}"
        ):
            return "", ""  # "Nothing outstanding", "GBP 0.00", "nothing for you to do"
        if kind == "pay" and _APPROVE.search(subject):
            continue  # "Invoice INV-88213 requires your approval": the reader approves it
        thing = subject_object(subject, kind, pattern)
        if len(thing) < (2 if kind in {"pay", "card"} else 6) and kind != "security":
            return "", ""
        thing, amount, bal = shape_object(kind, thing, f"{subject}\n{lead}", brand, lang)
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
        if kind == "card":
            text = and_pay(text, lead, lang)
        if kind == "access":
            text = review_scope(text, thing, lead, lang)
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
    "resubmit": re.compile(r"\b(resubmit|re-submit|attach|correct|erneut einreichen)", re.I),
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


# Advice a machine gives beside the duty: "Remember to update merchants who bill the old
# card", "Please do not use any link in emails about this", "If you used the password on any
# other site, change it there as well". Good habits, not the reader's obligation.
_ADVICE = re.compile(
    r"^(?:(?:please\s+)?(?:remember|don'?t forget|do not forget) to\b|"
    # "Please allow around 30 minutes to complete it": how long the duty takes
    r"(?:please\s+)?allow (?:about |around |approximately |roughly |up to )?\d+\s?(?:-\s?\d+ )?"
    r"(?:minutes|mins|hours)\b|"
    r"(?:please\s+)?(?:do not|don'?t|never)\b|"
    r"if you (?:(?:have\s+)?(?:also\s+)?(?:used|use|reused?)\b[^,]{0,60}\b(?:other|another|"
    r"elsewhere)\b))",
    re.I,
)


def _words(text: str) -> set[str]:
    """The text's words of three letters or more, lower-cased."""
    return set(re.findall(r"[^\W\d_]{3,}", text.lower()))


def without_advice(items: list[ActionItem], text: str) -> list[ActionItem]:
    """The items but those a machine's mail only advises (see _ADVICE)."""
    advice = [_words(s) for s in split_sentences(text) if _ADVICE.match(s.strip())]
    if not advice:
        return items
    kept = []
    for item in items:
        words = _words(re.sub(r"\s*\(re: .*$", "", item.text))
        if not (words and any(words <= said for said in advice)):
            kept.append(item)
    return kept


def with_duty(
    items: list[ActionItem],
    message: ParsedMessage,
    topic: str,
    when: tuple[datetime, Callable[[], Deadline | None]],
    lang: str,
    me: str = "",
) -> list[ActionItem]:
    """A machine's notice of the reader's obligation: one item naming it, before the rest.

    ``when`` is the arrival and what reads the mail's nearest date (read only if needed).
    """
    received, first_date = when
    items = without_advice(items, new_text(message))
    lead, mass = new_text(message)[:900], in_bulk(message, me)
    language = mail_language(f"{topic} {lead}", lang)
    kind, text = duty_item(message.subject, lead, message.from_name, language, mass=mass)
    quiet = sells_or_confirms(message.subject)
    if not mass and not quiet:
        rest = [i for i in items if not is_vague(i.text, kind)]
        found = alert_items(rest, message, (kind, text), when, language, me)
        if found is not None:
            return found
    # "Your contract expires on 30 June", "... will be charged to your card": statements.
    bare = _CONTRACT.search(topic) or _AUTOPAY.search(lead)
    if not text and not mass and not quiet and all(is_vague(i.text) for i in items):
        # "Our records show you have not yet completed your attestation": the duty, stated,
        # says more than a button or a sentence read alone ("Fill in Reminder").
        text = unfinished_item(lead, language)
    if not text and not items and not mass and not bare and NOTICE.search(message.subject):
        text = obligation_text(topic)  # "Action required: payment failed" -> "Fix: ..."
    if not text:
        return items
    first = first_date()
    # "due September 18" in the subject; "Time-off request: Carla, Dec 21-24" names no deadline.
    named = resolve_deadline(topic, received) if DEADLINE_LIKE.search(topic) else None
    # "expires in 1 day" in the subject, "Valid to 21-Aug-2026 00:00 UTC" in the body: the
    # body's timed moment is the precise one
    same_day = (
        named
        and first
        and (
            named.due == first.due
            # "suspended today" in the subject, "at 23:59 UTC" in the body: the next day in
            # a reader's zone ahead of UTC (or the day before in one behind)
            or (first.time is not None and abs(first.due - named.due) == ONE_DAY)
        )
    )
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
    elif kind in {"security", "leak"} and not deadline:
        deadline = Deadline(received.date())  # someone is in the account, or has the key, now
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
    if kind == "renew" and any(_RENEWS.search(i.text) for i in rest):
        return rest  # "Erneuern Sie das Zertifikat vor Ablauf im PKI-Portal": asked already
    duty = ActionItem(text, deadline.due if deadline else None, deadline.time if deadline else None)
    return [duty, *rest][:MAX_ACTION_ITEMS]


# An ask of the mail that already renews what the notice says expires.
_RENEWS = re.compile(r"^(?:renew|erneuer|verlänger|renouvel|renov)", re.IGNORECASE)


# "Your scorecard for Iván is overdue", "Ihre Rechnung ist überfällig": the duty is due now.
_OVERDUE = re.compile(
    r"\byour\b[^.\n]{0,60}\b(?:is|are) (?:now )?(?:overdue|past due)\b|"
    r"\b(?:ist|sind) (?:seit \w+ )?überfällig\b|\best en retard\b|\b(?:está|están) vencid[ao]s?\b",
    re.IGNORECASE,
)
# Asked yes or no: on lower-cased text, only where their words are (faster).
_AUTOPAY, _OVERDUE = Caseless(_AUTOPAY, gated=True), Caseless(_OVERDUE, gated=True)


def due_now_if_overdue(
    items: list[ActionItem], message: ParsedMessage, today: date
) -> list[ActionItem]:
    """A machine's notice that the reader's duty is overdue: its undated items are due today."""
    if not _OVERDUE.search(f"{message.subject}\n{new_text(message)[:900]}"):
        return items
    return [item if item.due else ActionItem(item.text, today) for item in items]
