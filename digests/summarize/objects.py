"""What an ask is about: the clause that asks, and the thing "it" or "them" stands for.

"Before we can fix a date I need your investigation report" asks from "I need" on; "Can you
send them first thing tomorrow?" sends what the sentence before said the asker needs ("The
board pre-read needs Q2 availability for the public API ..."). Both are read with plain
patterns: a lead clause ends where an ask begins, and an antecedent is the noun phrase after a
verb of wanting, having or sending in one of the sentences just before the ask.
"""

from __future__ import annotations

import re

from digests.summarize.romance import participle_verb
from digests.summarize.sentences import lowered
from digests.summarize.topics import CONTEXT

# A wish for the reader's thing: "I'd be grateful for your comments", "I'd like your proposal".
WISH_VERB = (
    r"(?:(?:really |very much )?(?:like|love|appreciate|welcome)|"
    r"be (?:very |really |most )?grateful for) "
)
WISH = rf"(?:'d| would) {WISH_VERB}"
# What the reader gives that is no thing to send: "I'd like your help", "your team".
NOT_WISHED = (
    r"(?:help|support|team|staff|people|attention|presence|participation|permission)\b|"
    # "your take on whether A or B": a question to answer, not a thing to send
    r"(?:take|views?|opinion|thoughts|input|decision|answer) (?:on|about) (?:whether|if|which)\b"
)
# "I'd like the roadmap slides by Monday" (not "I'd like the team to decide by Monday", nor
# "I'd like the doc complete by then", which says when the ask before it is due).
LIKE_THE_BY = (
    r"the (?![^.?!]*\b(?:to|complete|completed|done|ready|finished|finali[sz]ed|signed|paid|"
    r"live|held|sent|approved|booked|fixed|closed|submitted)\b)"
    r"(?=(?:[^\s.?!]+ ){0,12}?(?:by|before)\s)"
)
# Where an ask starts inside a longer sentence.
_ASK_START = re.compile(
    r"\b(?:could|can|would|will) you\b|\bplease\b|"
    r"\byou(?:'ll| will)? (?:need to|must|have to)\b|"
    r"\b(?:i|we)(?: will|'ll| would|'d)?(?: do)? need\b|"
    rf"\b(?:i|we)(?:'d| would) (?:also |really )?like {LIKE_THE_BY}|"
    r"\b(?:i|we)(?:'d| would) like (?:your|\w+'s) (?=(?:take|view|decision|answer|input)\b)|"
    rf"\b(?:i|we){WISH}your (?!{NOT_WISHED})|"
    r"\b(?:i|we)(?:'d| would) (?:like|love|want) to (?:know|hear) (?=whether|if|what|which)|"
    r"\bpeux-tu\b|\bpourriez-vous\b|\bpouvez-vous\b|\bpourrais-tu\b|\bmerci de\b|"
    r"\bj'ai besoin\b|\bnecesito que\b|\b(?:me |nos )?(?:puedes|podrías|podéis)\b|"
    r"\bkannst du\b|\bkönntest du\b|\bkönnen sie\b|\bbitte\b|"
    r"\bje (?:veux|voudrais)\b|\bj'aimerais\b|\bquiero\b|\b(?:os|te|le|les) (?:pido|pedimos)\b|"
    r"\bnecesit(?:o|amos)\b",
    re.IGNORECASE,
)
_ASK_START_LOW = lowered(_ASK_START)
# A lead clause that may stand before the ask: "Before we can fix a date", "If it suits you,".
_SUBORDINATE = re.compile(
    r"^(?:before|after|once|when|whenever|if|since|as|for|to|so|pour|si|avant|para|antes|cuando|"
    r"wenn|bevor|damit|um)\b",
    re.IGNORECASE,
)


def ask_clause(sentence: str) -> tuple[str, str]:
    """The sentence from where its ask begins, and what a "For X," lead says it is for.

    "For the two SRE reqs on your plan, I need a short justification" asks from "I need";
    the purpose "for the two SRE reqs on your plan" still names the object and is kept.
    """
    low = sentence.lower()  # the same offsets, matched faster without re.IGNORECASE
    match = _ASK_START_LOW.search(low) if len(low) == len(sentence) else _ASK_START.search(sentence)
    if match is None or match.start() == 0:
        return sentence, ""
    lead = sentence[: match.start()].rstrip()
    if len(lead) > 120 or re.search(r"[.!?]\s", _ABBREVIATION.sub("", lead)):
        return sentence, ""
    joined = re.search(r"(?:^|\s)(?:so|and|but|then|donc|alors|que|also|dann|also)$", lead, re.I)
    punctuated = lead.endswith((",", ":", " -", "\u2013", "\u2014", ";"))
    if match.group().lower() == "bitte" and not punctuated:
        return sentence, ""  # "markier die Zeile bitte gelb": "bitte" sits inside the clause
    # "No rush at all, but whenever you get a chance could you ...": the last lead clause
    # is an aside on timing, so the ask starts after it.
    # "No rush - but when you get a chance I'd welcome ...": a dash parts clauses like a comma.
    clauses = _CLAUSE_BREAK.split(lead)
    tail = re.sub(r"^(?:but|and|so)\s+", "", clauses[-1], flags=re.I)
    aside = _SUBORDINATE.match(tail)
    if punctuated or joined or _SUBORDINATE.match(lead) or (len(clauses) > 1 and aside):
        rest = sentence[match.start() :]
        purpose = lead.rstrip(",:;-\u2013\u2014 ") if _PURPOSE.match(lead) else ""
        return rest[:1].upper() + rest[1:], purpose[:1].lower() + purpose[1:]
    return sentence, ""


_CLAUSE_BREAK = re.compile(r", | [-\u2013\u2014] ")
_ABBREVIATION = re.compile(r"\b(?:[ap]\.m|e\.g|i\.e|etc|mr|mrs|ms|dr|vs|approx)\.", re.I)
_PURPOSE = re.compile(r"^(?:for|pour|para|für)\s+(?:the|le|la|les|el|los|das|den|die)\b", re.I)


# "I need a one-page summary ..." / "I'll need a suspension letter": send the asker that thing.
# What a person gives rather than a thing to send: "your approval", "Altavia's sign-off".
_GIVEN = (
    r"(?:approval|signature|sign-?off|ok|okay|go-ahead|input|review|decision|answer|"
    r"confirmation|response|reply|consent|permission|feedback|quote|availability|agreement|"
    r"help|support)\b"
)
_I_NEED = re.compile(
    # "you still owe me the offsite budget": what is owed is to send
    r"^(?:(?:and |also |but )?(?:you )?(?:still )?owe (?:me|us)(?= )|"
    # "Need the Q3 liquidity summary first thing tomorrow.": a terse need, no subject
    r"need(?= (?:the|your) )(?![^?]*\?\s*$)|"
    # "Our site security needs the final witness list by EOD": a third party's need, to send
    r"(?:realistically |honestly )?(?:she|he|(?:our|the|their) [\w-]+(?: [\w-]+){0,2}|"
    r"[A-Z][\w-]+(?: (?:at|from) [A-Z][\w-]+(?: [A-Z][\w-]+)?)?) (?:really |still |also )?"
    r"needs(?= (?:it|them|the|your|all the|both the|copies)\b)|"
    r"would (?:really )?(?:love|like|appreciate)(?= your )|"
    r"(?:i|we)(?:'d| would) (?:love|like) to see|"  # "I'd love to see the draft"
    r"(?:and |also |but )?(?:i|we|they)(?: will|'ll| would|'d)?(?: also| still| really| "
    rf"urgently| then| now| just| do)? (?:need|want(?= an? (?:quick |short |phone )?call\b)|"
    rf"(?:(?<=d )|(?<=so )|(?<=ly )){WISH_VERB}(?=your (?!{NOT_WISHED})))|"
    r"it(?:'d| would) (?:really |also )?(?:help|be (?:great|good|helpful|ideal|useful)) to "
    r"(?:have|get|see)|(?:we|i)(?:'d| would) (?:also )?like(?= an? (?!word\b|chat\b))|"
    rf"(?:we|i)(?:'d| would) (?:also |really )?like(?= {LIKE_THE_BY})|"
    r"(?:we|i)(?:'d| would) (?:also |really |very much )?(?:appreciate|welcome)"
    r"(?= (?:a|an|some)\b))\s*"
    r"(?=(?:a|an|the|your|some|two|three|both|all|any|more|updated|final|(?<=needs )it|"
    r"(?<=needs )them|(?<=need )(?:it|them)(?= (?:back )?(?:by|before|no later than) )|"
    r"(?:(?:mr|ms|mrs|dr)\.? )?"
    rf"(?-i:[A-Z])\w+'s(?! {_GIVEN}))\b)",
    re.IGNORECASE,
)


_SEE_IT = re.compile(
    r"\bwhen(?:ever)? you have (?P<np>(?:a|an|the) [\w -]{2,40}?),? (?:i|we)(?:'d| would) "
    r"(?:love|like) to see (?:it|them)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_TO_ME = re.compile(r"\s+(?:in|into|to) (?:my|our) (?:inbox|mailbox|hands)\b", re.I)


# "J'ai besoin de la version signée", "Necesito el informe": the same in French and Spanish.
_WOULD_HELP = re.compile(
    r"^(?P<np>(?:a|an|the|your|some)\b[^.?!;:]{3,80}?) would (?:also |really )?be "
    r"(?:very |really |most )?(?:helpful|useful|appreciated|welcome)\b",
    re.IGNORECASE,
)
_I_NEED_FR = re.compile(
    r"^(?:j'ai|nous avons|on a) besoin (?:de |d')"
    r"(?=(?:la|le|les|l'|votre|vos|ton|ta|tes|un|une)\b)"
    r"|^(?:je (?:veux|voudrais) |j'aimerais )(?=(?:votre|vos|un|une)\b)"
    r"|^(?:j'ai|nous avons|on a) besoin (?P<art>du|des)\b\s*",
    re.IGNORECASE,
)
_I_NEED_ES = re.compile(
    r"^(?:necesito|necesitamos|quiero)\s+"
    r"(?=(?:el|la|los|las|un|una|tu|tus|vuestra|vuestro|su)\b)",
    re.IGNORECASE,
)
# "... el conteo de Polanco cerrado y cargado en el sistema": the thing and what to do to it.
_NEEDED_DONE_ES = re.compile(
    r"(?P<what>(?:el|la|los|las|tu|tus) [^,;]{3,80}?) (?P<p1>[a-záéíóúñ]{3,}(?:ad|id)[oa]s?)"
    r"(?: y (?P<p2>[a-záéíóúñ]{3,}(?:ad|id)[oa]s?))?\b(?P<rest>(?:(?! para que| porque)[^,;])*)",
    re.IGNORECASE,
)
# "I want a call from you before 5pm", "Je veux un appel de votre part": call the asker.
_A_CALL = re.compile(
    r"^(?:a|an|un|une|una) (?:(?:quick|short|phone|brief) )?(?P<call>call|appel|llamada|"
    r"coup de fil)\b(?: (?:from you|de votre part|de ta part|de tu parte|de su parte))?",
    re.IGNORECASE,
)
_CALL_VERB = {"call": "Call {who}", "appel": "Appeler {who}", "coup de fil": "Appeler {who}"}


# "One thing I'll need from you: the pricing sheet": the thing after the colon is the need.
_ONE_THING = re.compile(
    r"^(?:(?:what|all) |(?:the one |the |one |another |a |the (?:last|other|only) |last )?"
    r"(?:more |quick |small |other )?"
    r"(?:thing|favou?r|request|item|ask|decision|question|choice|answer)s? )"
    r"(?:i|we)(?:'ll| will|'d| would| still)? "
    r"(?:need|want)(?: from you| of you)?(?:(?: is)?\s*[:\u2013\u2014-]\s+(?=[a-z])|"
    # "The only thing we need from you for now is your talk title"
    r"(?: for now| right now| at this point| at the moment)? is\s+(?=(?:your|a|an|the|some)\b))",
    re.IGNORECASE,
)
# "I'll need a little time with it", "I need a couple of hours to merge": the sender's need.
_TIME_NEEDED = re.compile(
    r"^(?:a |an |some |more |a few |a couple of |a bit of |half an? |\d+ |one |two |three )?"
    r"(?:(?:little|bit of|few|more|extra|quiet|clear|full|good|spare) )*"
    r"(?:time|minutes?|mins?|hours?|hrs?|days?|weeks?|moments?|while|buffer|breathing room)\b",
    re.IGNORECASE,
)


def need_as_send(text: str, asker: str) -> str:
    """ "I need your report on X" -> "Send Claire your report on X" (unchanged otherwise).

    A need for time ("I'll need a couple of hours to merge it") is the sender's, and gives "".
    """
    if one := _ONE_THING.match(text):  # a question after the colon stays one
        rest = text[one.end() :]
        text = f"I need {rest}" if _I_NEED.match(f"I need {rest}") else rest[:1].upper() + rest[1:]
    need = _I_NEED.match(text) or _I_NEED_FR.match(text) or _I_NEED_ES.match(text)
    if _I_NEED.match(text) and _TIME_NEEDED.match(text[need.end() :]):
        return ""
    if need and asker and (call := _A_CALL.match(text[need.end() :])):
        verb = _CALL_VERB.get(call.group("call").lower(), "Llamar a {who}").format(who=asker)
        return f"{verb}{text[need.end() + call.end() :]}"
    if see := _SEE_IT.search(text):  # "when you have a shortlist I'd love to see it"
        return f"Send {asker + ' ' if asker else ''}{see.group('np')}{see.group('rest')}"
    if match := _I_NEED.match(text):
        what = _TO_ME.sub("", text[match.end() :])  # "your proposal in my inbox": sent to me
        return f"Send {asker + ' ' if asker else ''}{what}"
    if helps := _WOULD_HELP.match(text):  # "A rough cost estimate would also be helpful"
        thing = helps.group("np")
        return f"Send {asker + ' ' if asker else ''}{thing[:1].lower()}{thing[1:]}"
    if match := _I_NEED_FR.match(text):
        article = {"du": "le ", "des": "les "}.get((match.group("art") or "").lower(), "")
        return f"Envoyer{' à ' + asker if asker else ''} {article}{text[match.end() :]}"
    if (match := _I_NEED_ES.match(text)) and (done := _NEEDED_DONE_ES.match(text[match.end() :])):
        # "Necesito el conteo cerrado y cargado en el sistema": close it and load it
        verbs = [participle_verb(p) for p in (done.group("p1"), done.group("p2")) if p]
        verb = " y ".join(verbs)
        return f"{verb[:1].upper()}{verb[1:]} {done.group('what')}{done.group('rest')}"
    if match := _I_NEED_ES.match(text):
        return f"Enviar{' a ' + asker if asker else ''} {text[match.end() :]}"
    return text


# Verbs after which the thing the mail is about is named: "needs X", "approved your X".
_NAMING = re.compile(
    r"\b(?:needs?|wants?|requires?|asked (?:for|about)|is missing|are missing|approved|"
    r"attached(?: is| are)?|here(?:'s| is| are)|final version of|a draft of|the draft of|"
    r"sent (?:you|over)|shared|prepared|flagged|moved|(?:re)?scheduled|drafted|revised|"
    r"updated|mentioned|suggested|recommended|(?:do you |you )have|"
    # "I still have 6 timesheets sitting in your approval queue. Can you approve them?"
    r"(?:i|we) still have|"
    # "I still don't have the certificate of insurance from Swift Movers": what is missing
    r"(?:don'?t|do not) (?:yet )?have|(?:haven'?t|have not) (?:yet )?(?:received|got|seen)|"
    r"still waiting (?:for|on)|chas(?:e|ing)|"
    r"(?:records?|system|files?) (?:shows?|indicates?)(?: that)?|"  # "... show your car is"
    r"(?:is|are|was)(?= (?:the|your|our) ))\s+"
    # "it needs your approval": what the reader gives, not a thing the pronoun stands for
    rf"(?!(?:your|(?-i:[A-Z])[\w-]+'s) {_GIVEN})"
    r"(?P<np>(?:the|your|our|a|an|my|his|her|their|this|these|some|two|three|real|q\d|new|"
    r"(?<=still have )\d+(?= [a-z])|(?-i:[A-Z])[\w-]+'s(?= \w))\b.*)",
    re.IGNORECASE,
)
# Where the noun phrase stops: a clause boundary or a word that starts a new clause.
_NP_END = re.compile(
    r"\s*(?:(?<!\bvs)(?<!\bv)\.(?=\s|$)|[;!?(]|\s[-\u2013\u2014]\s|"
    r",\s+(?:so|since|because|which|and then|but)\b|"
    r"\s(?:so that|because|since|before|by|until|which|who|that i|that we|so we|so i|"
    r"if|when|with one|and i|and we|but|up|to|attached|enclosed|below|"
    r"deserves?|is|are|was|were|should|could|would|will|might|may|sitting|waiting|yet|"
    r"today|tonight|tomorrow)\b)",
    re.IGNORECASE,
)
_VAGUE_OBJECT = re.compile(
    r"^(?P<verb>(?:\w+(?: and \w+)?)(?: (?:it|them) back)?)\s+(?P<asker>[A-Z][a-zà-ÿ]+\s+)?"
    # "Send Carla that" (from "Can you get that to me?") points back too, when it ends the ask
    r"(?P<pron>it|them|(?:that|this)$)\b(?: back)?(?=$|[\s,;:.!?])",
)


# "If so, the investigation pack is in the ER folder": the thing the sentence is about.
_SUBJECT = re.compile(
    r"^(?:[^,.]{0,25},\s+)?(?P<np>(?:the|your|our|my|this|these)\s+"
    r"(?!(?:deadline|problem|issue|idea|point|reason|question|thing|goal|plan|good|bad|"
    r"main|only|rest|latest|best|worst|same)\b)[\w' -]{2,50}?)\s+"
    r"(?:is|are|was|were|has been|have been|lives|sits)\b",
    re.IGNORECASE,
)


_DETERMINERS = frozenset(
    ["the", "your", "our", "a", "an", "my", "his", "her", "their", "this", "these", "some"]
)


def antecedent(previous: list[str]) -> str:
    """The noun phrase the nearest earlier sentence (of the last three) names, or ""."""
    for sentence in reversed(previous[-3:]):
        match = _NAMING.search(sentence) or _SUBJECT.match(sentence)
        if match is None:
            continue
        np = match.group("np")
        end = _NP_END.search(np)
        np = np[: end.start()] if end else np
        words = np.split()
        if 2 <= len(words) <= 25:
            words[0] = words[0].lower() if words[0].lower() in _DETERMINERS else words[0]
            return " ".join(words).rstrip(",:")
    return ""


# The object of an ask already listed: "Bring a one-page summary ..." -> "a one-page summary".
_ASKED_OBJECT = re.compile(
    r"^\S+(?: [A-Z][a-zà-ÿ]+)? (?P<np>(?:a|an|the|your|our|my|this|these|those)\b.+?)"
    r"(?: \(re: .*)?$"
)


def _plural(np: str) -> bool:
    """ "the numbers", "the deck and the notes" are more than one; "the summary of the
    interviews" is one."""
    head = re.split(r"\s(?:of|for|from|in|on|to|with|about|by)\s", np, maxsplit=1)[0]
    last = head.split()[-1].lower()
    return " and " in head or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def resolve_pronoun(text: str, previous: list[str], asked: str = "") -> str:
    """ "Send Grace it" style asks name their object: "Send them" -> "Send the numbers".

    Without a thing named just before, "it" is what the ask before (``asked``) was about:
    "Could you bring a one-page summary? ... please share it in the doc".
    """
    match = _VAGUE_OBJECT.match(text)
    if match is None or match.group("verb").lower() in {"do", "handle", "manage", "sort"}:
        return text  # "do it" stands for a verb phrase, not a thing
    thing = antecedent(previous)
    before = _ASKED_OBJECT.match(asked) if not thing else None
    if before and _plural(before.group("np")) == (match.group("pron") == "them"):
        thing = before.group("np")  # "it" for one thing, "them" for more
    if not thing:
        return text
    verb = re.sub(r"\s+(?:it|them) back$", "", match.group("verb"))
    asker = match.group("asker") or ""
    return f"{verb} {asker}{thing}{text[match.end() :]}"


_FILLER_TEXT = """a an the to of for on in at by and or with from your you me my our us we i it
    this that is are be please can could would will need so as up about into before after if any all
    then them their these those do also"""
_FILLER = frozenset(_FILLER_TEXT.split())


_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(CONTEXT.sub("", text).lower()) if w not in _FILLER}


def same_ask(text: str, earlier: list[str]) -> bool:
    """The ask is one already listed in nearly the same words (a machine's remedy beside the
    item its subject made)."""
    mine = _words(text)
    return any(_mostly_shared(mine, _words(other)) for other in earlier)


def refines(text: str, earlier: str) -> bool:
    """The ask says the earlier one again with more: "Approve Theatre 3 in the staffing portal"
    after "Approve Theatre 3"."""
    theirs = _words(earlier)
    same_verb = text.partition(" ")[0].lower() == earlier.partition(" ")[0].lower()
    return same_verb and len(theirs) >= 2 and theirs < _words(text)


def _mostly_shared(mine: set[str], theirs: set[str]) -> bool:
    """Most words shared, and no number that differs ("file 3" is not "file 4")."""
    if any(w[:1].isdigit() for w in mine ^ theirs):
        return False
    return bool(mine and theirs) and 2 * len(mine & theirs) >= 0.75 * (len(mine) + len(theirs))


def which_ask(text: str, earlier: list[str], needs: frozenset[int] = frozenset()) -> int:
    """The index of the earlier ask this one repeats in other words ("Send it to Claire" after
    "Send Claire your report"), or -1.

    Either most words are shared, or what one does to names nearly all of the other's object
    ("Send Marketing the banner in the dashboard" and "Prepare the banner in the dashboard on
    staging"): one thing asked for twice, once as a need and once as a request. The same verb
    with an object that names nothing ("Add your part") restates the earlier ask. A need (the
    indexes in ``needs``: "We need the slides") is restated by any request for the same thing
    ("Could you prepare them?").
    """
    mine = _words(text)
    object_words = _object_words(text)
    verb = text.partition(" ")[0].lower()
    for index, other in enumerate(earlier):
        if object_words <= _GENERIC and other.partition(" ")[0].lower() == verb:
            return index  # "Please add your part by Thursday" after "Could you add what ..."
        theirs = _words(other)
        if any(w[:1].isdigit() for w in mine ^ theirs):
            continue  # "file 3" is not "file 4"
        if _mostly_shared(mine, theirs):
            return index
        their_object = _object_words(other)
        if index in needs and _POINTS.search(text) and _POINTS.search(other):
            return index  # "the only thing missing is your sign-off ... approve it?": one
        smaller = min(len(object_words), len(their_object))
        enough = 1 if index in needs else 3
        if smaller >= enough and len(object_words & their_object) >= 0.8 * smaller:
            return index
    return -1


# An ask whose object only points: "Sign it off", "Log in and approve it".
_POINTS = re.compile(r"\b(?:it|them|this|that)(?: off| over| through)?(?:\s*\(re: .*\))?$", re.I)
# What a restated ask's object may be: "add your part", "send it", "answer those".
_GENERIC_TEXT = "part bit share piece section input comments feedback answers thoughts everything"
_GENERIC = frozenset(_GENERIC_TEXT.split())


# Whom an ask is for, no part of what it is about: "Send Maria the deck", "Enviar a Luis ...".
_RECIPIENT = re.compile(
    r"^(?:(?:à|a) )?[A-ZÀ-Ý][a-zà-ÿ]+ (?=(?:the|a|an|your|our|my|this|these|those|his|her|their|"
    r"some|le|la|les|l'|el|los|las|un|une|una|votre|vos|tu|su)\b)|\s(?:to|with|for) [A-Z][a-z]+$"
)


def _object_words(text: str) -> set[str]:
    """The content words after the verb and its recipient: what the ask is about."""
    return _words(_RECIPIENT.sub("", text.partition(" ")[2]))
