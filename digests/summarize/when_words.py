"""What of an ask is when or why, not what: "by Friday 5pm", "first thing tomorrow",
"whenever you get a chance", "so I can share it with the board" leave the item's text (its
date is kept apart); "before the review", which names no date, stays.
"""

from __future__ import annotations

import re

from digests.summarize.event_refs import EVENT_NOUNS

# What a date before it times: "before the Monday kickoff" goes whole, not leaving "kickoff".
_EVENT = "|".join(
    re.escape(noun)
    for noun in sorted({*EVENT_NOUNS, "cutoff", "cut-off", "deadline"} - {"1:1"}, key=len)[::-1]
)
_DATEISH = (
    r"(?:(?:the |this |next |end of |close of |of |the end of |on |at |a\.m\.|p\.m\.|am\b|pm\b|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)\b|[\d:.]+\s?|noon|midday|midnight|morning|"
    r"afternoon|evening|tonight|today|tomorrow|eod|midi|minuit|mediodía|mittag|"
    r"matin|soir|après-midi|tarde|noche|früh|abend|vormittag|nachmittag|"
    r"cob|eow|days?|weeks?|months?|hours?|working |business |calendar |"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
    r"(?-i:ET|PT|CT|MT|CET|CEST|GMT|UTC|BST|EST|EDT|PST|PDT|SGT|JST|IST)\b|"
    r"(?:eastern|pacific|central|mountain)(?: time)?\b|"
    r"\d{1,2}(?:st|nd|rd|th)|latest|first thing|"
    # the same in German, French and Spanish: "antes del 25", "d'ici le 5 octobre"
    r"el |del |de |le |la |las |zum |am |um |uhr\b|h\b|heute|morgen|demain|aujourd'hui|"
    r"fin |finales |ende |mitte |mi-|"
    r"mañana|hoy|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|"
    r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"januar|februar|märz|juni|juli|oktober|dezember)\b|,)\s*)"
)
_AMOUNT = (
    r"\d+(?:[.,]\d+)?\s*(?:%|(?:percent|per cent|pct|prozent|pour ?cent|por ?ciento|points?|bps)\b)"
)
_DEADLINE_PHRASE = re.compile(
    rf"\s*,?\s*\b(?:by|before|until|till|no later than|ahead of|latest by|in the next|within|"
    r"in(?=\s+\d+\s+(?:working |business )?(?:hours?|days?|weeks?)\b(?![\'\u2019]))|"
    rf"a más tardar(?: el| a las)?|como muy tarde|antes del?|hasta el|para el|para|avant le|"
    rf"avant|pour(?: le)?|d'ici(?: le)?|au plus tard|"
    rf"bis(?: zum)?|"
    rf"bis spätestens|spätestens(?: bis)?)\s+"
    rf"(?!{_AMOUNT})"  # "increasing by 12%", "by 5 percent": how much, not when
    rf"(?P<when>{_DATEISH}+)(?![\u2019']s\b)"  # "before Thursday's review" names an event
    # "before the 9:30 board prep call": the event the date times goes with it
    rf"(?P<event>(?<=\s)(?:(?!(?:and|or|so|to|for|with|if|the|a|then|please|also)\b)[\w-]+\s+)"
    rf"{{0,2}}(?:{_EVENT})s?\b"
    # the event ends the phrase: not "the Tuesday call with Acme", "board members want ..."
    r"(?=\s*$|\s*[,.;:!?()]|\s+(?:and|or|so|if|because|since|tomorrow|today|tonight|please)\b)"
    r")?"
    # whose clock: "by Friday your time", "by noon tomorrow, London time"
    r"(?:,?\s*(?:my|your|our|their|local|(?-i:[A-Z][a-zA-Z]+)) time\b"
    rf"(?:\s+{_DATEISH}+)?)?",  # "before 9am UK time on Monday 5 October"
    re.IGNORECASE,
)
_DATE_WORD = re.compile(
    r"\d|\b(?:noon|midday|midnight|morning|afternoon|evening|tonight|today|tomorrow|eod|cob|eow|"
    r"day|week|month|latest|first thing|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
    r"(?:lun|mar|mercre|jeu|vendre|same)di|dimanche|demain|aujourd'hui|midi|"
    r"lunes|martes|miércoles|jueves|viernes|mañana|hoy|mediodía|"
    r"février|avril|mai|juin|juillet|août|décembre|enero|abril|agosto|diciembre|märz|oktober|"
    r"dezember|"
    r"(?:mon|diens|donners|frei|sams|sonn)tag|mittwoch|morgen|heute)\b",
    re.IGNORECASE,
)


def _without_date(match: re.Match[str]) -> str:
    """Drop "by Friday 5pm" and "before the Monday kickoff"; keep "before the review", which
    names no date."""
    if match.group("event") and not _DATE_WORD.search(match.group("when")):
        return match.group(0)  # "before the board meeting on the 28th" says which meeting
    return " " if _DATE_WORD.search(match.group(0)) else match.group(0)


# Times left over once "by ..." is gone: "PT today", "first thing tomorrow", "12:00 CET".
_LOOSE_TIME = re.compile(
    r"\s*\b(?:(?:ET|PT|CET|CEST|GMT|UTC|BST)\s+)?(?:first thing\s+)?"
    # "tonight's 02:00 backup window" names an event: it stays
    r"(?:(?:today|tonight|tomorrow)(?![\u2019']s\b)(?:\s+(?:morning|afternoon|evening))?|"
    r"this (?:morning|afternoon|evening|week)|asap|"
    r"right now|(?:at the )?end of (?:the |this |next )?(?:day|week)|later this week|"
    r"first thing(?: in the morning)?(?=\s*$|\s*[,.;])|"
    r"as soon as (?:possible|you can)|at your earliest convenience|"
    r"(?:next|this) (?:mon|tues|wednes|thurs|fri)day(?: at)?|"
    r"esta (?:noche|tarde)|ce soir|ce matin|cet après-midi|heute abend|cuanto antes|"
    r"dès que possible)"
    r"(?:,?\s+ideally)?\b|"
    # the zone a removed time was in ("by 12:00 PM (NST)" gone), not one a time keeps
    r"(?<![\d.])(?<!\b[ap]m)\s+\((?-i:N[SD]T|[ECMP][SD]T|[ECMP]T|AK[SD]T|HST|GMT|BST|UTC|"
    r"W?E[ES]?T|CES?T|IST|JST|KST|SGT|HKT|AE[SD]T|AC[SD]T|AWST|NZ[SD]T|SAST|WAT|EAT|GST)\)|"
    r"\s*\b(?:(?:right|exactly|precisely|just) at )?"  # "publish it right at 09:00 UTC"
    r"\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:ET|PT|CET|CEST|GMT|UTC|BST)\b",
    re.IGNORECASE,
)
# "... when things calm down", "... as soon as you see this": when, not what; the rest stays.
_WHEN_FREE = re.compile(
    r",?\s+(?:when things (?:calm|quiet|settle) down|"
    r"when(?:ever)? you can(?= *$| *[,.;:?!])|"
    r"whenever (?:you get a chance|you get to it|you have (?:a )?(?:minute|moment|time)|"
    r"it suits)|when you get (?:a chance|to it)|"
    r"as soon as you (?:see|read|get) this|at your (?:earliest )?convenience|"
    r"when you(?:'ve| have) (?:a moment|a free moment|some time|time)|"
    r"sometime(?: soon| this (?:week|month))?|at some stage)(?=$|[,.;:?!]|\s+and\b)",
    re.IGNORECASE,
)
# "Tell Mark at some point whether ...", "release it before then": no part of what to do (the
# time "then" points back to is the item's due date).
_SOMETIME = re.compile(r",?\s+(?:at some point|(?:by|before|until) then)\b(?=\s|$|[,.;?!])", re.I)
_TRAILING = re.compile(
    r"\s*(,?\s+(so (that )?(i|we|they|he|she|it)\b|(?<=,\s)so that\b|"
    r"so (that )?(?:the |our |their |his |her |my |your )?\w+ (can|could|has|have|will)\b|"
    r"because|since|as (i|we)\b|(?<=,\s)as (?:that's|that is|this is|it's|it is)\b|"
    r"(?:before|until|once|after) (?:we|i|they|he|she)\b|though(?=$|[,.;])|"
    r"if possible|and (i|we)('ll| will)\b|(in order )?to do (that|this|so)(?=$|[,.;])|"
    r"when you (get|have) a (chance|minute|sec)|thanks|thank you|cheers|cuando (puedas|tengas)|"
    r"quand tu (peux|auras)|wenn du (kannst|zeit hast))|"
    r",\s+(?:que|porque|ya que|así que|car|parce que|puisque|weil|denn|damit|afin que|afin de|"
    r"pour que|para que|de modo que)\b|"
    # ", um die Planung abzuschließen": "um ... zu", not "um 10 Uhr" nor an English "um"
    r",\s+um\b(?=[^,]*\bzu\b)(?![^,]*\buhr\b)|"
    r",\s+(?:we|i|they|he|she)(?:'ll|'re|'m|'d|'ve)?\s|"
    r",\s+(?:ils|elles|nous|je|wir|ich)\s(?!vous prie|te prie|vous prions|vous remercie)|"
    # ", which was due Friday": when, said of the thing, not part of it
    r",\s+which (?:was|is|were|are) (?:due|needed)\b|"
    # ", the hotel releases the rooms after that": a clause of its own, the reason
    r",\s+(?:the|our|their|his|her|its|this|that)\s+[\w-]+\s+(?:is|are|was|were|will|would|"
    r"has|have|had|can|could|won't|wants|needs|releases|closes|expires|starts|ends|opens|"
    r"leaves|arrives|goes|runs|says|asked|requires)\b|"
    r"\s+[-\u2013\u2014]\s)"
    r".*$",
    re.IGNORECASE,
)


def without_when_or_why(text: str) -> str:
    """ "Send the deck by Friday 5pm so I can review it" -> "Send the deck"."""
    text = _TRAILING.sub("", _WHEN_FREE.sub("", _SOMETIME.sub("", text)))
    return " ".join(_LOOSE_TIME.sub(" ", _DEADLINE_PHRASE.sub(_without_date, text)).split())
