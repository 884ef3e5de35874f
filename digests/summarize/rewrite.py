"""Asks in imperative form: "Could you send me the deck by Friday?" -> "Send Dana the deck".

The polite frame ("could you", "I need you to", "bitte", "merci de"), the deadline words (the
date is kept apart) and the reasons after the ask ("so I can ...") go; "me" becomes the
asker's name. A lead clause before an imperative ("Before you go in, call Morrow") goes too.
"""

from __future__ import annotations

import re

from digests.summarize.frames import unframe
from digests.summarize.invitations import invitation
from digests.summarize.leaks import tidy
from digests.summarize.objects import ask_clause, need_as_send
from digests.summarize.patterns import sub_named
from digests.summarize.romance import romance_request, romance_start, to_the_asker
from digests.summarize.types import truncate
from digests.summarize.verbs import IMPERATIVE, PLAIN_VERBS, SLANG_SEND, base_form, base_verb
from digests.summarize.when_words import without_when_or_why

# "I'd like you to check the formulas": the ask is the verb after it; not "I want you to know
# ..." or "we'd like you to speak at ..." (a feeling, an invitation).
WANT_YOU_TO = (
    r"(?:i|we)(?:'d| would)? (?:really |also )?(?:like|want) (?:you|for you) to "
    r"(?!(?:know|feel|be|have|understand|think|enjoy|relax|meet|speak|talk|present|join|attend|"
    r"come|participate|take part|give an? (?:talk|keynote))\b)"
)
LEAD_IN = re.compile(
    r"^[^.!?]{0,40}?(:|,| -| \u2013| \u2014)\s+((but|and|so|also)\s+)?(?=(please|could you|"
    r"can you|would you|kindly|bitte|merci|por favor|i was wondering|i wondered|könnten sie|"
    r"können sie|kannst du|könntest du|würden sie|würdest du|pourriez-vous|pouvez-vous|"
    r"peux-tu|pourrais-tu|¿?puedes|¿?podrías|¿?podría)\b)",
    re.IGNORECASE,
)
_POLITE = re.compile(
    r"^((also|and|so|but|ok|okay|one more thing|finally|lastly|first|second|then|just|"
    r"p\.\s?s\.|ps:),?\s+|"
    # "No deadline on that one, just let me know what you find": when, then the ask
    r"no (rush|hurry|deadline)( (on|for) (that|this|it)( one)?)?,\s+(just\s+)?|"
    r"(could|can|would|will) you (please |kindly |also )?|(please|pls|kindly),?\s+|"
    r"(i|we) need you to\s+|(i|we) need you to please\s+|"
    rf"{WANT_YOU_TO}|"
    r"(i|we) need (each of you|all of you|every one of you|everyone|you all|both of you) to\s+|"
    r"you need to\s+|you'll need to\s+|"
    r"you must\s+|make sure (you |to )|remember to\s+|don'?t forget to\s+|"
    r"if you could (please )?|i'd appreciate (it )?if you could\s+|are you able to\s+|"
    r"(i was|i'm|i am|we were|we're) (just )?wondering (if|whether) you (could|might)\s+|"
    r"(i|we) wondered (if|whether) you (could|might)\s+|"
    r"(it|that) (would|'d) (be (great|good|helpful|amazing|ideal|useful|nice)|help( a lot)?) "
    r"if you could\s+|"
    r"(i'?d|i would|we'?d|we would) be (very |really |most |so )?(grateful|glad|thankful|obliged) "
    r"if you could\s+|"
    r"would you mind\s+|would it be possible (for you )?to\s+|"
    r"(i|we) need\s+(?=(a|an|the|your)\b)|"
    r"¿?\s*(me |nos |le )?(puedes|podrías|podrias|podéis|podrían|puede|podría)\s+(por favor\s+)?|"
    r"(pourriez|pouvez)-vous (me |nous )?|(peux|pourrais)-tu (me |nous )?|merci de (me |nous )?|"
    r"(est-ce que )?(tu peux|vous pouvez|tu pourrais|vous pourriez) (me |nous )?|"
    r"(kannst|könntest|würdest) du (mir |uns )?(bitte )?|"
    r"(können|könnten) sie (mir |uns )?(bitte )?|"
    r"bitte\s+|por favor,?\s+|s'il (te|vous) pla[iî]t,?\s+)",
    re.IGNORECASE,
)
# A thing that must arrive somewhere by a date: the reader is to get it there ("Samples must
# reach our Santiago office by 30 October"). Shared with asks.ASK, which matches lower case.
MUST_REACH = (
    r"^(?P<what>(?:the|your|all|both|our) [^,.;]{2,50}?|[a-z]+s) (?:must|need to|needs to|"
    r"have to|has to|should) (?:reach|arrive (?:at|in|with)|be (?:with|at|in|received (?:at|by)))"
    r" (?P<where>[^,.;]{3,60}?)(?= (?:by|before|no later than)\b)"
)
_MUST_REACH = re.compile(MUST_REACH, re.IGNORECASE)
_INDIRECT_TELL = re.compile(
    r"^(?:i'?m|i am)\s+(?:\w+\s+)?(?:curious|wondering)\s+(?=whether|if|what|how|when)|"
    r"^i wonder\s+(?=whether|if)|"
    r"^(?:i'?d|i would|we'?d|we would) (?:like|love|want) to (?:know|hear)\s+"
    r"(?=whether|if|what|which|how|when)|"
    # "I'd appreciate knowing which way you're leaning", "It would be good to know which ..."
    r"^(?:(?:i'?d|i would|we'?d|we would) (?:really )?appreciate (?:knowing|hearing)|"
    r"it(?:'d| would) (?:really )?(?:be )?(?:good|great|helpful|useful|help) to know)\s+"
    r"(?=whether|if|what|which|how|when|who)",
    re.IGNORECASE,
)
SOMEONE_WANTS = re.compile(
    r"^(?:And |Also )?(?:[\w ]+\()?(?:the )?"
    r"(?!(?:She|He|They|It|We|I|This|That|Everyone|Nobody)\b)([A-Z][a-zà-ÿ]+|[A-Z]{2,4})\)?"
    r"\s+(?:wants|needs|would like|will (?:also |still )?need)\s+(?=(?:an?|the|your)\s)"
)
_NEED_YOUR = re.compile(
    r"^(?:i|we|[a-z]+) (?:need|needs|want|wants|would like|'d like) your "
    r"(?:written |signed |formal |final |explicit )?"
    r"(approval|ok|okay|authori[sz]ation|go-ahead|sign-?off|"
    r"signature|feedback|input|review|comments|thoughts|decision|answer|confirmation|pick|choice|"
    r"call(?= (?:on|about|between)\b))"
    r"(?:\s+(?:on|for|of|to))?\s+",
    re.IGNORECASE,
)
_NEED_VERBS = {
    "approval": "Approve", "ok": "Approve", "okay": "Approve",
    "go-ahead": "Approve", "authorisation": "Authorise", "authorization": "Authorize",
    "sign-off": "Sign off", "signoff": "Sign off",
    "signature": "Sign",
    "feedback": "Give feedback on", "input": "Give input on", "review": "Review",
    "comments": "Comment on",
    "thoughts": "Give your thoughts on", "decision": "Decide on", "answer": "Answer",
    "call": "Decide on", "pick": "Choose", "choice": "Choose",
    "confirmation": "Confirm",
}  # fmt: skip


_LEAD_CLAUSE = re.compile(
    r"^(?:before|after|once|when|while|if|as soon as|by|for|in the meantime|meanwhile|"
    r"ideally|otherwise|alternatively|in any case|ahead of|as|"
    r"cuando|en cuanto|quand|dès que|lorsque|wenn|sobald)\b[^,.;:?!]{0,70},\s+"
    r"(?:(?:please|then|also)\s+)?|"
    # "Then join the 4:30 call", "And after that, send ...", "Also bring two spare gateways":
    # a step in a sequence of asks
    r"^(?:and )?(?:then|next|after that|afterwards|finally|also|lastly|plus|additionally),?\s+"
    r"(?:(?:please|also)\s+)?",
    re.IGNORECASE,
)


def after_lead(sentence: str) -> str:
    """ "Before you go in, call Morrow ..." -> "call Morrow ..." (unchanged without a lead)."""
    match = _LEAD_CLAUSE.match(sentence)
    return sentence[match.end() :] if match else sentence


def _whom(name: str, asker: str) -> str:
    """Whom "let X know" means: the asker for "me"/"us", else the name."""
    return (asker or "them") if name.lower() in {"me", "us"} else name


# "Do two things for me today: renew the cert and update the page": the things are the asks.
_THINGS = re.compile(
    r"^(?:do )?(?:two|three|a few|a couple of|\d) (?:quick |small )?(?:things|favou?rs)\b"
    r"[^:]{0,30}:\s+",
    re.IGNORECASE,
)
_INFINITIVE = re.compile(r"^[a-zà-ÿ]{3,}(?:er|ir|re|ar|en)$", re.IGNORECASE)
# "If you haven't filled it in yet, please do": the act named in the condition.
_REDONE = re.compile(r"^if you haven'?t (.+?) yet,? please do\b.*$", re.IGNORECASE)
_MIND = re.compile(
    r"^(?:would|do) you mind (?:(?:also|terribly|quickly|just|perhaps) )?(\w+ing)\b", re.IGNORECASE
)
_WILLING = re.compile(
    r"^(?:would|are|will) you be (up for|open to|willing to|able to|interested in|"
    r"available (?:to|for)|happy to|keen to|free to|(?=(?:his|her|their|our|my|the|a|an)\s))\s*",
    re.IGNORECASE,
)
_BARE_WILLING = re.compile(
    r"^(?:would|are|will) you be (willing|interested|available|up for it|keen|game|in)\W*$", re.I
)
# "Would you be willing in principle to ...": the hedge goes, the question stays.
_HEDGE = re.compile(
    r"^((?:would|are|will) you be (?:willing|open|able|happy|keen|prepared)) (?:in principle|at "
    r"all|generally|potentially|possibly|by any chance)\b,?",
    re.IGNORECASE,
)
# "No rush at all, just let Sophie know what you think": tell Sophie.
_DANGLING = re.compile(r"\s+(?:at|on|by|from|around)$", re.IGNORECASE)
_LET_KNOW = re.compile(
    r"^(?:(?:no rush|no hurry)(?: at all)?,?\s+|just\s+|and\s+|also\s+|so\s+)*"
    r"let ([A-Z][\w'-]+|me|us) know\b\s*",
    re.IGNORECASE,
)
_NEED_DONE = re.compile(
    r"^(?:(?:please\s+)?(?:make sure|ensure)(?: that)?|(?:i|we)(?:'ll| will)? need|i'?d like)\s+"
    r"(?P<what>(?!you\b|to\b)(?:(?!\b(?:is|are|was|were)\b)[\w' -]){2,60}?)\s+"
    r"(?:is|are|gets?|to be|has been|have been)?\s*(?P<done>(?:signed off|set up|sent over|sent|"
    r"signed|submitted|approved|reviewed|merged|fixed|updated|booked|filed|paid|done|finished|"
    r"completed|uploaded|shared|returned|scheduled|deployed|rotated|renewed|confirmed|exported)"
    r"(?: and (?:sent|shared|signed|uploaded|returned|filed|approved|submitted|merged))?)\b",
    re.IGNORECASE,
)
# "Alex, are you able to ...": the reader's name before the ask.
VOCATIVE = re.compile(
    r"^[A-Z][a-zà-ÿ]+(?:,|\s*(?:--|[\u2013\u2014]|\s-))\s+(?=[a-zA-Z])(?!(?:and|but|so|also|then)\b)"
)
_STATUS = re.compile(
    r"^(?:what'?s|what is) the (?:status|latest|eta) (?:of|on|with) (.+?)\??$|"
    r"^any (?:update|news|progress) (?:on|about|with) (.+?)\??$",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"^(?:any )?(thoughts|objections|concerns|feedback|comments|objection)"
    r" (?:on|about|to|regarding) (.+?)\??$",
    re.IGNORECASE,
)


_WANT_YOU = re.compile(rf"\b{WANT_YOU_TO}", re.I)
# "It would help if you pulled together a list": the past tense asks. Shared with asks.ASK.
HELPS_IF = (
    r"it(?:'d| would) (?:really |also )?(?:help|be (?:great|good|helpful|useful|ideal))"
    r"(?: a lot)? if you (?!(?:wanted|enjoyed|liked|loved|needed)\b)"
    r"(?=[a-z]+ed\b|(?:sent|gave|got|took|made|wrote|brought|put|told|kept|paid|found)\b)"
)
_HELPS_IF = re.compile(f"^{HELPS_IF}", re.I)
_TO_WHOM = re.compile(r" to ([\w'-]+)\b")  # "get the results to me": whom it goes to
_EYES = re.compile(
    r"^(?:send \w+ )?(?:your |a (?:second |fresh |quick )?(?:pair of )?)(?:eyes|look) "
    r"(?:on|over|at)\s+",
    re.I,
)


_TO_ME_VERB = re.compile(
    r"\b(send|give|forward|email|show|ping|tell|get|call|text|update|remind|ask|let|drop) me\b",
    re.I,
)
_TO_ME = re.compile(r"\b(to|with|for) me\b", re.I)


def action_text(sentence: str, asker: str = "") -> str:
    """Imperative form: "Could you send me the deck by Friday?" -> "Send Dana the deck"."""
    if redone := _REDONE.match(sentence.strip()):  # "If you haven't filled it in yet, please do"
        done, _, rest = redone.group(1).partition(" ")
        sentence = f"Please {base_verb(done).lower()} {rest}"
    if (want := _WANT_YOU.search(sentence)) and want.start() > 0:
        sentence = sentence[want.start() :]  # "Before I show it to Rick I'd like you to check"
    sentence = SLANG_SEND.sub("send", sentence, count=1)
    clause, purpose = ask_clause(sentence.strip())
    lead_free = re.sub(r"^just\s+", "", after_lead(clause), flags=re.IGNORECASE)
    # "If the answer is no, we'll also need ...", "As every year, we ask each club to bring ...".
    framed = unframe(lead_free, asker) if lead_free != clause else ""
    if IMPERATIVE.match(lead_free) or (
        lead_free != clause
        and (need_as_send(lead_free, asker) != lead_free or romance_start(lead_free))
    ):
        clause = lead_free
    elif framed.startswith("Please "):
        clause = framed
    clause = invitation(clause, asker or "them")
    text = LEAD_IN.sub("", clause, count=1).strip(" \"'\u201c\u201d")
    text = re.sub(r"^to [^,]{3,60},\s+", "", text, flags=re.IGNORECASE)
    if reach := _MUST_REACH.match(text):  # "Samples must reach our office by 30 October"
        what = reach["what"][:1].lower() + reach["what"][1:]
        text = f"Send {what} to {reach['where']}{text[reach.end() :]}"
    text = _INDIRECT_TELL.sub(f"Tell {asker or 'them'} ", text, count=1)
    text = re.sub(
        # "Do you want me to ...", "Would you like us to arrange a valuation?"
        r"^(?:do you |would you )?(?:want me|like (?:me|us)) to\s+",
        f"Tell {asker or 'them'} whether they should ",
        text,
        flags=re.IGNORECASE,
    )
    text = VOCATIVE.sub("", text, count=1)
    if status := _STATUS.match(text):
        what = status.group(1) or status.group(2)
        text = f"Send {asker or 'them'} a status update on {what}"
    if opinion := _OPINION.match(text):
        text = f"Give {asker or 'them'} your {opinion.group(1).lower()} on {opinion.group(2)}"
    if wants := SOMEONE_WANTS.match(text) if not _NEED_YOUR.match(text) else None:
        wanted = text[wants.end() :]
        decision = re.match(r"an? (?:decision|call|verdict) (?:on|about)\s+", wanted, re.I)
        # "Marcus wants a decision on the pricing": decide; "Marta wants an explanation": send
        text = f"Decide on {wanted[decision.end() :]}" if decision else f"Send {wants[1]} {wanted}"
    if need := _NEED_YOUR.match(text):
        text = f"{_NEED_VERBS[need.group(1).lower()]} {text[need.end() :]}"
    text = need_as_send(text, asker)
    text = re.sub(r"^@[\w.-]+[,:]?\s+", "", text)
    text = _HEDGE.sub(r"\1", text, count=1)
    if bare := _BARE_WILLING.match(text):  # "Would you be willing?": whether they are
        text = f"Tell {asker or 'them'} whether you're {bare.group(1).lower()}"
    elif willing := _WILLING.match(text):
        # "Would you be up for a brown bag?" asks for a yes or no.
        state = f"you're {willing.group(1)}" if willing.group(1) else "you'll be"
        text = f"Tell {asker or 'them'} whether {state} {text[willing.end() :]}"
    text = to_the_asker(text, asker)
    if helps := _HELPS_IF.match(text):  # "It would help if you pulled together a list"
        verb, _, rest = text[helps.end() :].partition(" ")
        if IMPERATIVE.match(base := base_verb(verb)):
            text = f"{base.capitalize()} {rest}"
    if mind := _MIND.match(text):  # "Would you mind sending me the slides?"
        text = f"{base_form(mind.group(1))}{text[mind.end() :]}"
    for _ in range(4):
        if done := _NEED_DONE.match(text):
            # "make sure yours is submitted", "we need it signed off": the doing is the ask.
            first, _, second = done.group("done").partition(" and ")
            verb = " and ".join(base_verb(p).lower() for p in (first, second) if p).capitalize()
            what = done.group("what")
            text = f"{verb}{' on' if verb == 'Sign off' else ''} {what}{text[done.end() :]}"
            break
        shorter = _POLITE.sub("", text, count=1).strip()
        if shorter == text or not shorter:
            break
        text = shorter
    text = _THINGS.sub("", text, count=1)
    # "Let us know ...", also once "Please" is gone: tell the asker
    text = _LET_KNOW.sub(lambda m: f"Tell {_whom(m.group(1), asker)} ", text, count=1).strip()
    if re.match(r"(let me know|lmk|tell me)\b", text, re.IGNORECASE):
        text = re.sub(
            r"^(let me know|lmk|tell me)", f"Tell {asker}" if asker else "Say", text, flags=re.I
        )
    if asker and " me" in text.lower():  # the patterns below read " me" (cheap to rule out)
        text = sub_named(_TO_ME, asker, sub_named(_TO_ME_VERB, asker, text))
    text = re.sub(r"\s*\((?:[^()]*?\s){4,}[^()]*\)", "", text)  # a long aside
    text = without_when_or_why(text.split("; ")[0])
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = f"{text} {purpose}" if purpose and purpose.lower() not in text.lower() else text
    text = re.sub(r"^(to|that you)\s+", "", text, flags=re.IGNORECASE)
    text = text.rstrip(" .!?,;:\"'\u201c\u201d")
    for pattern, verb in PLAIN_VERBS:
        text = pattern.sub(verb, text, count=1)
    text = re.sub(r"^(Fix .+?) (?:running|working|back up|going) again\b", r"\1", text)
    text = romance_request(text, asker)  # "necesito que me mandes", "j'aurais besoin que" ...
    text = _DANGLING.sub("", tidy(text, asker))  # "Join the call on Wednesday at" (8:00 BST)
    text = _EYES.sub("Review ", text, count=1)  # "I'd love your eyes on the draft"
    if asker and text[:4].lower() == "get ":  # "Can you get them to me ...?": send them
        whom = {"me", "us", asker.lower()}
        if to := next((m for m in _TO_WHOM.finditer(text, 4) if m[1].lower() in whom), None):
            text = f"Send {asker} {text[4 : to.start()]}{text[to.end() :]}"
    if len(text.split()) < 2 and not IMPERATIVE.match(text) and not _INFINITIVE.match(text):
        return ""  # "Please!" alone asks nothing we can name; "Tu peux gérer ?" asks to handle it
    return truncate(text[:1].upper() + text[1:], 140)
