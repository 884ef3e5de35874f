"""An ask's final wording: the object named, the reason cut, one item per ask.

After the ask is in imperative form, it can still lean on the mail around it: "Approve it"
(approve what the subject names), "Have the comparison ready" (prepare it), "Loop me in on the
outcome" (tell the asker), "Tell Dana if you can come and bring the deck" (two asks: confirm
attendance and prepare the deck). These rewrites work on the item text and the mail's subject
and generalize across senders; the wording stays in the mail's language.
"""

from __future__ import annotations

import re

from digests.summarize.answers import reply_form
from digests.summarize.patterns import sub_named
from digests.summarize.romance import done_as_verb
from digests.summarize.sentences import Caseless
from digests.summarize.topics import SUBJECT_PARTS, lower_first, topic_object
from digests.summarize.verbs import base_form

# The reason after an ask: "Approve it otherwise it slips a week", "..., and Dana is on a flight".
_REASON = re.compile(
    r"\s*(?:,\s*|\s+)(?:otherwise|or else|else|sonst|ansonsten|sinon|si no|de lo contrario|"
    r"and (?:[A-Z][a-z]+|he|she|they) (?:is|are|will be|'s) (?:on|away|out|off|travell?ing|"
    r"flying)\b|or (?:it|we|this|that|you) (?:slips|will slip|won't|can't|misses|will be|'ll be|"
    r"gets?|may be|might be))\b.*$",
)
# "Approve it", "Send us them", "Schickt mir das": an object that only points.
_POINTER = re.compile(
    r"^(?P<verb>[A-Z][\w-]*(?: (?:back|over|in|out|off|up|on|at|into|through))?)"
    r"(?P<who> (?:[A-Z][a-zà-ÿ]+|us|me))?"
    r" (?P<pron>it|them|this|that|das|es|lo|la|ça|le)"
    r"(?P<rest>(?:\s+(?:to|in|on|for|with|by|back|over|before|after|as|from|at|into|mit|an|"
    r"bis|a|en|para|avant|por)\b.*|[,.;:!?].*)?)$",
)
_NOT_THINGS = frozenset(["do", "handle", "manage", "sort", "get", "fix", "make", "take"])


# "Can you join?": the event to join is the one the subject names.
_JOIN = re.compile(r"(?:Join|Attend|Come to|Dial in(?:to)?|Be at|Teilnehmen an|Rejoindre|Unirte a)")
_EVENT = re.compile(
    r"\b(?:call|meeting|sync|review|session|stand-?up|dinner|lunch|workshop|interview|demo|"
    r"webinar|offsite|hearing|briefing|kick-?off|retro|walkthrough|Termin|Besprechung|réunion|"
    r"appel|reunión|llamada)\b",
    re.I,
)
_READY = re.compile(r"^Have (?P<what>.+?) (?:ready|done|prepared|in place)\b(?P<rest>.*)$", re.I)
_LOOP_IN = re.compile(
    r"^(?:Loop|Keep) (?:me|us|[A-Z][a-zà-ÿ]+) (?:in|posted|updated|informed)"
    r"(?: (?:on|about) (?P<what>.+))?$",
    re.I,
)
_COMFORTABLE = re.compile(
    r"^(?:Tell \w+ whether you(?:'re| are) |Be |Feel )?(?:comfortable (?:with )?|happy to |"
    r"willing to )(?P<verb>[a-z]+)(?P<rest>\b.*)$",
    re.I,
)
_COME_AND = re.compile(
    r"^Tell (?P<who>\S+) (?:if|whether) you(?:'ll| will| can|'re able to| could)? "
    r"(?:come|make it|join(?: us)?|attend|be there)\b,?(?: and)? "
    r"(?P<verb>bring|prepare|send|share) (?P<what>.+)$",
    re.I,
)


_WHEN = re.compile(
    r"^\s*(?:for|on|by)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight|"
    r"next week|the weekend)(?:\s+(?:morning|afternoon|evening|night))?\b",
    re.I,
)
_CONSTRAINT = re.compile(
    r"^(?:Keep|Limit) (?:it|them|this|that|the \w+|your \w+) (?:to|under|below|within|short|"
    r"brief|tight)\b",
    re.I,
)


# "¿Me lo apruebas?", "me las mandas en PDF": the Spanish present as a request.
_ME_LO = re.compile(
    r"^(?:¿\s*)?(?:cuando puedas,?\s*)?(?:antes de [^,]+,\s*)?(?:me|nos) (?:lo|la|los|las) "
    r"(?P<verb>mandas|envías|apruebas|firmas|revisas|confirmas|pasas)\b(?P<rest>.*)$",
    re.I,
)
_ES_VERBS = {
    "mandas": "Enviar a {who}",
    "envías": "Enviar a {who}",
    "pasas": "Enviar a {who}",
    "apruebas": "Aprobar",
    "firmas": "Firmar",
    "revisas": "Revisar",
    "confirmas": "Confirmar",
}


def polish(text: str, asker: str, topic: str) -> list[str]:
    """The item's final wording; two items when it joins an RSVP and a preparation."""
    if "(re: " in text:
        return [text]
    who = asker or "them"
    text = _REASON.sub("", text).rstrip(" ,;")
    if text == f"Tell {who}" and topic:
        return [f"Reply to {who} about {lower_first(topic)}"]  # a bare "let me know": answer
    thing = topic_object(topic)
    if _JOIN.fullmatch(text) and _EVENT.search(thing):  # "Can you join?" the subject's call
        return [f"{text} the {thing}"]  # "Hollmann" may be a name: its case stays
    if _CONSTRAINT.match(text):
        return []  # "Keep it to 10 slides" shapes an ask, it is none
    if foreign := _foreign(text, who, topic):
        return foreign
    text = sub_named(_US, who, text)
    if come := _COME_AND.match(text):
        event = lower_first(topic_object(topic))
        at = f" at the {event}" if event else ""
        verb = "Prepare" if come.group("verb").lower() == "bring" else come.group("verb").title()
        what = come.group("what").rstrip(" .")
        what = f"{what} for the {event}" if event and event.lower() not in what.lower() else what
        return [f"Reply to {come.group('who')} to confirm attendance{at}", f"{verb} {what}"]
    text = done_as_verb(text)
    if asker and (confirm := _CONFIRM_WHAT.match(text)):  # "Confirm whether ...": to the asker
        text = f"Confirm to {asker} {text[confirm.end() :]}"
    if be := _BE_THERE.match(text):  # "Be there for the joint survey": attend it
        verb = "Join the call" if be.group("call") else "Attend"
        text = f"{verb}{be.group('rest')}".replace("Attend for ", "Attend ")
        if then := _AND_THEN.match(tail := be.string[be.end() :]):  # "..., and bring the plans"
            return [text, tail[then.end() - 1 :][:1].upper() + tail[then.end() :]]
    if _BARE_LOOK.match(text) and (pull := _PULL.search(topic)):
        # "Waiting for your review" on "Add rate limiting to /v1/search (PR #482)"
        return [f"Review PR #{pull.group('number')}: {topic[: pull.start()].strip()}"]
    head = SUBJECT_PARTS.split(topic, maxsplit=1)[0]  # "Staging deploy failing - QA blocked"
    if _BARE_LOOK.match(text) and (broken := _BROKEN.search(head)) and not _ABOUT.match(head):
        # "Could you take a look?" on "Storybook has been down since Friday": fix it
        return [f"Fix {_lower_determiner(head[: broken.start()].strip(' -:'))}"]
    if _BARE_LOOK.match(text) and (thing := topic_object(topic) or topic):
        # "Could you take another look before the audit?": at what the subject names
        return [f"Review {_lower_determiner(thing)}"]
    if ready := _READY.match(text):
        rest = _WHEN.sub("", ready.group("rest"))
        text = f"Prepare {ready.group('what')}{rest}"
    if loop := _LOOP_IN.match(text):
        what = loop.group("what") or ""
        text = f"Tell {who} {what}".strip()
        if re.match(r"^(?:the )?(?:outcome|result|decision)$", what) and (
            thing := topic_object(topic)
        ):
            text = f"{text} of {thing}"
    if (easy := _COMFORTABLE.match(text)) and easy.group("verb").lower().endswith("ing"):
        text = f"{base_form(easy.group('verb')).capitalize()}{easy.group('rest')}"
    elif easy and easy.group("verb").lower() in {"introduce", "share", "send", "connect"}:
        text = f"{easy.group('verb').capitalize()}{easy.group('rest')}"
    text = reply_form(text, who, topic)
    text = sub_named(_ME, who, text)
    point = _POINTER.match(text)
    thing = topic_object(topic)
    if thing.isalpha() and thing.islower() and len(topic.split()) > 2:
        thing = ""  # "lease" out of "lease question - Hadley Bakeries": the subject says more
    if point and point.group("verb").lower() not in _NOT_THINGS and thing:
        who_part, verb, rest = point.group("who") or "", point.group("verb"), point.group("rest")
        # "fill it in" -> "fill in"; "approve it in the portal" keeps its place
        # ("run it in Nadia's place" keeps its phrase: "in" there is no particle)
        ends = (
            r"(?=$|[,.;!?]| (?:by|before|today|tonight|tomorrow|asap|and|when|once|please|for|at|"
            r"to|with|on)\b)"
        )
        if particle := re.match(rf"^ (in|out|up|back|off)\b{ends}", rest):
            verb, rest = f"{verb} {particle.group(1)}", rest[particle.end() :]
        rest = re.sub(r"^ over\b", "", rest)  # "send it over"
        thing = _lower_determiner(thing)  # "Change your password"
        text = f"{verb}{who_part} {thing}{rest}"
    return [text]


_US = re.compile(r"^(Send|Give|Forward|Email|Show|Get) us\b")  # "Send us" -> "Send Ana"
_ME = re.compile(r"\b(introduce|connect|cc|copy|include|invite|add|loop in|grant) me\b", re.I)
# A look asked for without its object, maybe with when: "Take another look before the audit".
_BARE_LOOK = re.compile(
    r"^(?:Review|Take (?:a|another|a quick|a second|a closer|a final) look|Have a (?:quick )?look|"
    r"Look it over|Give it a (?:quick )?(?:look|read))"
    r"(?:\s+(?:sometime|some time|at some point|when(?:ever)? you (?:can|get a chance)|"
    r"in the next|before|by|this week|next week|today|tomorrow)\b.*)?$",
)


def _lower_determiner(thing: str) -> str:
    """ "Your password" -> "your password" inside an item; a name keeps its capital."""
    return _DETERMINER.sub(lambda m: m.group(0).lower(), thing)


# "Confirm whether ...", "Confirm that the venue works" (not "Confirm that PO with Bosch")
_CONFIRM_WHAT = re.compile(
    r"^Confirm (?=whether\b|if\b(?! (?:needed|necessary|possible)\b)|"
    r"that (?:the|a|an|our|your|we|it|he|she|they|this|there)\b)"
)
# "Be there for the survey", "Be on that call too, in case ...": attend it, the reason cut.
_BE_THERE = re.compile(
    r"^Be (?:there|(?P<call>on (?:the|that) call))(?: too| yourself| as well)?"
    r"(?P<rest>(?: in person)?(?: for (?:the|a|an|our|your|this) [^,;]+?)?)"
    r"(?=$|[,;]| in case | and )"
)
_AND_THEN = re.compile(r",? and \w")
# What a subject says is wrong with the thing it names: "export-nightly failing since Saturday".
# "down" and "offline" only as the thing's state ("has been down since Friday"), not "sales
# down 12%" nor "our offline discussion".
_BROKEN = re.compile(
    r"(?<=\w)\s+(?:(?:(?:has|have) been|is|are|still) )?(?:failing|failed|broken|stuck|not working|"
    r"erroring)(?=\s*$|\s*[-(,!]|\s+(?:since|again|for|after|overnight|today)\b)|"
    r"(?<=\w)\s+(?:(?:has|have) been|is|are|went|still) (?:down|offline)\b|"
    r"(?<=\w)\s+(?:down|offline)\s*$",
    re.IGNORECASE,
)
# A subject about the failure, not the failing thing: "Why is ...?", "Draft: post-mortem ...".
_ABOUT = re.compile(r"^(?:why|how|what|draft|notes|post-?mortem|rca|re-?cap)\b|.*\?", re.I)
_PULL = re.compile(r"\s*\((?:PR |MR |pull request )?#(?P<number>\d+)\)\s*$", re.IGNORECASE)
_DETERMINER = re.compile(
    r"^(?:Your|The|Our|My|This|These|Those|A|An|New|Updated|Revised|Final|Draft)\b(?= [a-z])"
)


# "Dime si ...", "Dites-moi si ...", "Sag mir, ob ...": tell the asker, in the mail's language;
# also after a lead ("Otra cosa: dime si ...", "Cuando puedas, avísame si ...").
_LEAD = r"^(?:[^:,]{0,30}[:,]\s*)?(?:(?:y|et|aussi|también)\s+)?¿?\s*"
_SI_ES = r"(?=si|qu[ée]|cu[áa]l|cu[áa]ndo|c[óo]mo|d[óo]nde|qui[ée]n)"
_TELL_IF = [
    (re.compile(rf"{_LEAD}(?i:dime|dinos|decidme|d[ií]game),?\s+{_SI_ES}"), "Decir a {who} "),
    (re.compile(rf"{_LEAD}(?i:av[ií]same|avisadme),?\s+{_SI_ES}"), "Avisar a {who} "),
    (
        re.compile(
            rf"{_LEAD}(?i:dis-moi|dites-moi),?\s+(?=si|s'|quel|quand|comment|où|qui|combien)"
        ),
        "Dire à {who} ",
    ),
    (
        re.compile(
            r"^(?:Sag mir|Sagen Sie mir|Gib mir Bescheid|Gebt mir Bescheid|"
            r"Geben Sie mir Bescheid),?\s+(?=ob|wann|welche|was|wie|wer|wo)"
        ),
        "{who} sagen, ",
    ),
]
_COME_FOREIGN = [
    (
        re.compile(
            r"^(?:Gebt|Gib|Geben Sie) mir Bescheid,? ob (?:ihr|du|Sie) \w+,? "
            r"und bring\w* (?P<what>.+?)(?: mit)?$"
        ),
        ("{who} die Teilnahme an {event} bestätigen", "{what} für {event} vorbereiten"),
    ),
    (
        re.compile(
            r"^(?:Dites-moi|Dis-moi) si (?:vous|tu) (?:venez|viens|pouvez venir|peux venir),? "
            r"et (?:apporte[rz]?|préparez|prépare) (?P<what>.+)$"
        ),
        ("Confirmer à {who} votre participation à {event}", "Préparer {what} pour {event}"),
    ),
    (
        re.compile(
            r"^(?:Dime|Decidme|Av[ií]same|Conf[ií]rmame) si (?:puedes|podéis|vienes|venís)"
            r"(?: venir)?,? y (?:trae|traed|prepara|preparad) (?P<what>.+)$"
        ),
        ("Confirmar a {who} la asistencia a {event}", "Preparar {what} para {event}"),
    ),
]
# An RSVP alone: "Tell Dana if you can make it", "Confírmame si puedes venir", "Le confirmer".
_RSVP = [
    (
        re.compile(
            r"^(?:Tell|Confirm to) \S+ (?:if|whether) you(?:'ll| will| can| could)? "
            r"(?:come|make it|join(?: us)?|attend|be there)\b"
            r"(?!.*\band (?:bring|prepare|send|share)\b)[^,;]*$"
        ),
        ("Reply to {who} to confirm attendance at the {event}",),
    ),
    (
        re.compile(
            r"^(?:Conf[ií]rma(?:me|nos)|Dime|Av[ií]same)\b.*?\bsi (?:puedes|podéis|vienes|venís)"
            r"(?: venir| ir)?\b[^,;]*$"
        ),
        ("Confirmar a {who} la asistencia a {event}",),
    ),
    (
        re.compile(
            r"^(?:(?:me |nous )?(?:le |la )?confirmer) et (?:m'|me |nous )?"
            r"(?:envoyer|transmettre|faire parvenir) (?P<what>.+)$",
            re.I,
        ),
        ("Confirmer à {who} votre participation à {event}", "Envoyer à {who} {what}"),
    ),
]


_MEETING = {
    "Reply": "meeting",
    "Confirmar": "la reunión",
    "Preparar": "la reunión",
    "Confirmer": "la réunion",
    "Préparer": "la réunion",
}


def _meeting(text: str) -> str:
    """The event's name when the subject gives none: "the meeting" in the item's language."""
    return text.replace("{meeting}", _MEETING.get(text.split()[0], "das Treffen"))


def _foreign(text: str, who: str, topic: str) -> list[str]:
    """German, French and Spanish forms of "tell me whether", "come and bring", "got 30 min"."""
    event = topic_object(topic) or "{meeting}"
    for pattern, pair in _COME_FOREIGN:
        if match := pattern.match(text):
            what = match.group("what").rstrip(" .")
            found = [_meeting(p.format(who=who, event=event, what=what)) for p in pair]
            return [f[:1].upper() + f[1:] for f in found]
    if spanish := _ME_LO.match(text):
        verb = _ES_VERBS[spanish.group("verb").lower()].format(who=who)
        rest = re.sub(r"\s*(?:cuando puedas|,).*$", "", spanish.group("rest")).rstrip(" ?¿")
        thing = lower_first(topic_object(topic)) or "lo que pide"
        return [f"{verb} {thing}{rest}"]
    for pattern, texts in _RSVP:
        if match := pattern.match(text):
            what = match.groupdict().get("what") or ""
            found = [t.format(who=who, event=lower_first(event), what=what) for t in texts]
            return [_meeting(f) for f in found]
    for pattern, lead in _TELL_IF:
        if match := pattern.match(text):
            return [lead.format(who=who) + text[match.end() :]]
    return []


_RECRUITER_WORDS = re.compile(
    r"\b(?:came across your (?:profile|background)|open to (?:new opportunities|exploring)|"
    r"exciting (?:new )?(?:role|opportunity)|(?:a role|roles?) (?:that|which) (?:might|could) "
    r"(?:interest|suit) you|headhunt\w*)\b",
    re.I,
)
_RECRUITER = Caseless(_RECRUITER_WORDS, gated=True)  # faster: most mail has none of its words
_HIRING = re.compile(
    r"\b(?:recruit(?:er|ing)|hiring|roles?|positions?|opportunit(?:y|ies)|base salary|"
    r"equity|per day|/day|talent)\b",
    re.I,
)


def unsolicited(text: str) -> bool:
    """Recruiter outreach ("came across your profile ... hiring"): nothing is the reader's."""
    head = text[:1500]
    return bool(_RECRUITER.search(head) and _HIRING.search(head))
