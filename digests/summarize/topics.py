"""What a mail's subject names: the thing an ask that only points ("Approve it") is about."""

from __future__ import annotations

import re
from functools import lru_cache

from digests.summarize.types import truncate
from digests.summarize.verbs import IMPERATIVE

# Subject words that say what is wanted, not what the thing is.
_STATUS = re.compile(
    r"\b(needs?|need(?:ed)?|awaiting|waiting|for your|your (?:input|ok|approval|review|"
    r"sign-?off|decision)|please|by|before|due|overdue|outstanding|pending|today|tomorrow|"
    r"tonight|asap|urgent|expir(?:es|ed|ing)|(?:is|are|was|were|has|have|will)(?= \w)|failed|"
    r"broken|failing|stuck|down$|"
    r"heute|morgen|bitte|hoy|mañana|aujourd'hui|demain|quick question|question|bis|avant|antes|"
    r"hasta|d'ici|no pudo|no se pudo)\b",
    re.I,
)


_ASKING_WORDS = frozenset(
    ["eod", "cob", "eow", "the", "and", "for", "with", "from", "approval", "sign", "off"]
)


_GENERIC = re.compile(
    r"^(?:re|fwd?|aw|fyi|heads[- ]up|update|reminder|request|follow[- ]up|quick q|ping|"
    r"hi|hello|hallo|hola|bonjour|urgent|important|wichtig|urgente|action required)$",
    re.I,
)


# A subject that names the duty ("complete security training"): the thing is what follows.
_DUTY_VERB = re.compile(
    r"^(?:complete|submit|finish|renew|pay|approve|sign|confirm|return)\s+(?=\S+\s+\S)",
    re.I,
)


@lru_cache(maxsize=256)
def subject_topic(subject: str) -> str:
    """What a subject is about: "URGENT Re: [ext] Acme renewal" -> "Acme renewal"."""
    topic = re.sub(
        r"^((re|fwd?|aw|wg|tr|rv|fw)\s*:\s*|\[[^\]]{1,30}\]\s*|"
        r"(?:urgent|important|wichtig|dringend|urgente?|action required|fyi)\b\s*[:!-]?\s*)+",
        "",
        subject,
        flags=re.I,
    )
    topic = re.sub(r"^(?:updated )?invitation:\s*(.*?)\s*@ .*$", r"\1", topic, flags=re.I)
    return topic.strip(" -:")


# Where a subject's parts meet: "Staging deploy failing - QA blocked", "Action required: X".
SUBJECT_PARTS = re.compile(r"\s[-\u2013\u2014|]\s|:\s")


@lru_cache(maxsize=256)
def topic_object(topic: str) -> str:
    """The thing a subject names: "CHG-20931 needs your approval" -> "CHG-20931", "" if none."""
    text = re.sub(r"\([^)]*\)|\?", "", topic).strip()
    # "can you run the DR drill tonight?" is about the DR drill
    text = re.sub(
        r"^(?:can|could|would|will) you (?:please )?[a-z]+\s+(?=(?:the|a|an|our|your|this)\s)",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"\s+(?:tonight|today|tomorrow|asap|this week)$", "", text, flags=re.I)
    parts = [p.strip() for p in SUBJECT_PARTS.split(text) if p.strip()]
    yours = [p for p in parts[1:] if re.fullmatch(r"your (?:[\w-]+ ?){1,3}", p, re.I)]
    if yours and len(parts[0].split()) <= 8 and not _STATUS.search(parts[0]):
        return f"{yours[0]} for the {parts[0]}"  # "Newsletter - your piece": the reader's part
    for part in parts:
        cut = _STATUS.search(part)
        part = part[: cut.start()].strip(" ,-:") if cut else part
        if 1 <= len(part.split()) <= 8 and not _GENERIC.match(part):
            named = _DUTY_VERB.sub("", part)
            if IMPERATIVE.fullmatch(named):
                continue  # "Sign by noon" names a doing, no thing: "Sign Sign" otherwise
            return named
    return ""


def lower_first(text: str) -> str:
    """ "Carrier bid comparison" -> "carrier bid comparison"; "CHG-20931" and a name
    ("Harbor Lights pilot") stay."""
    second = text.split(" ", 2)[1:2]
    if second and second[0][:1].isupper():
        return text  # "Harbor Lights pilot": a name
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# The subject ``with_context`` adds to an item: "(re: ...)" is no part of the ask itself.
CONTEXT = re.compile(r"\s*\(re: .*$")
VAGUE = re.compile(r"\b(it|them|this|that|these|those|both|one)\b(?!-)", re.IGNORECASE)


def with_context(text: str, topic: str, *, always: bool = False) -> str:
    """ "Take a look" says nothing alone: name what it is about (the subject).

    ``always`` adds the subject to a longer item too ("Reply to Megan about a call to look at
    a multi-year option" is about the renewal the subject names).
    """
    words = text.split()
    if not text or not topic:
        return text
    if len(words) > 6 and not VAGUE.search(" ".join(words[:5])) and not always:
        return text
    mine = set(re.findall(r"\w{3,}", text.lower()))
    if set(re.findall(r"\w{3,}", topic.lower())) <= mine:
        return text  # the subject adds nothing
    if (thing := set(re.findall(r"\w{3,}", topic_object(topic).lower()))) and thing <= mine:
        return text  # "Approve CHG-20931" names what "CHG-20931 needs your approval" is about
    # "Approve the Q3 product budget" says all "Need your approval on the Q3 product budget by
    # EOD today" names, once the subject's words of asking and timing are set aside.
    core = set(re.findall(r"\w{3,}", _STATUS.sub(" ", topic).lower())) - _ASKING_WORDS
    # "Resubmit the expense report “SMM Hamburg 2026”" names "Expense report returned: ..."
    if core and (core <= mine or (always and len(core & mine) >= 0.7 * len(core))):
        return text
    return truncate(f"{text} (re: {topic})", 160)
