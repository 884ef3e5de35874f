"""The words of dates in four languages, and where each kind of date phrase is found."""

from __future__ import annotations

import re
from functools import lru_cache

MONTH_NAMES = [
    ("jan", "january", "januar", "janvier", "enero", "jänner"),
    ("feb", "february", "februar", "février", "fevrier", "febrero"),
    ("mar", "march", "märz", "maerz", "mars", "marzo"),
    ("apr", "april", "avril", "abril"),
    ("may", "mai", "mayo"),
    ("jun", "june", "juni", "juin", "junio"),
    ("jul", "july", "juli", "juillet", "julio"),
    ("aug", "august", "août", "aout", "agosto"),
    ("sep", "sept", "september", "septembre", "septiembre"),
    ("oct", "october", "oktober", "okt", "octobre", "octubre"),
    ("nov", "november", "novembre", "noviembre"),
    ("dec", "december", "dezember", "dez", "décembre", "decembre", "diciembre"),
]
WEEKDAY_NAMES = [
    ("mon", "monday", "montag", "lundi", "lunes"),
    ("tue", "tues", "tuesday", "dienstag", "mardi", "martes"),
    ("wed", "wednesday", "mittwoch", "mercredi", "miércoles", "miercoles"),
    ("thu", "thur", "thurs", "thursday", "donnerstag", "jeudi", "jueves"),
    ("fri", "friday", "freitag", "vendredi", "viernes"),
    ("sat", "saturday", "samstag", "samedi", "sábado", "sabado"),
    ("sun", "sunday", "sonntag", "dimanche", "domingo"),
]
MONTHS = {name: n for n, names in enumerate(MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {name: n for n, names in enumerate(WEEKDAY_NAMES) for name in names}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# After a number, words that make it a quantity ("im Oktober 30 Minuten"), not a day.
_UNIT = r"(?:min|mins|minutes?|minuten|minutos|hours?|hrs?|stunden|heures?|horas?|days?|tage)\b"
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_COUNT = r"(\d{1,3}|an|one|two|three|four|five|six|twelve|zwei|drei|deux|trois|dos|tres)"
_WEEK_COUNT = (
    r"\d|an?|one|two|three|four|einer|zwei|drei|vier|une|deux|trois|quatre|una|dos|tres|cuatro"
)
_HOURS = r"(?:hours?|hrs?|h|stunden|heures?|horas)\b"
# "in 25 hours", "within the next 48 hours", "innerhalb von 24 Stunden", "sous 48 heures",
# "dentro de 2 horas": the send time plus that many hours.
IN_HOURS = re.compile(
    # "You have 48 hours to respond", not "Would you have an hour that week?"
    r"\b(?:in|within|next|innerhalb|dans|sous|d'ici|en|dentro de|"
    r"(?<!would )(?<!could )(?<!might )(?<!will )(?<!do )(?<!if )you have|vous avez|tiene|"
    r"tienes|dispone de|haben sie)(?:\s+(?:the next|the|von|les|der nächsten|den nächsten|"
    rf"les prochaines|las próximas|los próximos))?\s+{_COUNT}[\s-]*{_HOURS}",
    re.IGNORECASE,
)
HOURS_FROM_NOW = re.compile(rf"\b{_COUNT}\s*{_HOURS}\s+from now\b", re.IGNORECASE)
# "please reset your password now", "Rotate the key now.": today, with no time (the corpus's
# convention); "Shop now" is no ask of the reader's, nor a button's "Review now: https://...".
PLEASE_NOW = re.compile(
    r"(?:\b(?:please|pls|kindly|bitte|merci de|por favor)\b|"
    r"^\W*(?!\w+ now\W*$)(?:reset|change|rotate|revoke|fix|check|call|contact|reply|respond|"
    r"confirm|stop|restart|roll back|sign|pay|"
    r"review|secure|update|remove|disable)\b)[^.?!;]{0,60}?"
    r"\b(now|jetzt|maintenant|ahora)\b(?!\s+(?:on|that|available|live|open|in|at|is|are|"
    r"has|have|and then|through|via|using|with|online)\b)(?!\s*:\s*(?:https?://|www\.|$))",
    re.IGNORECASE,
)
# Where each kind of phrase is found; each pattern's groups are read by calendar_math.date_of().
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:\b|(?=[tT]\d))")),
    # "12/15", "15/12/2026": month first in the Americas, day first elsewhere
    (
        "slashed",
        re.compile(r"(?<![\d/])(?!24/7\b)(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/%])"),
    ),
    # "mid-April", "Mitte April", "mi-avril", "a mediados de abril"
    (
        "mid_month",
        re.compile(
            rf"\b(?:(?:mid|middle of|mitte|(?:a )?mediados de)[- ]|mi-)({MONTH})\b", re.IGNORECASE
        ),
    ),
    (
        # "by the end of June", "bis Ende Februar", "fin mars", "a finales de mayo"
        "end_of_named_month",
        re.compile(
            rf"\b(?:end of|ende|fin(?: de| du mois de)?|final(?:es)? de)\s+({MONTH})\b"
            r"(?:,?\s+(\d{4}))?(?!\s*\d)",
            re.IGNORECASE,
        ),
    ),
    ("dotted", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?!\d)")),
    (
        "month_day",
        re.compile(
            rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?!\s*{_UNIT})(?:,?\s+(\d{{4}}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "day_month",
        re.compile(
            # "21 August 2026", "1er mars", and a notice's "21-Aug-2026"
            rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?(?:\s+(?:of\s+|de\s+)?|-)({MONTH})\b\.?"
            rf"(?:(?:,?\s+(?:de\s+)?|-)(\d{{4}}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "the_nth",
        re.compile(
            rf"(?:\bthe\s+|\()(\d{{1,2}})(st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{MONTH})\b)"
            r"(?!\s+(?:draft|round|floor|time|step|quarter|half|place|version|attempt|week|"
            r"day|page|item|point|line|option|pass|one|year|month|edition|issue|anniversary)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        # "el 13", "antes del 25", "le 13", "am 13.": a day of the month on its own
        "the_nth",
        re.compile(
            rf"\b(?:el|le|am|den|antes del|avant le|bis zum|hasta el|para el)\s+(?:día\s+)?"
            rf"(\d{{1,2}})(?!\d)(\.|º)?(?!\d)(?![\d:,./]\d)(?!\s*(?:%|h\b|uhr|horas?|heures?|stunden|€|"
            rf"de\s+(?:{MONTH})\b|(?:{MONTH})\b|\.\s*(?:{MONTH})\b))",
            re.IGNORECASE,
        ),
    ),
    (
        "after_tomorrow",
        re.compile(r"\b(day after tomorrow|übermorgen|après-demain|pasado mañana)\b", re.I),
    ),
    (
        "tomorrow",
        re.compile(
            r"\b(tomorrow|tmrw|demain|(?<!guten )(?<!la )(?:morgen|mañana)(?!\w))", re.IGNORECASE
        ),
    ),
    (
        "today",
        re.compile(
            r"\b(today|tonight|eod|e\.o\.d|end of (?:the |business |your )?day|cob|"
            r"close of business|end of play|this (?:morning|afternoon|evening)|heute|"
            r"aujourd'hui|ce soir|ce matin|(?:cet|dans l')après-midi|hoy|"
            r"esta (?:misma )?(?:tarde|noche|mañana)|right now|"
            r"immediately|sofort|right away|straight away|at once|ya mismo|sur-le-champ|umgehend|"
            r"de inmediato|tout de suite|immédiatement|ahora mismo|as soon as you (?:see|read|get) "
            r"this|sobald (?:du|sie) (?:das|dies) lies[tn]|dès que vous (?:lisez|lirez) ce|"
            r"en cuanto (?:leas|veas) esto)\b",
            re.IGNORECASE,
        ),
    ),
    ("today", PLEASE_NOW),
    ("in_hours", IN_HOURS),
    ("in_hours", HOURS_FROM_NOW),
    (
        # "in 3 business days", "dispone de 10 días naturales", "sous 5 jours ouvrés"
        "in_days",
        re.compile(
            r"\b(?:in|within|next|you have|vous avez|dispone de|dispones de|tiene|tienes|"
            r"haben sie|hast du|innerhalb von|innerhalb|binnen|dentro de|en|dans|sous)\s+"
            rf"(?:the next |los próximos |les |den nächsten )?{_COUNT}\s+(business |working )?"
            r"(days?|días|dias|jours|tagen?|werktagen?|arbeitstagen?)\b"
            r"(\s+(?:hábiles|habiles|laborables|ouvrés|ouvrables))?",
            re.IGNORECASE,
        ),
    ),
    (
        # "within a week", "in two weeks", "innerhalb von zwei Wochen", "sous deux semaines"
        "in_weeks",
        re.compile(
            r"\b(?:in|within|innerhalb(?: von)?|binnen|dans|sous|en|dentro de)\s+"
            rf"(?:the next\s+)?({_WEEK_COUNT})\s+(?:weeks?|wochen?|semaines?|semanas?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "by the end of the quarter", "by end of Q3", "bis Quartalsende", "fin du trimestre"
        "end_of_quarter",
        re.compile(
            r"\b(?:end of (?:the |this )?quarter|quarter-end|end of q([1-4])|eoq|"
            r"fin (?:du |de |de ce )?trimestre|ende (?:des|dieses) quartals|quartalsende|"
            r"final(?:es)? (?:del|de este) trimestre)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "by the middle of next week", "mid-next week", "Mitte nächster Woche": its Wednesday
        "mid_next_week",
        re.compile(
            r"\b(?:(?:the )?middle of next week|mid-?next week|mitte (?:der )?nächste[nr]? woche|"
            r"(?:au )?milieu de la semaine prochaine|(?:a )?mediados de la (?:semana que viene|"
            r"próxima semana))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "end_next_week",
        re.compile(
            # "sometime next week is fine": any day of it, so its end
            r"\b(?:end of next week|(?:some ?time|any ?time|at some point|later) next week|"
            r"fin de (?:la )?semaine prochaine|fin de (?:la )?(?:semana que viene|próxima semana)|"
            r"(?:a )?final(?:es)? de la "
            r"(?:semana que viene|próxima semana)|ende (?:der )?nächste[nr]? woche)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "end_of_week",
        re.compile(
            r"\b(eow|end of (?:the |this )?week|this week|ende (?:der|dieser) woche|diese woche|"
            r"fin de (?:la |cette )?semaine(?! prochaine)|cette semaine|esta semana|(?:a )?"
            r"final(?:es)? de (?:la |esta )?semana(?! que viene| próxima)|(?<=before )the weekend|"
            r"(?<=by )the weekend|(?<=vor dem )wochenende|(?<=bis zum )wochenende|"
            r"(?<=avant le )week-end|(?<=d'ici le )week-end|(?<=antes del )fin de semana|"
            r"(?<=para el )fin de semana)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "by the end of next month", "fin du mois prochain", "Ende nächsten Monats"
        "end_next_month",
        re.compile(
            r"\b(?:end of next month|fin (?:du|de) mois prochain|(?:a )?(?:fin|final(?:es)?) del? "
            r"(?:mes que viene|próximo mes)|ende (?:des )?nächsten monats)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "end_of_month",
        re.compile(
            r"\b(eom|end of (?:the |this )?month|month-end|fin (?:de|du) mois|fin de mes|(?:a )?"
            r"final(?:es)? de(?:l)? mes|monatsende|ende (?:des|dieses) monats)\b"
            r"(?! (?:prochain|que viene|próximo))",
            re.IGNORECASE,
        ),
    ),
    (
        # "next Friday", "nächsten Freitag", "el próximo viernes", "vendredi prochain"
        "weekday",
        re.compile(
            rf"\b(next\s+|this\s+|coming\s+|kommenden\s+|nächsten\s+|nächste\s+|próximo\s+|"
            rf"proximo\s+)?({_WEEKDAY})\b\.?(\s+(?:prochain|que viene|próximo))?"
            # "el lunes 16", "Monday the 16th", "Freitag, den 20.": that day of the month
            rf"(?:,?\s+(?:the\s+|den\s+)?(\d{{1,2}})(?!\d)(?:st|nd|rd|th|\.|º)?(?![\d:.,/]\d|\d)"
            r"(?!\s*(?:%|h\b|uhr|horas?|heures?|a\.?m\b|p\.?m\b|(?:of\s+|de\s+|\.\s*)?"
            rf"(?:{MONTH})\b)))?",
            re.IGNORECASE,
        ),
    ),
    (
        "next_week",
        re.compile(
            r"\b(?:next week|(?<!fin de )(?<!fin de la )semaine prochaine|"
            r"la semana que viene|la próxima semana|nächste woche)\b",
            re.IGNORECASE,
        ),
    ),
]
NUMBER_WORDS = {
    "a": 1, "an": 1, "einer": 1, "une": 1, "una": 1, "vier": 4, "quatre": 4, "cuatro": 4,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "twelve": 12, "zwei": 2,
    "drei": 3, "deux": 2, "trois": 3, "dos": 2, "tres": 3,
}  # fmt: skip
# Anything a date or time phrase needs at least one of: most sentences have none.
_DATE_WORDS = """today tonight tomorrow tmrw eod e cob end close morning afternoon evening week
    weeks heute morgen übermorgen aujourd demain soir matin hoy mañana noche tarde hour hours hrs
    day days month noon midday mittag midi mediodía midnight mitternacht minuit medianoche eow eom
    woche now immediately sofort inmediato suite immédiatement soon mismo stunden heures heure
    away once champ umgehend
    horas semaine semana mois mes monats monatsende jetzt maintenant ahora weekend
    wochenende wochen semaines semanas play quarter q eoq trimestre quartals quartalsende"""
_VOCABULARY = frozenset([*MONTHS, *WEEKDAYS, *_DATE_WORDS.split()])
WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
# Kinds of phrase that cannot match without one of these words (a cheap test first).
_WEEK_WORDS = ["week", "weeks", "woche", "wochen", "semaine", "semaines", "semana", "semanas"]
NEEDS_A_WORD = {
    "weekday": frozenset(WEEKDAYS),
    "month_day": frozenset(MONTHS),
    "day_month": frozenset(MONTHS),
    "mid_month": frozenset(MONTHS),
    "end_of_named_month": frozenset(MONTHS),
    "in_weeks": frozenset(_WEEK_WORDS),
    "mid_next_week": frozenset(_WEEK_WORDS),
    "end_next_week": frozenset(_WEEK_WORDS),
    "next_week": frozenset(_WEEK_WORDS),
    "end_of_week": frozenset([*_WEEK_WORDS, "eow", "weekend", "wochenende"]),
    "end_of_month": frozenset(["eom", "month", "mois", "mes", "monatsende", "monats"]),
    "end_next_month": frozenset(["month", "mois", "mes", "monats"]),
    "end_of_quarter": frozenset(["quarter", "q", "eoq", "trimestre", "quartals", "quartalsende"]),
}
_WEEK = ("week", "woche", "semaine", "semana")
# What a kind of phrase cannot be written without (below, two patterns need their own).
_KIND_NEEDS = {
    "iso": ("-",),
    "slashed": ("/",),
    "dotted": (".",),
    "mid_month": ("mid", "mitte", "mi-", "mediados"),
    "end_of_named_month": ("end", "fin"),
    "after_tomorrow": ("tomorrow", "übermorgen", "demain", "pasado"),
    "tomorrow": ("tomorrow", "tmrw", "demain", "morgen", "mañana"),
    "today": (
        *("day", "tonight", "eod", "e.o.d", "cob", "business", "morning", "afternoon"),
        *("evening", "heute", "aujourd", "soir", "matin", "midi", "hoy", "tarde", "noche"),
        *("mañana", "now"),
        *("immediately", "sofort", "inmediato", "suite", "immédiatement", "mismo", "soon"),
        *("away", "once", "champ", "umgehend"),
        *("sobald", "dès", "cuanto", "play"),
    ),
    "in_hours": ("h", "stunden"),
    "in_days": ("day", "días", "dias", "jours", "tag"),
    "end_next_week": _WEEK,
    "end_of_week": ("eow", *_WEEK),
    "end_of_month": ("eom", "month", "mois", "mes", "monat"),
    "end_next_month": ("month", "mois", "mes", "monat"),
    "next_week": _WEEK,
}
# Patterns whose every match, lower-cased, holds one of these strings: a text without any
# needs no run of the pattern (tests/digests/test_summarize_shortcuts.py checks each).
NEEDS_TEXT: dict[re.Pattern[str], tuple[str, ...]] = {
    pattern: _KIND_NEEDS[kind] for kind, pattern in DATE_PATTERNS if kind in _KIND_NEEDS
} | {PLEASE_NOW: ("now", "jetzt", "maintenant", "ahora"), HOURS_FROM_NOW: ("from now",)}


def may_name_a_date(text: str) -> bool:
    """A cheap test before the patterns: a digit, or one word a date phrase needs."""
    if _DIGIT.search(text):
        return True
    return not _VOCABULARY.isdisjoint(words_of(text))


@lru_cache(maxsize=512)
def words_of(text: str) -> frozenset[str]:
    """The text's words (``WORD``), lower-cased (memoized: a sentence asked whether it may
    name a date is then read for the date it names)."""
    low = text.lower()
    # once lower-cased, ASCII text has no letters but a-z: a simpler pattern, the same words
    return frozenset((_ASCII_WORD if low.isascii() else WORD).findall(low))


_ASCII_WORD = re.compile(r"[a-z]+")


# What stands around a date and says it is none: a span's start, a negation, a start date.
# A time that opens a span ("von 18:30 bis 20:00 Uhr", "from 6:30 to 8 pm", "de 18h à 20h").
# "findet von 18:30 bis 20:00 statt", "any weeknight after 6pm works", "ab 18.30 Uhr":
# when something can happen, not a time to meet
SLOT_FROM = re.compile(
    r"\b(?:von|from|de|entre|between|zwischen|after|ab|dès|(?:à )?partir de|"
    r"(?:desde|partir de) las|desde)\s+$",
    re.IGNORECASE,
)
MOVED = re.compile(r"\b(?:move|moved|change|push|shift|reschedule|verschieb\w*|déplacer)\b", re.I)


NEGATED = re.compile(
    # "not today", and "No action needed from you right now"
    r"(?:^|[\s,;(])(?:not|no|nicht|pas|ni)\s+$|"
    r"\bno action (?:is )?(?:needed|required)(?: (?:from|by) you)?\s+$",
    re.IGNORECASE,
)
SINCE = re.compile(r"\b(?:after|since|seit|depuis|desde|después del?)\s+(?:the\s+)?$", re.I)
# "by EOD that day", "a última hora de ese día": the end of a day named before it.
THAT_DAY = re.compile(
    r"\s+(?:on\s+)?(?:that|the same) day\b|\s+(?:de\s+)?ese (?:mismo )?día\b|"
    r"\s+(?:de\s+)?ce jour-là\b|\s+(?:an diesem|am selben|am gleichen) tag\b",
    re.IGNORECASE,
)
