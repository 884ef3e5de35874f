"""Questions put to the reader, worded as what they ask for: an answer, a decision, a date.

"Which one should we ship?" asks for a decision, "Would a date in July work?" for a date,
"Can we grab 30 minutes to go through X?" for a call; each is rewritten from the first form
``answer_text`` gives it ("Answer Hiro: which one should we ship").
"""

from __future__ import annotations

import re

from digests.summarize.rewrite import LEAD_IN, VOCATIVE, action_text
from digests.summarize.topics import lower_first, topic_object, with_context
from digests.summarize.types import truncate

# "Unrelated: any chance you could intro us to someone at Bessemer?": a request, politely.
_ANY_CHANCE = re.compile(
    r"^(?:[^:?]{0,30}:\s*)?(?:(?:also|and|oh|but|unrelated)\W+)*(?:is there )?any chance "
    r"(?:that )?you (?:could|can|might|would be able to|'d be able to) (?P<act>\w.+)$",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    r"^(would|will|could|can|should|do|does|did|is|are|was|were|have|has)\s+"
    r"(you|we|it|this|that|they|he|she)\b\s*",
    re.IGNORECASE,
)


def answer_text(sentence: str, asker: str) -> str:
    """ "Would it work to move the review?" -> "Tell Dana whether it would work to move ..."."""
    text = LEAD_IN.sub("", sentence.strip(), count=1).strip(" \"'\u201c\u201d").rstrip(" ?")
    text = VOCATIVE.sub("", text, count=1)
    who = asker or "them"
    if chance := _ANY_CHANCE.match(text):  # "Also - any chance you could flag ...?": flag ...
        return action_text(f"Please {chance.group('act')}", asker)
    if foreign := _foreign_answer(text, who):
        return truncate(foreign, 140)
    if know := _DO_YOU_KNOW.match(text):  # "Do you know who owns X?": tell who
        return truncate(f"Tell {who} {text[know.end() :]}", 140)
    if match := _INVERTED.match(text):
        aux, subject = match.group(1).lower(), match.group(2).lower()
        rest = text[match.end() :]
        if aux in {"should", "shall"} and subject == "we":  # "Should we go with A or B?"
            return truncate(f"Decide whether to {rest}", 140)
        verb = "" if aux in {"do", "does", "did"} else f"{aux} "
        text = f"whether {subject} {verb}{rest}"
    else:
        text = f"{text[:1].lower()}{text[1:]}"
    return truncate(
        f"Tell {who} {text}" if text.startswith("whether") else f"Answer {who}: {text}", 140
    )


# "And one question for you: do we need counsel to look at it?": the question is the ask.
QUESTION_LEAD = re.compile(
    r"^(?:(?:and|also|but|oh),?\s+)?(?:one|a|another|my|the|last|quick)\s+(?:(?:more|other|last|"
    # "One question while you're at it: should ...?": a few words may follow "question"
    r"quick|small|final|open)\s+)?(?:question|q)(?: [\w'\u2019]+){0,4}?\s*:\s*(?=\S.*\?$)",
    re.IGNORECASE,
)


def question_after_lead(part: str) -> str:
    """The question a "One question for you:" lead introduces, or ""."""
    lead = QUESTION_LEAD.match(part.strip())
    return part.strip()[lead.end() :] if lead else ""


# "You said you might have the 7-seater this weekend, can you drive?": the last clause asks.
_TAIL_QUESTION = re.compile(
    r"^.{12,}?,\s+(?:(?:so|and|but|then)\s+)?(?P<q>(?:can|could|would|will) you\b[^,;:]{1,80}\?)$",
    re.IGNORECASE,
)


def tail_question(part: str) -> str:
    """The short "can you ...?" that ends a sentence which opens with a statement, or ""."""
    tail = _TAIL_QUESTION.match(part.strip())
    return tail.group("q")[:1].upper() + tail.group("q")[1:] if tail else ""


_DO_YOU_KNOW = re.compile(
    r"^(?:do|would) you (?:happen to )?know (?=(?:who|what|when|where|which|how|if|whether)\b)",
    re.IGNORECASE,
)
# "¿Te viene bien el jueves?", "Est-ce que jeudi te convient ?": answered in the mail's language.
_SPANISH_Q = re.compile(r"^¿\s*(?P<q>.+)$")
_FRENCH_Q = re.compile(r"^(?:est-ce que|est-ce qu')\s*(?P<q>.+)$", re.IGNORECASE)
_WH_WORD = re.compile(
    r"^(?:qu[ée]|cu[áa]l(?:es)?|cu[áa]ndo|c[óo]mo|d[óo]nde|qui[ée]n(?:es)?|cu[áa]nt[oa]s?|"
    r"quand|quel(?:le)?s?|comment|où|qui|combien|pourquoi)\b",
    re.IGNORECASE,
)


def _foreign_answer(text: str, who: str) -> str:
    """ "¿Te viene bien el jueves?" -> "Confirmar a Carmen si te viene bien el jueves"."""
    if spanish := _SPANISH_Q.match(text):
        question = spanish.group("q").rstrip(" ?")
        lead = f"Decir a {who}" if _WH_WORD.match(question) else f"Confirmar a {who} si"
        return f"{lead} {question[:1].lower()}{question[1:]}"
    if french := _FRENCH_Q.match(text):
        question = french.group("q").rstrip(" ?")
        lead = f"Dire à {who}" if _WH_WORD.match(question) else f"Dire à {who} si"
        return f"{lead} {question}"
    return ""


# "Answer Hiro: which one should we ship" -> "Tell Hiro which one we should ship".
_WH = re.compile(
    r"^Answer (?P<who>[^\s:]+): (?P<wh>(?:which|what|who|when|where|how)(?: \w+)?) "
    r"(?P<aux>should|would|will|can|could|do|does|did|shall) (?P<subj>we|you|i|they|it) "
    r"(?P<rest>.+)$",
    re.I,
)
# "Answer Laura: would a date in July work for you" -> "Suggest a date in July to Laura".
_SLOT = re.compile(
    r"^(?:Answer|Tell) (?P<who>[^\s:]+):? (?:whether )?(?:would|does|will|could) "
    r"(?P<slot>(?:a|an|some|one) (?:date|time|slot|day|call|meeting)\b[^?]*?|"
    r"(?:mon|tues|wednes|thurs|fri)day\b[^?]*?|next week|this week) work(?: for you)?$",
    re.I,
)
# "Tell Marcus whether we can grab 30 minutes this week to go through X": book the call.
_GRAB = re.compile(
    r"^Tell (?P<who>\S+) whether (?:we|you) (?:can|could) (?:grab|find|get|have|set up|do) "
    r"(?P<n>\d+) min(?:ute)?s?(?: this week| next week| tomorrow)?(?P<rest>(?: to .+)?)$",
    re.I,
)
_DECISION = re.compile(
    r"^(?:I|We)(?:'d| would) like (?P<whose>your|[A-Z][\w&]*'s) (?P<what>decision|answer|verdict|"
    r"view|input|go-ahead|approval) on (?P<obj>.+)$",
    re.I,
)
_WHETHER_IT = re.compile(
    r"^(Tell \S+ whether )(?:that|this|it)\b(?= (?:would|could|is|will)\b)(?! \w+ be \w+ to\b)"
    r"(?! \w+ \w+ to\b)"
)
# "Answer Anita: would your team consider hosting them" -> "Tell Anita whether your team would".
_ANSWER_AUX = re.compile(
    r"^Answer (?P<who>\S+): (?P<aux>would|will|could|can|should|is|are|do|does) "
    r"(?P<subj>(?:your|the|our|this|that) \w+|[A-Z][a-z]+) (?P<rest>.+)$",
    re.I,
)
# "should the two contractors in Melbourne (the data engineers) be included": the subject runs
# to the verb that follows the modal.
_LONG_SUBJECT = re.compile(
    r"^(?P<subj>(?:the|your|our|this|that|these|those) [^?]{1,80}?) "
    r"(?P<rest>(?:be|have|get|need|go|stay|come|work|move|take|make)\b.*)$",
    re.I,
)
_DO = {"do", "does", "did"}
_TAKE_ON = re.compile(
    r"^(?:(?:I|we)(?:'d| would) (?:like|love|appreciate|value)|(?:I|we) want|"
    r"(?:give|tell) (?:\w+ )?)(?: to (?:get|hear|have))? your (?:take|view|opinion|thoughts|"
    r"read|steer|call|input|recommendation|vote) (?:on )?(?P<q>whether|if|which|what|who|how|"
    r"where|when)\b(?P<rest>.*)$",
    re.I,
)


# "Would it be helpful to set up a call ...?", "Would you be open to a call in April?": an offer
# of a call, answered yes or no.
_CALL_OFFER = re.compile(
    r"^(?:Tell|Answer) (?P<who>[^\s:]+):? (?:whether )?"
    r"(?:it would be (?:helpful|useful|worthwhile|worth it|good|valuable|of interest) to|"
    r"you(?:'re| are|'d be| would be) (?:open to|up for|interested in|free for|available for))"
    r"\s+(?:(?:set up|have|schedule|arrange|book|jump on|do)\s+)?"
    r"(?:a|an) (?P<kind>(?:short |quick |brief |\d+-minute )?(?:call|meeting|chat|demo|catch-up|"
    r"conversation))\b",
    re.I,
)
# What the call is for: "... in the next few weeks to look at a multi-year option, which ...".
_PURPOSE = re.compile(r"\b((?:to|on|about) .+?)(?:,|;| which\b| so\b|$)")
# "Tell Anita whether your team would consider hosting them": a proposal to answer.
_CONSIDER = re.compile(
    r"^Tell (?P<who>\S+) whether (?:you|we|your \w+) (?:would|will|might) (?:consider|be "
    r"interested in|be open to) (?P<what>\w+ing\b.*)$",
    re.I,
)
# "Which one should we ship in this cycle?": the reader's decision.
_WHICH_SHOULD = re.compile(
    r"^Answer [^\s:]+: (?P<wh>(?:which|what|who|when|where|how)(?: \w+)?) (?:should|shall) "
    r"(?:we|i) (?P<rest>.+)$",
    re.I,
)
# "Hätten Sie im Dezember 30 Minuten für einen kurzen Austausch?": a call offered.
_TIME_FOR_TALK = re.compile(
    r"^(?:Answer \w+: )?(?:hätten Sie|hättest du|hast du|haben Sie)\b.*?\b(?P<n>\d+) Minuten",
    re.I,
)


def reply_form(text: str, who: str, topic: str) -> str:
    """ "Answer Laura: would a date in July work for you" -> "Suggest a date in July to Laura"."""
    if decide := _DECISION.match(text):
        whose = "your" if decide.group("whose").lower() == "your" else decide.group("whose")
        thing = decide.group("obj")
        thing = topic_object(topic) or thing if thing.lower() in {"this", "it", "that"} else thing
        text = f"Tell {who} {whose} {decide.group('what').lower()} on {thing}"
    if (whether := _WHETHER_IT.match(text)) and (thing := topic_object(topic)):
        text = f"{whether.group(1)}{lower_first(thing)}{text[whether.end() :]}"
    if answer := _ANSWER_AUX.match(text):
        aux = answer.group("aux").lower()
        verb = "" if aux in {"do", "does", "did"} else f"{aux} "
        subject, rest = answer.group("subj"), answer.group("rest")
        if (longer := _LONG_SUBJECT.match(f"{subject} {rest}")) and aux not in _DO:
            subject, rest = longer.group("subj"), longer.group("rest")  # "the two contractors"
        text = f"Tell {answer.group('who')} whether {subject} {verb}{rest}"
    if offer := _CALL_OFFER.match(text) or _TIME_FOR_TALK.match(text):
        kind = f"{offer.group('n')}-minute call" if "n" in offer.groupdict() else offer["kind"]
        purpose = _PURPOSE.search(text[offer.end() :]) if "kind" in offer.groupdict() else None
        about = f"a {kind.lower()}{' ' + purpose.group(1) if purpose else ''}"
        return with_context(f"Reply to {who} about {about}", topic, always=True)
    if proposal := _CONSIDER.match(text):
        return with_context(f"Reply to {proposal['who']} about {proposal['what']}", topic)
    if decide := _WHICH_SHOULD.match(text):
        return f"Decide {decide['wh'].lower()} to {decide['rest']}"
    if wh := _WH.match(text):
        aux = wh.group("aux").lower()
        verb = "" if aux in {"do", "does", "did"} else f" {aux}"
        text = (
            f"Tell {wh.group('who')} {wh.group('wh')} {wh.group('subj')}{verb} {wh.group('rest')}"
        )
    if slot := _SLOT.match(text):
        text = f"Suggest {slot.group('slot')} to {slot.group('who')}"
    elif talk := _GRAB.match(text):
        text = (
            f"Schedule a {talk.group('n')}-minute call with {talk.group('who')}{talk.group('rest')}"
        )
    if take := _TAKE_ON.match(text):
        text = f"Tell {who} {take.group('q').lower()}{take.group('rest')}"
    return text


# "Tell Chris what you think when you can": an answer that names no matter of its own.
OPINION_ONLY = re.compile(
    r"^(?P<core>(?:Answer (?P<who>\S+): what do you think|Tell \S+ what you think|"
    r"Give \S+ your (?:view|thoughts|take|opinion)|"
    r"Send \S+ your (?:thoughts|view|take|opinion|feedback)))"
    r"(?:,?\s+(?:when|whenever|once|if) [\w' ]+)?[?.]?$",
    re.IGNORECASE,
)


_ASKING = re.compile(
    r"^(?:quick |small )?(?:question|query|thoughts?)s?\s+(?:on|about|re|regarding)\s+", re.I
)


def about_the_matter(text: str, topic: str) -> str:
    """ "Tell Chris what you think" about what the subject names ("... about beta in July")."""
    match = OPINION_ONLY.match(text)
    topic = _ASKING.sub("", topic.strip(" ?.!"))  # "Question on ESOP expense" -> the expense
    if match is None or not topic:
        return text
    core = match.group("core")
    if match.group("who"):
        core = f"Tell {match.group('who')} what you think"
    return truncate(f"{core} about {topic}", 160)
