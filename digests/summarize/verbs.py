"""English verb forms: the verbs an ask opens with, and the base form of a gerund or participle.

"Send", "review", "sign off" open an imperative ("Draft is in the drive" uses one as a noun);
"sending" and "submitted" say the same act as "send" and "submit".
"""

from __future__ import annotations

import re

# "Flick me the con note", "Shoot over the deck": colloquial for "send".
_SLANG = r"(?:flick|shoot|bung)(?= (?:me|us|over|across|through)\b(?! (?:any|a text|a message)\b))"
IMPERATIVE = re.compile(
    r"^(?:re-)?(sign|send|submit|review|approve|confirm|complete|return|pay|update|fill|book|call|"
    r"reply|respond|register|schedule|prepare|share|upload|check|read|forward|renew|verify|"
    r"join|finish|fix|provide|bring|add|take|grab|decide|pick|choose|draft|write|rotate|"
    r"revoke|certify|recertify|investigate|acknowledge|triage|merge|test|ping|give|tell|"
    r"ship|deploy|look|put|get|remove|cancel|move|email|text|follow up|chase|loop|set up|"
    r"setup|reset|change|download|install|enable|disable|accept|decline|answer|attend|open|"
    r"post|run|create|file|set|turn|make|keep|close|raise|escalate|notify|ask|contact|"
    r"reach out|cover|handle|coordinate|organi[sz]e|plan|arrange|clean|delete|archive|print|"
    r"scan|countersign|redraw|rebuild|redo|rework|reissue|resend|reschedule|regenerate|"
    r"recalculate|rewrite|refile|reapply|recheck|deliver|pull|export|migrate|upgrade|restart|"
    r"rerun|roll back|"
    r"pause|stop|start|block|unblock|lock|comment|flag|document|draft|enter|"
    r"approve|validate|double-check|walk|present|record|assign|reserve|order|buy|collect|"
    r"propose|find|help|hop|finali[sz]e|drop|hold|hand|switch|ring|meet|speak|talk|consider|"
    r"think|suggest|recommend|nominate|vote|rate|sign off|loop in|hand over|pick up|"
    r"leave|mark|note|list|skim|sort|debug|contain|reverse|enrol|enroll|activate|reconnect|"
    r"rebook|estimate|summari[sz]e|outline|explain|clarify|justify|compile|gather|compare|"
    r"evaluate|assess|prioriti[sz]e|chair|host|lead|swap|sanity-check|proofread|edit|"
    r"translate|fill in|sign up|have a (?:look|read|think|listen|glance|skim)|"
    r"have (?:someone|somebody|one of)(?! in mind)|"
    r"bump|nudge|remind|invite|introduce|report|reach|reconcile|"
    r"expand|extend|resize|increase|reduce|replace|repair|restore|inspect|quarantine|"
    r"authori[sz]e|release(?! (?:notes?|planning|schedule|candidate|date|train|v?\d)\b)|"
    rf"{_SLANG})\b",
    re.IGNORECASE,
)


NOUN_USE = re.compile(
    # "Change control CC-0912 is now open": a noun, its ID, a verb
    # (not "Confirm room B12 is booked", "Check build-442 is green": a check of a state)
    r"^(?!(?:confirm|check|verify|ensure|make|double-check|see|note|find out|ask)\b)"
    r"\w+(?:\s+\w+)?\s+[a-z]+-?\d[\w-]*\s+(?:is|are|was|were|has|have)\b|"
    r"^\w+(?:\s+\w+)?(?:\s+(is|are|was|were|has|have|will|looks|went|shows|says|seems|"
    r"needs|includes|contains|lists|covers|starts|runs|takes|works|fails|apply|applies)\b|:)|"
    r"^(?:note|list|lead|mark|host|chair|draft|edit|order|record|file|test|plan|rework|rewrite|"
    r"redo)\s+(?:from|of|on)\b|"
    # bank details and a tool's buttons: "Sort code 20-45-77", "Acknowledge | Close | Add note"
    r"^(?:sort code|account (?:no|number|name)|routing number|swift|iban)\b|"
    r"^(?:order|invoice|ticket|case|booking|reservation) (?:#|no\.|number\b)|"  # "Order #SG-2044"
    r"^\w+(?: \w+)? \| \w+(?: \w+)? \| |"
    r"^invit(?:e|ation) (?:attached|below|enclosed)\b|"  # "Invite attached": a noun
    # a tracker's heading over what someone wrote: "Comment by Sanne de Boer:"
    r"^(?:comment|reply|update|note|message|post)s? (?:by|from) [^\W\d_][\w'-]+"
    r"(?: [\w'-]+){0,3}:(?:\s|$)",
    re.I,
)


SLANG_SEND = re.compile(rf"\b{_SLANG}", re.IGNORECASE)

_IRREGULAR = {"sent": "Send", "done": "Do", "paid": "Pay", "set up": "Set up", "sent over": "Send"}


def base_verb(participle: str) -> str:
    """ "submitted" -> "Submit", "approved" -> "Approve", "signed off" -> "Sign off"."""
    low = participle.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    head, _, tail = low.partition(" ")
    stem = head[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        stem = stem[:-1]  # submitted -> submit
    elif head.endswith(("ved", "ted", "red", "sed", "ged", "ced")) and not IMPERATIVE.match(stem):
        stem = head[:-1]  # approved -> approve, updated -> update
    return f"{stem} {tail}".strip().capitalize()


def base_form(gerund: str) -> str:
    """ "introducing" -> "introduce", "sharing" -> "share", "sending" -> "send"."""
    low = gerund.lower()
    if not low.endswith("ing") or len(low) < 6:
        return low
    stem = low[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]  # "getting" -> "get"
    if re.search(r"(?:[^aeiou][aeiou][cvzsgdu]|[^aeiou]at|[cgs]|ur|iz|uc)$", stem):
        return stem + "e"  # "introduc" -> "introduce", "shar" -> "share"
    return stem


# The plain verb for a roundabout one: "have a look at" is "Review", "give me your OK on" is
# "Approve", "necesito que me mandes" is "Enviar a Marta".
PLAIN_VERBS = [
    (
        re.compile(
            r"^(?:(?:have|take) a (?:quick |closer |final )?look(?: at| over| through)?|"
            r"look (?:at|over|through)|go (?:through|over)|check out|skim(?: through)?)\b",
            re.IGNORECASE,
        ),
        "Review",
    ),
    (  # "Can you take a look and get the job running again?": fix it
        re.compile(
            r"^(?:(?:(?:have|take) a (?:quick )?look(?: at it)?|review) and )?"
            r"get(?= (?:the|it|this|that|our)\b"
            r"[^,;]{0,60}? (?:running|working|back up|going) again\b)",
            re.IGNORECASE,
        ),
        "Fix",
    ),
    (  # "Could you take a first pass at the motion?": write the first draft of it
        re.compile(
            r"^(?:take|have) a (?:first |quick |rough |initial )?(?:pass|stab|crack) at\b"
            r"(?! \w+ing\b)",
            re.IGNORECASE,
        ),
        "Draft",
    ),
    (  # "Have a think about whether we should renew": consider it
        re.compile(r"^(?:have|take) a (?:quick |good )?think (?:about|over)\b", re.IGNORECASE),
        "Consider",
    ),
    (  # "Have a read of the memo"
        re.compile(r"^(?:have|take) a (?:quick |good )?read (?:of|through)\b", re.IGNORECASE),
        "Read",
    ),
    (
        re.compile(
            r"^give (?:\w+ )?(?:your|the) (?:ok|okay|approval|go-ahead|green light|sign-?off)"
            r"(?: on| for| to)?\b",
            re.IGNORECASE,
        ),
        "Approve",
    ),
]
