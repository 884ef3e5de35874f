"""Which dates an ask may take: a limit the mail sets ("by", "closes", "expires"), the
condition of "If I don't hear from you by 2pm, ...", not another matter's ("Either way, ...");
which asks are answers ("Would you be up for ...?") rather than something to hand in; and
which say they can wait ("no rush", "cuando puedas") or let the reader pick ("any day next
week")."""

from __future__ import annotations

import re

from digests.summarize.sentences import Caseless, for_yes_or_no

# "Either way, ...", "Also, ...", "Unabhängig davon ...": a matter of its own.
OTHER_MATTER = re.compile(
    r"^(?:either way|regardless|in any case|whatever you decide|separately|also|unrelated|"
    r"on another note|one more thing|p\.?s\.?|by the way|btw|unabhängig davon|so oder so|"
    r"außerdem|ansonsten|en tout cas|dans tous les cas|quoi qu'il en soit|par ailleurs|"
    r"de todas formas|en cualquier caso|sea como sea|aparte|además|por otro lado)\b",
    re.IGNORECASE,
)
# A sentence that sets its date as a limit: "by", "due", "closes", "expires", "in 48 hours",
# "the board pack goes out on Friday" (what the reader sends must be in it).
SETS_A_LIMIT = re.compile(
    r"\b(?:by|before|ahead of|until|till|due|deadline|latest|no later than|cut-?off|"
    r"clos(?:es|ing|e)|expir\w*|lapses?|submissions?|last day|final day|abgabe\w*|\w+schluss|"
    r"letzter tag|"
    r"date limite|dernier (?:jour|délai)|remise|fecha (?:límite|de entrega)|último día|entrega|"
    r"goes out|go out|goes to (?:print|press|the printer)|goes live|go live|"
    r"ships|freezes?|is published|are published|is sent|are sent|geht raus|wird verschickt|"
    r"part à l'impression|se envía|se publica|today|tonight|tomorrow|eod|cob|asap|first thing|"
    r"bis|spätestens|frist|läuft|ablauf\w*|heute|morgen|avant|d'ici|au plus tard|échéance|"
    r"aujourd'hui|demain|ce soir|antes|hasta|plazo|vence\w*|caduca\w*|hoy|mañana|a más tardar|"
    r"(?:in|within|innerhalb(?: von)?|binnen|dans|sous|dentro de|en) (?:the next )?"
    r"\w+ (?:hours?|days?|weeks?|stunden|tagen?|wochen|heures|jours|semaines|horas|días|"
    r"semanas))\b",
    re.IGNORECASE,
)
SETS_A_LIMIT = Caseless(for_yes_or_no(SETS_A_LIMIT))  # asked yes or no: lower-cased, regrouped


# "If I don't hear from you by 2pm, ...", "Si no tengo tu OK antes de las 14:00, ...": the
# condition names the deadline; what follows is the consequence and its own dates.
UNLESS = re.compile(
    r"^(?:if (?:i|we) (?:don't|do not|haven't|have not|can't|cannot) (?:have|get|hear|receive)|"
    r"unless|si no (?:tengo|tenemos|recibo|recibimos|me (?:dices|confirmas))|"
    r"si (?:je n'ai|nous n'avons|on n'a) pas|sans (?:ton|votre|ta) (?:retour|accord|réponse)|"
    r"(?:wenn|falls) (?:ich|wir) [^,]{0,40}?(?:nicht|kein))[^,;]{0,80}[,;]",
    re.IGNORECASE,
)


# An ask for an answer, not for something to hand in: "Would you be up for ...?", "Could we
# move ...?", "Let me know if ...", "send me a couple of times that suit you".
ANSWER = re.compile(
    r"^(?:\w+,\s+)?(?:(?:could|can|would|will) you (?:please |kindly )?|please |kindly )?"
    r"(?:let me know|tell me|lass mich wissen|sag mir|gib mir bescheid|"
    r"dites-moi|dis-moi|avísame|dime|dígame|pourriez-vous me dire|pouvez-vous me dire|"
    r"könntest du mir sagen|könnten sie mir sagen|(?:puedes|podrías|podría) decirme)\b|"
    r"\b(?:times?|slots?) that (?:suit|work)|"
    # "Can you confirm whether you're available?", "let us know if you can join"
    r"\b(?:confirm|let (?:me|us) know|tell (?:me|us)) (?:whether|if) you(?:'re| are| can| could|"
    r"'d| would| will|'ll)\b|"
    # "Would you be up for mentoring her?": whether the reader is willing
    r"\b(?:would|are) you (?:be )?(?:up for|interested|willing|open to|keen|happy to)\b|"
    r"\bwould (?:your team|you) consider\b|\b(?:hättest du lust|wärst du bereit|hätten sie "
    r"interesse|wären sie bereit)\b|\b(?:seriez-vous|serais-tu) (?:prête?|intéressée?|partante?)|"
    r"\b(?:te animas|estarías dispuest[oa]|te interesaría)\b|"
    # "Please vote by replying": a choice between options is an answer, their dates are events
    r"^(?:please |kindly )?(?:vote|cast your vote|pick your favou?rite)\b",
    re.IGNORECASE,
)


# When something reaches the reader, not when the reader must act: "The thesis would reach you
# by the end of the month", "you'll receive the contract by Friday", "recibirás el informe".
INCOMING = re.compile(
    r"\b(?:(?:will|would|should|shall|'ll) (?:\w+ )?(?:reach|get to|arrive with|be with) you|"
    r"(?:reach|reaches|get to|gets to) you (?:by|before|on|in|at|no later)|"
    r"you(?:'ll| will| should| would) (?:\w+ )?(?:receive|get) (?:it|them|the|a|an|our|my|his|"
    r"her|their)\b|"
    r"(?:erhältst|bekommst) du|(?:erhalten|bekommen) sie (?:die|den|das|es)|"
    r"(?:vous recevrez|tu recevras|vous parviendra|te parviendra)|"
    r"(?:recibirás|recibirá usted|te llegará|le llegará))",
    re.IGNORECASE,
)

_INCOMING_STEMS = (
    "reach", "get to", "gets to", "arrive", "be with", "receive", "you'll get", "you will get",
    "should get", "would get", "erhältst", "bekommst", "erhalten", "bekommen", "recevr",
    "parviendra", "recibir", "llegará",
)  # fmt: skip


def incoming(sentence: str) -> bool:
    """The sentence dates what reaches the reader ("the thesis would reach you by the 31st")."""
    low = sentence.lower()
    return any(stem in low for stem in _INCOMING_STEMS) and INCOMING.search(sentence) is not None


# An answer whether the reader can be there, not the going itself: "Could you confirm you can
# attend?", "Would you be able to join for the Wednesday?", "Would you be available?", "Please
# register". The event's date is too late for it; only a limit the mail sets dates it. "Could
# you join?" asks the reader to go, and is due when the event is.
ATTENDANCE = re.compile(
    r"\b(?:confirm|let (?:me|us) know|tell (?:me|us)) (?:that |whether |if )?(?:you|you'?re|"
    r"you'?ll)(?: (?:can|could|will|would|are|be able to|be))?(?: (?:still|also|both))? "
    r"(?:attend|join|come|make it|be there|take part|participate|be available|available)\b|"
    r"\bconfirm (?:your |their )?(?:attendance|participation|availability|place|seat|spot)\b|"
    r"\b(?:would|will|are) you (?:be )?(?:able to (?:join|attend|come|make it|take part|be there)|"
    r"available|free)\b|"
    r"^(?:\w+,\s+)?(?:please |kindly )?(?:register|rsvp|sign up|enrol+)\b(?!.*\band\b)|"
    r"\b(?:seriez-vous|serais-tu|êtes-vous|es-tu) (?:disponible|libre|dispo)\b|"
    r"\bconfirme[rz]?(?:-moi| moi)? (?:ta|votre) (?:présence|participation|venue|inscription)\b|"
    r"\b(?:estarías|estaría usted|estás|está usted) (?:disponible|libre)\b|"
    r"\bconfirma(?:r|me|rme|d)? (?:tu |su )?(?:asistencia|participación|presencia)\b|"
    r"\b(?:hätten sie|hättest du|haben sie|hast du) (?:\w+ )?zeit\b|"
    r"\b(?:ihre|deine) teilnahme\b|\b(?:anmelden|anmeldung)\b",
    re.IGNORECASE,
)


def asks_attendance(sentence: str) -> bool:
    """The ask wants to know whether the reader will be there ("Would you be available?")."""
    return _ATTENDANCE.search(sentence) is not None


_ATTENDANCE = Caseless(ATTENDANCE, gated=True)  # most sentences hold none of its words


# "when you can", "whenever you get a chance", "cuando puedas", "quand tu auras un moment"
NO_HURRY = re.compile(
    r"\b(?:when(?:ever)? you (?:can|get (?:a|the) (?:chance|moment|minute|sec)|"
    r"have (?:a|the) (?:moment|minute|sec|chance)|have time|get round to it|get around to it)|"
    r"whenever|at your (?:convenience|leisure)|in your own time|when convenient|"
    r"no (?:rush|hurry|urgency|hard deadline|deadline|pressure)|(?:is |it's )?not urgent|"
    # "No action needed from you right now", not "no action needed there" (on one thing)
    r"no action (?:is )?(?:needed|required)(?! (?:there|here|on|for)\b)|"
    r"(?:when|once) you(?:'ve| have) had (?:a|the) (?:chance|moment)|"
    # "so no need to answer right away", "pas besoin de répondre tout de suite"
    r"no need to (?:answer|reply|respond|decide|get back)\w*(?: to (?:me|us|this))?"
    r"(?: on (?:this|it))? (?:right away|straight away|now|immediately|today|yet|just yet|"
    r"this week|for now)|"
    r"pas besoin de (?:répondre|décider|trancher) (?:tout de suite|cette semaine|maintenant)|"
    r"no hace falta (?:decidir|responder|contestar)(?:lo)? (?:ya|hoy|esta semana|ahora)|"
    r"sans pression|aucune pression|sin presión|kein (?:druck|stress)|"
    r"cuando (?:puedas|pueda|tengas|tenga|quieras)|sin (?:prisa|urgencia)|no hay prisa|"
    r"no es urgente|"
    r"quand (?:tu (?:peux|pourras|auras)|vous (?:pouvez|pourrez|aurez))|à l'occasion|"
    r"pas d'urgence|pas urgent|rien ne presse|"
    r"wenn (?:du|sie) (?:zeit|dazu kommst|dazu kommen|kannst|können)|bei gelegenheit|"
    r"keine eile|nicht (?:so )?(?:eilig|dringend))\b",
    re.IGNORECASE,
)
_HURRY_STEMS = (
    "when", "leisure", "own time", "convenien", "rush", "hurry", "urgen", "deadline", "cuando",
    "prisa", "quand", "occasion", "presse", "wenn", "gelegenheit", "eile", "eilig", "dringend",
    "pressure", "had a chance", "had the chance", "no need", "pas besoin", "pression", "presión",
    "druck", "stress", "no hace falta", "no action",
)  # fmt: skip


def no_hurry(sentence: str) -> bool:
    """The sentence says the ask can wait ("when you can", "no rush", "sin prisa")."""
    low = sentence.lower()
    return any(stem in low for stem in _HURRY_STEMS) and NO_HURRY.search(sentence) is not None


# "Would a date in July work?", "pick any week in October", "send me a couple of dates that
# work", "let us know a few dates and times in September": a range to choose in, no deadline.
OWN_RANGE = re.compile(
    r"\b(?:a|any|some|which|what|one|the best|a few|a couple(?: of)?|two or three|several|"
    r"convenient|possible|suitable) (?:(?:other|more|good|convenient|possible|suitable|free|"
    r"morning|evening|dates|days|and|or)\s+){0,3}(?:date|day|week|time|slot|window|evening|"
    r"morning|afternoon|weekend|option)s? (?:in|next|this|during|over|later|that|which|when|"
    r"(?:you|that) (?:would )?(?:suit|work)|suits|works)\b|"
    r"\bsome ?time (?:in|next|this|over|during|later)\b|"
    # "Would you have 30 minutes in the next few weeks?": when suits the reader, no deadline
    r"\b(?:in|over|during|within) the (?:next|coming) (?:few |couple (?:of )?)?(?:weeks|months)\b|"
    r"\b(?:une|un|quelle|quelques|des) (?:dates?|jours?|semaines?|créneaux|créneau) "
    r"(?:en|dans|la semaine|le mois|qui)\b|"
    r"\b(?:una|algún|alguna|qué|unas|algunas) (?:fechas?|días?|semanas?|huecos?|franjas?) "
    r"(?:en|de|la semana|el mes|que)\b|"
    r"\b(?:einen|ein|ein paar|zwei|drei) (?:termin|tag|datum|terminvorschläge|termine) "
    r"(?:im|in|nächste|für)\b",
    re.IGNORECASE,
)
