"""Asks worded as something else: a recommendation, a need, a wish, what is still undone."""

import zoneinfo

from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze, find_action_items
from digests.summarize.asks import is_ask
from tests.digests.factories import ME, gmail_message, mail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def texts(body: str, *, subject: str = "", sender: str = "Dana Lee <dana@partner.example>"):
    message = parse_message(gmail_message(mail(body, subject=subject, sender=sender)))
    return [item.text for item in find_action_items(message, BERLIN, automated=False)]


def test_a_colleague_writing_to_a_team_list_gets_their_asks_in_the_digest():
    message = parse_message(
        gmail_message(
            mail(
                "Hi team,\n\nPlease mark your unavailable weeks in the on-call sheet by March 12."
                "\n\nTomasz",
                subject="Q2 on-call",
                sender="Tomasz Nowak <tomasz.nowak@example.com>",
                headers={"List-Id": "<sre>"},
            )
        )
    )
    found = analyze(message, SummaryContext(now=message.received_at, zone=BERLIN, me=ME))
    assert [item.text for item in found.action_items] == [
        "Mark your unavailable weeks in the on-call sheet"
    ]


def test_an_offer_the_reader_may_take_up_is_not_an_ask():
    assert not is_ask("If you'd like to swap into the holiday weekends, add a note.")
    assert not is_ask("Wenn du magst, schreib deine Argumente direkt ins Dokument.")
    assert not is_ask("Si quieres, añade un comentario en la hoja.")
    assert is_ask("Please add a note in the sheet.")


def test_a_recommendation_to_read_is_an_ask_to_read():
    body = "Hi Daniel,\n\nWorth reading the survey comments before our 1:1; no prep needed.\n\nR"
    assert texts(body, subject="survey") == ["Read the survey comments before our 1:1"]
    assert not is_ask("Worth noting that the numbers are flat.")


def test_what_the_reader_alone_has_not_done_yet_is_asked():
    body = (
        "Beatriz,\n\nYou are the only supervisor who hasn't yet indicated the scholarship holder "
        "in the programme system.\n\nPaulo"
    )
    assert texts(body, subject="Bolsa") == [
        "Indicate the scholarship holder in the programme system"
    ]


def test_a_need_for_something_done_asks_the_doing():
    body = "Amara,\n\nNeed the Brightwater security questionnaire filled in ASAP!\n\nKyle"
    assert texts(body, subject="questionnaire") == [
        "Fill in the Brightwater security questionnaire"
    ]


def test_a_need_with_also_is_an_ask_but_not_mid_sentence_after_the_news():
    body = "Kenji,\n\nI also need a draft of the customer notification by tomorrow.\n\nHiroshi"
    assert texts(body, subject="export") == ["Send Dana a draft of the customer notification"]
    assert not is_ask("CAB approved it, but as the owner we still need nothing else.")


def test_a_groups_need_asks_the_reader_for_their_part():
    body = (
        "Hi Olivia,\n\nFor the planning doc we need every department head's input on two "
        "things: headcount and your top three initiatives.\n\nBen"
    )
    assert texts(body, subject="planning", sender="Ben Carter <ben@x.example>") == [
        "Send Ben your input on two things: headcount and your top three initiatives"
    ]


def test_an_instruction_the_sender_was_given_is_not_an_ask():
    assert not is_ask("Sorry for the subject line, Marta told me to make sure people open it.")


def test_a_wish_for_an_opinion_or_a_signature_in_french_and_spanish():
    french = (
        "Salut Chloé,\n\nPas d'urgence, mais j'aimerais avoir ton avis sur la charte graphique "
        "du stand.\n\nThéo"
    )
    assert texts(french, subject="Charte") == ["Donner ton avis sur la charte graphique du stand"]
    spanish = (
        "Javier,\n\nEl banco tiene la solicitud preparada, pero necesita tu firma como apoderado "
        "antes de las 18:00.\n\nRaquel"
    )
    assert texts(spanish, subject="aval ADIF") == ["Firmar (re: aval ADIF)"]


def test_a_spanish_look_at_it_and_a_tell_me_if_after_a_condition():
    look = "Hola Diego,\n\nCuando puedas, échale un ojo y dime qué te parece.\n\nMarta"
    assert texts(look, subject="Propuesta de onboarding") == [
        "Revisar (re: Propuesta de onboarding)"
    ]
    tell = "Lucía,\n\nSi ves algún cambio en la cláusula 7, avísame esta tarde.\n\nJavier"
    assert texts(tell, subject="Contrato", sender="Javier Ortega <j@x.example>") == [
        "Avisar a Javier si ves algún cambio en la cláusula 7"
    ]


def test_a_german_want_of_a_decision_or_an_opinion():
    decision = (
        "Hallo Lena,\n\nIch brauche von dir bis heute 20 Uhr die Entscheidung: Hotfix einreichen "
        "oder den Rollout verschieben.\n\nJana"
    )
    assert texts(decision, subject="Rollout Hanse Logistik") == [
        "Decide (re: Rollout Hanse Logistik)"
    ]
    whether = (
        "Hallo Jonas,\n\nAußerdem bräuchte ich von dir eine Entscheidung, ob wir den Rabatt von "
        "8 % halten können.\n\nKatrin"
    )
    assert texts(whether, subject="Angebot") == [
        "Entscheiden, ob wir den Rabatt von 8 % halten können"
    ]
    opinion = "Hoi Felix\n\nKein Stress, aber ich hätte gern deine Meinung dazu.\n\nSimone"
    assert texts(opinion, subject="Keycloak oder Auth0?", sender="Simone Keller <s@x.example>") == [
        "Give Simone your opinion about Keycloak oder Auth0"
    ]


def test_english_request_frames_leave_the_request():
    assert texts("Hi,\n\nI was hoping you could review the contract today.\n\nDana") == [
        "Review the contract"
    ]
    assert texts("Hi,\n\nAction for you: update the runbook by Friday.\n\nDana") == [
        "Update the runbook"
    ]
    assert texts("Hi,\n\nIs there any way you could cover my shift on Saturday?\n\nDana") == [
        "Cover Dana's shift on Saturday"
    ]
    assert texts("Hi,\n\nYou're required to complete the compliance training.\n\nDana") == [
        "Complete the compliance training"
    ]
    assert not is_ask("You should get an email from HR tomorrow.")
    assert not is_ask("Just a reminder that the office is closed on Monday.")


def test_french_and_spanish_frames_give_the_infinitive():
    assert texts("Salut,\n\nIl faudrait que tu signes le contrat avant vendredi.\n\nThéo") == [
        "Signer le contrat"
    ]
    assert texts("Salut,\n\nJe compte sur toi pour envoyer les chiffres.\n\nThéo") == [
        "Envoyer les chiffres"
    ]
    assert texts("Hola,\n\nHace falta que firmes el contrato antes del viernes.\n\nMarta") == [
        "Firmar el contrato"
    ]
    assert texts("Hola,\n\n¿Te importaría revisar el contrato?\n\nMarta") == ["Revisar el contrato"]
    assert not is_ask("Tu dois être fatigué après ce voyage.")
    assert not is_ask("Me gustaría que estuvieras tú para defenderla.")


def test_german_frames_and_an_imperative_first_are_asks():
    sender = "Katrin Schulz <k@x.example>"
    assert texts("Hallo,\n\nSchick mir die Folien bis morgen.\n\nKatrin", sender=sender) == [
        "Katrin die Folien schicken"
    ]
    framed = "Hallo,\n\nDenk dran, die Reisekosten bis Freitag einzureichen.\n\nKatrin"
    assert is_ask(framed.split("\n\n")[1])
    assert not is_ask("Anruf von Herrn Lindner heute um 10.")
    assert not is_ask("Denk dran, wir haben morgen frei.")


def test_a_wait_for_the_readers_answer_asks_for_it_unless_an_ask_came_before():
    assert texts(
        "Hi,\n\nAttached is the draft. Looking forward to your feedback on the draft."
    ) == ["Give feedback on the draft"]
    body = "Hi,\n\nCould you review the deck by Friday? Looking forward to your comments.\n\nDana"
    assert texts(body) == ["Review the deck"]
    assert texts(
        "Hola,\n\nQuedo a la espera de tu respuesta.\n\nMarta", sender="Marta <m@x.es>"
    ) == ["Responder a Marta"]


def test_what_of_yours_is_needed_or_must_be_done_is_asked():
    assert texts("Hi,\n\nYour signature is required on page 3 of the contract.\n\nDana") == [
        "Sign page 3 of the contract"
    ]
    assert texts("Hi,\n\nYour timesheet needs to be submitted by Friday.\n\nDana") == [
        "Submit your timesheet"
    ]


def test_a_german_choice_or_an_offer_of_help_with_questions_is_not_an_ask():
    assert not is_ask("Wenn du jemanden befördern möchtest, markier die Zeile bitte gelb.")
    assert not is_ask("Wenn du Fragen hast, melde dich bitte.")
    assert not is_ask("Si tienes alguna duda, llámame.")


def test_appreciation_of_a_review_and_a_welcome_answer_are_asks():
    assert texts("Hi,\n\nWould appreciate a quick review of the pricing deck.\n\nDana") == [
        "Review the pricing deck"
    ]
    assert texts(
        "Salut,\n\nTa réponse avant vendredi serait top.\n\nThéo", sender="Théo <t@x.fr>"
    ) == ["Répondre à Théo"]


def test_what_is_still_undone_in_french_and_spanish_is_asked():
    assert texts("Salut,\n\nTu n'as pas encore rempli le formulaire de remboursement.") == [
        "Remplir le formulaire de remboursement"
    ]
    assert texts("Hola,\n\nTodavía no has firmado el contrato de alquiler.\n\nMarta") == [
        "Firmar el contrato de alquiler"
    ]


def test_what_is_still_undone_in_german_is_asked():
    body = "Hallo Jonas,\n\nDu hast die Reisekosten noch nicht eingereicht.\n\nKatrin"
    assert texts(body, subject="Reisekosten März") == ["Submit Reisekosten März"]
    assert not is_ask("Ich habe das noch nicht geprüft.")


def test_a_nudge_a_status_question_and_a_bare_thoughts_are_asks():
    assert texts("Hi,\n\nDid you get a chance to look at the deck?\n\nDana") == ["Review the deck"]
    assert texts("Hi,\n\nWhere are we on the vendor contract?\n\nDana") == [
        "Send Dana a status update on the vendor contract"
    ]
    proposal = "Hi,\n\nI'd move the offsite to May. Thoughts?\n\nDana"
    assert texts(proposal, subject="Offsite") == ["Give Dana your thoughts about Offsite"]
    asked = "Hi,\n\nCould you book the venue for May? Thoughts?\n\nDana"
    assert texts(asked, subject="Offsite") == ["Book the venue for May (re: Offsite)"]


def test_a_need_for_your_approval_is_not_a_thing_to_share_from_a_shared_sheet():
    body = (
        'Alex,\n\nI need your approval on the Q3 budget (tab "Product" in the shared sheet) '
        "by end of day today.\n\nMaya"
    )
    assert texts(body) == ["Approve the Q3 budget"]
