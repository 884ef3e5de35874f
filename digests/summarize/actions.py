"""Action items: each thing the reader is asked to do, in imperative form, and by when.

Only what the sender wrote this time counts (quoted history and signatures are gone before
this runs). A sentence is an ask when it requests something of the reader ("could you",
"please", "bitte", "merci de", "por favor", an imperative opening); a line ending in ":" that
announces asks ("Two things I need from you before 14:00:", "Let me know:") is not an item
itself, but its list items are, and they inherit its deadline. Machines give items only for
personal obligations: a payment to fix, access to recertify, an invoice to approve.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime, tzinfo

from digests.parsing import ParsedMessage
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.notices import (
    NOTICE,
    OBLIGATION,
    mentions,
    obligation_text,
)
from digests.summarize.objects import ask_clause, need_as_send, resolve_pronoun, same_ask
from digests.summarize.sentences import lowered, new_text, split_sentences, strip_greeting
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem, truncate

_ASK = re.compile(
    r"\b(please|pls|kindly|could you|can you|would you|will you|need you to|i need|"
    r"we need(?! to\b)|(?:i|we)(?:'ll| will| would|'d) need|you need to|you must|you'll need to|"
    r"make sure|"
    r"don'?t forget|remember to|let me know|"
    r"lmk|if you could|i'd appreciate|are you able to|would it be possible|can i get|"
    r"could i get|reply (by|with)|respond by|rsvp|send me|tell me|"
    r"bitte|kannst du|könntest du|können sie|könnten sie|würdest du|würden sie|"
    r"merci de|pourriez-vous|pouvez-vous|peux-tu|pourrais-tu|veuillez|n'oublie pas|"
    r"por favor|puedes|podrías|podrias|podéis|podrían|necesito que|te pido que|recuerda|"
    r"tu peux|vous pouvez|tu pourrais|vous pourriez|est-ce que tu|j'ai besoin|il me faut|"
    r"pedimos|os pido|le pido|necesitamos|necesito|ich brauche|wir brauchen|du musst|"
    # indirect: "I'm curious whether ...", "Want me to ...?", "Marta wants an explanation"
    r"(i'?m|i am) (\w+ )?(curious|wondering) (whether|if|what|how|when)|i wonder (whether|if)|"
    r"want me to|would love (to hear|your))\b",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"^(sign|send|submit|review|approve|confirm|complete|return|pay|update|fill|book|call|"
    r"reply|respond|register|schedule|prepare|share|upload|check|read|forward|renew|verify|"
    r"join|finish|fix|provide|bring|add|take|grab|decide|pick|choose|draft|write|rotate|"
    r"revoke|certify|recertify|investigate|acknowledge|triage|merge|test|ping|give|tell|"
    r"ship|deploy|look|put|remove|cancel|move|email|text|follow up|chase|loop|set up|"
    r"setup|reset|change|download|install|enable|disable|accept|decline|answer|attend|open|"
    r"post|run|create|file|set|turn|make|keep|close|raise|escalate|notify|ask|contact|"
    r"reach out|cover|handle|coordinate|organi[sz]e|plan|arrange|clean|delete|archive|print|"
    r"scan|countersign|redraw|deliver|pull|export|migrate|upgrade|restart|rerun|roll back|"
    r"pause|stop|start|block|unblock|lock|comment|flag|document|draft|enter|"
    r"approve|validate|double-check|walk|present|record|assign|reserve|order|buy|collect|"
    r"propose|find|help|hop|finali[sz]e|drop|hold|hand|switch|ring|meet|speak|talk|consider|"
    r"think|suggest|recommend|nominate|vote|rate|sign off|loop in|hand over|pick up)\b",
    re.IGNORECASE,
)
# Asks that are really courtesy, instructions for later or boilerplate.
_NOT_ASK = re.compile(
    r"\b(?:let me know if (?:you have|there are|anything|you need|any)|feel free|"
    r"don'?t hesitate|if you have (?:any )?questions|please (?:find|see (?:below|attached)|note|"
    r"ignore|disregard|do not reply)|do not reply|unsubscribe|click here|view in browser|"
    r"shop now|thanks in advance|no need to|you don'?t need to|nothing (?:to do|needed)|"
    r"no action (?:is )?(?:needed|required)|if this wasn'?t you|if you did(?: not|n'?t)|"
    r"manage (?:your )?preferences|do not share this|notify the sender|"
    r"received this (?:e-?mail|message) in error|nicht weiterleiten|do not forward|"
    r"don'?t forward|ne pas transférer|no reenviar|reply to this email to|"
    r"view (?:it )?(?:on|in) (?:github|gitlab|linear|jira|slack)|you can view, comment)|% off|"
    r"^(?:(?:best|kind|warm)(?: regards)?\b|(?:many )?thanks\b|cheers\b|(?:un )?saludo|"
    r"cordialement|bien à vous|viele grüße|beste grüße|liebe grüße)",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"(need|things|asks?|items|from you|let me know|what i need|to do|todo|action items|"
    r"could you|can you|please|brauche|bitte|besoin|merci de|necesito|por favor)[^:]*:$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^[^.!?]{0,40}?(:|,| -| \u2013| \u2014)\s+((but|and|so|also)\s+)?(?=(please|could you|"
    r"can you|would you|kindly|bitte|merci|por favor)\b)",
    re.IGNORECASE,
)
_POLITE = re.compile(
    r"^((also|and|so|but|ok|okay|one more thing|finally|lastly|first|second|then),?\s+|"
    r"(could|can|would|will) you (please |kindly |also )?|(please|pls|kindly),?\s+|"
    r"(i|we) need you to\s+|(i|we) need you to please\s+|you need to\s+|you'll need to\s+|"
    r"you must\s+|make sure (you |to )?|remember to\s+|don'?t forget to\s+|"
    r"if you could (please )?|i'd appreciate (it )?if you could\s+|are you able to\s+|"
    r"would you mind\s+|would it be possible (for you )?to\s+|"
    r"(i|we) need\s+(?=(a|an|the|your)\b)|"
    r"¿?\s*(me |nos |le )?(puedes|podrías|podrias|podéis|podrían|puede|podría)\s+(por favor\s+)?|"
    r"(pourriez|pouvez)-vous (me |nous )?|(peux|pourrais)-tu (me |nous )?|merci de (me |nous )?|"
    r"(kannst|könntest|würdest) du (mir |uns )?(bitte )?|"
    r"(können|könnten) sie (mir |uns )?(bitte )?|"
    r"bitte\s+|por favor,?\s+|s'il (te|vous) pla[iî]t,?\s+)",
    re.IGNORECASE,
)
_DATEISH = (
    r"(?:(?:the |this |next |end of |close of |of |the end of |on |at |a\.m\.|p\.m\.|am\b|pm\b|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)\b|[\d:.]+\s?|noon|midday|midnight|morning|afternoon|evening|tonight|today|tomorrow|eod|"
    r"cob|eow|day|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
    r"(?:ET|PT|CT|MT|CET|CEST|GMT|UTC|BST|EST|EDT|PST|PDT|SGT|JST|IST)\b|"
    r"(?:eastern|pacific|central|mountain)(?: time)?\b|"
    r"\d{1,2}(?:st|nd|rd|th)|latest|first thing|,)\s*)"
)
_DEADLINE_PHRASE = re.compile(
    rf"\s*,?\s*\b(?:by|before|until|till|no later than|ahead of|latest by|in the next)\s+"
    rf"{_DATEISH}+",
    re.IGNORECASE,
)
# Times left over once "by ..." is gone: "PT today", "first thing tomorrow", "12:00 CET".
_LOOSE_TIME = re.compile(
    r"\s*\b(?:(?:ET|PT|CET|CEST|GMT|UTC|BST)\s+)?(?:first thing\s+)?(?:today|tonight|tomorrow"
    r"(?:\s+(?:morning|afternoon|evening))?|this (?:morning|afternoon|evening)|asap)\b|"
    r"\s*\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:ET|PT|CET|CEST|GMT|UTC|BST)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*(,?\s+(so (that )?(i|we|they|he|she|it)\b|so (that )?\w+ (can|could|has|have|will)\b|"
    r"because|since|as (i|we)\b|if possible|and (i|we)('ll| will)\b|"
    r"when you (get|have) a (chance|minute|sec)|thanks|thank you|cheers|cuando (puedas|tengas)|"
    r"quand tu (peux|auras)|wenn du (kannst|zeit hast))|\s+[-\u2013\u2014]\s)"
    r".*$",
    re.IGNORECASE,
)


def find_action_items(
    message: ParsedMessage, zone: zoneinfo.ZoneInfo, *, automated: bool, me: str = ""
) -> list[ActionItem]:
    """What the reader is asked to do in the new text, each with its resolved deadline.

    ``me`` is the reader's address: a list item "Lena: hero image v2" is Lena's task, not
    theirs, unless the reader is Lena.
    """
    my_name = re.split(r"[._+-]", me.partition("@")[0])[0].lower() if me else ""
    if automated and mentions(new_text(message), me):
        automated = False  # "@sam-whitfield could you review?": a person, through a tool
    received = message.received_at.astimezone(zone)
    asker = _first_name(message.from_name)
    items: list[ActionItem] = []
    seen: set[str] = set()
    intro: Deadline | None = None
    intro_verb = ""
    in_list = False
    previous: Deadline | None = None
    # Asks come early; the 120th sentence of a newsletter asks nothing of the reader.
    sentences = _sentences_with_list_marks(new_text(message))[:MAX_SENTENCES]
    # A machine's obligation ("update your payment method") is due when the mail says.
    first_date = _soonest([s for _, s in sentences if _CUED.search(s)], received, zone)
    topic = _topic(message.subject)
    before: list[str] = []
    asked_last = -1  # how many sentences had been read when the last item was found
    for listed, raw in sentences:
        before.append(raw)
        sentence = _URL.sub("", strip_greeting(raw)).strip(" :")
        sentence = sentence + ":" if raw.rstrip().endswith(":") and sentence else sentence
        if not sentence or len(sentence) > 400:
            continue
        stated = _stated(sentence, received)
        if stated and _ANSWER_BY.match(sentence) and asked_last == len(before) - 1 and items:
            # "Are you in? If you let me know before 10 October, ...": the answer's deadline.
            items[-1] = _item(items[-1].text, stated)
            continue
        if sentence.endswith(":") and (_INTRO.search(sentence) or _ASK.search(sentence)):
            intro, in_list, previous = stated, True, stated
            intro_verb = _intro_verb(sentence)
            continue
        # HTML lists reach us without their bullets: a machine's short lines after an intro.
        implicit = automated and in_list and len(sentence) < 120 and not sentence.endswith(".")
        listed = listed or (implicit and len(sentence.split()) >= 3)
        if not listed and in_list and not _looks_like_list_continuation(sentence):
            in_list, intro = False, None
        from_list = (
            in_list and listed and len(sentence.split()) >= 3 and not _NOT_ASK.search(sentence)
        )
        is_ask = _is_ask(sentence) or from_list or (automated and _obligation_ask(sentence))
        if automated and not (is_ask and OBLIGATION.search(sentence) and not message.is_mass_mail):
            previous = stated
            continue
        if not is_ask:
            previous = stated
            continue
        deadline = stated or (intro if in_list else None) or previous
        # An ask without a date of its own is due when the mail's nearest deadline is.
        deadline = deadline or first_date
        previous = stated or previous
        if (owner := _ASSIGNEE.match(sentence)) and listed:
            if owner.group(1).lower() != my_name:
                continue  # someone else's task in the notes
            sentence = owner.group(2)
            from_list = True
        for part in _INLINE_LIST.split(sentence):
            text = _answer_text(part, asker) if _only_a_question(part) else action_text(part, asker)
            if from_list and text and not _IMPERATIVE.match(text) and not _is_ask(part):
                verb = intro_verb or (f"Send {asker}" if asker and not automated else "")
                text = f"{verb} {text[:1].lower()}{text[1:]}".strip() if verb else text
            named = resolve_pronoun(text, before[:-1])
            text = named if named != text else _with_context(text, topic)
            for ask in _split_conjoined(text):
                fresh = ask.lower() not in seen and not same_ask(ask, [i.text for i in items])
                if ask and fresh and len(items) < MAX_ACTION_ITEMS:
                    asked_last = len(before)
                    seen.add(ask.lower())
                    items.append(_item(ask, deadline))
    if not items and not automated and (_is_ask(message.subject) or message.subject.endswith("?")):
        subject = re.sub(r"^((re|fwd?|aw|wg|tr|rv)\s*:\s*)+", "", message.subject, flags=re.I)
        if _is_ask(subject) and (text := action_text(subject, asker)):
            items.append(_item(text, resolve_deadline(subject, received)))
    notice = automated and not message.is_mass_mail and NOTICE.search(message.subject)
    # "Action required: payment failed for acme.io": the obligation is in the subject.
    if not items and notice and (text := obligation_text(topic)):
        named = resolve_deadline(topic, received)  # "due September 18" in the subject
        same_day = named and first_date and named.due == first_date.due
        items.append(_item(text, first_date if same_day or not named else named))
    return items


def _soonest(sentences: list[str], received: datetime, zone: tzinfo) -> Deadline | None:
    dates = [d for s in sentences if (d := resolve_deadline(s, received))]
    ahead = [d for d in dates if d.due >= received.date()]
    return min(ahead, key=lambda d: d.moment(zone)) if ahead else None


def mail_deadline(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> Deadline | None:
    """The nearest date still ahead that the new text (or the subject) names."""
    received = message.received_at.astimezone(zone)
    sentences = [message.subject, *split_sentences(new_text(message))]
    return _soonest(sentences, received, zone)


def subject_deadline(message: ParsedMessage, zone: zoneinfo.ZoneInfo) -> Deadline | None:
    """A deadline named in the subject line ("... - heute vor 18 Uhr?")."""
    received = message.received_at.astimezone(zone)
    return resolve_deadline(message.subject, received)


MAX_SENTENCES = 80
# "No rush, next week or the week after is fine" names no deadline for the mail's asks.
_CUED = re.compile(
    r"^(?!.*\b(?:no rush|no hurry|whenever|keine eile|pas d'urgence|sin prisa)\b)", re.IGNORECASE
)
_URL = re.compile(r"https?://\S+")
_OBLIGATION_ASK = re.compile(
    r"^to [^,]{3,60},\s+(?P<verb>[a-z]+)|\byou (still )?(have|need) to\b|\bwaiting for your\b",
    re.IGNORECASE,
)


def _obligation_ask(sentence: str) -> bool:
    """ "To keep your store open, update your payment method": a machine's real ask."""
    match = _OBLIGATION_ASK.search(sentence)
    if match is None:
        return False
    verb = match.groupdict().get("verb")
    return verb is None or bool(_IMPERATIVE.match(verb))


def _intro_verb(intro: str) -> str:
    """ "You still have the following to complete:" -> "Complete"."""
    match = re.search(r"\bto ([a-z]+)\b[^:]*:$", intro, re.IGNORECASE)
    if match and _IMPERATIVE.match(match.group(1)):
        return match.group(1).capitalize()
    return ""


_ASSIGNEE = re.compile(r"^([A-Z][a-zà-ÿ]+)\s*(?::|\s[-\u2013]|\s+to)\s+(.+)$")
_INDIRECT_TELL = re.compile(
    r"^(?:i'?m|i am)\s+(?:\w+\s+)?(?:curious|wondering)\s+(?=whether|if|what|how|when)|"
    r"^i wonder\s+(?=whether|if)",
    re.IGNORECASE,
)
_SOMEONE_WANTS = re.compile(
    r"^(?:[\w ]+\()?([A-Z][a-zà-ÿ]+)\)?\s+(?:wants|needs|would like)\s+(?=(?:an?|the|your)\s)"
)
_NEED_YOUR = re.compile(
    r"^(?:i|we) (?:need|want|would like|'d like) your (approval|ok|okay|go-ahead|sign-?off|"
    r"signature|feedback|input|review|comments|thoughts|decision|answer|confirmation)"
    r"(?:\s+(?:on|for|of|to))?\s+",
    re.IGNORECASE,
)
_NEED_VERBS = {
    "approval": "Approve", "ok": "Approve", "okay": "Approve",
    "go-ahead": "Approve",
    "sign-off": "Sign off", "signoff": "Sign off",
    "signature": "Sign",
    "feedback": "Give feedback on", "input": "Give input on", "review": "Review",
    "comments": "Comment on",
    "thoughts": "Give your thoughts on", "decision": "Decide on", "answer": "Answer",
    "confirmation": "Confirm",
}  # fmt: skip
_INLINE_LIST = re.compile(r"[;,]?\s+(?:and\s+)?\((?:ii|iii|iv|2|3|4|b|c|d)\)\s+")
_VAGUE = re.compile(r"\b(it|them|this|that|these|those|both|one)\b", re.IGNORECASE)


def _topic(subject: str) -> str:
    topic = re.sub(
        r"^((re|fwd?|aw|wg|tr|rv|fw)\s*:\s*|\[[^\]]{1,30}\]\s*)+", "", subject, flags=re.I
    )
    topic = re.sub(r"^(?:updated )?invitation:\s*(.*?)\s*@ .*$", r"\1", topic, flags=re.I)
    return topic.strip(" -:")


def _with_context(text: str, topic: str) -> str:
    """ "Take a look" says nothing alone: name what it is about (the subject)."""
    words = text.split()
    if not text or not topic or (len(words) > 6 and not _VAGUE.search(" ".join(words[:5]))):
        return text
    if set(re.findall(r"\w{3,}", topic.lower())) <= set(re.findall(r"\w{3,}", text.lower())):
        return text  # the subject adds nothing
    return truncate(f"{text} (re: {topic})", 160)


def _item(text: str, deadline: Deadline | None) -> ActionItem:
    return ActionItem(text, deadline.due if deadline else None, deadline.time if deadline else None)


# A question put to the reader ("Are you OK with 10 %?", "Tu es dispo jeudi ?") asks for an answer.
_YOU_QUESTION = re.compile(
    r"\b(you|your|tu|toi|vous|du|dir|dich|sie|usted|ustedes|te|os)\b[^?]*\?\s*$", re.IGNORECASE
)
_SMALL_TALK = re.compile(
    r"\bhow are (you|things)|how was your|hope you\b|wie geht|ça va|qué tal", re.I
)


_INVERTED = re.compile(
    r"^(would|will|could|can|should|do|does|did|is|are|was|were|have|has)\s+"
    r"(you|we|it|this|that|they|he|she)\b\s*",
    re.IGNORECASE,
)


def _only_a_question(sentence: str) -> bool:
    """A question put to the reader that is not phrased as a request ("Is Thursday OK?")."""
    text = strip_greeting(sentence).lower()
    imperative = bool(_IMPERATIVE_LOW.match(text)) and not _NOUN_USE_LOW.match(text)
    return bool(_YOU_QUESTION_LOW.search(text)) and not _ASK_LOW.search(text) and not imperative


def _answer_text(sentence: str, asker: str) -> str:
    """ "Would it work to move the review?" -> "Tell Dana whether it would work to move ..."."""
    text = _LEAD_IN.sub("", sentence.strip(), count=1).strip(" \"'\u201c\u201d").rstrip(" ?")
    if match := _INVERTED.match(text):
        aux, subject = match.group(1).lower(), match.group(2).lower()
        rest = text[match.end() :]
        verb = "" if aux in {"do", "does", "did"} else f"{aux} "
        text = f"whether {subject} {verb}{rest}"
    else:
        text = f"{text[:1].lower()}{text[1:]}"
    who = asker or "them"
    return truncate(
        f"Tell {who} {text}" if text.startswith("whether") else f"Answer {who}: {text}", 140
    )


_NOUN_USE = re.compile(
    r"^\w+(?:\s+\w+)?(?:\s+(is|are|was|were|has|have|will|looks|went|shows|says|seems|"
    r"needs|includes|contains|lists|covers|starts|runs|takes|works|fails)\b|:)",
    re.I,
)


def _is_ask(sentence: str) -> bool:
    if _SOMEONE_WANTS.match(sentence):
        return True  # "Marta wants an explanation of ..."
    low = sentence.lower()  # the *_LOW patterns: the same, matched faster on lower case
    if _NOT_ASK_LOW.search(low) or _SMALL_TALK_LOW.search(low):
        return False
    # "Draft is in the shared drive": the verb list's word used as a noun.
    imperative = bool(_IMPERATIVE_LOW.match(low)) and not _NOUN_USE_LOW.match(low)
    # "Before you go in, call Morrow": an imperative after a lead clause.
    rest = _after_lead(low)
    imperative = imperative or (rest != low and bool(_IMPERATIVE_LOW.match(rest)))
    return bool(_ASK_LOW.search(low) or imperative or _YOU_QUESTION_LOW.search(low))


_LEAD_CLAUSE = re.compile(
    r"^(?:before|after|once|when|while|if|as soon as|by|for|in the meantime|meanwhile|"
    r"ideally|otherwise|alternatively|in any case)\b[^,.;:?!]{0,70},\s+"
    r"(?:(?:please|then|also)\s+)?",
    re.IGNORECASE,
)


def _after_lead(sentence: str) -> str:
    """ "Before you go in, call Morrow ..." -> "call Morrow ..." (unchanged without a lead)."""
    match = _LEAD_CLAUSE.match(sentence)
    return sentence[match.end() :] if match else sentence


_ANSWER_BY = re.compile(
    r"^(?:if you|si tu|si vous|si puedes|wenn du|wenn sie)\b.{0,30}\b(?:let (?:me|us) know|reply|"
    r"confirm|tell me|get back|answer|dis-moi|dites-moi|me dices|avísame|sag mir|bescheid)",
    re.IGNORECASE,
)


# Opening a page or reading a draft is the first step of the ask that follows, not an ask.
_STEP = re.compile(
    r"^(?:log ?in|sign ?in|go|open|visit|click|head|review|read|look|check|have a look|skim)\b",
    re.IGNORECASE,
)
_AND_THEN = re.compile(r",? and (?:then |also )?(?=\w)", re.IGNORECASE)


def _split_conjoined(text: str) -> list[str]:
    """ "Send Hannah the schedule and flag anything above €50k" is two asks; "Review and
    approve the PR" and "Export the JSON and send it to Henrik" are one."""
    for match in _AND_THEN.finditer(text):
        first, second = text[: match.start()], text[match.end() :]
        if (
            len(first.split()) >= 4
            and len(second.split()) >= 3
            and _IMPERATIVE.match(second)
            and not _NOUN_USE.match(second)
            and not re.match(r"^\S+(?:\s+\S+)?\s+(it|them|this|that|these|those)\b", second, re.I)
            and "(re:" not in first
            and not _STEP.match(first)
        ):
            return [first, second[:1].upper() + second[1:]]
    return [text]


def _stated(sentence: str, received: datetime) -> Deadline | None:
    """The sentence's deadline, read first in the clause that asks.

    "The editor gave us until 21 September, so could you please, by Monday:" is due Monday;
    "For the board on 15 October, can you prepare three slides?" is not due on the board's
    day (the purpose names an event, and the mail's deadline is elsewhere).
    """
    clause, purpose = ask_clause(sentence)
    if clause != sentence:
        if found := resolve_deadline(clause, received):
            return found
        if purpose:
            return None
    return resolve_deadline(sentence, received)


def _looks_like_list_continuation(sentence: str) -> bool:
    return len(sentence) < 160 and not sentence.endswith(":")


def _sentences_with_list_marks(text: str) -> list[tuple[bool, str]]:
    """Sentences, each marked whether it came from a list item ("- ", "1. ")."""
    result: list[tuple[bool, str]] = []
    for line_block in re.split(
        r"\n(?=\s*(?:[-*•\u2013]|\d{1,2}[.)]|\(?(?:[a-z]|[ivx]{2,4})\))\s)", text
    ):
        listed = bool(
            re.match(r"\s*(?:[-*•\u2013]|\d{1,2}[.)]|\(?(?:[a-z]|[ivx]{2,4})\))\s", line_block)
        )
        pieces = split_sentences(line_block)
        for index, sentence in enumerate(pieces):
            result.append((listed and index == 0, sentence))
    return result


def _first_name(name: str) -> str:
    name = name.strip().strip("\"'")
    if "," in name:
        name = name.split(",", 1)[1]
    words = [w for w in name.split() if w[:1].isalpha() and w.lower().rstrip(".") not in _TITLES]
    return words[0] if words and "@" not in words[0] else ""


_TITLE_TEXT = "prof dr mr mrs ms mx sir dame herr frau mme mlle m sr sra srta don doña dott ing"
_TITLES = frozenset(_TITLE_TEXT.split())


def action_text(sentence: str, asker: str = "") -> str:
    """Imperative form: "Could you send me the deck by Friday?" -> "Send Dana the deck"."""
    clause, purpose = ask_clause(sentence.strip())
    if _IMPERATIVE.match(lead_free := _after_lead(clause)):
        clause = lead_free
    text = _LEAD_IN.sub("", clause, count=1).strip(" \"'\u201c\u201d")
    text = re.sub(r"^to [^,]{3,60},\s+", "", text, flags=re.IGNORECASE)
    text = _INDIRECT_TELL.sub(f"Tell {asker or 'them'} ", text, count=1)
    text = re.sub(
        r"^(?:do you )?want me to\s+",
        f"Tell {asker or 'them'} whether they should ",
        text,
        flags=re.IGNORECASE,
    )
    if wants := _SOMEONE_WANTS.match(text):
        text = f"Send {wants.group(1)} {text[wants.end() :]}"
    if need := _NEED_YOUR.match(text):
        text = f"{_NEED_VERBS[need.group(1).lower()]} {text[need.end() :]}"
    text = need_as_send(text, asker)
    text = re.sub(r"^@[\w.-]+[,:]?\s+", "", text)
    for _ in range(4):
        shorter = _POLITE.sub("", text, count=1).strip()
        if shorter == text or not shorter:
            break
        text = shorter
    if re.match(r"(let me know|lmk|tell me)\b", text, re.IGNORECASE):
        text = re.sub(
            r"^(let me know|lmk|tell me)", f"Tell {asker}" if asker else "Say", text, flags=re.I
        )
    if asker:
        text = re.sub(
            r"\b(send|give|forward|email|show|ping|tell|get|call|text|update|remind|ask|let) me\b",
            rf"\1 {asker}",
            text,
            flags=re.I,
        )
        text = re.sub(r"\b(to|with|for) me\b", rf"\1 {asker}", text, flags=re.I)
    text = " ".join(_LOOSE_TIME.sub(" ", _DEADLINE_PHRASE.sub(" ", text)).split())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = _TRAILING.sub("", text.split("; ")[0])
    text = re.sub(r"\s*\((?:[^()]*?\s){4,}[^()]*\)", "", text)
    text = f"{text} {purpose}" if purpose and purpose.lower() not in text.lower() else text
    text = re.sub(r"^(to|that you)\s+", "", text, flags=re.IGNORECASE)
    text = text.rstrip(" .!?,;:\"'\u201c\u201d")
    if len(text.split()) < 2 and not _IMPERATIVE.match(text):
        return ""  # "Please!" alone asks nothing we can name
    return truncate(text[:1].upper() + text[1:], 140)


_ASK_LOW, _NOT_ASK_LOW, _SMALL_TALK_LOW, _YOU_QUESTION_LOW, _IMPERATIVE_LOW, _NOUN_USE_LOW = (
    lowered(p) for p in (_ASK, _NOT_ASK, _SMALL_TALK, _YOU_QUESTION, _IMPERATIVE, _NOUN_USE)
)
