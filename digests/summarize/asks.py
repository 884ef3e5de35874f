"""Whether a sentence asks something of the reader, and in what way.

A sentence asks when it requests something ("could you", "please", "bitte", "merci de", "por
favor", an imperative opening, "Marta wants an explanation"), unless the request is courtesy or
boilerplate ("let me know if you have questions", "please find attached"); a question put to the
reader ("Is Thursday OK?") asks for an answer; a line ending in ":" that announces asks is an
intro to a list of them. Asks worded as something else ("Worth reading X", "Il faudrait que tu
signes", "I was hoping you could ...") are read in ``indirect`` and ``frames``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from digests.summarize.conditions import conditional_ask
from digests.summarize.frames import unframe
from digests.summarize.german import german_request
from digests.summarize.indirect import indirect_ask
from digests.summarize.leaks import WOULD_BE_WELCOME
from digests.summarize.objects import LIKE_THE_BY, NOT_WISHED, WISH
from digests.summarize.rewrite import HELPS_IF, MUST_REACH, SOMEONE_WANTS, WANT_YOU_TO, after_lead
from digests.summarize.romance import romance_imperative
from digests.summarize.sentences import Caseless, Cued, for_yes_or_no, lowered, strip_greeting
from digests.summarize.verbs import IMPERATIVE, NOUN_USE

# What follows a need or a wish up to the date it is wanted by: "... by 6pm tonight".
_DATED = (
    r"[^.?!]*?\b(?:by|before|no later than) (?:\d|eod|cob|noon|midnight|tonight|today|"
    r"tomorrow|the end|close|first thing|\w+day\b)"
)
ASK = re.compile(
    r"\b(please|pls|kindly|could you|can you|would you|will you|need you to|i need|"
    r"we need(?! to\b)|you (?:still )?owe (?:me|us)\b|"
    r"^(?:\w+(?:,| -| \u2013) )?need (?=(?:the|your) )(?![^?]*\?\s*$)|"
    r"(?<![\w,] )(?:i|we)(?:'ll| will| would|'d)? (?:also|still|really|urgently|then|now|just|"
    r"do) need(?! to\b| you\b)|"
    # "I'd like the roadmap slides by Monday": a thing wanted by a time is a thing to send
    rf"\b(?:i|we)(?:'d| would) (?:also |really )?like {LIKE_THE_BY}|"
    # "We'd also appreciate a short bio", "A rough cost estimate would also be helpful"
    r"^(?:and |also |but )?(?:i|we)(?:'d| would) (?:also |really |very much )?"
    r"(?:appreciate|welcome) (?:a|an|some)\b|"
    r"^(?:a|an|the|your|some)\b[^.?!;:]{3,80}? would (?:also |really )?be (?:very |really |most )?"
    r"(?:helpful|useful|appreciated|welcome)\b|"
    r"(?:i|we)(?:'ll| will| would|'d) need|you need to|you must|you'll need to|"
    rf"{MUST_REACH}|"
    r"\bit(?:'d| would) (?:really )?(?:be )?(?:good|great|helpful|useful|help) to know "
    r"(?=whether|if|what|which|how|when|who)|"
    rf"{WANT_YOU_TO}|"
    # "One more question: does the meeting room have a screen?"
    r"^(?:(?:and|also|but|oh),?\s+)?(?:one|a|another|last|quick) (?:(?:more|other|last|quick|"
    r"small|final) )?question(?: for you)?\s*:\s*\w+(?=[^?]*\?\s*$)|"
    r"make sure|"
    # "Comments by Friday 27 February would be great"
    rf"^(?:your )?(?:comments|feedback|thoughts|input|edits)\b[^.;?]{{0,60}}?\b{WOULD_BE_WELCOME}|"
    # "I'd love to see the draft", "Would appreciate your input before the review"
    rf"\b(?:i|we)(?:'d| would) (?:love|like) to see (?=(?:it|them|the|your)\b{_DATED})|"
    r"\bwhen(?:ever)? you have (?:a|an|the) [^,.]{2,40},? (?:i|we)(?:'d| would) (?:love|like) "
    r"to see (?:it|them)\b|"
    r"^(?:would|'d) (?:really )?(?:appreciate|love) your (?:input|comments|feedback|thoughts|"
    r"views?|review|sign-?off|approval|ok|go-ahead|answer|reply|decision)\b|"
    # "Our site security needs the witness list by EOD today": a third party's need, dated
    r"\b(?!(?:it|this|that|which|who|what)\b)[\w-]+ (?:really |still |also )?needs "
    rf"(?=(?:it|them|the|your|all the|both the|copies)\b(?!(?: [\w-]+){{0,3}} (?:finished|done|"
    rf"completed|fixed|repaired)\b){_DATED}(?![^.?!]*\b(?:i|we)(?:'ll| will)\b))|"
    r"don'?t forget|remember to|let me know|let \w+ know|"
    r"what'?s the (?:status|latest|eta)|any (?:update|news|progress) on|"
    r"(?:any )?(?:thoughts|objections|concerns) (?:on|about|to)|"
    r"needs your (?:signed |written )?(?:signature|approval|sign-?off|input|review|ok|go-ahead)|"
    rf"\b(?:i|we){WISH}your (?!{NOT_WISHED})|"
    r"\b(?:i|we)(?:'d| would) (?:like|love|want) to (?:know|hear) (?=whether|if|which)|"
    r"lmk|if you could|i'd appreciate|are you able to|would it be possible|can i get|"
    r"could i get|reply (by|with)|respond by|rsvp|send me|tell me|"
    r"bitte|kannst du|könntest du|können sie|könnten sie|würdest du|würden sie|"
    r"merci de|pourriez-vous|pouvez-vous|peux-tu|pourrais-tu|veuillez|n'oublie pas|"
    r"por favor|puedes|podés|podrías|podrias|podéis|podrían|necesito que|te pido que|recuerda|"
    # "necesitaríamos que nos facilitarais ...", not "Pablo dijo que necesitaría que se lo ..."
    r"^(?!si )(?:(?!dijo que|dice que|coment[óo] que).){0,120}?"
    r"\bnecesitar[ií]a(?:mos)? que (?!se )|"
    r"(?<=¿)(?:me|nos) ayud(?:as|ar[ií]as|[aá]is) a (?=[a-záéíóúñ]+(?:ar|er|ir)(?:l[oa]s?)?\b)|"
    r"(?:te|le|os|les) pedir[ií]a que|"
    r"(?<=¿)(?:(?:me|nos|le|les)\s+)?(?:puede|pueden|podría|podria|podrían)\s+(?!ser\b)"
    r"[a-záéíóúñ]+(?:ar|er|ir)"
    r"(?:lo|la|los|las|me|nos)?\b|"  # "¿Puede enviar la apelación ...?", usted
    r"tu peux|vous pouvez|tu pourrais|vous pourriez|est-ce que tu|j'ai besoin|il me faut|"
    r"il (?:me|nous) (?:faudrait|faudra)|il nous faut|(?:nous vous|je vous) (?:prions|prie|"
    r"remercions|remercie) de|(?:le|les|te|os) (?:rogamos|ruego)|(?:le|les) agradecer\w+ que|"
    r"(?:j'aurais|nous aurions|on aurait) besoin|"
    # "necesitamos el informe" asks; "necesitamos emitir la orden hoy" is the sender's own to-do
    r"pedimos|os pido|le pido|necesit(?:amos|o)(?!\s+(?!(?:tener|recibir|saber|hablar|contar|"
    r"ver|confirmar|revisar|validar)\b)[a-záéíóúñ]{2,}(?:ar|er|ir)\s+(?:el|la|los|las|un|una|"
    r"unos|unas|este|esta|estos|estas|ya|hoy|antes)\b)|ich brauche|wir brauchen|du musst|"
    r"(?:ich|wir) (?:hätte|hätten|wüsste|wüssten) gerne? (?:deine|dein|ihre|ihr|eure|euer|von)|"
    r"(?:ich|wir) (?:bräuchte|bräuchten|benötige|benötigen)|(?:bräuchte|bräuchten) (?:ich|wir)|"
    r"(?:freue mich|freuen uns|warte|warten) auf (?:dein|deine|ihr|ihre|eure|euer)|"
    # "Puede firmarlo", "Falta solo tu validación", "Si no tengo tu OK antes de las 14:00"
    r"puede \w+?(?:lo|la|los|las|me)|falta (?:\w+ )?(?:tu|su|vuestra) |"
    r"si no (?:tengo|recibo|tenemos) (?:tu|su|vuestra) |"
    r"il (?:me |nous )?manque (?:\w+ )?(?:ta|votre) |"
    r"if i don'?t (?:have|get|receive) your|"
    # "Je veux un appel de votre part avant 17h", "Quiero una llamada", "I want a call today"
    r"je (?:veux|voudrais) (?:un|une|votre|vos)|j'aimerais (?:un|une|votre|vos)|"
    r"quiero (?:un|una|el|la|los|las|tu)|i want an? (?:quick |short |phone )?call|"
    # indirect: "I'm curious whether ...", "Want me to ...?", "Marta wants an explanation"
    r"(i'?m|i am) (\w+ )?(curious|wondering) (whether|if|what|how|when)|i wonder (whether|if)|"
    r"(i was|we were|we'?re|we are) (just )?wondering (whether|if)|"
    r"(i|we) wondered (whether|if) you|"
    r"want me to|would love (to hear|your)|(?:i|we)(?:'d| would) (?:also |really )?like "
    r"(?:your|\w+'s) (?:take|view|opinion|thoughts|read|steer|input|decision|answer|verdict|"
    r"recommendation|advice)|"
    # "Ahead of the call they'll need your SOC 2 report", "It would be great to have the deck"
    r"\b(?:they|he|she)(?:'ll| will) (?:also |still )?need your\b|"
    rf"\b{HELPS_IF}|"
    r"\bit(?:'d| would) (?:really |also )?(?:help|be (?:great|good|helpful|ideal|useful)) to "
    r"(?:have|get|see) (?:the|your|a)\b|"
    r"^(?:we|i)(?:'d| would) (?:also )?like an? (?!word\b|chat\b)|"
    r"(?:me|nos) (?:lo|la|los|las) (?:mandas|envías|apruebas|firmas|revisas|confirmas|pasas)|"
    r"(?:(?<![\w ])|(?<=, )|(?<=: ))(?:dime|dinos|decidme|av[ií]same|avisadme)|"
    r"dis-moi|dites-moi|sag mir|sagen sie mir|"
    r"gebt mir bescheid|gib mir bescheid|geben sie mir bescheid|"
    # "Envoie-moi le rapport", "Mándame las cifras": an imperative with its pronoun
    r"^(?:(?:et|aussi|puis)\s+)?[a-zàâçéèêëîïôûù]{3,}-(?:moi|nous)|"
    r"^(?:(?:también|tambien|además|ademas|y|luego)\s+)?(?:por favor,?\s*)?"
    r"[a-zñ]*[áéíóú][a-zñ]*(?:me|nos))\b",
    re.IGNORECASE,
)
# A closing line or a "no rush" on its own: "No rush at all.", "Bon week-end !".
CLOSING_LINE = re.compile(
    r"^(?:no (?:rush|hurry)(?: at all)?|bon(?:ne)? (?:week-end|journée|soirée)|buen fin de semana|"
    r"sch[öo]nes wochenende|have a (?:good|great|nice|lovely) (?:weekend|day|evening)|"
    r"take care|stay (?:safe|well|warm)|keep well|be well|"
    r"merci (?:de|pour) (?:votre|ta) (?:collaboration|compréhension|patience|confiance)|"
    r"gracias por (?:tu|su) (?:colaboración|comprensión|paciencia))\W*$",
    re.IGNORECASE,
)
# Asks that are really courtesy, instructions for later or boilerplate.
NOT_ASK = re.compile(
    # a closing line; "je vous prie de trouver ci-joint": please find attached
    rf"{CLOSING_LINE.pattern}|"
    r"\b(?:vous )?pri(?:e|ons) de (?:bien vouloir )?trouver\b|\bveuillez trouver\b|"
    # "Questions? Reply to this email.", an airline's "Check in online 24 hours before
    # departure": what to do if, or what everyone does, not an ask of the reader
    r"^(?:any )?questions\?|^(?:just |simply )?(?:reply|respond) to this (?:e-?mail|message)\W*$|"
    # "Mets-moi en copie", "cc me", "keep me in the loop": how to answer, not an ask
    r"^(?:please\s+)?(?:cc|bcc) (?:me|us)\b|^(?:please\s+)?(?:copy|keep) (?:me|us) (?:in|on)\b|"
    r"^(?:mets|mettez)-moi en copie\b|^(?:ponme|ponedme|p[óo]ngame) en copia\b|"
    r"^(?:setz|setzen sie) mich (?:bitte )?(?:in|ins) (?:cc|kopie)\b|"
    # an appointment's housekeeping: "Please arrive 15 minutes early"
    r"^(?:please\s+)?(?:arrive|be there|come|check in) (?:\d+|a few|five|ten|fifteen|twenty) "
    r"(?:minutes|mins)\b|"
    r"^check[- ]in (?:online |on the [\w ]{1,20}app )?(?:from |up to )?\d+ hours before\b|"
    r"\b(?:let me know if (?:you have|there are|anything|you need|any)|feel free|"
    # a confidentiality notice: "If you are not the intended recipient, please notify ..."
    r"intended recipient|if you are not the (?:intended )?addressee|"
    r"received this (?:e-?mail|message|communication) in error|"
    r"in reliance (?:up)?on|nicht der (?:richtige|beabsichtigte) (?:adressat|empfänger)|"
    r"irrtümlich erhalten|destinataire (?:prévu|de ce message)|"
    r"reçu ce (?:message|courriel|e-mail) par erreur|destinatario (?:previsto|indicado)|"
    r"recibido este (?:mensaje|correo) por error|si (?:lo|la) ha recibido por error|"
    r"if you (?:have )?received (?:it|this) in error|"
    # "Take your time", "Prends ton temps": leave to wait, no ask (unless one follows: "Take
    # your time with it, but please send me your comments by Friday")
    r"^(?:but |so |and )?(?:please )?(?:take your time|prends ton temps|prenez votre temps|"
    r"t[óo]mate tu tiempo|lass dir zeit|lassen sie sich zeit)\b"
    r"(?![^.!?]*\b(?:but|aber|mais|pero|please|bitte|merci|por favor)\b)|"
    # "If there's a data gap, tell me what you need and I'll get it run": an offer of help
    r"(?:tell me|let me know) what (?:else )?you need\b|"
    r"(?:tell me|let me know) if (?:i|we) can (?:help|assist|do anything)\b|"
    r"do(?:n'?t| not) hesitate|if you have (?:any )?questions|"
    r"(?:wenn|falls) (?:du|sie|ihr) (?:noch )?fragen (?:hast|haben|habt)|"
    r"bei (?:weiteren )?fragen|n'h[ée]site(?:z)? pas|"
    r"si (?:tu as|vous avez) (?:des|la moindre|une) question|en cas de question|"
    r"si (?:tienes|tiene|ten[eé]is) (?:alguna |cualquier )?(?:duda|pregunta)|no dudes en|"
    # "Don't delete the sheet", "No borres el archivo": a warning, no to-do ("don't forget" is one)
    r"^(?:(?:and|also|but|please|and please),?\s+)*(?:don'?t|do not|never)\s+(?!forget\b|miss\b)|"
    r"^(?:y\s+)?no (?!olvides\b|olvidéis\b)[a-zñáéíóú]+(?:es|as|éis|áis)\b|"
    r"^(?:et\s+)?(?:ne |n')(?!oublie)[a-zàâçéèêëîïôûù]+ (?:\w+ )?pas\b|"
    # "Note that we are on winter time", "Note for you Arizona folks: ...": told, not asked
    r"^(?:(?:and|also|just),?\s+)?(?:a\s+)?(?:quick\s+)?note\b(?!\s+down)|"
    r"please (?:find|see (?:below|attached)|note|"
    r"ignore|disregard|do not reply)|do not reply|unsubscribe|click here|view in browser|"
    r"shop now|thanks in advance|no need to|you don'?t need to|nothing (?:to do|needed)|"
    r"no action (?:is )?(?:needed|required)|"
    # "Let me know if the date doesn't work (and I'll swap you)": an opt-out, not an ask
    r"\b(?:let (?:me|us) know|tell (?:me|us)|shout) if (?:the|that|this|it|any of (?:this|that|"
    r"these))\b[^,.;?]{0,40}?\b(?:doesn'?t|does not|won'?t|will not|isn'?t|is not) (?:work|suit|"
    r"fit|possible|ok)\b|"
    r"^if (?:the|that|this|it)\b[^,]{0,40}?\b(?:doesn'?t|does not|won'?t) (?:work|suit)\b"
    r"[^,]{0,10},\s*(?:just )?(?:let (?:me|us) know|tell (?:me|us))|"
    # "If the cost has moved a lot, just tell me and I'll rework the charts": the sender's offer
    r"^if\b[^,]{5,120},\s*(?:just |please |simply )?(?:tell (?:me|us)|let (?:me|us) know),? "
    r"and (?:i|we)(?:'ll| will| can)\b|"
    # "Nothing you need to do yet, but ...", "That's all I need for now": no ask made
    r"^nothing (?:(?:else )?(?:that )?(?:you|for you) (?:need|have|must|should)? ?to do|"
    r"(?:is )?(?:needed|required) (?:from|of) you)|^(?:that'?s|that is|this is) all (?:i|we) "
    r"(?:need|want)|^rien (?:à faire|de ton côté|de votre côté)|"
    r"pas d'action (?:requise|nécessaire)|"
    r"\btu n'as rien à faire|\bvous n'avez rien à faire|^(?:de momento |por ahora )?no "
    r"(?:tienes|tiene|ten[ée]is) que hacer nada|^nada (?:que hacer|por tu parte)|"
    r"\bkein handlungsbedarf|\b(?:du musst|sie müssen|ihr müsst) (?:noch )?nichts\b|"
    # offers and help, not asks: "let me know if you'd like me to", "call Ivy if you're stuck"
    r"(?:let me know|tell me|lmk) if you(?:'d like| would like| want) (?:me|us) to|"
    r"if you(?:'re| are| get) stuck|if you(?:'ve| have) already|"
    # "If you need more time, contact the office": what to do if the ask can't be met
    r"^if (?:you need (?:more|additional|extra) time|none of (?:the|these|those) "
    r"(?:times|dates|slots|options)|you (?:can'?t|cannot|are unable to) make)\b[^,]{0,60},\s*"
    r"(?:please\s+)?(?:contact|call|email|ring|phone|get in touch|reach out|write to|speak to)\b"
    r"(?![^.]*\b(?:otherwise|and|but),? please\b)|"
    # "Marta told me to make sure people open it": an instruction the sender was given
    r"\b(?:told|asked) (?:me|us) to (?![^.]*\byou\b)|"
    # "If you'd like to swap weeks, add a note": the reader's choice, not an ask
    r"^(?:if you(?:'d like| would like| prefer| wish| fancy)|if you(?:'re| are) interested|"
    r"si (?:tu veux|vous voulez|vous le souhaitez|tu le souhaites|[çc]a te dit)|"
    r"si (?:quieres|lo prefieres|te apetece|os apetece|le apetece)|"
    r"(?:wenn|falls) (?:du|sie|ihr)\b[^,.]{0,80}?\b(?:magst|möchtest|willst|möchten|mögen|mögt|"
    r"wollt|wollen)\s*,)|"
    # "If payment has already been made, please send the reference": for the case it is done
    r"\bif\b(?![^,.;:]{0,50}\b(?:not|\w+n't|yet)\b)[^,.;:]{0,50}\balready\b|"
    r"manage (?:your )?preferences|do not share this|notify the sender|"
    r"received this (?:e-?mail|message) in error|nicht weiterleiten|do not forward|"
    r"don'?t forward|ne pas transférer|no reenviar|reply to this email to|"
    r"view (?:it )?(?:on|in) (?:github|gitlab|linear|jira|slack)|you can view, comment|"
    r"reply for [\w.+-]+@)|% off|"  # Google Calendar's answer block: the RSVP item says it
    r"^(?:(?:best|kind|warm)(?: regards)?\b|(?:many )?thanks\b|cheers\b|(?:un )?saludo|"
    r"cordialement|bien à vous|viele grüße|beste grüße|liebe grüße)",
    re.IGNORECASE,
)
# A need or a wish stated, not a request made: "I need a summary", "Marketing wants the banner".
_NEED = re.compile(
    r"\b(?:i|we)(?:'ll| will| would|'d| also| still| really)? need\b(?! you\b)|\bneeds? your\b|"
    r"\bneeds (?=(?:it|them|the)\b)|"
    r"\bwants?\b|j'ai besoin|il me faut|necesit|ich brauche|wir brauchen|bräuchte|"
    r"\b(?:missing|left|outstanding|remaining) is your\b",  # "the only thing missing is your"
    re.IGNORECASE,
)
NEED = Caseless(_NEED, gated=True)  # faster: most sentences have none of its words
# "I would need your agreement before then" after a question: the answer, asked for again.
YOUR_ANSWER = re.compile(
    r"^Send \S+ your (?:agreement|answer|reply|response|decision|confirmation|go-ahead|ok|okay|"
    r"verdict|yes|commitment)\b|"
    # "Can you handle this one? Client wants an answer by Thursday": when the answer is due
    r"^Send \S+ (?:an|the) (?:answer|reply|response)"
    r"(?: (?:by|before|today|tomorrow)\b|$|\s*\(re: )|"
    # "Which one do you want? I need the call by Wednesday": the decision asked for again
    r"^Send \S+ (?:the|a|your) (?:call|decision|pick|choice|verdict)\b(?! (?:on|about|between)\b)",
    re.IGNORECASE,
)
# "Confirm by replying to this email": how to answer the ask before, not another ask.
BY_REPLYING = re.compile(
    r"^(?:Confirm|Reply|Answer|Respond)(?: to \S+)? (?:by (?:replying|reply|e-?mail|return)|"
    r"to (?:this|my) (?:e-?mail|message))\b|"
    # "Vous pouvez répondre simplement à ce courriel", "Responder a este correo"
    r"^(?:R[ée]pondre|Responder|Contestar)(?: simplement| simplemente)? (?:à|a) "
    r"(?:ce|cet|este) (?:courriel|e-?mail|mail|message|correo|mensaje)\b",
    re.IGNORECASE,
)
# A list item in quotes is copy to check, not a thing to do.
QUOTED = re.compile(r"^[\"\u201c\u201e\u00ab\u2018']")
INTRO = re.compile(
    # not what the sender delivers: "Here are the October numbers you asked for:"
    r"^(?!.*\b(?:you (?:asked|requested)|as (?:you )?requested|wie gewünscht|comme demandé|"
    r"que (?:me )?pediste|como (?:me )?pediste|"
    # "Some things you'll want to see before planning:", "what stood out": findings told
    r"you(?:'ll| will| may| might|'d)? (?:want|like|be interested) to (?:see|know|read|hear)|"
    r"worth (?:knowing|noting|a look)|stood out|takeaways|highlights|"
    # "To make the budget work I had to cut two things:": what the sender did
    r"(?:i|we)(?:'ve| have)? (?:had to|decided to|chose to) \w+|"
    r"(?:i|we) (?:cut|dropped|removed))\b)"
    r".*(need|things|choses|cosas|dinge|asks?\b|items|from you|let me know|what i need|to do|"
    r"todo|action items|"
    r"could you|can you|please|brauche|bräuchte|benötige|bitte|besoin|merci de|necesito|por favor|"
    r"prions de|prie de|rogamos|"
    r"the following|still (?:have|need)|outstanding|pending|to complete|next steps|"
    r"follow-?ups|to-?dos|folgende|nachstehende|suivant(?:e?s)|siguientes|manque|faltan)[^:]*:$",
    re.IGNORECASE,
)


# A question put to the reader ("Are you OK with 10 %?", "Tu es dispo jeudi ?") asks for an answer.
_YOU_QUESTION = re.compile(
    r"\b(you|your|tu|toi|vous|du|dir|dich|sie|usted|ustedes|te|os)\b[^?]*\?\s*$|"
    # "Is that still something we want?", "Should we ship A or B?": a question for the reader
    r"^(?:is|are|should|shall|can|could|do|does|which|what|when) (?:\w+ ){0,4}(?:we|us|our)\b"
    r"[^?]*\?\s*$|"
    # "Would that be something the budget could cover?": the reader's call
    r"^(?:would|could|is|will) (?:that|this|it) be (?:something|ok|okay|possible|feasible|helpful|"
    r"useful|worth\w*|of (?:interest|use)|valuable)\b"
    r"[^?]*\?\s*$",
    re.IGNORECASE,
)
_SMALL_TALK = re.compile(
    r"\bhow are (you|things)|how was your|hope you\b|^(?:i |we )?hope (?!you can|you could)|"
    r"treating you|wie geht|ça va|qué tal",
    re.I,
)


def only_a_question(sentence: str) -> bool:
    """A question put to the reader that is not phrased as a request ("Is Thursday OK?")."""
    text = strip_greeting(sentence).lower()
    # every question put to the reader ends in "?": most sentences need no more tests
    if "?" not in text or not _YOU_QUESTION_LOW.search(text):
        return False
    imperative = bool(_IMPERATIVE_LOW.match(text)) and not _NOUN_USE_LOW.match(text)
    asked = imperative or bool(_ASK_LOW.search(text))
    # "Is there any way you could cover Saturday?", "¿Te importaría revisarlo?": a request.
    return not asked and not unframe(text, "")


@lru_cache(maxsize=512)
def is_ask(sentence: str) -> bool:
    """Whether the sentence asks something of the reader (memoized: a mail asks it of the same
    sentence several times, as the sentence read now, the next one, a list's part)."""
    if SOMEONE_WANTS.match(sentence):
        return True  # "Marta wants an explanation of ..."
    low = sentence.lower()  # the *_LOW patterns: the same, matched faster on lower case
    # "Draft is in the shared drive": the verb list's word used as a noun.
    imperative = bool(_IMPERATIVE_LOW.match(low)) and not _NOUN_USE_LOW.match(low)
    # "Before you go in, call Morrow": an imperative after a lead clause.
    rest = after_lead(low)
    imperative = imperative or (
        rest != low and bool(_IMPERATIVE_LOW.match(rest)) and not _NOUN_USE_LOW.match(rest)
    )
    # every question put to the reader ends in "?": most sentences need no search for one
    asked = imperative or _ASK_LOW.search(low) or ("?" in low and _YOU_QUESTION_LOW.search(low))
    # "If not, we'll also need ...", "As every year, we ask each club to bring ..."
    asked = asked or (rest != low and (_ASK_LOW.search(rest) or unframe(rest, "")))
    asks = bool(
        asked
        or (("if you" in low or "si " in low) and conditional_ask(sentence, ""))
        or romance_imperative(sentence)  # "Quita el acceso público", "Appelle Karim"
        or indirect_ask(sentence, "")
        or german_request(sentence)
    )
    # Courtesy and boilerplate are ruled out last: most sentences ask nothing and need no test.
    return asks and not (_NOT_ASK_LOW.search(low) or _SMALL_TALK_LOW.search(low))


_YOU_QUESTION_LOW, _IMPERATIVE_LOW, _NOUN_USE_LOW = (
    lowered(p) for p in (_YOU_QUESTION, IMPERATIVE, NOUN_USE)
)
# Asked only whether they match: regrouped by first letter, faster.
_ASK_LOW, _NOT_ASK_LOW = (for_yes_or_no(lowered(p)) for p in (ASK, NOT_ASK))
_SMALL_TALK_LOW = Cued(lowered(_SMALL_TALK))  # searched only where its words are


# A subject's shorthand for an ask: "Need your sign-off on X", "Approval needed: X",
# "Quick question: are you joining?".
_SUBJECT_NEED = re.compile(
    r"^(?:need|needs|needed|awaiting|waiting (?:on|for))\s+your\s+|"
    r"^(?:your\s+)?(?=(?:approval|sign-?off|review|input|feedback|signature|decision|ok)\s+"
    r"(?:needed|required|requested)\b)",
    re.IGNORECASE,
)
_NEEDED = re.compile(
    r"^(\S+(?: \S+)?) (?:needed|required|requested)\b:?\s*(?:(?:on|for)\s+)?", re.I
)


def as_request(subject: str) -> str:
    """ "Need your sign-off on X" -> "I need your sign-off on X" (the subject otherwise)."""
    subject = re.sub(r"^(?:quick )?(?:question|q)\s*:\s*", "", subject, flags=re.IGNORECASE)
    if not _SUBJECT_NEED.match(subject):
        return subject
    rest = _SUBJECT_NEED.sub("", subject, count=1)
    if needed := _NEEDED.match(rest):
        rest = re.sub(r"\s+on$", "", f"{needed.group(1)} on {rest[needed.end() :]}".strip())
    return f"I need your {rest}"


# "The caterer needs the final headcount by Thursday": a third party's need.
_THIRD_NEED = re.compile(
    r"\b(?!(?:it|this|that|which|who|what|i|we|you)\b)[\w-]+ (?:really |still |also )?needs "
    r"(?=(?:it|them|the|all the|both the|copies)\b)",  # not "needs your decision": an ask
    re.IGNORECASE,
)
# "I'll collect the RSVPs and send it to them": the sender meets the need.
_SENDER_MEETS = re.compile(
    r"^(?:so |and )?(?:i|we)(?:'ll| will|'m going to| am going to)\b|"
    r"^(?:i'm|i am|we're|we are) (?:on it|handling it|taking care of it)\b",
    re.IGNORECASE,
)
# "..., ich kümmere mich darum", "... so I'll upload it tomorrow": met in the same sentence.
_MEETS_HERE = re.compile(
    r"\b(?:i'll|i will|we'll|we will|ich kümmere mich|wir kümmern uns|je m'en occupe|"
    r"me encargo|nos encargamos)\b",
    re.IGNORECASE,
)
_YOU_ASKED = re.compile(r"\b(?:please|could you|can you|would you|will you)\b", re.IGNORECASE)


def met_by_sender(sentence: str, upcoming: str) -> bool:
    """A third party's need that the next sentence says the sender meets ("The caterer needs
    the headcount by Thursday. I'll collect the RSVPs and send it")."""
    need = _THIRD_NEED.search(sentence)
    if need is None or _YOU_ASKED.search(sentence):
        return False
    return bool(_SENDER_MEETS.match(upcoming) or _MEETS_HERE.search(sentence, need.end()))
