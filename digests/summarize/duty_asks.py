"""Which sentences of a machine's mail set the reader a duty, and the items such mail adds.

A machine's sentence asks the reader something only where it names an obligation of theirs
("update your payment method", a list after "You still have the following to complete:"), a
notice greeting them by name asks with a dated "Please ...", or a notice of their own duty
("Action required", "payment failed") asks politely ("To keep your team paid, please wire
..."). After the sentences, the duty the subject names, an overdue duty and a tracker's issue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from digests.parsing import ParsedMessage
from digests.summarize.assignments import tracker_item
from digests.summarize.dates import Deadline
from digests.summarize.duty_kinds import sells_or_confirms
from digests.summarize.notices import OBLIGATION, OWED
from digests.summarize.obligations import due_now_if_overdue, with_duty
from digests.summarize.people import in_bulk, reader_first_name
from digests.summarize.sentences import Caseless, for_yes_or_no, new_text
from digests.summarize.types import ActionItem
from digests.summarize.verbs import IMPERATIVE


def duty_notice(message: ParsedMessage, me: str) -> bool:
    """A machine's notice of the reader's own duty, to them alone ("Action required: ...")."""
    if in_bulk(message, me) or (me and message.addressed_to(me) != "to"):
        return False
    return bool(_OWED.search(f"{message.subject}\n{new_text(message)[:900]}"))


def asks_in_sentences(
    message: ParsedMessage, me: str, automated: bool, personal: bool, families: bool = False
) -> bool:
    """Whether the mail's sentences may ask the reader anything: a machine's mail to a list asks
    nothing, unless it is a notice to the reader alone that greets them by name, or one to a
    class's ``families``, and it neither sells nor confirms ("Dear Priya Raghunathan, ... the
    corresponding author must: ...")."""
    if not (automated and in_bulk(message, me)):
        return True
    if not (personal or families) or (me and not families and message.addressed_to(me) != "to"):
        return False
    return not sells_or_confirms(message.subject)


def owed(sentence: str, *, listed_task: bool, dated: bool, personal: bool, duty: bool) -> bool:
    """Whether a machine's sentence sets the reader a duty.

    ``listed_task``: an item of a list whose intro names the verb; ``dated``: the sentence
    states a deadline; ``personal``: the mail greets the reader by name; ``duty``: see
    :func:`duty_notice`.
    """
    if personal and _INVITED.search(sentence):
        return False  # "Please join us for the concert", "if your child would like to ...": free
    return bool(
        OBLIGATION.search(sentence)
        or listed_task
        # "Dear Ms. Santos, ... Please move it to Level 3 by 10 PM tonight.": hers to do
        or (dated and personal and PLEASE.match(sentence))
        or (duty and _PLEASE_ANY.search(sentence))
    )


def obligation_ask(sentence: str) -> bool:
    """ "To keep your store open, update your payment method": a machine's real ask."""
    match = _OBLIGATION_ASK.search(sentence)
    if match is None:
        return False
    verb = match.groupdict().get("verb")
    return verb is None or bool(IMPERATIVE.match(verb))


def machine_items(
    items: list[ActionItem],
    message: ParsedMessage,
    topic: str,
    when: tuple[datetime, Callable[[], Deadline | None]],
    lang: str,
    me: str,
) -> list[ActionItem]:
    """A machine's items: the duty its subject names first, an overdue one due today, else the
    issue a tracker assigns (due on the mail's nearest date, its "Due date:" if it has one).

    ``when`` is the arrival and what reads the mail's nearest date (read only if needed).
    """
    received, first_date = when
    items = with_duty(items, message, topic, when, lang, me)
    items = due_now_if_overdue(items, message, received.date())
    if not items and (task := tracker_item(message.subject, new_text(message)[:900])):
        first = first_date()
        items = [ActionItem(task, first.due if first else None, first.time if first else None)]
    return items


_INVITED = re.compile(
    r"\b(?:join us|come along|come and|we(?:'d| would) love to see|optional|if (?:you|your "
    r"child) (?:would like|wish|want)|if interested|you(?:'re| are) (?:all )?welcome)\b",
    re.IGNORECASE,
)
_OBLIGATION_ASK = re.compile(
    r"^to [^,]{3,60},\s+(?P<verb>[a-z]+)|\byou (still )?(have|need) to\b|\bwaiting for your\b",
    re.IGNORECASE,
)
_OWED = Caseless(for_yes_or_no(OWED))  # asked yes or no: lower-cased, regrouped, faster
PLEASE = re.compile(r"^(?:please|kindly|bitte|merci de|por favor)\b", re.IGNORECASE)
# "please wire the funds by 4 PM", but not the footer's "please do not reply to this email" nor
# its courtesy ("please let us know if anything looks wrong", "contact us if you need help")
_PLEASE_ANY = re.compile(
    r"^(?!.*(?:\bnot|n't) reply\b|.*\breply above\b|.*\b(?:let us know|contact us|reach out|"
    r"get in touch|feel free)\b|.*\bif (?:you (?:have|need)|anything)\b).*\b(?:please|kindly)\b",
    re.IGNORECASE,
)


# "As on-call keyholder, call the monitoring centre", "As applicant of record, you must upload
# ...": the notice names the reader's role and tells it what to do.
_AS_ROLE = re.compile(
    r"^as (?:the |an? |your )?(?:[\w-]+ ){0,3}?(?:keyholder|holder|owner|applicant|"
    r"administrator|admin|approver|contact|signatory|assignee|engineer|manager|responder)"
    r"(?: of record)?,\s+(?:you (?:must|need to|are required to|have to)\s+)?(?P<ask>.+)$",
    re.IGNORECASE,
)
# "As an administrator, keep in mind that ...": what to know, no doing.
_NOTE_ONLY = re.compile(
    r"(?:keep|bear) in mind|note\b|be aware|remember that|see\b|find\b|read more", re.I
)
# "The permit holder contact must confirm this booking": what a named role must do.
_ROLE_MUST = r"^the {} (?:must|needs to|is required to|has to) (?P<ask>.+)$"
# "Permit holder contact: Colm Fitzgerald, Halvorsen Builders": a role and who has it.
_ROLE_LINE = re.compile(r"^\s*(?P<role>[A-Za-z][\w -]{2,40}?)\s*:\s*(?P<who>[^\n]{3,80})$", re.M)


def reader_roles(message: ParsedMessage, me: str) -> tuple[str, ...]:
    """The roles a notice's "Role: Name" lines give the reader ("permit holder contact")."""
    mine = reader_first_name(message, me)
    if not mine:
        return ()
    lines = _ROLE_LINE.finditer(new_text(message)[:1500])
    return tuple(
        m["role"].lower() for m in lines if mine in re.findall(r"[^\W\d_]+", m["who"].lower())
    )


def as_role(sentence: str, roles: tuple[str, ...]) -> tuple[str, bool]:
    """The sentence as a request, and True, where it tells the reader's role what to do ("The
    permit holder contact must confirm this booking" -> "Please confirm this booking");
    else the sentence as it was, and False."""
    found = _AS_ROLE.match(sentence) or next(
        filter(
            None, (re.match(_ROLE_MUST.format(re.escape(role)), sentence, re.I) for role in roles)
        ),
        None,
    )
    if found and IMPERATIVE.match(found["ask"]) and not _NOTE_ONLY.match(found["ask"]):
        return f"Please {found['ask']}", True
    return sentence, False
