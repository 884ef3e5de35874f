"""Asks people write: one item per thing asked, the object named, needs and questions read."""

import datetime as dt
import zoneinfo

import pytest

from digests.parsing import parse_message
from digests.summarize import ActionItem, find_action_items
from tests.digests.factories import gmail_message, mail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RECEIVED = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)  # Monday 09:15 in Berlin
MONDAY, TUESDAY, THURSDAY, FRIDAY = (dt.date(2026, 11, 30) + dt.timedelta(d) for d in (0, 1, 3, 4))


def items_of(body: str, *, subject: str = "", sender: str = "Dana Lee <dana@partner.example>"):
    message = parse_message(gmail_message(mail(body, subject=subject, sender=sender)))
    return find_action_items(message, BERLIN, automated=False)


def texts(items: list[ActionItem]) -> list[str]:
    return [item.text for item in items]


def test_a_wish_then_a_request_for_the_same_thing_is_one_item_worded_as_the_request():
    body = (
        'Carla,\n\nMarketing wants the "year in review" banner in the dashboard (design in '
        "Figma). Could you have it ready on staging by Thursday?\n\nOlivia"
    )
    assert items_of(body, subject="holiday banner") == [
        ActionItem('Prepare the "year in review" banner in the dashboard on staging', THURSDAY)
    ]


def test_the_same_verb_again_with_an_object_that_names_nothing_restates_the_ask():
    body = (
        "Hi Priya,\n\nI've drafted the handover runbook. Could you add what your rotation "
        "needs from us at handover?\n\nPlease add your part by Thursday 17:00.\n\nHenrik"
    )
    assert texts(items_of(body, subject="handover runbook")) == [
        "Add what your rotation needs from us at handover"
    ]


def test_and_inside_an_alternative_does_not_split_the_ask():
    body = (
        "Daniel, I won't make it tomorrow. Could you either cover the demo yourself or email "
        "their contact Ingrid tonight and ask to reschedule?\n\nTomás"
    )
    assert texts(items_of(body, subject="sick")) == [
        "Either cover the demo yourself or email their contact Ingrid and ask to reschedule"
    ]


def test_an_offered_call_is_a_reply_about_the_call_with_its_purpose_and_subject():
    body = (
        "Hi Liam,\n\nYour plan renews on July 14. Would it be helpful to set up a call in the "
        "next few weeks to look at a multi-year option?\n\nMegan"
    )
    assert texts(
        items_of(body, subject="1Password renewal", sender="Megan Hart <m@x.example>")
    ) == ["Reply to Megan about a call to look at a multi-year option (re: 1Password renewal)"]
    german = "Hätten Sie im Oktober 30 Minuten für ein Gespräch?"
    assert texts(items_of(german, subject="Austausch", sender="Katrin Vogel <k@x.example>")) == [
        "Reply to Katrin about a 30-minute call (re: Austausch)"
    ]


def test_a_hedged_yes_no_question_tells_the_asker_and_the_need_for_the_answer_is_no_item():
    body = (
        "Would you be willing in principle to co-supervise her from early 2027? The call closes "
        "in June, so there is no rush, but I would need your agreement in principle before then."
    )
    assert texts(items_of(body, subject="Co-supervision", sender="Rui Pereira <r@x.example>")) == [
        "Tell Rui whether you're willing to co-supervise her from early 2027"
    ]


def test_a_request_for_the_case_it_is_already_done_is_no_item():
    body = (
        "Kindly arrange payment of the March rent by 6 March. If payment has already been "
        "made, please send me the transfer reference and ignore this reminder."
    )
    assert texts(items_of(body, subject="March rent", sender="Jasmine Lee <j@x.example>")) == [
        "Arrange payment of the March rent"
    ]
    still = "If you haven't already, please send me the transfer reference."
    assert texts(items_of(still, subject="Rent", sender="Jasmine Lee <j@x.example>")) == [
        "Send Jasmine the transfer reference (re: Rent)"
    ]


def test_quoted_lines_in_a_list_are_copy_to_check_not_items():
    body = (
        "Legal signed off, but I still need you to confirm two claims:\n"
        '- "cuts planning time by up to 40%"\n'
        '- "available in 12 countries at launch"\n'
        "Can you give me your OK on the final copy by Friday?"
    )
    assert texts(items_of(body, subject="Launch PR", sender="Olivia Grant <o@x.example>")) == [
        "Approve the final copy (re: Launch PR)"
    ]


def test_which_should_we_asks_the_reader_to_decide():
    body = "Design has two versions: a banner or a badge. Which one should we ship in this cycle?"
    assert texts(
        items_of(body, subject="PROD-412 drift warnings", sender="Hiro <h@x.example>")
    ) == ["Decide which one to ship in this cycle (re: PROD-412 drift warnings)"]


def test_a_french_pronoun_stands_for_what_the_sender_needs_and_the_need_is_the_same_ask():
    body = (
        "Bonjour Camille,\n\nVous trouverez ci-joint le bon de commande pour le renouvellement. "
        "Pour que la commande soit engagée, j'ai besoin de la version contresignée de votre "
        "côté au plus tard demain midi.\n\nMerci de me la renvoyer directement par retour de "
        "mail.\n\nHélène"
    )
    items = items_of(body, subject="Bon de commande", sender="Hélène Vasseur <h@x.example>")
    assert texts(items) == ["Renvoyer à Hélène la version contresignée de votre côté"]
    assert items[0].due == TUESDAY


def test_spanish_clitics_name_the_attached_thing():
    body = (
        "Buenos días, Javier:\n\nLe adjunto el contrato de renting de las 12 carretillas para "
        "el almacén de Zaragoza (48 meses).\n\nPuede firmarlo con certificado digital y "
        "devolvérmelo por este mismo correo.\n\nUn saludo,\nPatricia"
    )
    assert texts(items_of(body, subject="Contrato", sender="Patricia León <p@x.example>")) == [
        "Firmar y devolver a Patricia el contrato de renting de las 12 carretillas"
    ]
    signed = (
        "Te adjunto el contrato de cesión de derechos del logotipo que nos ha preparado la "
        "abogada. El viernes presentamos la solicitud, así que necesitamos tenerlo firmado "
        "antes del jueves."
    )
    assert texts(items_of(signed, subject="Contrato", sender="Begoña <b@x.example>")) == [
        "Firmar el contrato de cesión de derechos del logotipo"
    ]


def test_the_readers_consent_asked_for_is_given_to_the_attached_thing_or_the_subject():
    body = (
        "Adjuntamos el borrador del modelo 200 (Impuesto sobre Sociedades). Para ir con margen, "
        "os pedimos vuestra conformidad antes del viernes."
    )
    assert texts(items_of(body, subject="IS 2025", sender="Lorena Vidal <l@x.example>")) == [
        "Dar la conformidad al borrador del modelo 200"
    ]
    missing = "Ya está subido el fichero. Falta solo tu validación como segundo apoderado."
    subject = "Remesa nómina febrero - falta tu firma"
    assert texts(items_of(missing, subject=subject, sender="Nuria <n@x.example>")) == [
        "Validar remesa nómina febrero"
    ]
    unless = "Te adjunto las pruebas de color. Si no tengo tu OK hoy, perdemos el turno."
    assert texts(items_of(unless, subject="Pruebas", sender="Jordi <j@x.example>")) == [
        "Dar el OK a las pruebas de color"
    ]


def test_do_it_does_what_the_sentence_before_says_the_reader_can_do():
    body = (
        "Final version of the abstract attached. Since you're the presenting author the system "
        "only lets you submit it. Can you do it tomorrow?"
    )
    assert texts(items_of(body, subject="SETAC abstract - final version")) == [
        "Submit the abstract"
    ]


def test_a_condition_with_a_time_is_a_request_for_the_act():
    body = (
        "I've drafted new screenshots and promo text (in the release doc). If you approve them "
        "tonight, I can resubmit this evening."
    )
    items = items_of(body, subject="Apple rejected 4.13", sender="Felix <f@x.example>")
    assert items == [ActionItem("Approve new screenshots and promo text", MONDAY)]
    french = (
        "Notre contrat arrive à échéance. Je suis prête à suspendre l'appel d'offres si vous "
        "m'envoyez d'ici jeudi une proposition de renouvellement révisée."
    )
    assert items_of(french, subject="Contrat", sender="Isabelle Garnier <i@x.example>") == [
        ActionItem("Envoyer à Isabelle une proposition de renouvellement révisée", THURSDAY)
    ]
    aside = "If you look at the logs from last night, you'll see the retries."
    assert items_of(aside, subject="Retries") == []


def test_me_in_a_french_or_spanish_request_is_the_asker():
    spanish = "¿Me puedes mandar las facturas de marzo antes del viernes?"
    assert texts(items_of(spanish, subject="Facturas", sender="Ramón Gil <r@x.example>")) == [
        "Mandar a Ramón las facturas de marzo"
    ]
    french = "Merci de m'envoyer le rapport signé avant jeudi."
    assert texts(items_of(french, subject="Rapport", sender="Hélène Vasseur <h@x.example>")) == [
        "Envoyer à Hélène le rapport signé"
    ]
    prepare = "¿Me podrías preparar un presupuesto cuando puedas?"
    assert texts(items_of(prepare, subject="Web nueva", sender="Pablo <p@x.example>")) == [
        "Preparar para Pablo un presupuesto (re: Web nueva)"
    ]


def test_a_case_name_with_v_is_one_sentence():
    body = (
        "I've read the final version of the Talbot v. Corvane reply brief. Please file it tonight."
    )
    assert texts(items_of(body, subject="Talbot reply")) == [
        "File the Talbot v. Corvane reply brief"
    ]


def test_it_after_an_ask_is_what_that_ask_was_about():
    body = (
        "Aiko, could you bring a one-page summary of the driver interviews from February? "
        "We'll decide between the two layouts based on it, so please share it in the doc."
    )
    assert texts(items_of(body, subject="Design review", sender="Sofia <s@x.example>")) == [
        "Bring a one-page summary of the driver interviews from February"
    ]


def test_confirming_by_reply_answers_the_ask_before_it():
    body = (
        "Could you run the API design interview for our candidate next Tuesday at 1pm ET? "
        "Ivo is out.\n\nIf yes, please:\n- confirm by replying to this email\n"
        "- read her take-home submission before the interview\n"
    )
    assert texts(items_of(body, subject="Interview", sender="Maria <m@x.example>")) == [
        "Run the API design interview for our candidate",
        "Read her take-home submission before the interview",
    ]


def test_wanting_a_call_is_calling_the_asker():
    body = (
        "Nos magasins ne remontent plus leurs stocks. Je veux un appel de votre part avant 17h "
        "aujourd'hui avec un plan d'action clair, sinon je remonte le sujet à ma direction."
    )
    assert texts(items_of(body, subject="Synchro", sender="Olivier Ducros <o@x.example>")) == [
        "Appeler Olivier avec un plan d'action clair"
    ]


def test_having_a_thing_done_in_spanish_is_doing_it():
    body = "¿Puedes dejar preparados los recibos de junio esta tarde?"
    assert texts(items_of(body, subject="Inspección", sender="Nuria <n@x.example>")) == [
        "Preparar los recibos de junio"
    ]


def test_just_before_a_request_goes_and_them_needs_more_than_one_thing():
    body = "If it's still Lucas, just send me his CPF today."
    assert texts(items_of(body, subject="Bolsa")) == ["Send Dana his CPF (re: Bolsa)"]
    two = (
        "As hiring manager you need to approve the offer. If you have comments, leave them in "
        "the doc."
    )
    assert texts(items_of(two))[1] == "Leave them in the doc"


def test_a_german_ask_is_a_german_to_do_with_its_infinitive_last():
    modal = "Könntest du bis dahin auch die Bildrechteliste an Frau Okafor vom Verlag schicken?"
    assert texts(items_of(modal, subject="Katalog", sender="Lena <l@x.example>")) == [
        "Bildrechteliste an Frau Okafor vom Verlag schicken"
    ]
    particle = "Trag bis nächsten Mittwoch deine Vorschläge für die Gehaltsrunde ein."
    assert texts(items_of(particle, subject="Gehaltsrunde", sender="Lena <l@x.example>")) == [
        "Deine Vorschläge für die Gehaltsrunde eintragen"
    ]


def test_a_german_ask_without_an_object_of_its_own_is_about_the_subject():
    send = "Bitte schickt mir das spätestens bis 13. Dezember."
    subject = "Weiterbildungsbudget 2027"
    assert items_of(send, subject=subject, sender="Katrin Vogel <k@x.example>") == [
        ActionItem("Send Katrin Weiterbildungsbudget 2027", dt.date(2026, 12, 13))
    ]
    modal = "Magst du mal drüberschauen und mir sagen, ob das für dein Team passt?"
    assert texts(
        items_of(modal, subject="Neue Bewertungsmatrix", sender="Katrin <k@x.example>")
    ) == ["Review Neue Bewertungsmatrix"]


def test_an_ask_inside_a_list_item_is_about_the_items_head():
    body = (
        "We're closing payroll at 4pm today and I've got two leaver queries for your area:\n"
        "- Amira Khan (Leeds): her manager says she left on 12 June.\n"
        "- Tom Reilly (Ashford, emp. no. 18876): his last day was 19 June, ESR says 30 June. "
        "Can you confirm which is right?\n"
    )
    assert texts(items_of(body, subject="Payroll cut-off", sender="Deepa <d@x.example>")) == [
        "Confirm which is right (re: Tom Reilly)"
    ]


def test_a_need_is_the_same_ask_as_the_request_that_follows_it():
    body = "We need the slides for the board. Could you prepare them by Tuesday?"
    assert items_of(body, subject="Slides", sender="Bob <b@x.example>") == [
        ActionItem("Prepare the slides for the board", TUESDAY)
    ]
    spanish = "Necesito la factura de marzo para cerrar el trimestre. ¿Me la mandas hoy?"
    assert texts(items_of(spanish, subject="Factura", sender="Luis <l@x.example>")) == [
        "Enviar a Luis la factura de marzo para cerrar el trimestre"
    ]
    before = "Te adjunto el presupuesto revisado. ¿Me lo puedes firmar y devolver antes del jueves?"
    assert texts(items_of(before, subject="Presupuesto", sender="Carmen <c@x.example>")) == [
        "Firmar y devolver a Carmen el presupuesto revisado"
    ]


def test_would_you_mind_is_a_request():
    body = "Would you mind sending me the slides from yesterday's session?"
    assert texts(items_of(body, subject="Slides")) == [
        "Send Dana the slides from yesterday's session"
    ]


def test_the_answer_asked_for_after_an_ask_dates_it():
    body = (
        "We're short two night staff next week. Could you approve agency cover for Tuesday? "
        "I'd need your OK by 5pm today."
    )
    assert items_of(body, subject="Rota", sender="Helen <h@x.example>") == [
        ActionItem("Approve agency cover for Tuesday (re: Rota)", MONDAY, dt.time(17))
    ]


def test_a_question_that_leads_to_the_ask_is_no_item_even_after_a_short_lead():
    body = "Quick one: do you have the final Q3 numbers? If so, could you share them with Priya?"
    assert texts(items_of(body, subject="Numbers")) == ["Share the final Q3 numbers with Priya"]


def test_a_spanish_infinitive_with_me_on_it_is_for_the_asker():
    body = "¿Puedes confirmarme si el almacén puede preparar el pedido antes?"
    assert texts(items_of(body, subject="Pedido", sender="Raquel <r@x.example>")) == [
        "Confirmar a Raquel si el almacén puede preparar el pedido antes"
    ]


def test_questions_in_spanish_and_french_are_answered_in_their_language():
    spanish = "¿Te viene bien el jueves a las 10 para revisar el cierre?"
    assert texts(items_of(spanish, subject="Cierre", sender="Carmen <c@x.example>")) == [
        "Confirmar a Carmen si te viene bien el jueves a las 10 para revisar el cierre"
    ]
    french = "Est-ce que le format de 45 minutes vous convient ?"
    assert texts(items_of(french, subject="Table ronde", sender="Julien <j@x.example>")) == [
        "Dire à Julien si le format de 45 minutes vous convient"
    ]
    who = "Do you know who owns the Stripe integration now?"
    assert texts(items_of(who, subject="Stripe")) == [
        "Tell Dana who owns the Stripe integration now"
    ]


def test_things_announced_inline_are_the_asks_and_participles_name_the_acts():
    body = "Can you do two things for me today: renew the SSL cert and update the status page?"
    assert texts(items_of(body, subject="Cert")) == ["Renew the SSL cert", "Update the status page"]
    done = "Please make sure the access logs for October are exported and shared with the auditors."
    assert texts(items_of(done, subject="Audit")) == [
        "Export and share the access logs for October with the auditors"
    ]


def test_a_subjects_shorthand_is_the_ask_when_the_body_makes_none():
    link = "Legal is happy with it. Link: https://docs.example/contract"
    assert items_of(link, subject="Need your sign-off on the vendor contract today") == [
        ActionItem("Sign off the vendor contract", MONDAY)
    ]
    assert texts(items_of("See the sheet.", subject="Decision needed: Q3 hiring plan")) == [
        "Decide on Q3 hiring plan"
    ]
    bus = "Trying to finalise numbers for the bus."
    assert texts(items_of(bus, subject="Quick question: are you joining the offsite?")) == [
        "Tell Dana whether you are joining the offsite"
    ]


def test_a_decision_wanted_or_asked_as_should_we_is_the_readers_to_make():
    body = (
        "Marcus wants a decision on the enterprise pricing by Friday. Should we go with the "
        "per-seat model or the flat fee?"
    )
    assert texts(items_of(body, subject="Pricing")) == [
        "Decide on the enterprise pricing",
        "Decide whether to go with the per-seat model or the flat fee",
    ]


def test_more_ways_of_asking():
    helps = "It would help if you could write up the timeline before Thursday's review."
    assert texts(items_of(helps, subject="Review")) == [
        "Write up the timeline before Thursday's review"
    ]
    buddy = "Nate starts Monday. Would you be his onboarding buddy for the first two weeks?"
    assert texts(items_of(buddy, subject="Onboarding")) == [
        "Tell Dana whether you'll be his onboarding buddy for the first two weeks"
    ]
    survey = "If you haven't filled in the engagement survey yet, please do."
    assert texts(items_of(survey, subject="Survey")) == ["Fill in the engagement survey"]
    someone = "Please make sure someone from your team is there to walk him through the site."
    assert texts(items_of(someone, subject="Visit")) == [
        "Make sure someone from your team is there to walk him through the site"
    ]


def test_a_re_verb_opens_an_ask_like_its_plain_verb():
    body = "It'd be great if you could rebuild the territory rules in Salesforce by Thursday."
    assert items_of(body, subject="FY26 territories") == [
        ActionItem("Rebuild the territory rules in Salesforce (re: FY26 territories)", THURSDAY)
    ]


def test_a_dated_event_after_by_or_before_leaves_the_item_with_the_date():
    kickoff = "Could you rebuild the rules before the Monday kickoff, so that reps see their books?"
    prep = "Please send me the Q3 bridge before the 9:30 board prep call tomorrow."
    board = "Could you review the insurance lines before the board meeting on the 28th?"
    assert texts(items_of(kickoff, subject="Rules")) == ["Rebuild the rules"]
    assert texts(items_of(prep, subject="Bridge")) == ["Send Dana the Q3 bridge"]
    assert texts(items_of(board, subject="Budget")) == [
        "Review the insurance lines before the board meeting on the 28th"
    ]


def test_a_company_named_in_a_need_is_whose_thing_to_send_not_whose_approval():
    forecast = "We need Fernwood's binding forecast by 5 p.m. Friday."
    approval = "We need Altavia's approval before we publish."
    assert items_of(forecast, subject="Q1 forecast") == [
        ActionItem("Send Dana Fernwood's binding forecast", FRIDAY, dt.time(17))
    ]
    assert not any(t.startswith("Send") for t in texts(items_of(approval, subject="Case study")))


def test_it_stands_for_a_persons_thing_named_just_before():
    body = (
        "I don't have Maddie's signed permission slip yet. Please send it in with her "
        "tomorrow morning."
    )
    assert texts(items_of(body, subject="Aquarium trip")) == [
        "Send Maddie's signed permission slip in with her"
    ]


def test_a_bare_reply_or_what_you_find_after_an_ask_only_answers_it():
    reply = "Could you explain which taxes apply to the flat?\n\nNo rush. Reply when you can."
    finding = (
        "Could you also check whether the auto-clear alarms skew it? No deadline on that one, "
        "just let me know what you find."
    )
    assert texts(items_of(reply, subject="Tax")) == ["Explain which taxes apply to the flat"]
    assert texts(items_of(finding, subject="MTTR")) == [
        "Check whether the auto-clear alarms skew it"
    ]


def test_have_a_look_think_or_read_is_to_review_consider_or_read():
    look = "The 2027 calendar draft is attached. Have a look at the draft when you can."
    think = "Have a think about whether we should renew the contract."
    assert texts(items_of(look, subject="Calendar")) == ["Review the draft (re: Calendar)"]
    assert texts(items_of(think, subject="Renewal")) == [
        "Consider whether we should renew the contract"
    ]


def test_things_that_need_the_readers_approval_listed_after_a_colon_are_one_ask():
    body = (
        "The June payment run closes at 14:00 today. Everything is ready except three invoices "
        "above the CHF 25,000 limit that need your approval in the workflow:\n\n"
        "INV-26-4471 Norrland Steel AB CHF 48,200.00\nINV-26-4490 Helvetia Castings AG CHF "
        "31,750.40\n\nThanks!"
    )
    assert texts(items_of(body, subject="Payment run")) == [
        "Approve three invoices above the CHF 25,000 limit in the workflow"
    ]


def test_what_only_the_reader_can_do_is_theirs_named_by_what_opens_the_sentence():
    payslip = (
        "She finishes tomorrow.\n\nAlso her final payslip with the holiday pay owed (6.5 days), "
        "I think only you can run that in BrightPay."
    )
    callout = "Dr. Weber told us you are the only one who can approve the call-out."
    assert texts(items_of(payslip, subject="Payslip")) == [
        "Run her final payslip with the holiday pay owed (6.5 days) in BrightPay"
    ]
    assert texts(items_of(callout, subject="CT 2")) == ["Approve the call-out"]


def test_a_list_ahead_of_an_event_is_due_when_the_event_starts():
    body = (
        "The board chair is coming to the walkthrough on Thursday at 8:00. Two things I need "
        "from you ahead of Thursday's walkthrough:\n\n- Send me the current punch list for "
        "Suite 210.\n\n- Have someone from Brightline on site.\n\nThanks"
    )
    assert [(i.text, i.due, i.time) for i in items_of(body, subject="Walkthrough")] == [
        ("Send Dana the current punch list for Suite 210", THURSDAY, dt.time(8)),
        ("Have someone from Brightline on site (re: Walkthrough)", THURSDAY, dt.time(8)),
    ]


def test_a_signed_approval_someone_needs_is_to_approve_not_why():
    body = (
        "Carla wants to send the offer letter before she leaves on Friday. She needs your "
        "signed approval on the requisition form to do that."
    )
    assert items_of(body, subject="Offer") == [
        ActionItem("Approve the requisition form (re: Offer)", FRIDAY)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Not only you can join the dinner, bring your partner too!",
        "The new portal is great: only you can access your payslips now, not HR.",
        "Rework on unit 4 is finished and the inspector signed off.",
        "Reschedule fees apply only after 48 hours.",
        "Have someone in mind for the role? The posting goes live Monday.",
        "We need Sarah's availability for next week before we book the room.",
    ],
)
def test_statements_the_new_ask_words_leave_alone(sentence):
    assert items_of(sentence, subject="News") == []


def test_a_dated_event_with_more_after_it_keeps_the_asks_words():
    body = "Please update the tracker by Friday then call Priya to confirm."
    assert texts(items_of(body, subject="Tracker")) == [
        "Update the tracker then call Priya to confirm"
    ]
