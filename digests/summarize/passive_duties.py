"""What a notice says must be done, worded passively: "Samples must be moved to a backup unit",
"Your card will be locked tonight unless receipts and memos are added"."""

from __future__ import annotations

import re

from digests.summarize.assignments import base_verb
from digests.summarize.cues import CUED_DATE
from digests.summarize.people import NOTHING_TO_DO
from digests.summarize.types import truncate
from digests.summarize.waits import PRONOUN

# An alert's tag and the words that make it one: "[GuardDuty HIGH]", "[FIRING:2]", "ALARM:".
ALERT_SUBJECT = re.compile(
    r"\b(?:firing|triggered|alarm|alert|finding|incident|critical|high|sev ?[0-4]|p[0-2])\b",
    re.I,
)
# "Samples must be moved to a backup unit before ...": the doing a notice states passively.
_MUST_BE = re.compile(
    r"^(?:to [^,]{3,60},\s+)?"  # "To keep this effective date, a corrected file must be ..."
    r"(?:(?P<det>the|all|your|an?)\s+)?(?P<what>[\w' -]{2,40}?)\s+"
    r"(?:must|need to|needs to|have to|has to)\s+be\s+(?P<done>[a-z]{3,}ed)\b"
    r"(?P<rest>[^.;]{0,100})",
    re.IGNORECASE,
)
_NOTICE_SUBJECT = re.compile(
    r"\b(?:action required|action needed|required|important|urgent|rejected|returned)\b", re.I
)
# "... before the temperature reaches -20 °C", "... to be reimbursed": not part of the doing.
_CONDITION_TAIL = re.compile(
    r"\s+(?:(?:before|until|once|when|if)\s+(?:the|it|they|you|we|your)\b|so that\b|"
    r"to avoid\b|to be\b|in order to\b).*$",
    re.I,
)


def must_item(sentences: list[str], subject: str) -> tuple[str, str] | None:
    """ "Samples must be moved to a backup unit (F-07)" -> ("Move the samples to a backup
    unit (F-07)", the sentence); only in an alert or a notice of something required."""
    if not (ALERT_SUBJECT.search(subject) or _NOTICE_SUBJECT.search(subject)):
        return None
    for sentence in sentences:
        found = _MUST_BE.match(sentence.strip())
        verb = base_verb(found.group("done")) if found else ""
        if not found or not verb:
            continue
        what = found.group("what")
        rest = _CONDITION_TAIL.sub("", found.group("rest")).rstrip(" ,")
        if dated := CUED_DATE.search(rest):
            rest = rest[: dated.start()].rstrip(" ,")  # the date is the item's due date
        det = "your" if (found.group("det") or "").lower() == "your" else "the"
        text = f"{verb.capitalize()} {det} {what[:1].lower()}{what[1:]}{rest}"
        return truncate(text, 140), sentence
    return None


# "Your card ending 3391 will be locked at 23:59 today unless receipts and memos are added",
# "... will be suspended unless you update the billing contact": what keeps it running.
_UNLESS = re.compile(
    r"\bwill be (?:locked|suspended|deactivated|disabled|closed|cancell?ed|frozen|terminated|"
    r"blocked|paused|revoked)\b[^.;]{0,120}?\bunless\s+(?:"
    r"you\s+(?P<verb>[a-z]{3,})\s+(?P<obj>[^.;,]{3,80})|"
    r"(?P<what>(?:the\s+|your\s+|all\s+)?[^.;,]{3,80}?)\s+(?:is|are)\s+(?:(?:then|now)\s+)?"
    r"(?P<done>added|submitted|uploaded|provided|paid|updated|completed|attached|renewed|"
    r"confirmed|verified|signed|returned)\b(?P<rest>[^.;]*))",
    re.IGNORECASE,
)
_YOURS = re.compile(r"\byour\b", re.IGNORECASE)
_BY_OTHERS = re.compile(r"^\s+by (?!you\b)", re.IGNORECASE)
# Selling, not a duty: "unless you upgrade", "... your trial ...".
_SELLS = re.compile(r"\b(?:upgrade|subscribe|trial|purchase|buy|plan)\b", re.IGNORECASE)


def unless_item(sentences: list[str]) -> tuple[str, str] | None:
    """ "... will be locked tonight unless receipts and memos are added" -> ("Add receipts and
    memos", the sentence); None when no sentence makes a lock wait on the reader."""
    if any(NOTHING_TO_DO.search(s) for s in sentences):
        return None  # "Inactive accounts will be closed unless ... No action is needed."
    for sentence in sentences:
        found = _UNLESS.search(sentence)
        if not found or _SELLS.search(sentence) or not _YOURS.search(sentence[: found.start()]):
            continue  # "The east entrance will be closed unless ...": not the reader's
        if found["what"] and (PRONOUN.match(found["what"]) or _BY_OTHERS.match(found["rest"])):
            continue  # "... unless they are renewed", "... is signed by the city": no object
        if found["verb"]:
            text = f"{found['verb'].capitalize()} {found['obj'].strip()}"
        else:
            what = re.sub(r"^(?:the|your|all)\s+", "", found["what"].strip(), flags=re.I)
            text = f"{base_verb(found['done']).capitalize()} {what}"
        if dated := CUED_DATE.search(text):
            text = text[: dated.start()].rstrip(" ,")
        return truncate(text, 140), sentence
    return None
