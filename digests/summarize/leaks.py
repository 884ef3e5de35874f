"""What must not become an item of its own: a sentence that leaked through, or an ask's detail.

An English item reads as an instruction ("Send Dev the sheet"); a statement that passed for an
ask ("Logo churn, split by plan, is all I need", "Sorry for the subject line, ...") either
holds one after a comma ("Happy to work around your schedule, just send me ...") or is none.
A sentence right after an ask that only says how to do it ("Please use the March FX rates
rather than spot", "Vérifier en particulier les pages 12-13", "Tu peux commenter directement
dans le doc") belongs to that ask.
"""

from __future__ import annotations

import re

from digests.summarize.verbs import IMPERATIVE, NOUN_USE

# "If there's a problem with clause 9, let Hannah know": tell them if so.
_IF_TELL = re.compile(r"^if (?P<cond>[^,]{5,80}),\s*(?:please |just )?let (?P<who>\S+) know$", re.I)
# "Happy to work around your schedule, just send me a couple of times": the ask after it.
_INNER = re.compile(
    r"(?:[,;:]\s+(?:(?:but|and|so|then)\s+)?|^)(?:just\s+|simply\s+|please\s+|"
    r"(?:it )?would (?:help|be (?:great|good|nice|helpful)) if you could\s+)(?=[a-z])",
    re.IGNORECASE,
)
# "... would be great": the words that make a thing named a thing wished for.
WOULD_BE_WELCOME = r"would be (?:great|helpful|ideal|appreciated|perfect)\b"
_WOULD_BE_GREAT = re.compile(rf"(?<=\w)\s+{WOULD_BE_WELCOME}(?=\s*(?:$|\(re: ))", re.I)
_WELCOME = re.compile(
    r"^(?:your )?(?P<what>comments|feedback|thoughts|input|edits)\b(?: on [^,;]{3,60}?)?"
    rf" {WOULD_BE_WELCOME}",
    re.IGNORECASE,
)
# A reason, a recap or a reminder of a fact leads the sentence: no ask follows in it.
_NO_ASK_LEAD = re.compile(
    r"^(?:since|because|as (?:discussed|agreed|mentioned|you know)\b|"
    r"(?:remember|don't forget|do not forget),? (?:that )?(?![^.]*\bneeds? (?:your|the|it|them)\b)"
    r"(?:we|they|it|there|he|she|i\b|"
    r"(?!to\b)(?:\w+ ){1,2}(?:is|are|was|were|will|ends|finishes|starts|changes)\b))",
    re.IGNORECASE,
)
# "X is all I need", "All I need is X": a detail of the ask, or the ask itself.
_ALL_I_NEED = re.compile(
    r"^(?P<what>.+?),? (?:is|are) (?:all|exactly|just) what (?:i|we) need$|"
    r"^(?P<what2>.+?),? (?:is|are) all (?:i|we)(?:'ll| will)? need$|"
    r"^all (?:i|we)(?:'ll| will)? need is (?P<what3>.+)$",
    re.IGNORECASE,
)
# A statement: thanks, an apology, or a subject and its verb within the first few words.
_STATEMENT = re.compile(
    r"^(?:sorry|thanks|thank you|happy|glad|hope|great|good news|no worries)\b|"
    r"^(?:[\w'-]+[ ,]+){1,5}?(?:is|are|was|were|needs|has|have|had|would|will|won't|can't)\b|"
    # "it's", "she'd", not "tomorrow's review" nor "Friday's call"
    r"^(?:[\w'-]+[ ,]+){0,5}?\w+(?<!tomorrow)(?<!tonight)(?<!day)(?<!week)'(?:d|s|re|ll|ve)\b",
    re.IGNORECASE,
)
_TO_FOLLOW = re.compile(r"^(?:[\w-]+ ){1,2}to follow\b", re.I)  # "Invite to follow": news
# "Let me know when you've had a chance to think about it": when to answer the ask before.
_WHEN_READY = re.compile(
    r"^Tell \S+ (?:when|once|as soon as) you(?:'ve| have)? (?:had (?:a|the|some) (?:chance|time)|"
    r"thought (?:about )?it|decided|made up your mind|know)\b|"
    # the check's outcome, when that is all: "just let me know what you find"
    r"^Tell \S+ what you (?:find|found|learn|discover|come up with)(?: \(re: .*\))?$|"
    # "Drop me a line when it's done": word that the ask before is done, no ask of its own
    r"^(?:drop|ping|shoot|email|text|message|tell|let) \S+ (?:a (?:line|note|message|text) )?"
    r"(?:know )?(?:when|once|as soon as) (?:it's|it is|that's|that is|it has been|you've|you have|"
    r"you're|you are) (?:done|sent|signed|submitted|finished|through|uploaded|booked|in|filed|"
    r"live|up|out|complete)\b"
    r"(?: \(re: .*\))?$|"
    # "Reply when you have a moment", "Répondez quand vous aurez un moment": a bare answer
    r"^(?:reply|respond|answer|répondre|responder|contestar|antworten)"
    r"(?:,? (?:when|whenever|once|quand|cuando|wenn|sobald)\b.*)?$",
    re.IGNORECASE,
)


# "Could you answer those in the doc": the questions just listed, already items.
_ANSWER_THOSE = re.compile(
    r"^(?:Answer|Reply to|Respond to|Address) (?:those|these|them|both)\b(?! (?:and|by)\b)", re.I
)


# "Bitte senden Sie uns diesen bis Freitag zu" after the need for the report: that report.
_GERMAN_POINTER = re.compile(
    r"^(?:[A-ZÄÖÜ]\w+ )?(?:diese[nms]?|ihn|es|das|sie) (?:\w+ )?"
    r"(?:senden|schicken|zusenden|zuschicken|übermitteln|unterschreiben|bestätigen)"
    r"(?: \(re: .*\))?$"
)


def restates(text: str) -> bool:
    """The item only points at the questions before it ("Answer those in the doc"), or at
    the thing the ask before named ("Thomas diesen senden")."""
    return bool(_ANSWER_THOSE.match(text) or _GERMAN_POINTER.match(text))


# "Could you review the runbook? ... I'd like your comments on the rollback section": what the
# review gives back, no second ask.
_COMMENTS = re.compile(r"^Send \S+ your (?:comments|feedback|thoughts|notes|input)\b", re.I)
_REVIEWING = re.compile(
    r"^(?:Review|Read|Check|Proofread|Go through|Look (?:at|over)|Comment on|Have .+ reviewed)\b",
    re.IGNORECASE,
)


def review_output(text: str, recent: str) -> bool:
    """The item asks for the comments a review just asked for gives ("Send Aisha your comments
    on the rollback section" after "Review the runbook")."""
    return bool(_COMMENTS.match(text) and _REVIEWING.match(recent))


def when_ready(text: str) -> bool:
    """The item only says when to answer an earlier ask ("Tell Arjun when you've had a chance
    to think about it")."""
    return bool(_WHEN_READY.match(text))


def readable(text: str, asker: str, *, recent: bool) -> str:
    """An English item as an instruction, or "" when it is none.

    ``recent`` says an ask came just before: what "is all I need" then details that ask.
    """
    if _TO_FOLLOW.match(text):
        return ""
    verb = IMPERATIVE.match(text)
    if verb and text[verb.end() : verb.end() + 1] != "-":  # "Move-in ready" opens with no verb
        return _WOULD_BE_GREAT.sub("", text)  # "Give Dana your comments ... would be great"
    if tell := _IF_TELL.match(text):
        return f"Tell {tell.group('who')} if {tell.group('cond')}"
    if (inner := _INNER.search(text)) and IMPERATIVE.match(rest := text[inner.end() :]):
        return rest[:1].upper() + rest[1:] if not NOUN_USE.match(rest) else ""
    if welcome := _WELCOME.match(text):  # "Comments by Friday would be great"
        return f"Send {asker or 'them'} your {welcome.group('what').lower()}"
    if _NO_ASK_LEAD.match(text):
        return ""  # "Since you still owe me from last time)", "Remember we need two agents"
    if need := _ALL_I_NEED.match(re.sub(r"\s*\(re: .*$", "", text)):
        what = need.group("what") or need.group("what2") or need.group("what3")
        return "" if recent else f"Send {asker or 'them'} {what[:1].lower()}{what[1:]}"
    if (duty := _DUTY.search(text)) and IMPERATIVE.match(duty.group("ask")):
        return duty.group("ask")[:1].upper() + duty.group("ask")[1:]  # "Everyone needs to ..."
    if wants := _WANTS_YOUR.match(text):
        verb = _YOUR_VERBS[wants.group("kind").lower()]
        return f"{verb} {wants.group('what')[:1].lower()}{wants.group('what')[1:]}"
    return "" if _STATEMENT.match(text) else text


# "Everyone needs to submit X", "the team should update Y": the reader's duty in it.
_DUTY = re.compile(
    r"^(?:everyone|everybody|each of you|all of you|you all|you|the team|each (?:team|manager|"
    r"lead|reviewer)|all (?:managers|leads|reviewers))\s+(?:needs? to|has to|have to|must|"
    r"should)\s+(?P<ask>\S.*)$",
    re.IGNORECASE,
)
# "Page 3 needs your signature": sign page 3.
_WANTS_YOUR = re.compile(
    r"^(?P<what>[\w' -]{2,50}?) (?:needs|requires|is waiting for|awaits) your "
    r"(?P<kind>signature|approval|sign-off|review|ok|input|feedback|decision)\b",
    re.IGNORECASE,
)
_YOUR_VERBS = {
    "signature": "Sign",
    "approval": "Approve",
    "sign-off": "Sign off",
    "review": "Review",
    "ok": "Approve",
    "input": "Give input on",
    "feedback": "Give feedback on",
    "decision": "Decide on",
}


# The detail of an ask just made: how to do it, or what to look at first.
_POLITE = r"^(?:(?:please|bitte|merci de|por favor|and|also|just)\s+)*"
_CONTENT = re.compile(rf"{_POLITE}(?:include|including)\b", re.IGNORECASE)
_PLEASE_INCLUDE = re.compile(r"[,;]\s+(?:so|and)\s+please\s+(?:also\s+)?include\b", re.I)
_HOW = re.compile(
    rf"{_POLITE}use\b|"
    r"\b(?:rather than|instead of|plutôt que|au lieu de|en lugar de|en vez de|statt|anstatt|"
    r"anstelle)\b|"
    r"\b(?:directly|directement|directamente|direkt) (?:in|into|on|dans|sur|en|im|auf)\b|"
    # "Make sure it explains the slip", "Keep it under two pages", "List those separately",
    # "..., not the stores address": how the ask just made is to be done
    rf"{_POLITE}make sure (?:it|they|this|these|both|each) (?:\w+s|is|are|has|have)\b|"
    rf"{_POLITE}keep (?:it|them|this|the [\w -]{{2,30}}?) (?:short|brief|concise|simple|tight|"
    r"under|below|within|to (?:one|two|a|\d))\b|"
    rf"{_POLITE}(?:list|show|break|split) (?:them|those|these|it) (?:out |down )?"
    r"(?:separately|by|per)\b|"
    r",\s+not (?:the|a|an|our|your|my|their) [\w -]{2,30}[.!]?$",
    re.IGNORECASE,
)
_FOCUS = re.compile(
    r"^(?:\S+\s+){0,4}(?:in particular|especially|particularly|en particulier|surtout|"
    r"notamment|insbesondere|vor allem|sobre todo|en especial|especialmente)\b",
    re.IGNORECASE,
)
_VOCATIVE = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]+,\s+")


# Where the ask ends and its reason starts: "..., so I can share my screen rather than ...".
_REASON = re.compile(r"[,;]\s+(?:so|because|since|as|which|but)\b|\s(?:so that|because)\b", re.I)


def elaborates(sentence: str, *, near: bool) -> bool:
    """The sentence only details an ask before it ("Please use the FX rates from the memo
    rather than spot"), so it is no item of its own.

    What to include details the mail's earlier ask wherever it stands; how to do it ("use",
    "rather than") or what to look at first, only the ask just before (``near``).
    """
    sentence = _VOCATIVE.sub("", sentence)
    if _PLEASE_INCLUDE.search(sentence):
        return True  # "..., so please include the monitoring data from the autumn"
    sentence = sentence[: reason.start()] if (reason := _REASON.search(sentence)) else sentence
    return bool(
        _CONTENT.match(sentence) or (near and (_HOW.search(sentence) or _FOCUS.match(sentence)))
    )


# A list item that tells something: "The insurance form is due tomorrow", "the landlord shared
# the new floor plan", "Der Vertrag ist unterschrieben", "Le devis est prêt".
_NEWS = re.compile(
    r"^(?:[\w-]+,\s+)?(?:the|a|an|our|my|their|his|her|this|that|der|die|das|le|la|les|el|los|"
    r"las)\s+(?:[\w-]+\s+){1,4}?(?:is|are|was|were|has|have|had|will|ist|sind|war|hat|"
    r"wird|est|sont|a été|es|son|está|están|ha|shows|says|states|seems|contains|mentions|"
    r"indicates|lacks|"
    # "the register reconciled to the TB" names a thing; "the team moved to us" tells
    r"\w+ed(?= (?:the|a|an|our|your|it|them|in|on|for|that|with|us|me|to (?:me|us|you|him|"
    r"her|them))\b))\b",
    re.IGNORECASE,
)


def news(item: str) -> bool:
    """A list item is a clause that tells something, not a thing to send."""
    return bool(_NEWS.match(item.strip()))


# "from you" says nothing in an item the reader does: "Send Rachel a status update from you".
_FROM_YOU = re.compile(
    r"\s+(?:from you|de votre part|de ta part|de tu parte|de su parte|von dir|von Ihnen)\b", re.I
)
# What a question mark leaves behind: "... demo the filters? they asked specifically. -D".
_AFTER_QUESTION = re.compile(r"\?\s+\S.*$")
_EMPTY_BRACKETS = re.compile(r"\s+\(\s+\)")
_DANGLING = re.compile(r"[,;]?\s+(?:and|or|y|o|et|ou|und|oder)$", re.I)


def tidy(text: str, asker: str) -> str:
    """The item without what only made sense in the mail: "from you", the sender's "my",
    a sentence after the question, a dangling "and"."""
    text = _AFTER_QUESTION.sub("", _FROM_YOU.sub("", text))
    text = _EMPTY_BRACKETS.sub("", text)  # "(until 21:00)" once its time has gone
    if asker:
        text = re.sub(r"\bmy\b", f"{asker}'s", text)  # "Review my PR" -> "Review Dev's PR"
    return _DANGLING.sub("", text).rstrip(" ?,;")
