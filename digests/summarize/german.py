"""German asks as German to-dos: "Könntest du die Bildrechteliste an Frau Okafor schicken?" ->
"Bildrechteliste an Frau Okafor schicken".

German puts the verb's particle or the infinitive at the end of the clause ("Trag bis Mittwoch
deine Vorschläge ein", "Kannst du mir das bis 18 Uhr schicken?"), so the verb is found wherever
it stands and the to-do is written the way German to-do lists are: object first, infinitive
last, without the modal, the fillers and the deadline (the item's date carries that). An ask
that names no object of its own ("Schickt mir das bis 13. November") is the verb done to what
the subject names ("Send Katrin it", which the subject fills in), as items are in every language
the mail does not word itself.
"""

from __future__ import annotations

import re

from digests.summarize.german_verbs import PARTICLES, infinitive
from digests.summarize.german_verbs import VERBS as _VERBS
from digests.summarize.sentences import for_yes_or_no

# Words a request is framed in, up to its verb: "Denk dran, die Reisekosten einzureichen",
# "Wäre es möglich, dass du mir die Zahlen schickst?", "Es wäre toll, wenn du das prüfst".
_FRAME = re.compile(
    r"^(?:(?:und|auch|also|dann) )?(?:(?:wäre|wär) es (?:möglich|machbar)|"
    r"(?:es )?wär(?:e|s)? (?:toll|super|schön|nett|prima|"
    r"klasse|gut|hilfreich|großartig|klasse)|denk (?:bitte )?(?:mal )?(?:daran|dran)|"
    r"denken sie (?:bitte )?daran|vergiss (?:bitte )?nicht|vergessen sie (?:bitte )?nicht|"
    r"(?:ich bitte|wir bitten) (?:dich|euch|sie)(?: (?:daher|deshalb|darum|nochmals|dringend))?|"
    r"wärst du so (?:lieb|nett|gut)|"
    r"wären sie so (?:freundlich|nett|gut))\b,?\s*(?:(?:dass|wenn|und|falls) )?",
    re.IGNORECASE,
)
# "Du hast die Reisekosten noch nicht eingereicht": what is still undone is asked.
_NOT_YET = re.compile(
    r"\b(?:du hast|sie haben|ihr habt|hast du|haben sie|habt ihr)\b[^.?!;,]*?"
    r"\b(?:noch (?:immer )?nicht|immer noch nicht|bisher nicht)\b[^.?!;,]*?\b(?P<done>\w+)"
    r"(?:,? (?:oder|ne|gell|nicht wahr))?\s*[.?!;,]?\s*$",
    re.IGNORECASE,
)
_IRREGULAR_DONE = {
    "unterschrieben": "unterschreiben",
    "gelesen": "lesen",
    "durchgelesen": "durchlesen",
}
# "Sag mir Bescheid, wenn ...", "Meld dich, sobald ...": tell the asker.
_TELL = re.compile(
    r"^(?:sag|sagt)(?: mir| uns)? (?:bitte )?bescheid\b(?!,? ob\b)|"
    r"^meld(?:e|et)? (?:dich|euch)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-zäöüß]+", re.IGNORECASE)
_GERMAN_WORDS = re.compile(
    r"\b(?:bitte|du|dir|mir|uns|ihr|euch|das|die|der|den|und|bis|kannst|könntest|ich|wir|deine|"
    r"für|nicht|ist|oder|aber|wenn|bescheid|dich|mich|sie|ihre[mns]?|dem|eine[mn]?|auch|mit|"
    r"zum|zur|vom|über)\b"
)
# Each match is one whole word whichever alternative finds it, so regrouped by first letter
# (faster) it counts the same words.
_GERMAN = for_yes_or_no(_GERMAN_WORDS)
_TO_ME = re.compile(r"\b(?:mir|uns)\b", re.IGNORECASE)
_ME = re.compile(r"\bmich\b", re.IGNORECASE)


# "Ich brauche von dir bis 20 Uhr die Entscheidung", "ich hätte gern deine Meinung", "Das Amt
# braucht deine Unterschrift": the thing wanted says what to do.
_WANTED = re.compile(
    r"\b(?:brauche|brauchen|braucht|bräuchte|bräuchten|benötige|benötigen|benötigt|"
    r"freue mich auf|freuen uns auf|warte auf|warten auf|"
    r"hätte gerne?|hätten gerne?|wüsste gerne?|möchte|möchten)\b[^.:;?!]*?"
    r"\b(?:deine|dein|ihre|ihr|eure|euer|die|das|den|eine|ein)\s+(?P<noun>Entscheidung|Freigabe|OK|"
    r"Okay|Go|Zustimmung|Meinung|Einschätzung|Rückmeldung|Antwort|Unterschrift|Zusage|Bestätigung|"
    r"Feedback)\b(?:,? (?:dazu|darüber|darauf),?)?(?P<whether>,? ob [^.;:?!]+)?",
    re.IGNORECASE,
)
# "... eine Entscheidung, ob wir den Rabatt halten": the question stays in German, and so does
# the verb.
_WHETHER_VERBS = {
    "entscheidung": "Entscheiden",
    "meinung": "Meinung abgeben",
    "einschätzung": "Einschätzung abgeben",
    "rückmeldung": "Rückmeldung geben",
    "antwort": "Antworten",
}
_WANTED_VERBS = {
    "entscheidung": "Decide",
    "freigabe": "Approve it",
    "ok": "Approve it",
    "okay": "Approve it",
    "go": "Approve it",
    "zustimmung": "Approve it",
    "meinung": "Give {asker} your opinion",
    "einschätzung": "Give {asker} your opinion",
    "feedback": "Give {asker} your feedback",
    "rückmeldung": "Reply to {asker}",
    "antwort": "Reply to {asker}",
    "unterschrift": "Sign it",
    "zusage": "Confirm it",
    "bestätigung": "Confirm it",
}


# "Ich brauche von dir bis morgen 12 Uhr den 8D-Bericht mit D1 bis D4": a thing to send.
# "..., brauche ich bis morgen von Ihnen die korrigierte Rechnung zurück": the same, inverted.
_NEED_THING = re.compile(
    r"\b(?:(?:ich|wir) (?:brauche|brauchen|benötige|benötigen|bräuchte|bräuchten)|"
    r"(?:brauche|benötige|bräuchte) ich|(?:brauchen|benötigen|bräuchten) wir) (?:noch )?"
    r"(?:von (?:dir|euch|Ihnen) )?(?:[^,;.]{0,40}? )?(?:den|die|das|deinen|deine|dein|euren|eure|"
    r"Ihren|Ihre) (?P<what>[^,;.]{3,80}?)(?=$|[,;.]| damit\b| für (?:den|die|das)\b|"
    r" bis (?:morgen|heute|übermorgen|\w+tag|Mittwoch|zum|Ende|spätestens|\d{1,2}(?:\.|:| Uhr))|"
    r" zurück\b)",
    re.IGNORECASE,
)
# "Ein grober Kostenrahmen für die Mehrkosten wäre auch hilfreich": a thing to send.
_HELPFUL = re.compile(
    r"^(?:(?:und|auch|außerdem)\s+)?(?P<what>(?:ein|eine|einen|Ihre?|deine?|eure?)\s[^.;:?!,]{3,80}?)"
    r"\s(?:wäre|wären)\s(?:(?:auch|ebenfalls|außerdem|zudem|noch|sehr|wirklich)\s)*"
    r"(?:hilfreich|nützlich|praktisch|willkommen)\b",
    re.IGNORECASE,
)
# "Besonders interessiert mich, ob wir die Protokolle vollständig prüfen sollen": tell whether.
_CURIOUS = re.compile(
    r"\b(?:interessiert mich|mich interessiert|(?:mich )?würde (?:mich )?interessieren|"
    r"(?:ich|wir) wüssten? gerne?|ich frage mich)\b,?\s*"
    r"(?P<q>(?:ob|wie|wann|welche[rsnm]?|was|wer|wo)\s[^.?!;]{3,200})",
    re.IGNORECASE,
)
# "wenn du bis Ende März drüberschauen und mir Anmerkungen schicken könntest, reicht das"
_IF_YOU_COULD = re.compile(
    r"\b(?:wenn|falls) (?:du|sie|ihr) (?P<todo>[^,;.]{5,200}?) (?:könntest|könnten|könntet|"
    r"würdest|würden|würdet)\s*,\s*(?:(?:dann|das) )?(?:reicht|wäre|wär|hilft|passt|ist|bin)\b",
    re.IGNORECASE,
)
_INVERTED_NEED = re.compile(r"\b(?:brauche|benötige|bräuchte) ich\b|\b(?:brauchen|benötigen) wir\b")
# What the need names leaves out: "(als PDF reicht)", "bis spätestens morgen, 12 Uhr,".
_ASIDE = re.compile(
    r"\s*\([^)]{0,80}\)|\bbis (?:spätestens )?\w+, \d{1,2}(?:[:.]\d\d)? Uhr,\s*", re.IGNORECASE
)


# "Und bitte lass die restlichen Teile im Lager sperren": have it done.
_LET_DO = re.compile(
    r"^(?:(?:und|auch|dann|also)\s+)?(?:bitte\s+)?(?:lass|lasst|lassen Sie)(?:\s+bitte)?\s+"
    r"(?P<what>(?:die|den|das|alle|unsere|eure|deine)\b[^,;.]{3,80}?) (?P<verb>[a-zäöüß]{3,}en)"
    r"(?=$|[,;.!])",
    re.IGNORECASE,
)


# "Kannst du mir bestätigen, dass du einverstanden bist?": what to confirm is the clause after.
_SAY_THAT = frozenset(["bestätigen", "zusagen"])
_THAT = re.compile(
    r"^\s*,\s*((?:dass|ob)\s(?:[^.;:?!]|(?<=\d)\.(?=\d)){3,160}?)\s*"
    r"(?:,\s*(?:dann|damit|weil|denn|sonst)\b[^?!]*)?[.?!]?\s*$",
    re.IGNORECASE,
)


def _undone(participle: str) -> str:
    """ "eingereicht" -> "einreichen", "geschickt" -> "schicken" (if the table knows it)."""
    low = participle.lower()
    if low in _IRREGULAR_DONE:
        return _IRREGULAR_DONE[low]
    for particle in ("", *PARTICLES):
        core = low[len(particle) :] if low.startswith(particle) else ""
        core = core[2:] if core.startswith("ge") else core
        for verb in (f"{particle}{core[:-1]}en", f"{particle}{core}"):
            if core and verb in _VERBS:
                return verb
    return ""


def german_ask(sentence: str, asker: str) -> str:
    """ "Bitte schickt mir das bis 13. November" -> "Send Katrin it", or "" if not German."""
    text = _BITTE_LEAD.sub("", sentence.strip(), count=1)
    found = _german_ask(text, asker)
    if not found and (lead := _CLAUSE_LEAD.match(text)):
        found = _german_ask(text[lead.end() :], asker)  # "Wenn möglich, schicken Sie mir ..."
    found = re.sub(r"^[Ss]ich (\w)", lambda m: m[1].upper(), found)  # "sich ... anschauen"
    return without_filler(found)


def without_filler(text: str) -> str:
    """A German to-do without the filler it opens with: "Noch die Saldenbestätigungen der drei
    Hausbanken senden" -> "Die Saldenbestätigungen der drei Hausbanken senden"."""
    if filler := _FILLER_FIRST.match(text):
        rest = text[filler.end() :]
        return f"{rest[:1].upper()}{rest[1:]}"
    return text


# "Außerdem die Bitte: Könnten Sie ...", "Eine Bitte noch: ...": the lead before the ask
_BITTE_LEAD = re.compile(
    r"^(?:(?:außerdem|zudem|und|noch)\s+)?(?:die|eine)\s+(?:bitte|frage)(?:\s+noch)?"
    # "Eine Bitte hätte ich noch:", "Eine Frage habe ich noch:"
    r"(?:\s+(?:hätte|habe|hab)\s+ich(?:\s+noch)?)?\s*:\s*",
    re.IGNORECASE,
)
_CLAUSE_LEAD = re.compile(
    r"^(?:wenn|falls|sobald|bevor|nachdem|damit)\b[^,.;:?!]{0,70},\s+", re.IGNORECASE
)
_FILLER_FIRST = re.compile(
    r"^(?:noch|auch|außerdem|zudem|bitte)\s+(?=(?:die|der|das|den|dem|eine?[nmr]?|ihre?[nmr]?)\s)",
    re.IGNORECASE,
)


def _german_ask(sentence: str, asker: str) -> str:
    """:func:`german_ask` before its tidying."""
    if len(_GERMAN.findall(sentence.lower())) < 2:
        return ""
    sentence = _LEAD.sub("", sentence.strip(), count=1)  # "Wie besprochen: Schicken Sie ..."
    if wanted := _WANTED.search(sentence):
        noun, whether = wanted.group("noun").lower(), wanted.group("whether")
        if whether and noun in _WHETHER_VERBS:
            return f"{_WHETHER_VERBS[noun]}, {whether.strip(' ,')}"
        who = asker or "them"
        return _WANTED_VERBS[wanted.group("noun").lower()].format(asker=who).replace(" them ", " ")
    if let := _LET_DO.match(sentence.strip()):
        what = let.group("what")
        return f"{what[:1].upper()}{what[1:]} {let.group('verb')} lassen"  # "lass X sperren"
    if curious := _CURIOUS.search(sentence):
        return f"{asker or 'Them'} sagen, {curious.group('q').strip()}"
    if could := _IF_YOU_COULD.search(sentence):
        todo = " ".join(_WHEN.sub("", _FILLERS.sub("", could.group("todo"))).split())
        todo = _TO_ME.sub(asker, todo) if asker else todo
        return f"{todo[:1].upper()}{todo[1:]}"
    if (helpful := _HELPFUL.match(sentence.strip())) and asker:
        what = helpful.group("what")
        return f"{what[:1].upper()}{what[1:]} an {asker} schicken"  # "Ein Kostenrahmen wäre ..."
    if (need := _NEED_THING.search(_ASIDE.sub(" ", sentence))) and asker:
        what = " ".join(need.group("what").split())
        return f"{what[:1].upper()}{what[1:]} an {asker} schicken"  # "den 8D-Bericht": send it
    if (undone := _NOT_YET.search(sentence)) and (verb := _undone(undone.group("done"))):
        return f"{_VERBS[verb]} it"
    if _TELL.match(sentence.strip()):
        return f"Tell {asker or 'them'}"
    sentence = _FRAME.sub("", sentence.strip(), count=1)
    # "bis heute 20:00 Uhr zu bestätigen": a clock's colon or a date's period splits nothing
    clause = re.split(r"[,;?!(]|[:.](?!\d)|\s[-\u2013]\s|\sund\s", sentence, maxsplit=1)[0]
    words = [w.lower() for w in _WORD.findall(clause)]
    words = [w for w in words if w not in {"mal", "bitte", "doch", "kurz", "sofort", "noch"}]
    verb = infinitive(words)
    if not verb:
        return ""
    if verb in _SAY_THAT and (that := _THAT.match(sentence[len(clause) :])):
        who = f"{asker} " if asker and _TO_ME.search(clause) else ""
        text = f"{who}{verb}, {that.group(1)}"  # "bestätige mir, dass ...": the clause stays
        return text[:1].upper() + text[1:]
    if todo := _todo(clause, verb, asker):
        whether = _THAT.match(sentence[len(clause) :])
        if whether and whether.group(1).lower().startswith("ob "):
            return f"{todo}, {whether.group(1)}"  # "Ihre Einschätzung schicken, ob ..."
        return todo
    english = _VERBS[verb]
    to = f" {asker}" if english == "Send" and asker and _TO_ME.search(clause) else ""
    return f"{english}{to} it"


# Words around a German ask that its to-do leaves out: the modal and its pronoun, fillers.
_MODAL = re.compile(
    r"^(?:(?:und|also|dann|auch)\s+)?(?:(?:könntest|kannst|würdest|magst|wirst|könnt|könntet)"
    r"\s+(?:du|ihr)|(?:könnten|können|würden|möchten|wollen)\s+Sie)\b\s*",
    re.IGNORECASE,
)
_FILLERS = re.compile(
    r"\b(?:bitte|mal|doch|kurz|noch|auch|vielleicht|eben|schnell|sofort|gerne?|bis dahin)\b\s*",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
_WHEN = re.compile(
    r"\b(?:spätestens\s+)?(?:(?:bis|vor)\s+(?:spätestens\s+)?(?:zum\s+|am\s+)?|am\s+)?(?:"
    rf"(?:(?:nächste[nmr]?|kommende[nmr]?|diese[nmr]?)\s+)?{_WEEKDAY}"
    r"(?:\s*(?:früh|morgen|mittag|abend|vormittag|nachmittag))?|"  # also "Montagmorgen"
    r"(?:über)?morgen(?:\s+früh)?|heute(?:\s+abend)?|ende\s+(?:der\s+|des\s+|nächster\s+)?\w+|"
    r"\d{1,2}\.(?:\s*\d{1,2}\.|\s+[A-ZÄÖÜ][a-zäöü]+)?)"
    r"(?:\s*(?:um\s+)?\d{1,2}(?:[:.]\d\d)?\s*Uhr)?|\b(?:bis|vor|um)\s+\d{1,2}(?:[:.]\d\d)?\s*Uhr|"
    r"\b(?:spätestens\s+)?(?:bis|vor)\s+(?:zum\s+)?\d{1,2}(?:[:.]\d\d\b|\b\.?)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:der|die|das|den)\s+", re.IGNORECASE)  # not "dem Antrag": "to"
_BARE_OBJECT = {"", "das", "es", "ihn", "sie", "dies", "diese", "dieses", "den", "die", "dem"}


def _todo(clause: str, verb: str, asker: str) -> str:
    """ "Könntest du bis dahin die Bildrechteliste an Frau Okafor schicken" -> "Bildrechteliste
    an Frau Okafor schicken": the to-do in German, its infinitive last; "" when it names no
    object of its own ("Kannst du das prüfen?")."""
    text = _FILLERS.sub("", clause.strip())
    modal = _MODAL.match(text)
    text = text[modal.end() :] if modal else text
    words = text.split()
    if not words:
        return ""
    if not modal and words[0].lower() in {"sie", "du", "ihr"} and len(words) > 2:
        words, modal = words[1:], True  # "dass Sie uns Ihre Einschätzung schicken": verb last
    last = words[-1].lower().strip("?.!")
    if not modal and (last == verb or last.replace("zu", "", 1) == verb):
        # a to-do already ("Tickets im Projekt SEC anlegen", "... heute noch einzutragen")
        words = words[:-2] if words[-2:-1] == ["zu"] else words[:-1]  # "... zu prüfen"
    elif not modal:  # an imperative first ("Trag ... ein", "Schickt mir ..."): the verb goes last
        words = words[2:] if words[1:2] == ["Sie"] else words[1:]  # "Legen Sie ... bei"
        if words and words[-1].lower() in PARTICLES:
            words = words[:-1]
    elif words[-1].lower().strip("?.!") == verb or words[-1].lower().startswith(verb[:4]):
        words = words[:-1]  # "... schicken?": the infinitive, put back at the end
    text = " ".join(_WHEN.sub("", _FILLERS.sub("", " ".join(words))).split()).strip(" ,?!.")
    if _TO_ME.sub("", text).strip().lower() in _BARE_OBJECT or len(text) > 120:
        return ""  # "Schickt mir das": the thing is what the subject names
    # "Rufen Sie mich zurück" -> "Karin zurückrufen": whom to call is the asker
    text = _ARTICLE.sub("", _TO_ME.sub(asker, _ME.sub(asker, text)) if asker else text)
    return f"{text[:1].upper()}{text[1:]} {verb}"


def german_request(sentence: str) -> bool:
    """A German imperative or framed request ("Schick mir die Folien", "Denk dran, ...")."""
    low = _LEAD.sub("", sentence.strip().lower(), count=1)
    if len(_GERMAN.findall(low)) < 2:
        return False
    if _HELPFUL.match(low) or _CURIOUS.search(low) or _IF_YOU_COULD.search(low):
        return True
    if _INVERTED_NEED.search(low) and _NEED_THING.search(_ASIDE.sub(" ", low)):
        return not _WANTED.search(low)  # "brauche ich Ihre Entscheidung": no thing to send
    if _TELL.match(low) or _FRAME.match(low) or _NOT_YET.search(low):
        return bool(german_ask(sentence, ""))
    words = _WORD.findall(re.split(r"[,;?!(]|[:.](?!\d)", low, maxsplit=1)[0])
    words = [w for w in words if w not in {"mal", "bitte", "doch", "kurz", "sofort", "noch"}]
    if words[:1] and words[0] in _VERBS and words[1:2] == ["sie"]:
        return True  # "Schicken Sie mir bitte die Statistik": the polite imperative
    if not words or words[0] in _VERBS or words[1:2] in _NOUN_NEXT or words[0] in _PRONOUNS:
        return False  # "Anruf von Herrn Lindner": a noun, not "ruf ... an"
    # The imperative stands first and is not the infinitive: "schick", "trag ... ein".
    return bool(infinitive(words[:1] + words[-1:]))


# A short lead before the ask: "Wie besprochen: Schicken Sie mir ...".
_LEAD = re.compile(
    r"^(?:wie besprochen|wie gesagt|wie vereinbart|außerdem|zudem|übrigens|noch etwas|"
    r"noch eins|erstens|zweitens|drittens)\s*[:,]\s*",
    re.IGNORECASE,
)
# "Sie können die Dokumente über das Portal hochladen": a statement, no imperative first.
_PRONOUNS = frozenset(["sie", "du", "ihr", "wir", "ich", "er", "es", "man"])
_NOUN_NEXT_TEXT = "ist sind war wird wurde hat von vom mit am um für zum zur"
_NOUN_NEXT = [[w] for w in _NOUN_NEXT_TEXT.split()]


def german_send(text: str, asker: str) -> str:
    """A German list item as a to-do: "Tickets im Projekt SEC anlegen" stays, a thing to send
    ("die aktuelle FMEA") becomes "Die aktuelle FMEA an Sabine schicken"; "" if not German."""
    low = text.lower()
    if len(_GERMAN.findall(low)) < 2:
        return ""
    last = _WORD.findall(low)[-1:] or [""]
    if last[0] in _VERBS or (last[0].endswith("en") and last[0] not in _NOT_INFINITIVE):
        return text[:1].upper() + text[1:]  # already a to-do, its infinitive last
    to = f" an {asker}" if asker else ""
    head, comma, clause = text.partition(", ")  # "deine Einschätzung, ob ...": the clause after
    return f"{head[:1].upper()}{head[1:]}{to} schicken{comma}{clause}"


# Words ending in "-en" that close a German noun phrase, not a to-do ("die Unterlagen").
_NOT_INFINITIVE = frozenset(
    [
        "unterlagen",
        "daten",
        "zahlen",
        "kosten",
        "angaben",
        "rechnungen",
        "belegen",
        "wochen",
        "stunden",
        "tagen",
        "monaten",
        "listen",
        "dateien",
        "nachweisen",
        "protokollen",
        "anlagen",
        "informationen",
        "ergebnissen",
        "unterschriften",
        "freigaben",
        "fragen",
        "kunden",
    ]
)
