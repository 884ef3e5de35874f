"""What a machine assigns the reader: a list of their open tasks, a ticket, a term, a subject.

A compliance tool lists the reader's failing checks by the state it wants ("1. MFA enforced
for all GitHub members: 2 members without MFA" -> "Enforce MFA for all GitHub members: ..."),
a help desk names the ticket it escalates to them, a government portal gives them a term
("Dispone de 10 días naturales para acceder a su contenido"), a notice states the ask in its
subject ("Required: enroll your YubiKey by Friday").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from digests.summarize.cues import CUED_DATE
from digests.summarize.rewrite import IMPERATIVE, action_text
from digests.summarize.types import truncate

# The reader owns the list that follows: "These tests are failing and you are the owner".
_OWNED = re.compile(
    r"\b(?:you are (?:the )?owner|assigned to you|you(?:'re| are) (?:the )?assignee|"
    r"you have \w+ (?:(?:open|pending|outstanding|overdue|incomplete|failing|new) )?"
    r"(?:tasks|items|actions|action items|controls|tests|checks|to-?dos|trainings|courses|"
    r"reviews|documents|forms|surveys|approvals)(?: (?:due|left|to complete|assigned))?\b|"
    r"your (?:open |pending |outstanding |overdue )?(?:tasks|action items|to-?dos)\b|"
    r"ihnen zugewiesen|qui vous (?:sont|ont été) (?:assignées|attribuées)|asignad[ao]s a ti)\b",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022\u2013])\s+(?P<item>\S.{4,200})$", re.M)
# A check named by the state it wants: "MFA enforced for all members", "Offboarded users
# removed from Okta within 24 hours".
_STATE = re.compile(
    r"^(?P<what>[\w/&' -]{2,60}?)\s+(?:(?:are|is|were|was|have been|has been)\s+)?"
    r"(?P<done>[a-z]{3,}ed)\b(?P<rest>.*)$"
)
_REMEDIATION = re.compile(
    r"^(?:enforce|enable|encrypt|patch|configure|restrict|rotate|remove|review|update|complete|"
    r"revoke|disable|document|approve|sign|install|upgrade|resolve|assign|acknowledge|verify|"
    r"monitor|test|train|deploy|renew|archive|delete|collect|submit|tag|label|log|deactivate|"
    r"purge|reset)$"
)


def base_verb(done: str) -> str:
    """ "enforced" -> "enforce", "reviewed" -> "review", "moved" -> "move" ("" if unknown)."""
    for stem in (done[:-1], done[:-2], done[:-3]):
        if _REMEDIATION.match(stem) or IMPERATIVE.fullmatch(stem):
            return stem
    return ""


def _imperative(line: str) -> str:
    """A list line as an item: kept when imperative, a check's state turned into its doing."""
    line = line.strip().rstrip(".")
    head = line.partition(": ")[0]
    if IMPERATIVE.match(head):
        return line
    state = _STATE.match(head)
    verb = base_verb(state.group("done")) if state else ""
    if not state or not verb:
        return ""
    what = state.group("what")
    what = what if what[:2].isupper() else what[:1].lower() + what[1:]
    return f"{verb.capitalize()} {what}{state.group('rest')}{line[len(head) :]}"


def owned_list_items(text: str) -> list[str]:
    """The items of a list the mail says is the reader's ("These tests are failing and you
    are the owner", "You have 3 open tasks:")."""
    first = _LIST_LINE.search(text)
    if not first or not _OWNED.search(text[: first.start()]):
        return []
    items = []
    for found in _LIST_LINE.finditer(text, first.start()):
        if item := _imperative(found.group("item")):
            items.append(truncate(item, 140))
    return items


# "Recommended steps:", "What you should do now:": the alert's own list of remedies.
_STEPS_HEAD = re.compile(
    r"^\s*(?:recommended|suggested|required|next) (?:steps|actions)|"
    r"^\s*what (?:you should|you need to|to) do(?: now| next)?|^\s*remediation(?: steps)?",
    re.I | re.M,
)


def step_list_items(text: str) -> list[str]:
    """Each imperative line of the list after an alert's "Recommended steps:" header, without
    its asides in brackets ("Review CloudTrail for activity from this key since 17:39 UTC")."""
    head = _STEPS_HEAD.search(text)
    if not head or not text[head.end() :].lstrip(" ").startswith(":"):
        return []
    items = []
    for found in _LIST_LINE.finditer(text, head.end()):
        if text[head.end() : found.start()].count("\n") > len(items) + 2:
            break  # the list ended: later lines are the mail's footer
        step = re.sub(r"\s*\([^()]*\)", "", found.group("item")).strip(" .")
        if IMPERATIVE.match(step) or _REMEDIATION.match(step.partition(" ")[0].lower()):
            items.append(truncate(step, 140))
    return items


# "You have 3 tasks waiting:" then "Peer review for Saara Nieminen due Wed, Dec 9" lines.
_COUNTED = re.compile(
    r"\byou have (?P<n>\d{1,2}|two|three|four|five) [\w -]{0,30}?:\s*$", re.I | re.M
)
_DUE_LINE = re.compile(r"^(?P<what>[A-Z][\w' /&()-]{2,80}?)\s+(?:is\s+)?due\s+(?P<when>\S.{1,40})$")
_NUMBER = {"two": 2, "three": 3, "four": 4, "five": 5}
_SUBMITTED = re.compile(
    r"\b(?:review|assessment|evaluation|appraisal|feedback|survey|form)s?\b", re.I
)


def counted_tasks(text: str) -> list[tuple[str, str]]:
    """(item, when it is due) for each task a tool counts for the reader and lists one a line
    ("You have 3 tasks waiting:" / "Peer review for Saara Nieminen due Wed, Dec 9"); [] if the
    lines are not that many tasks with their due dates."""
    found = _COUNTED.search(text)
    if not found:
        return []
    count = _NUMBER.get(found.group("n").lower()) or int(found.group("n"))
    lines = [line.strip() for line in text[found.end() :].splitlines() if line.strip()]
    tasks = [task for line in lines[:count] if (task := _DUE_LINE.match(line))]
    if count < 2 or len(tasks) < count:
        return []
    items = []
    for task in tasks:
        what = task.group("what")
        verb = "Submit" if _SUBMITTED.search(what) else "Complete"
        mine = "your" if re.match(r"self\b", what, re.I) else "the"
        items.append((f"{verb} {mine} {what[:1].lower()}{what[1:]}", task.group("when")))
    return items


# "Ticket #60127 escalated to you: Webhooks not delivered", "New Critical report #2291873: ...".
_TICKET = re.compile(
    r"\b(?P<noun>ticket|case|report|request|fall|caso|demande)\s+#?(?P<num>[A-Z]*-?\d{3,})\b"
    r"[^:]{0,40}:\s*(?P<title>[^()\n]{3,90})",
    re.IGNORECASE,
)
_RESPONSE_DUE = re.compile(
    r"\b(?:(?:next|first) response|response (?:is )?(?:due|required)|require[sd]? a "
    r"(?:first )?response|escalated to you|assigned to you|ihnen zugewiesen|an sie eskaliert|"
    r"vous a été (?:assigné|attribué)e?|asignado a (?:ti|usted)|te ha sido asignado)\b",
    re.IGNORECASE,
)
# The reader's own request, acknowledged: the desk owes the answer.
_THEIRS = re.compile(
    r"\b(?:we (?:have|'ve) received your|we(?: will|'ll) (?:respond|reply|get back)|"
    r"(?:an? )?(?:support )?(?:engineer|agent|member of our team) will (?:respond|reply|contact)|"
    r"you(?: will|'ll) (?:receive|get) a (?:response|reply)|thank you for contacting)\b",
    re.IGNORECASE,
)
_RESPOND = {
    "en": "Respond to {noun} #{num}: {title}",
    "de": "{noun} #{num} beantworten: {title}",
    "fr": "Répondre au ticket #{num} : {title}",
    "es": "Responder al {noun} #{num}: {title}",
}


# "Ticket #88412 has been escalated to you" under "[Escalated] #88412 Kestrel Bank - ...".
_TICKET_IN_TEXT = re.compile(
    r"\b(?P<noun>ticket|case|request)\s+#?(?P<num>\d{3,})\s+(?:has been |was )?"
    r"(?:escalated|assigned) to you\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"^(?:\s*\[[^\]]{1,30}\])+\s*(?:#\d+\s*)?")


def ticket_item(subject: str, lead: str, lang: str = "en") -> str:
    """A help desk's or bug bounty's ticket the reader must answer ("" for others' tickets)."""
    # a ticket the text hands the reader, unless it was handed on or closed since
    ticket = _TICKET.search(subject) or (
        None if _NOT_YOURS_NOW.search(f"{subject}\n{lead}") else _TICKET_IN_TEXT.search(lead)
    )
    if not ticket or not _RESPONSE_DUE.search(f"{subject}\n{lead}") or _THEIRS.search(lead):
        return ""
    noun, num = ticket.group("noun"), ticket.group("num")
    noun = noun.capitalize() if lang == "de" else noun.lower()
    title = ticket.group("title") if "title" in ticket.groupdict() else _TAGS.sub("", subject)
    title = title.strip(" .-")
    if lang == "en" and re.search(r"\bfirst response\b", lead, re.I):
        return truncate(f"Send the first response on {noun} #{num}: {title}", 140)
    text = _RESPOND.get(lang, _RESPOND["en"]).format(noun=noun, num=num, title=title)
    return truncate(text, 140)


# "Dispone de 10 días naturales para acceder a su contenido", "You have 14 days to respond".
_DAYS_TO = re.compile(
    r"\b(?:you have|you've got|dispone de|dispones de|tiene|tienes|vous disposez de|vous avez|"
    r"tu as|tu disposes de)\s+(?P<n>\d{1,3})\s+(?:calendar\s+|business\s+|working\s+)?"
    r"(?P<unit>days?|días?|jours?)(?:\s+(?P<kind>naturales|hábiles|calendaires|ouvrés|ouvrables))?"
    r"\s+(?:to|para|pour)\s+(?P<what>[^.;]{3,100})",
    re.IGNORECASE,
)
_VAGUE_OBJECT = re.compile(
    r"\b(?:su contenido|its content|it|them|son contenu|le contenu|el contenido)$", re.I
)


# What a term obliges the reader to do (a right to return or cancel is no duty).
_OWED_IN_TERM = re.compile(
    r"^(?:respond|reply|access|submit|pay|complete|sign|renew|verify|confirm|file|provide|"
    r"upload|update|acceder|presentar|responder|pagar|firmar|completar|aportar|subsanar|"
    r"accéder|répondre|payer|signer|fournir|compléter|régulariser)\b",
    re.IGNORECASE,
)


def term_item(sentences: list[str], topic: str, received: datetime) -> tuple[str, date | None]:
    """ "You have 10 days to access it" -> (the item, the last day of the term)."""
    for sentence in sentences:
        found = _DAYS_TO.search(sentence)
        if not found or re.search(r"\b(?:trial|free|offer|discount|%)\b", sentence, re.I):
            continue
        what = found.group("what").strip(" ,")
        if not _OWED_IN_TERM.match(what):
            continue  # "You have 30 days to return your item": a right, not a duty
        if _VAGUE_OBJECT.search(what):
            what = f"{what} ({topic})"
        days = int(found.group("n"))
        working = re.search(r"business|working|hábiles|ouvrés|ouvrables", found.group(0), re.I)
        due = _working_days(received.date(), days) if working else None
        due = due or received.date() + timedelta(days=days)
        return truncate(what[:1].upper() + what[1:], 140), due
    return "", None


def _working_days(start: date, count: int) -> date:
    day = start
    while count:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


# "Required: enroll your YubiKey by Friday (admin accounts)": the subject is the ask.
_NOTICE_LEAD = re.compile(
    r"^(?:\[[^\]]{1,40}\]\s*)*(?:action required|action needed|required|reminder|"
    r"final reminder|important|please|action requise|rappel|acción requerida|recordatorio)"
    r"\s*[:\-\u2013]\s*",
    re.IGNORECASE,
)


# "validez votre ...", "firma tu ...": a French or Spanish imperative with its object.
_ROMANCE = re.compile(
    r"^(?:(?P<fr>[a-zà-ÿ]{3,})ez(?=\s+(?:votre|vos|le|la|les|l')\b)|"
    r"(?P<es>[a-zá-ú]{3,})a(?=\s+(?:tu|tus|su|sus|el|la|los|las)\b))",
    re.I,
)
_CUT_DATE = re.compile(r"\s+(?:avant|d'ici|au plus tard|antes del?|hasta)\b.*$", re.I)
# A sign-up's nudges, not duties: "Reminder: confirm your email address".
_NAG = re.compile(
    r"\byour (?:profile|e-?mail(?: address)?|account setup|preferences|app|first \w+|"
    r"free \w+|spot|seat|ticket)\b",
    re.I,
)
_OBJECT = re.compile(r"\s+(?:your|the|a|an|all|this|these|those|our|my)\s", re.I)


def subject_ask(subject: str) -> str:
    """The imperative a notice's subject states ("Required: enroll your YubiKey", "Submit your
    timesheet by Friday"); "" when it states none."""
    found = _NOTICE_LEAD.match(subject)
    rest = subject[found.end() :] if found else subject
    if not found and not CUED_DATE.search(subject):
        return ""  # "Verify your email": a sign-up step, not a duty with a date
    if romance := _ROMANCE.match(rest):
        # "validez votre note de frais avant le 4 décembre" -> "Valider votre note de frais"
        french = romance.group("fr")
        verb = f"{french}er" if french else f"{romance.group('es')}ar"
        text = _CUT_DATE.sub("", f"{verb.capitalize()}{rest[romance.end() :]}")
        return truncate(text.strip(" .,"), 140)
    verb = IMPERATIVE.match(rest)
    if not verb or not _OBJECT.match(rest[verb.end() :]) or _NAG.search(rest):
        return ""  # "Action required: review cycle closes Friday" names no doing
    return action_text(rest)


# "Ryan Cho assigned RevOps-214 to you", "Ana assigned an issue to you": a tracker's issue.
_ASSIGNED_TO_YOU = re.compile(
    r"\bassigned (?:an? (?:issue|task|ticket|card)|[A-Z][A-Za-z0-9]*-\d+|#\d+) to you\b", re.I
)
_ISSUE = re.compile(
    r"^\s*(?P<key>[A-Z][A-Za-z0-9]*-\d+)[:\s]+(?P<title>\S.{3,120}?)"
    r"(?=\s+(?:Status|Priority|Due date|Assignee|Project|Labels|Estimate)\b|\s*$)",
    re.MULTILINE,
)


# "Owen Pryce assigned you to review Pemberton Mutual - DPA v3", "You've been assigned to
# approve ...": a workflow's step, named with its verb.
_ASSIGNED_TO_DO = re.compile(
    r"\b(?:assigned you|you(?:'ve| have) been assigned|you are assigned) to (?P<task>[a-z]+ "
    r"[^\n]{3,100}?)\.?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# A step no longer the reader's: done for them, taken away, handed on, closed.
_NOT_YOURS_NOW = re.compile(
    r"\b(?:on your behalf|removed you|unassigned|reassigned|no longer|by mistake|in error|"
    r"now with|resolved|closed|solved|no (?:further )?action)\b",
    re.IGNORECASE,
)


def tracker_item(subject: str, lead: str) -> str:
    """The issue a tracker assigns the reader: its title when that is already a to-do ("Fix the
    login loop (WEB-12)"), else "Work on RevOps-214: Dedupe duplicate accounts in Salesforce";
    a workflow's step assigned to them ("Review Pemberton Mutual - DPA v3"); "" when the mail
    assigns nothing to them."""
    step = _ASSIGNED_TO_DO.search(lead) or _ASSIGNED_TO_DO.search(subject)
    task = step.group("task") if step else ""
    # "assigned you to review X", not "to Order 55123" nor "to Review Board 3"
    if task[:1].islower() and IMPERATIVE.match(task) and not _NOT_YOURS_NOW.search(lead):
        return truncate(task[:1].upper() + task[1:], 140)
    if not _ASSIGNED_TO_YOU.search(f"{subject}\n{lead}") or not (issue := _ISSUE.search(lead)):
        return ""
    title, key = issue.group("title").strip(" .:-"), issue.group("key")
    text = title if IMPERATIVE.match(title) else f"Work on {key}: {title}"
    return truncate(f"{text} ({key})" if IMPERATIVE.match(title) else text, 140)


# GitHub's "@jdelgado requested your review on: larkspur/sre-runbooks#912 Add failover drill
# checklist" and GitLab's "requested a review from you on !42 Title", as such mail opens.
_REVIEW_REQUEST = re.compile(
    r"^\S{1,60}(?: \S{1,60}){0,3} requested (?:your review|a review from you) (?:on|of|for)?:?\s+"
    r"(?P<repo>[\w.-]+/[\w.-]+)?(?P<sigil>[#!])(?P<number>\d{1,7})\s+(?P<title>\S.{3,120}?)\.?\s*$",
    re.IGNORECASE,
)


def review_item(lead: str) -> str:
    """The pull request a code host's mail opens by asking the reader to review: "Review PR
    #912 (Add failover drill checklist for payments-db) in larkspur/sre-runbooks", "Review MR
    !42 (...)" ("" when the mail opens otherwise)."""
    first = lead.lstrip().partition("\n")[0]
    if not (found := _REVIEW_REQUEST.match(first)):
        return ""
    kind = "PR #" if found.group("sigil") == "#" else "MR !"
    repo = f" in {found.group('repo')}" if found.group("repo") else ""
    return truncate(f"Review {kind}{found.group('number')} ({found.group('title')}){repo}", 160)
