"""Who is who in a mail: the asker's and the reader's first names, and the other recipients.

"Dana Lee <dana@x>" is Dana; "Lee, Dana" too; "Dr. Anita Shah" is Anita. The reader is named
by their display name in To/Cc when there is one ("Alex Morgan <demo@example.com>" is Alex).
"""

from __future__ import annotations

import re
from email.utils import getaddresses
from functools import lru_cache

from digests.parsing import ParsedMessage
from digests.summarize.patterns import may_hold as _may_hold
from digests.summarize.sentences import new_text


def recipients(message: ParsedMessage) -> tuple[tuple[str, str], ...]:
    """(display name, address) of everyone in To and Cc."""
    listed = [message.headers.get(h, "") for h in ("to", "cc")]
    return _parsed(", ".join(h for h in listed if h.strip()))


@lru_cache(maxsize=512)
def _parsed(listed: str) -> tuple[tuple[str, str], ...]:
    """``getaddresses``, which is slow: plain lists ("Dana Lee <dana@x>, sam@y") are read by
    one pattern instead, the same pairs; anything else (quotes, comments, groups, encoded
    words, empty entries) goes to the standard library. Memoized: asked several times a mail."""
    plain = [_PLAIN_ADDRESS.fullmatch(part) for part in listed.split(",")]
    if listed.strip() and all(plain):
        pairs = ((m.group("name") or "", m.group("addr") or m.group("bare")) for m in plain)
        return tuple((" ".join(name.split()), address) for name, address in pairs)
    return tuple(getaddresses([listed]))


_ATOM = r"[^<>\s\"\\(),;:@\[\]]+"
_PLAIN_ADDRESS = re.compile(
    rf"\s*(?:(?P<name>[^\"\\();:<>@,\[\].=]*?)\s*<(?P<addr>{_ATOM}@{_ATOM})>|(?P<bare>{_ATOM}@{_ATOM}))\s*"
)


def first_name(name: str) -> str:
    name = name.strip().strip("\"'")
    if "," in name:
        name = name.split(",", 1)[1]
    words = [w for w in name.split() if w[:1].isalpha() and w.lower().rstrip(".") not in _TITLES]
    return words[0] if words and "@" not in words[0] else ""


def reader_first_name(message: ParsedMessage, me: str) -> str:
    """The reader's first name, lower-case: from their display name in To/Cc, else the address.

    "Alex Morgan <demo@example.com>" is Alex, though the address says "demo".
    """
    if not me:
        return ""
    for name, address in recipients(message):
        if address.lower() == me.lower() and (first := first_name(name)):
            return first.lower()
    return re.split(r"[._+-]", me.partition("@")[0])[0].lower()


def other_recipients(message: ParsedMessage, mine: str) -> frozenset[str]:
    """The first names, lower-case, of the people in To/Cc besides the reader."""
    names = (first_name(name).lower() for name, _ in recipients(message) if name)
    return frozenset(n for n in names if n and n != mine)


_TITLE_TEXT = "prof dr mr mrs ms mx sir dame herr frau mme mlle m sr sra srta don doña dott ing"
_TITLES = frozenset(_TITLE_TEXT.split())


_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|good (?:morning|afternoon|evening)|liebe[rs]?|hallo|"
    r"sehr geehrte[rs]?|bonjour|chère?s?|chers|hola|estimad[oa]s?|querid[oa]s?|kia ora)\b"
    r"(?P<rest>[^\n]{0,60})",
    re.IGNORECASE,
)


def _greeting(lines: list[str]) -> re.Match[str] | None:
    """The first of the lines that opens with a greeting ("Dear Ms. Santos,")."""
    return next(filter(None, map(_GREETING.match, lines)), None)


def greets_reader(message: ParsedMessage, me: str, text: str) -> bool:
    """The mail opens with the reader's first or last name: "Dear Ms. Santos," to Bea Santos;
    "Dear Naledi Dlamini," to ndlamini@ (no name in To: the address spells it)."""
    names = next((n for n, a in recipients(message) if me and a.lower() == me.lower()), None)
    # the greeting may follow a sender's banner line ("Greenside Primary School · SchoolConnect")
    greeting = _greeting(text.lstrip().splitlines()[:3])
    if names is None or not greeting:
        return False
    words = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", greeting.group("rest"))}
    if names:
        return any(w.lower() in words for w in re.findall(r"[^\W\d_]{3,}", names))
    # "naledi.dlamini", "ndlamini", "dlamini.n": a whole part, or an initial and a name
    parts = re.split(r"[._+-]", me.partition("@")[0].lower())
    pairs = [(a, b) for a in words for b in words if a != b]
    spelled = {a[0] + b for a, b in pairs} | {b + a[0] for a, b in pairs}
    return any(part in words or part in spelled for part in parts)


# A class's or a school's families, the reader one of them: "Dear Year 4 families".
_FAMILIES = re.compile(
    r"\b(?:famil(?:y|ies)|parents|carers|guardians|eltern|familles|familias|padres)\b",
    re.IGNORECASE,
)


def greets_families(text: str) -> bool:
    """The mail opens by greeting a class's parents ("Dear Year 4 families", "Liebe Eltern
    der Klasse 4b"): what it asks by a date, each family must do, the reader's too."""
    lines = [line for line in text.splitlines()[:8] if line.strip()][:4]  # under a banner
    greeting = _greeting(lines)
    return bool(greeting and _FAMILIES.search(greeting.group("rest")))


def in_bulk(message: ParsedMessage, me: str) -> bool:
    """Sent to a crowd: mass mail, unless a notice with no List-Id goes to the reader alone
    and names them as its owner ("owner: Keoni Akana", "Marcus Oyelaran is listed as the
    primary payroll contact"), though marked "Precedence: bulk"."""
    if not message.is_mass_mail:
        return False
    if not me or message.cc or len(recipients(message)) != 1:
        return True
    name, address = recipients(message)[0]
    if address.lower() != me.lower():
        return True
    body = new_text(message)[:1500]  # cached: several readers ask this of one message
    if _YOU_OWN.search(message.subject) or RECEIVING_AS_OWNER.search(body):
        # "Certificate you own expires ...", "... because you are an administrator": also
        # from a repository's list, to the reader alone
        return False
    if "list-id" in message.headers:
        return True
    duty = _YOUR_DUTY.search(message.subject) or _NOT_YET.search(body)
    if (
        duty
        and greets_reader(message, me, body)
        and not _NO_DUTY.search(f"{message.subject} {body}")
    ):
        return False  # "Hi Sofia, ..." under "Reminder: your self-review ... is due Friday"
    return not _names_owner(body, name, me)


def _names_owner(text: str, name: str, me: str) -> bool:
    """A line of the text names the reader (full name, address or its user name "bhartley")
    beside an owner's role."""
    local = me.partition("@")[0]
    full = [me] + ([name] if len(name.split()) >= 2 else [])
    role = local.lower() in _ROLE_MAILBOXES  # "Billing contact: ..." names no one at billing@
    user = [local] if len(local) >= 4 and not role else []
    if not any(_may_hold(text, written) for written in full + user):
        return False  # none of them written: no pattern to compile for this mail
    spelled = [re.escape(written) for written in full] + [rf"\b{re.escape(u)}\b" for u in user]
    who = re.compile(rf"(?:{'|'.join(spelled)})", re.IGNORECASE)
    return any(who.search(line) and _OWNER_ROLE.search(line) for line in text.splitlines())


# "You are receiving this alert because you are an administrator of acme/api"
RECEIVING_AS_OWNER = re.compile(
    r"\breceiving this(?: \w+)? because you(?:'re| are| were)? (?:the |an? )?"
    r"(?:code |repo |repository |service )?(?:committer|author|owner|admin(?:istrator)?|"
    r"maintainer|assignee)\b",
    re.IGNORECASE,
)
# A subject naming the reader's own duty: "your self-review ... is due Friday"
_YOUR_DUTY = re.compile(
    r"\byour\b[^.]{0,60}\b(?:is due|due (?:on|by)|overdue|awaiting your|requires your)\b|"
    # "Your dry ice shipper certification expires on 2027-04-10": the reader's to renew
    r"\byour\b[^.]{0,40}\b(?:certification|accreditation)\b (?:expires|will expire|"
    r"is expiring)\b|"
    # "Your Q3 forecast upload failed validation": the reader's file to send again
    r"\byour\b[^.]{0,40}\b(?:upload|file|submission|import|filing)\b (?:has )?(?:failed "
    r"validation|was rejected|was returned)\b|"
    # "Parent-teacher meetings: book your slot by Thursday", "Complete your review (due Nov 20)"
    r"\b(?:book|complete|submit|sign|return|pay|renew|confirm|update) your\b[^.]{0,60}"
    r"\b(?:by|due)\b|"
    r"^(?:mandatory|required|action required)\b.{0,80}\bdue\b|"  # "Mandatory: X - due 23 Nov"
    # "Letzte Erinnerung: Pflichtschulung überfällig", "Formation obligatoire en retard"
    r"^(?!.*\b(?:for \d+|people|team|reports)\b).*\b(?:pflichtschulung|mandatory training|"
    r"required training|formation obligatoire|formación obligatoria)\b.{0,40}\b(?:überfällig|"
    r"fällig|overdue|due|en retard|vencida)\b",
    re.IGNORECASE,
)
# A notice that sells, or says nothing is to be done, though it names a duty of the reader's.
NOTHING_TO_DO = re.compile(
    r"\bno action (?:is )?(?:needed|required)\b|\bnothing (?:to do|for you to do)\b|"
    r"\b(?:don't|do not) need to do anything\b",
    re.IGNORECASE,
)
_NO_DUTY = re.compile(
    rf"{NOTHING_TO_DO.pattern}|\bauto-?renewal is on\b|"
    r"\bsave \d+\s?%|\d+\s?% off\b|\bdiscount\b|\bspecial offer\b",
    re.IGNORECASE,
)
# "You have not yet booked a slot for Lwazi": what the reader alone still owes.
_NOT_YET = re.compile(
    r"\byou (?:have not|haven't|have still not|still haven't) (?:yet )?(?:booked|submitted|"
    r"completed|signed|returned|paid|confirmed|registered|uploaded|chosen|selected)\b|"
    # "You have an open task in Workday", "You have been enrolled in the following course"
    r"\byou have (?:an? )?(?:open|pending|overdue) (?:task|item|action)s?\b|"
    r"\byou have been enrolled\b",
    re.IGNORECASE,
)
_ROLE_MAILBOXES_TEXT = (
    "contact billing admin info sales support hello team office accounts finance hr"
)
_ROLE_MAILBOXES = frozenset(_ROLE_MAILBOXES_TEXT.split())
_YOU_OWN = re.compile(r"\b(?:you own|you are the owner|you're the owner|your own)\b", re.I)


_OWNER_ROLE = re.compile(
    r"\b(?:owner|owned by|contact|assignee|assigned to|registrant|responsible|on[- ]call|"
    r"account holder|administrator|inhaber\w*|verantwortlich\w*|zuständig\w*|propriétaire|"
    r"responsable|titular|encargad[oa])\b",
    re.IGNORECASE,
)
