"""Person mail: asks worded as a thing that waits on the reader, no-ask statements, Spanish
subjunctive asks, and a later ask that says an earlier one again with more."""

import datetime as dt
from functools import partial

import pytest

from digests.summarize.asks import is_ask
from digests.summarize.romance import spanish_infinitive
from tests.digests.test_summarize_actions import items_of
from tests.digests.test_summarize_indirect import texts as texts_of

texts = partial(texts_of, sender="Luis Ortega <luis@build.example>")


def test_a_thing_that_still_needs_the_readers_signature_asks_to_sign_it():
    body = "Dale,\n\nThe site plan still needs your signature as architect.\n\nLuis"
    assert texts(body, subject="site plan") == ["Sign the site plan"]


def test_it_needs_your_approval_names_the_thing_the_clause_before_named():
    body = (
        "Fatima,\n\nThe scaffold order is over my limit, so it needs your approval by Friday "
        "or the supplier releases the slot.\n\nRajesh"
    )
    assert texts(body, subject="scaffold") == ["Approve the scaffold order"]


def test_a_thing_named_first_that_waits_in_the_readers_queue_asks_to_approve_it():
    body = (
        "Nadia,\n\nThe quarterly site payment wire is sitting in your approval queue in the "
        "treasury system.\n\nOwen"
    )
    assert texts(body, subject="wire") == [
        "Approve the quarterly site payment wire in the treasury system"
    ]
    body = "Nadia,\n\nInvoice 2291 from Acme is awaiting your approval in Coupa.\n\nOwen"
    assert texts(body, subject="invoice") == ["Approve invoice 2291 from Acme in Coupa"]
    body = "Nadia,\n\nWe are still waiting for your approval.\n\nOwen"
    assert texts(body, subject="invoice") == ["Send Luis your approval (re: invoice)"]
    body = "Nadia,\n\nNone of the reports are still waiting for your approval.\n\nOwen"
    assert texts(body, subject="invoice") == []
    body = "Nadia,\n\nAll three invoices are awaiting your approval.\n\nOwen"
    assert texts(body, subject="invoice") == ["Approve all three invoices (re: invoice)"]


def test_a_payment_that_would_need_the_readers_release_or_authorisation_asks_for_it():
    body = (
        "Thandi,\n\nThe EMP201 payment is loaded on FNB. Today is the 7th and the cut-off for "
        "same-day payments is 15:00, so it would need your release before then.\n\nLuis"
    )
    assert texts(body, subject="EMP201 payment") == ["Release the EMP201 payment"]
    body = (
        "Noa,\n\nI've re-created the wire in the portal. It needs your authorisation as second "
        "signatory by 15:00 today.\n\nLuis"
    )
    assert texts(body, subject="Kelp wire") == ["Authorise Kelp wire"]


def test_release_notes_are_no_ask_to_release():
    body = "Dale,\n\nPlease approve the change in the portal. Release notes attached.\n\nLuis"
    assert texts(body, subject="change") == ["Approve the change in the portal"]


def test_something_needed_done_by_you_asks_the_doing_for_whoever_needs_it():
    body = "Dale,\n\nAlso, Summit Concrete needs the final mix design confirmed by you today.\n\nL"
    assert texts(body, subject="mix") == ["Confirm the final mix design for Summit Concrete"]


def test_a_later_ask_that_says_the_same_with_more_replaces_the_first():
    body = (
        "Margaret,\n\nThe agency booking is over budget, so it needs your approval. "
        "Can you approve the agency booking in the staffing portal?\n\nSiobhan"
    )
    assert texts(body, subject="booking") == ["Approve the agency booking in the staffing portal"]


def test_a_sentence_saying_no_ask_is_made_is_none():
    assert not is_ask("Nothing you need to do yet, but I thought you'd want to see this.")
    assert not is_ask("That's all I need for now; the agenda will come later.")
    assert not is_ask("Rien à faire de ton côté, c'est juste pour info.")
    assert not is_ask("No tienes que hacer nada, pero quería que lo vieras.")
    assert not is_ask("Du musst noch nichts tun, bitte nur lesen.")
    assert not is_ask("Kein Handlungsbedarf, bitte nur zur Kenntnis nehmen.")
    assert is_ask("Could you send me your T-shirt size?")


def test_a_spanish_subjunctive_ask_reads_as_its_infinitive():
    body = "Hola Valeria,\n\nNecesito que apruebes el presupuesto a más tardar el jueves.\n\nE"
    assert texts(body, subject="presupuesto") == ["Aprobar el presupuesto"]
    assert spanish_infinitive("autorices") == "Autorizar"
    assert spanish_infinitive("pagues") == "Pagar"
    assert spanish_infinitive("cierres") == "Cerrar"
    assert spanish_infinitive("firméis") == "Firmar"
    assert spanish_infinitive("escribas") == "Escribir"
    assert spanish_infinitive("la") == ""


def test_a_wish_for_the_readers_thing_asks_to_send_it():
    body = (
        "Hi Olivia,\n\nWe're meeting the board next week, and I'd like your fee proposal in my "
        "inbox by Monday.\n\nGrant"
    )
    found = texts(body, subject="Wollongong fee proposal", sender="Grant Hall <grant@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == ["Send Grant your fee proposal"]
    body = "Dear Amina,\n\nI'd be grateful for your comments on the outcome indicators.\n\nJonas"
    assert texts(body, subject="logframe", sender="Jonas Berg <jonas@x.example>") == [
        "Send Jonas your comments on the outcome indicators"
    ]
    assert not is_ask("I'd like your help with the move at some point.")


def test_wanting_to_know_whether_asks_to_tell():
    body = "Hi Sakura,\n\nI'd like to know whether you want to keep the late opening.\n\nKenji"
    assert texts(body, subject="hours", sender="Kenji Sato <kenji@x.example>") == [
        "Tell Kenji whether you want to keep the late opening"
    ]


def test_comments_wished_right_after_a_review_ask_belong_to_it():
    body = (
        "Hey Marcus,\n\nCould you review the migration runbook by Monday? We're doing the dry run "
        "at 11 and I'd like your comments on the rollback section before then.\n\nAisha"
    )
    assert texts(body, subject="runbook", sender="Aisha Khan <aisha@x.example>") == [
        "Review the migration runbook"
    ]


def test_a_call_on_labelled_options_names_them():
    body = (
        "Dale,\n\nTwo ways to go:\n\nOption A: re-fabricate the stringers. $18,400.\n\n"
        "Option B: field-weld plates. $6,900.\n\nI need your call on A or B by Thursday.\n\nRay"
    )
    assert texts(body, subject="CO #14 east stair", sender="Ray Dom <ray@x.example>") == [
        "Decide between Option A (re-fabricate the stringers) and Option B (field-weld plates) "
        "for the CO #14 east stair"
    ]


def test_which_do_you_want_between_two_names_is_a_decision_and_its_call_no_second_item():
    body = (
        "Nina,\n\nWhich do you want, Atlanta or Vancouver? I need the call by Wednesday to hold "
        "either stage.\n\nMarcus"
    )
    assert texts(body, subject="Harbor Lights pilot", sender="Marcus Lee <m@x.example>") == [
        "Decide between Atlanta and Vancouver for the Harbor Lights pilot"
    ]


def test_a_french_pronoun_stands_for_what_the_sentence_before_said_is_ready():
    body = (
        "Claire,\n\nLe rapport d'analyse des offres est prêt dans Marco, il ne manque que ta "
        "signature.\n\nPeux-tu le signer avant demain 12h ?\n\nBertrand"
    )
    found = texts(body, subject="CAO demain", sender="Bertrand Roy <b@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == ["Signer le rapport d'analyse des offres"]


def test_an_invitation_is_answered_whether_you_would_like_to_come():
    body = "Hi Katrin,\n\nWould you like to come for a day or two?\n\nTobias"
    assert texts(body, subject="SPS", sender="Tobias Kern <t@x.example>") == [
        "Tell Tobias whether you'd like to come for a day or two"
    ]


def test_would_you_have_some_minutes_asks_for_a_time_for_a_call():
    body = "Dear Ito-san,\n\nWould you have 30 minutes sometime in the next few weeks?\n\nKen"
    found = texts(body, subject="renewal", sender="Ken Mori <ken@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Reply to Ken with a time for a 30-minute call"
    ]


def test_an_opt_out_after_an_ask_is_no_ask_of_its_own():
    assert not is_ask("Let me know if the date doesn't work and I'll swap you with Ryde.")
    assert not is_ask("If that time doesn't work, just let me know.")
    assert is_ask("Let me know if the date works for you.")


def test_a_question_after_one_question_for_you_is_answered():
    body = (
        "Daniel,\n\nCould you review the memo by the 17th? And one question for you: do we need "
        "Cayman counsel to look at it first?\n\nVictor"
    )
    found = texts(body, subject="memo", sender="Victor Wu <v@x.example>")
    assert "Tell Victor whether we need Cayman counsel to look at it first" in [
        t.partition(" (re:")[0] for t in found
    ]


def test_a_contingent_heads_up_with_the_senders_offer_is_no_ask():
    assert not is_ask(
        "If the energy cost has moved a lot, just tell me and I'll rework the charts."
    )


def test_a_first_pass_at_something_is_drafting_it():
    body = "Hi Rachel,\n\nCould you take a first pass at the motion to compel?\n\nElaine"
    found = texts(body, subject="Delgado", sender="Elaine Cho <e@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == ["Draft the motion to compel"]


def test_when_the_reader_is_free_says_when_and_the_rest_of_the_ask_stays():
    body = (
        "Hi Carla,\n\nCould you check the fleet map when you have a moment and tell me whether "
        "it's a quick fix?\n\nMarcus"
    )
    found = texts(body, subject="fleet map", sender="Marcus Bell <m@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Check the fleet map and tell Marcus whether it's a quick fix"
    ]


def test_a_german_need_for_a_thing_from_the_reader_is_sending_it():
    body = (
        "Hallo Katrin,\n\nIch brauche von dir bis morgen 12 Uhr den 8D-Bericht mit D1 bis D4, "
        "damit ich vor dem Call alles erklären kann.\n\nStefan"
    )
    found = texts(body, subject="Reklamation", sender="Stefan Maier <s@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "8D-Bericht mit D1 bis D4 an Stefan schicken"
    ]


def test_a_german_let_it_be_done_reads_as_having_it_done():
    body = "Hallo Katrin,\n\nUnd bitte lass die restlichen Teile im Lager sperren.\n\nStefan"
    found = texts(body, subject="Charge", sender="Stefan Maier <s@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Die restlichen Teile im Lager sperren lassen"
    ]


def test_a_spanish_imperative_after_tambien_is_an_ask_to_the_asker():
    assert is_ask("También confírmame hoy quién de tu equipo va a acompañar a los auditores.")
    body = "Valeria:\n\nTambién confírmame quién de tu equipo va a acompañar a los auditores.\n\nG"
    found = texts(body, subject="Auditoría", sender="Gerardo Ibarra <g@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Confirmar a Gerardo quién de tu equipo va a acompañar a los auditores"
    ]


def test_a_spanish_need_for_a_thing_done_asks_the_doing():
    body = (
        "Valeria:\n\nNecesito el conteo de Polanco cerrado y cargado en el sistema, para que "
        "el reporte esté listo.\n\nGerardo"
    )
    found = texts(body, subject="Auditoría", sender="Gerardo Ibarra <g@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Cerrar y cargar el conteo de Polanco en el sistema"
    ]


def test_a_need_for_a_thing_uploaded_after_a_lead_clause_asks_to_upload_it():
    body = (
        "Dear Amina,\n\nOur board pack is compiled tonight, so I need the annex uploaded by "
        "18:00 today.\n\nLéa"
    )
    found = texts(body, subject="report", sender="Léa Favre <l@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == ["Upload the annex"]


def test_getting_something_running_again_is_fixing_it():
    body = "Hi Marcus,\n\nCan you take a look and get the job running again?\n\nPriya"
    found = texts(body, subject="job failing", sender="Priya Nair <p@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == ["Fix the job"]


def test_someone_wanting_an_answer_after_an_ask_is_that_asks_deadline():
    body = "Fatima, can you handle this one?\n\nClient wants an answer by Thursday.\n\nOmar"
    found = texts(body, subject="RFI-087 waterproofing", sender="Omar Haddad <o@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == ["Handle this one"]


def test_two_existing_documents_sent_are_two_items_but_things_to_write_stay_one():
    body = (
        "Liam,\n\nSend me the final draft before 6, and the audio of the Bassi interview so I "
        "can check the quotes.\n\nNaomi"
    )
    found = texts(body, subject="Bassi", sender="Naomi Stein <n@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Send Naomi the final draft",
        "Send Naomi the audio of the Bassi interview",
    ]
    body = "Hi Lena,\n\nCould you send me a title and a short abstract by the 31st?\n\nAndré"
    assert len(texts(body, subject="seminar", sender="André Lima <a@x.example>")) == 1


def test_a_question_and_if_so_a_second_question_are_two_answers():
    body = (
        "Chidi,\n\nDo you think we should submit a response, and if so, would your team draft "
        "the technical part on metering?\n\nFunmi"
    )
    found = texts(body, subject="consultation", sender="Funmi Ade <f@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Tell Funmi whether you think we should submit a response",
        "Tell Funmi whether your team would draft the technical part on metering",
    ]


def test_a_pointer_keeps_the_whole_subject_when_its_object_is_one_bare_word():
    body = "Rachel, can you take a look at this when things calm down?\n\nD."
    found = texts(body, subject="lease question - Hadley Bakeries", sender="Dan Ray <d@x.example>")
    assert found == ["Review this (re: lease question - Hadley Bakeries)"]


def test_i_need_each_of_you_to_asks_the_reader_too():
    body = (
        "Hi team,\n\nI need each of you to fill in your section of the budget template by "
        "November 20.\n\nAna"
    )
    found = texts(body, subject="planning", sender="Ana Costa <a@x.example>")
    assert [t.partition(" (re:")[0] for t in found] == [
        "Fill in your section of the budget template"
    ]


def test_a_question_then_what_do_you_think_is_one_ask():
    body = (
        "Marcus,\n\nI'm wondering if we should run the series over two Sundays instead of all "
        "at once. Two weekends would give the shelter piece more room. Downside is the holiday "
        "readership. What do you think?\n\nTessa"
    )
    assert texts(body, subject="Series - one Sunday or two?") == [
        "Tell Luis if we should run the series over two Sundays instead of all at once"
    ]


def test_what_do_you_think_alone_names_the_matter_of_the_subject():
    body = (
        "Maya,\n\nMarketing wants to move the closed beta from June to July. Engineering is "
        "neutral. Let me know what you think when you can.\n\nChris"
    )
    assert texts(body, subject="Beta in July instead of June?") == [
        "Tell Luis what you think about Beta in July instead of June"
    ]


def test_an_ask_before_then_is_due_when_the_ask_before_it_is():
    body = (
        "Hi Tom,\n\nCould you send me the signed room block contract by Friday? Could you also "
        "confirm before then whether the ballroom hold covers the gala dinner on 19 November?"
        "\n\nLuis"
    )
    found = items_of(body, subject="Room block", sender="Luis Ortega <luis@build.example>")
    assert [item.due for item in found] == [found[0].due, found[0].due]
    assert found[0].due is not None


def test_it_would_help_if_you_could_is_a_request():
    body = (
        "Sanjay,\n\nIt would also help if you could flag any planned rate changes for Q1 in the "
        "comments tab, since they affect the forecast.\n\nLuis"
    )
    assert texts(body, subject="Budget") == [
        "Flag any planned rate changes for Q1 in the comments tab"
    ]


def test_id_also_need_a_thing_asks_to_send_it():
    body = "Rachel,\n\nI'd also need a tighter methods paragraph for the CRISPR screen.\n\nLuis"
    assert texts(body, subject="Reviewer comments") == [
        "Send Luis a tighter methods paragraph for the CRISPR screen"
    ]


def test_if_you_think_so_please_flag_it_asks_to_flag_whether_it_is_so():
    body = (
        "Hi,\n\nIf you think any exemptions apply (e.g. s.43), please flag them with your "
        "reasons when you send the records.\n\nLuis"
    )
    assert texts(body, subject="FOI request") == ["Flag whether you think any exemptions apply"]


def test_asks_after_a_lead_clause_or_in_a_sequence_are_asks():
    assert is_ask("Then join the 4:30 call with outside counsel.")
    assert is_ask("If the answer is no, we will also need Mr Goh's affidavit signed tonight.")
    assert is_ask("I'd also like your recommendation on whether we go to the second markdown.")
    assert is_ask("It would be great to have the coverage calculation at the same time.")
    assert not is_ask("As discussed, the report is attached.")


def test_a_request_put_to_everyone_after_a_lead_is_the_readers():
    body = (
        "Hi,\n\nAs in previous years, we ask each club to bring one item for the charity raffle."
        "\n\nLuis"
    )
    assert texts(body, subject="Dinner") == ["Bring one item for the charity raffle (re: Dinner)"]


def test_the_gm_wants_your_decision_is_an_ask():
    body = "Hi,\n\nAnd the GM wants your decision on whether we honour the 14 bookings.\n\nLuis"
    assert texts(body, subject="Suite rate") == [
        "Send GM your decision on whether we honour the 14 bookings"
    ]


def test_a_look_asked_for_without_its_object_is_at_what_the_subject_names():
    body = (
        "Siobhan,\n\nI've added comments on section 5. Any chance you could take another look "
        "before the external audit on the 28th?\n\nLuis"
    )
    assert texts(body, subject="Re: New sterilisation SOP draft v3") == [
        "Review new sterilisation SOP draft v3"
    ]


def test_it_would_help_to_have_and_we_would_like_a_thing_ask_to_send_it():
    helps = "Priya,\n\nIt would help to have your Q3 burn numbers before the board call.\n\nLuis"
    assert texts(helps, subject="Board call") == [
        "Send Luis your Q3 burn numbers before the board call"
    ]
    likes = "Omar,\n\nWe'd like a renewal proposal with two options.\n\nLuis"
    assert texts(likes, subject="Renewal") == ["Send Luis a renewal proposal with two options"]


def test_something_to_send_at_the_same_time_is_due_with_the_ask_before():
    body = (
        "Greg,\n\nCould you send me the draft statements by Friday 11 December? The bank call "
        "is on Thursday 3 December. It would be great to have the coverage calculation at the "
        "same time.\n\nLuis"
    )
    found = items_of(body, subject="Statements", sender="Luis <l@x.example>")
    assert [item.due for item in found] == [dt.date(2026, 12, 11)] * 2


def test_an_offer_to_help_and_what_to_include_are_no_items_of_their_own():
    body = (
        "Hi,\n\nCould you approve ECN-4471 before Wednesday? If there's a data gap, tell me what "
        "you need and I'll get it run today.\n\nLuis"
    )
    assert texts(body, subject="ECN-4471") == ["Approve ECN-4471"]
    report = (
        "Hi,\n\nCould you send me the updated facility report by 31 January? The committee "
        "will read the environmental section closely, so please include the monitoring data."
        "\n\nLuis"
    )
    assert texts(report, subject="Facility report") == ["Send Luis the updated facility report"]


def test_please_let_us_know_is_telling_the_asker_and_no_preposition_dangles():
    assert texts("Hi,\n\nPlease let us know by 30 October whether you can speak.\n\nLuis") == [
        "Tell Luis whether you can speak"
    ]
    assert texts("Hi,\n\nCould you join the review call on Wednesday at 8:00 BST?\n\nLuis") == [
        "Join the review call on Wednesday"
    ]


def test_a_review_waited_for_on_a_pull_request_names_the_request():
    body = "Still waiting for your review - we'd like to merge before Thursday."
    assert texts(body, subject="Re: [acme/api] Add rate limiting to /v1/search (PR #482)") == [
        "Review PR #482: Add rate limiting to /v1/search"
    ]


def test_an_item_naming_all_the_subject_names_gets_no_subject_context():
    body = "Hi,\n\nI need your approval on the Q3 product budget by end of day today.\n\nLuis"
    subject = "Need your approval on the Q3 product budget by EOD today"
    assert texts(body, subject=subject) == ["Approve the Q3 product budget"]


def test_a_name_or_a_signature_line_is_no_item():
    body = (
        "Hi,\n\nCould you let me know by 27 March whether you are available, and if so send a "
        "provisional title and a two-line abstract for the flyer?\n\nChair, SAAHIP Gauteng Branch"
    )
    assert texts(body, subject="Invitation to speak") == [
        "Tell Luis whether you are available (re: Invitation to speak)",
        "Send a provisional title and a two-line abstract for the flyer",
    ]


def test_would_love_your_thoughts_and_what_i_need_are_asks_to_send():
    body = "Chris,\n\nWould love your thoughts on the pitch doc before Thursday.\n\nLuis"
    assert texts(body, subject="Pitch") == ["Send Luis your thoughts on the pitch doc"]
    need = "Hi,\n\nThe one thing I need from you: the signed SOW.\n\nLuis"
    assert texts(need, subject="SOW") == ["Send Luis the signed SOW"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We'd then need a 100-word bio and a headshot by September 4 for the program.",
            "Send Dana a 100-word bio and a headshot for the program",
        ),
        (
            "We'd also appreciate a short bio for the announcement.",
            "Send Dana a short bio for the announcement",
        ),
        ("A rough cost estimate would also be helpful.", "Send Dana a rough cost estimate"),
        (
            "If you can give me a rough package list and dates, I can hold the kit for you.",
            "Give Dana a rough package list and dates",
        ),
    ],
)
def test_needs_wishes_and_offers_for_a_thing_ask_to_send_it(sentence, expected):
    body = f"Hi Alex,\n\nThanks for your note about the panel. {sentence}\n\nDana"
    assert [item.text for item in items_of(body)] == [expected]


def test_a_wish_for_an_opportunity_or_praise_of_a_plan_asks_nothing():
    body = (
        "Hi Alex,\n\nWe'd appreciate the opportunity to discuss. The new policy would be great "
        "for morale.\n\nDana"
    )
    assert items_of(body) == []


def test_the_only_thing_needed_from_the_reader_is_what_to_send():
    body = (
        "Hi Alex,\n\nThe only thing we need from you for now is your talk title and a short "
        "abstract by 2026-12-10, so the programme can go to print.\n\nDana"
    )
    (item,) = items_of(body)
    assert item.text == "Send Dana your talk title and a short abstract"
    assert item.due == dt.date(2026, 12, 10)


def test_any_chance_you_could_is_a_request_and_at_some_point_no_part_of_it():
    body = (
        "Hi Alex,\n\nThe glossary is in the sheet. Also - any chance you could flag which terms "
        "need a Mexico-specific variant? And could you let me know at some point whether the "
        "second wave is still 3 trucks or 4?\n\nDana"
    )
    assert [item.text for item in items_of(body)] == [
        "Flag which terms need a Mexico-specific variant",
        "Tell Dana whether the second wave is still 3 trucks or 4",
    ]


def test_get_it_to_me_asks_to_send_it_and_a_zoned_deadline_leaves_no_date_behind():
    body = (
        "Hi Alex,\n\nCan you get the September safety statistics to me before 9am UK time on "
        "Monday 7 December?\n\nDana"
    )
    (item,) = items_of(body)
    assert item.text == "Send Dana the September safety statistics"
    assert (item.due, item.time) == (dt.date(2026, 12, 7), dt.time(10))


def test_before_then_is_no_part_of_what_to_do():
    body = (
        "Dale,\n\nThe rotation runs at 22:00 tonight. Please put the new secret into the prod "
        "config before then.\n\nLuis"
    )
    assert texts(body, subject="secret rotation") == ["Put the new secret into the prod config"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "No rush at all, but I was wondering whether you could look over the insurance lines "
            "before the board meeting on the 28th.",
            "Review the insurance lines before the board meeting on the 28th",
        ),
        ("i was wondering whether you could send us the names of the four nurses.", None),
        ("I wondered whether you might review the budget draft.", "Review the budget draft"),
    ],
)
def test_wondering_whether_the_reader_could_is_a_request(sentence, expected):
    found = [t.split(" (re: ")[0] for t in texts(f"Dale,\n\n{sentence}\n\nLuis", subject="board")]
    assert found == [expected or "Send Luis the names of the four nurses"]


@pytest.mark.parametrize("limit", ["within 3 business days", "in 48 hours"])
def test_within_a_count_of_days_is_no_part_of_what_to_do(limit):
    body = f"Dale,\n\nPlease review and approve the privacy redline {limit}.\n\nLuis"
    found = texts(body, subject="privacy notice")
    assert [t.split(" (re: ")[0] for t in found] == ["Review and approve the privacy redline"]
    body = "Dale,\n\nPlease print the contract in 2 copies.\n\nLuis"
    assert texts(body, subject="contract") == ["Print the contract in 2 copies"]


def test_before_then_after_a_list_intro_is_the_last_time_the_sentence_before_named():
    body = (
        "Hi Dale,\n\nThe portal closes today 23:59 AoE, but I want to press the button by 17:00 "
        "Berlin time.\n\nI need two things from you before then:\n- the signed form;\n"
        "- your ORCID iD.\n\nLuis"
    )
    found = items_of(body, subject="Submission tonight", sender="Luis Ortega <luis@x.example>")
    assert {(item.due, item.time) for item in found} == {(dt.date(2026, 11, 30), dt.time(17))}
    assert len(found) == 2


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Could you send me the file you were looking for?",
            "Send Luis the file you were looking for",
        ),
        ("Please order 6 boxes in 3 days' time.", "Order 6 boxes in 3 days' time"),
    ],
)
def test_words_that_only_look_like_a_time_stay_in_the_item(sentence, expected):
    found = texts(f"Dale,\n\n{sentence}\n\nLuis", subject="boxes")
    assert [t.split(" (re: ")[0] for t in found] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Release 2.3 went out last night.",
        "Release planning moved to Thursday.",
        "Release schedule attached.",
    ],
)
def test_a_release_named_is_no_ask_to_release(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Storybook has been down since Friday", "Fix Storybook"),
        ("export-nightly failing since Saturday", "Fix export-nightly"),
        ("Staging deploy still broken", "Fix Staging deploy"),
    ],
)
def test_a_look_asked_at_what_the_subject_says_is_broken_is_a_fix(subject, expected):
    body = "Hi,\n\nThe whole team is stuck since then. Could you take a look?\n\nSofia"
    assert texts(body, subject=subject) == [expected]


def test_a_look_at_a_working_thing_stays_a_review():
    body = "Hi,\n\nCould you take a look?\n\nSofia"
    assert texts(body, subject="Storybook theme for the fleet map") == [
        "Review Storybook theme for the fleet map"
    ]


def test_a_waiting_thing_named_with_a_long_name_and_an_aside_is_still_approved():
    body = (
        "Nadia,\n\nThe quarterly site payment wire to Hospital Clínico Universitario (SOL-301, "
        "EUR 48,300.00) is sitting in your approval queue in the treasury system.\n\nOwen"
    )
    assert texts(body, subject="wire") == [
        "Approve the quarterly site payment wire to Hospital Clínico Universitario (SOL-301, "
        "EUR 48,300.00) in the treasury system"
    ]


def test_work_that_starts_once_the_sender_has_the_readers_sign_off_asks_for_it():
    body = (
        "Jordan,\n\nI can get a replacement compressor installed tomorrow afternoon if I have "
        "your sign-off on quote Q-7731 ($11,240) by noon tomorrow.\n\nLuis"
    )
    assert texts(body, subject="RTU-3") == ["Sign off on quote Q-7731 ($11,240) (re: RTU-3)"]
    body = "Jordan,\n\nWe can start Monday once we get your approval for the revised scope.\n\nLuis"
    assert texts(body, subject="scope") == ["Approve the revised scope"]
    body = "Jordan,\n\nIf I get your OK on this, I'll book it.\n\nLuis"
    assert texts(body, subject="booking") == []


def test_colloquial_flick_or_shoot_me_a_thing_asks_to_send_it():
    body = "Jack,\n\nFlick me the con note once it's booked.\n\nLuis"
    assert texts(body, subject="gateway") == ["Send Luis the con note once it's booked"]
    body = "Jack,\n\nCan you shoot over the signed PO?\n\nLuis"
    assert texts(body, subject="PO") == ["Send over the signed PO"]
    body = "Jack,\n\nShoot, I forgot the deck. The fire over there is out.\n\nLuis"
    assert texts(body, subject="deck") == []


def test_word_that_the_ask_is_done_rides_with_the_ask():
    body = (
        "Rafael,\n\nThe form is in the broker portal. Please sign it there and drop me a line "
        "when it's done.\n\nLuis"
    )
    assert texts(body, subject="Customs") == [
        "Sign the form there and drop Luis a line when it's done"
    ]
    body = "Rafael,\n\nPlease sign the form. Drop me a line once it's done.\n\nLuis"
    assert texts(body, subject="Customs") == ["Sign the form (re: Customs)"]


def test_a_named_thing_with_its_id_that_is_open_for_review_is_no_ask():
    body = (
        "Ngaio,\n\nChange control CC-0912 is now open for client review in the portal.\n\n"
        "Could you review and approve it by Friday?\n\nLuis"
    )
    assert texts(body, subject="CC-0912") == ["Review and approve it (re: CC-0912)"]


def test_a_colleague_who_needs_the_readers_teams_papers_signed_asks_to_sign_them():
    body = (
        "Ben,\n\nMarta still needs signed timesheets for your three seasonal drivers. She needs "
        "them before she leaves on Friday, so if we miss it they won't be paid until "
        "mid-December.\n\nTamika"
    )
    found = items_of(body, sender="Tamika Jordan <tamika@coop.example>", subject="Timesheets")
    assert [(i.text, i.due) for i in found] == [
        ("Sign the timesheets for your three seasonal drivers", dt.date(2026, 12, 4))
    ]


def test_take_care_signs_off_and_a_number_to_call_to_book_is_the_ask():
    body = (
        "Hi Rachel,\n\nPlease call the front desk at 515-555-0114 to schedule the recheck for "
        "August.\n\nTake care,\nAmy"
    )
    assert texts(body, subject="Lab results") == [
        "Call the front desk at 515-555-0114 to schedule the recheck for August"
    ]


def test_would_you_be_willing_then_please_confirm_is_one_answer_by_that_date():
    body = (
        "Dear Claire,\n\nWe'd love a 20-minute talk on OOS handling at our quality day.\n\n"
        "Would you be willing? If so, please confirm by 4 December so we can print the "
        "agenda.\n\nRachel"
    )
    found = items_of(body, sender="Rachel Nguyen <rachel@orrin.example>", subject="Talk")
    assert [(i.text, i.due) for i in found] == [
        ("Tell Rachel whether you're willing (re: Talk)", dt.date(2026, 12, 4))
    ]


def test_the_only_thing_missing_being_the_readers_sign_off_asks_for_it_once():
    body = (
        "Prof,\n\nEverything is captured on the portal now. The only thing missing is your "
        "sign-off as PI.\n\nLuis"
    )
    assert texts(body, subject="NRF report 138842") == ["Sign it off (re: NRF report 138842)"]
    body = (
        "Daniel,\n\nEverything is reconciled; the only thing missing is your sign-off, after "
        "which I can submit. Could you log in and approve it before 4?\n\nLuis"
    )
    assert texts(body, subject="MAS Form 3") == ["Log in and approve it (re: MAS Form 3)"]


def test_how_the_ask_just_made_is_to_be_done_is_no_second_item():
    body = (
        "Laura,\n\nCould you send me the updated schedule narrative today? Make sure it explains "
        "the two-week slip on the raised floor delivery.\n\nLuis"
    )
    assert texts(body, subject="Narrative") == ["Send Luis the updated schedule narrative"]
    body = (
        "Laura,\n\nPlease submit your self-assessment in Lattice by Friday. Keep it short.\n\nLuis"
    )
    assert texts(body, subject="Review") == ["Submit your self-assessment in Lattice (re: Review)"]
    body = "Laura,\n\nPlease send me the PO. Make sure the warehouse is locked tonight.\n\nLuis"
    assert texts(body, subject="PO") == ["Send Luis the PO", "Make sure the warehouse is locked"]


def test_arriving_early_for_an_appointment_is_housekeeping_not_an_item():
    body = (
        "Hi Rachel,\n\nPlease complete the pre-visit questionnaire in the portal. Please arrive "
        "15 minutes early.\n\nClinic"
    )
    assert texts(body, subject="Appointment") == [
        "Complete the pre-visit questionnaire in the portal"
    ]


def test_review_mends_keep_conditional_asks_checks_of_a_state_and_third_parties_apart():
    body = (
        "Alex,\n\nThe workshop is on 25 March; if you can't attend, please let me know by "
        "Thursday so I can give your seat away.\n\nLuis"
    )
    assert [i.due for i in items_of(body, sender="Luis <luis@x.example>", subject="W")] == [
        dt.date(2026, 12, 3)
    ]
    body = "Alex,\n\nConfirm room B12 is booked for the workshop.\n\nLuis"
    assert texts(body, subject="Room") == ["Confirm room B12 is booked for the workshop"]
    body = (
        "Alex,\n\nPriya still needs signed contracts for your new hires, and I told her you'd "
        "sent them last week.\n\nLuis"
    )
    assert texts(body, subject="Contracts") == []
    body = "Alex,\n\nFire me a text if anything changes. Shoot through any questions.\n\nLuis"
    assert texts(body, subject="News") == []
    body = "Alex,\n\nIf I get your sign-off on the design, I'll be surprised.\n\nLuis"
    assert texts(body, subject="Design") == []


def test_a_list_intro_keeps_its_verb_after_a_lead_and_a_sender_who_cut_things_asks_nothing():
    body = (
        "Alex,\n\nTo close the month, please post these journals:\n\n- the rent accrual\n"
        "- the bonus accrual\n\nLuis"
    )
    assert texts(body, subject="Close") == [
        "Post the rent accrual (re: Close)",
        "Post the bonus accrual (re: Close)",
    ]
    body = (
        "Alex,\n\nTo make the budget work I had to cut two things:\n\n- the team dinner\n"
        "- the second monitor for new hires\n\nLuis"
    )
    assert texts(body, subject="Budget") == []
    body = (
        "Alex,\n\nTo plan the offsite I need a few things from you:\n\n- your arrival time\n"
        "- whether you need a hotel room\n\nLuis"
    )
    assert texts(body, subject="Offsite") == [
        "Send Luis your arrival time (re: Offsite)",
        "Tell Luis whether you need a hotel room",
    ]


def test_text_me_when_its_in_rides_with_the_ask():
    body = "Karen,\n\nPlease file the reply brief tonight. Text me when it's in.\n\nLuis"
    assert texts(body, subject="Brief") == ["File the reply brief"]


def test_a_mark_signing_off_is_no_mark_to_do_and_his_callback_stays():
    body = (
        "Ruth,\n\nPlease call me back at 212-555-0138 before 5 p.m. today so we can release "
        "the wire.\n\nMark Fiorelli\nTreasury Services Officer"
    )
    found = texts(body, subject="Callback", sender="Mark Fiorelli <mark@bank.example>")
    assert found == ["Call Mark back at 212-555-0138 (re: Callback)"]
