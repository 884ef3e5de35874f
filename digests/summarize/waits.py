"""Asks worded as a thing that waits on the reader, anywhere in the sentence.

"The pour card still needs your signature as PM" asks to sign the pour card; "The PO is over
my limit, so it needs your approval by EOD" to approve the PO (what "it" is, the clause before
says); "Mountain Ready-Mix needs the final yardage confirmed by you" to confirm the yardage for
them. Each is given as a request ("Please sign the pour card") that ``action_text`` words.
"""

from __future__ import annotations

import re

from digests.summarize.verbs import base_verb

_KINDS = {
    "signature": "sign",
    "approval": "approve",
    "sign-off": "sign off",
    "signoff": "sign off",
    "ok": "approve",
    "okay": "approve",
    "go-ahead": "approve",
    "review": "review",
    "release": "release",
    "authorisation": "authorise",
    "authorization": "authorize",
    "countersignature": "countersign",
    "confirmation": "confirm",
}
_KIND = r"signature|approval|sign-?off|ok|okay|go-ahead|review|release|authori[sz]ation|"
_KIND += r"countersignature|confirmation"
# What follows the ask up to a consequence: "... by EOD today or they release the crane".
_REST = r"(?:(?! (?:or|and|so|because|otherwise|if)\b)[^,;])*"
# "[so] the pour card still needs your signature [as PM]", "it is waiting for your approval".
_WAITS = re.compile(
    r"(?:(?:^|[,;]\s+(?:(?:so|and|but|which means)\s+)?|\b(?:so|and|because|since|except)\s+)"
    r"(?P<what>(?:the|this|that|our|my|these|those|two|three|four|five|\d{1,2}) [\w'#/-]+"
    r"(?: (?!(?:it|they|is|are|was|were|has|have|had)\b)[\w'#/.,-]+| \([^()]{1,60}\)){0,9}?)"
    r"(?: that| which)?|"
    r"(?:(?<=\s)|^)(?P<pronoun>it|this|that|they|these|those)|"
    # "Invoice 2291 from Acme is awaiting ...", "Three expense reports are waiting for ...":
    # a sentence that opens on the thing itself
    r"^(?P<bare>(?!(?:i|we|you|he|she|everyone|nobody|someone|no|none|nothing|neither)\b)"
    r"[\w'#/-]+"
    r"(?: (?!it\b|they\b)[\w'#/-]+){0,6}?)(?= (?:is|are) (?:still )?(?:awaiting|waiting|pending|"
    r"sitting)\b))\s+"
    r"(?:still |also |now |then |just |only )?(?:would |will )?"
    r"(?:needs|need|requires|require|(?:is|are) (?:still )?waiting for|"
    r"(?:is|are) (?:still )?awaiting|awaits|(?:is|are) (?:still )?pending|"
    # "The wire is sitting in your approval queue in the treasury system"
    rf"(?:is|are) (?:still )?(?:sitting|waiting) in) your (?P<kind>{_KIND})\b(?: queue| inbox)?"
    r"(?: as [\w ]{2,30}?(?=$|[,;.]| by | before | or | and ))?"
    rf"(?P<rest>{_REST})",
    re.IGNORECASE,
)
# "Mountain Ready-Mix needs the final yardage confirmed by you": confirm it for them.
_DONE_BY_YOU = re.compile(
    r"^(?i:(?:also|and|so|plus),?\s+)?(?P<who>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3}) "
    r"(?:still |also )?(?:needs|wants|requires) "
    r"(?P<what>(?:the|your|this|that|these|those|a|an) [^,;]{2,60}?) "
    r"(?P<done>confirmed|signed|approved|checked|reviewed|sent|submitted|completed|filled in) "
    rf"by you\b(?P<rest>{_REST})",
)
# "I can install it tomorrow if I have your sign-off on quote Q-7731 by noon": sign it off.
_IF_YOURS = re.compile(
    r"(?<=\S )\b(?:if|once|as soon as|when) (?:i|we) (?:have|get|receive|can get) your "
    rf"(?P<kind>{_KIND}) (?:on|for|of) (?P<what>(?:the |this |that |your |our )?"
    r"(?:[^,;(]|,(?=\d{3})|\([^()]{0,40}\)){2,80}?)"
    r"(?= by | before | today| tonight| tomorrow|[,;]|$)(?P<rest>[^,;]*)",
    re.IGNORECASE,
)
# "Marta still needs signed timesheets for your three drivers": the reader's to sign.
_NEEDS_DONE_YOURS = re.compile(
    r"^(?P<who>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:still |also )?(?:needs|wants|is waiting for) "
    r"(?P<done>signed|approved|completed|countersigned|updated) "
    r"(?P<what>[a-z][^,;]{2,40}?\b(?:for|from|of) (?:your|you)\b"
    r"(?:[^;,]|,(?! (?:and|but|so|though|not)\b)){0,120})$",
)
# "The only thing missing is your sign-off as PI": all that is left is the reader's part.
_ONLY_YOURS_LEFT = re.compile(
    r"\b(?:the only thing|all that(?:'s| is)|the last thing|the one thing|what(?:'s| is))"
    r"(?: still| now)? (?:missing|left|outstanding|needed|remaining|pending|lacking)"
    rf"(?: now)? is your (?P<kind>{_KIND})\b",
    re.IGNORECASE,
)
# "The PO is over my limit, so it ...": the subject of the clause before names "it".
_SUBJECT = re.compile(
    r"^(?:(?:because|since|as)\s+)?(?P<np>(?:the|this|our|my) [\w'#/-]+(?: [\w'#/-]+){0,4}?) "
    r"(?:is|are|was|were|has|have|goes|went|came|comes)\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"^(?:it|this|that|they|these|those)$", re.IGNORECASE)


def waiting_ask(sentence: str) -> str:
    """The request a thing waiting on the reader makes ("Please sign the pour card"), or ""."""
    text = sentence.strip().rstrip(".!")
    if done := _DONE_BY_YOU.match(text):
        verb = base_verb(done.group("done")).lower()
        who = done.group("who")
        return f"Please {verb} {done.group('what')} for {who}{done.group('rest')}"
    if left := _ONLY_YOURS_LEFT.search(text):
        verb = _KINDS[left["kind"].lower().replace("signoff", "sign-off")]
        return "Please sign it off" if verb == "sign off" else f"Please {verb} it"
    if yours := _NEEDS_DONE_YOURS.match(text):
        verb = base_verb(yours["done"]).lower()
        return f"Please {verb} the {yours['what']}"
    if (given := _IF_YOURS.search(text)) and given["kind"].lower() not in {"ok", "okay"}:
        verb = _KINDS[given["kind"].lower().replace("signoff", "sign-off")]
        verb += " on" if verb == "sign off" else ""
        return f"Please {verb} {given['what']}{given['rest']}"
    wait = _WAITS.search(text)
    if not wait:
        return ""
    what = wait.group("what") or wait.group("pronoun") or wait.group("bare")
    if PRONOUN.match(what):
        subject = _SUBJECT.match(text[: wait.start()])
        what = subject.group("np") if subject else "it"
    what = re.sub(r"^(?:my|our)\b", "the", what, flags=re.IGNORECASE)
    verb = _KINDS[wait.group("kind").lower().replace("signoff", "sign-off")]
    return f"Please {verb} {what[:1].lower()}{what[1:]}{wait.group('rest')}"
