"""Action items: one per ask, imperative, from the new text only, with deadline and time."""

import datetime as dt
import zoneinfo

import pytest

from digests.parsing import parse_message
from digests.summarize import ActionItem, find_action_items
from digests.summarize.dates import Deadline
from digests.summarize.mail_dates import subject_deadline
from tests.digests.factories import gmail_message, mail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
RECEIVED = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)  # Monday 09:15 in Berlin
MONDAY, TUESDAY, THURSDAY, FRIDAY = (dt.date(2026, 11, 30) + dt.timedelta(d) for d in (0, 1, 3, 4))


def parsed(body, *, received=RECEIVED, subject="", **options):
    message = mail(body, subject=subject, **options)
    return parse_message(gmail_message(message, received=received))


def items_of(body, automated=False, **options):
    return find_action_items(parsed(body, **options), BERLIN, automated=automated)


def texts(items):
    return [item.text for item in items]


def test_polite_requests_become_imperative_items_without_their_deadline_words():
    body = (
        "Hi Alex,\n\nThanks for the call. Please send the signed contract by Friday 5pm. "
        "Could you also review the budget draft by Dec 4? The weather is nice."
    )
    assert items_of(body) == [
        ActionItem("Send the signed contract", FRIDAY, dt.time(17)),
        ActionItem("Review the budget draft", FRIDAY),
    ]


def test_due_dates_are_in_the_readers_zone():
    message = parsed(
        "Please send the quarterly report by tomorrow.",
        received=dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC),
    )
    assert find_action_items(message, BERLIN, automated=False)[0].due == dt.date(2026, 12, 2)
    assert find_action_items(message, NEW_YORK, automated=False)[0].due == dt.date(2026, 12, 1)


def test_a_list_after_an_intro_is_one_item_per_ask_and_inherits_its_deadline():
    body = (
        "Hi Alex -\n\nTwo things I need from you before 14:00:\n"
        "- approve the Q3 budget in Workday\n- send Priya the signed Acme contract\n\nThanks!"
    )
    assert items_of(body) == [
        ActionItem("Approve the Q3 budget in Workday", MONDAY, dt.time(14)),
        ActionItem("Send Priya the signed Acme contract", MONDAY, dt.time(14)),
    ]


def test_let_me_know_intro_is_not_an_item_but_its_list_is():
    body = "Let me know:\n- whether the venue works for you\n- how many seats we need to hold"
    found = texts(items_of(body, sender="Maya Chen <maya@x.example>"))
    assert "Let me know" not in " ".join(found)
    assert len(found) == 2


def test_what_i_need_from_you_intro_is_not_an_item():
    body = "What I need from you:\n- the final slides for the board"
    assert texts(items_of(body, sender="Maya Chen <maya@x.example>")) == [
        "Send Maya the final slides for the board"
    ]


def test_thursday_before_she_leaves_is_thursday():
    body = "Please hand over the on-call notes to Deniz on Thursday, before she leaves on Friday."
    assert [item.due for item in items_of(body)] == [THURSDAY]


def test_prof_smith_stays_in_the_item():
    body = "Could you ask Prof. Smith for the recommendation letter by Friday?"
    assert items_of(body) == [ActionItem("Ask Prof. Smith for the recommendation letter", FRIDAY)]


def test_by_5_pm_friday_keeps_its_date_and_time():
    body = "Please send me the deck by 5 p.m. Friday so Legal can read it over the weekend."
    assert items_of(body, sender="Dana Lee <dana@x.example>") == [
        ActionItem("Send Dana the deck", FRIDAY, dt.time(17))
    ]


def test_asks_in_a_later_paragraph_are_found():
    body = (
        "The launch went well and the numbers are in the dashboard.\n\n"
        "Customers liked the new onboarding flow.\n\n"
        "Could you write up the three biggest complaints for Thursday's review?"
    )
    assert items_of(body) == [
        ActionItem("Write up the three biggest complaints for Thursday's review", THURSDAY)
    ]


def test_inline_numbered_asks_are_separate_items():
    body = "Could you (1) send the invoice to Acme and (2) update the CRM entry for them?"
    assert len(items_of(body)) == 2


def test_lead_in_and_mentions_are_trimmed():
    assert texts(items_of("Quick nudge: please approve the pull request for the login fix."))[
        0
    ] == ("Approve the pull request for the login fix")
    assert texts(items_of('"@alex can you confirm the revenue numbers?"'))[0] == (
        "Confirm the revenue numbers"
    )


def test_a_short_or_vague_ask_names_what_it_is_about():
    assert texts(items_of("Can you take a look?", subject="Storybook deploy notes")) == [
        "Review Storybook deploy notes"
    ]
    assert texts(items_of("Please approve it today.", subject="Re: Budget v3")) == [
        "Approve Budget v3"
    ]


def test_request_inherits_the_deadline_stated_just_before():
    # the agency's dated need is an ask of its own: the release, to send
    body = "The agency needs the release by 3pm today. Could you check the printer quotes?"
    assert items_of(body) == [
        ActionItem("Send Dana the release", MONDAY, dt.time(15)),
        ActionItem("Check the printer quotes", MONDAY, dt.time(15)),
    ]


def test_subject_is_the_request_when_the_body_has_none():
    assert items_of("Thanks!", subject="Can you review the press release before 3pm?") == [
        ActionItem("Review the press release", MONDAY, dt.time(15))
    ]


def test_courtesy_and_boilerplate_are_not_items():
    body = (
        "Let me know if you have any questions. Feel free to call me. "
        "Click here to unsubscribe. Please find attached the minutes."
    )
    assert items_of(body) == []


@pytest.mark.parametrize(
    "notice",
    [
        "If you are not the intended recipient, please do not read, distribute or take action "
        "in reliance upon this message.",
        "Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender "
        "und vernichten Sie diese E-Mail.",
        "Si vous avez reçu ce message par erreur, merci de le détruire et d'en avertir "
        "l'expéditeur.",
        "Si ha recibido este mensaje por error, por favor notifíquelo al remitente y bórrelo.",
    ],
)
def test_a_confidentiality_notice_is_no_item(notice):
    body = f"Please send me the AR aging by Friday.\n\nAcme LLP | Chicago\n\n{notice}"
    assert texts(items_of(body)) == ["Send Dana the AR aging"]


def test_a_list_the_sender_delivers_asks_nothing():
    body = (
        "Hi Ngaio,\n\nHere are the October numbers you asked for:\n\n"
        "- First response time (median): 3.4 h\n- Resolution time (median): 19 h\n"
        "- CSAT: 91%\n\nRohan"
    )
    assert items_of(body) == []


def test_an_ask_after_also_is_an_item():
    body = "Can you be there at 7:30? Also bring two spare LTE gateways. Also the draft is ready."
    assert texts(items_of(body))[-1].startswith("Bring two spare LTE gateways")
    assert len(items_of(body)) == 2


def test_machines_give_items_only_for_personal_obligations():
    body = (
        "Please rate your ride. To keep your workspace active, update the payment card on your "
        "account by Friday."
    )
    assert items_of(body, automated=True) == [
        ActionItem("Update the payment card on your account", FRIDAY)
    ]


def test_quoted_text_and_signatures_give_no_items():
    assert items_of("Done.\n\nOn Mon, Dana wrote:\n> Please send it by Friday.") == []
    assert items_of("Done, merged.\n\n-- \nDana Lee\nPlease consider the environment.") == []


def test_german_french_and_spanish_asks_are_found():
    assert items_of("Kannst du bitte den Vertrag bis Freitag unterschreiben?")[0].due == FRIDAY
    assert items_of("Pourriez-vous me renvoyer le bon de commande demain ?")[0].due == TUESDAY
    assert items_of("¿Me puedes enviar la factura hoy?")[0].due == MONDAY


def test_at_most_five_items():
    body = " ".join(f"Please send file number {n}." for n in range(8))
    assert len(items_of(body)) == 5


def test_a_machines_obligation_in_the_subject_becomes_an_item():
    body = "We could not charge your card ending 4417. Your store will be paused on Friday."
    found = items_of(
        body,
        automated=True,
        subject="Action required: payment failed for tandemroast.sg",
        sender="Stallfront Billing <billing@stallfront.example>",
    )
    assert found == [ActionItem("Pay the tandemroast.sg balance", FRIDAY)]


def test_someone_elses_failed_build_gives_no_item():
    body = "Build #8812 on branch mb/fx-rounding failed at step test. View the logs."
    found = items_of(
        body,
        automated=True,
        subject="Failed: fernwood/ledger - mb/fx-rounding #8812",
        sender="CircleCI <builds@circleci.example>",
    )
    assert found == []


def test_meeting_notes_give_the_reader_only_their_own_tasks():
    body = (
        "Action items from today's sync:\n- Alex: confirm Q3 headcount with Finance\n"
        "- Lena: hero image v2\n- Jordan: press release draft to legal"
    )
    message = parsed(body, sender="Sam Ortiz <sam@x.example>")
    found = find_action_items(message, BERLIN, automated=False, me="alex.kim@x.example")
    assert texts(found) == ["Confirm Q3 headcount with Finance"]


def test_the_readers_name_comes_from_their_display_name_when_the_address_hides_it():
    body = "Action items:\n- Alex: confirm Q3 headcount by Thursday\n- Lena: hero image v2"
    message = parsed(body, to="Alex Morgan <demo@example.com>")
    found = find_action_items(message, BERLIN, automated=False, me="demo@example.com")
    assert [(i.text, i.due) for i in found] == [("Confirm Q3 headcount", THURSDAY)]


def test_a_recaps_subject_dates_the_meeting_not_the_asks():
    message = parsed(
        "- Alex: confirm Q3 headcount",
        subject="Notes from today's product sync",
        to="Alex <a@x.io>",
    )
    assert subject_deadline(message, BERLIN) is None
    assert subject_deadline(parsed("x", subject="Review - heute vor 18 Uhr?"), BERLIN) == Deadline(
        MONDAY, dt.time(18)
    )


def test_i_need_your_approval_becomes_approve():
    assert texts(items_of("I need your approval on the Q3 product budget by EOD.")) == [
        "Approve the Q3 product budget"
    ]


def test_a_noun_that_looks_like_a_verb_is_not_an_ask():
    assert items_of("Draft is in the shared drive. Review went well yesterday.") == []


def test_a_question_to_the_reader_becomes_tell_whether():
    found = items_of(
        "Richard mentioned the Brew & Co. buyer. Do you want an introduction to her?",
        sender="Naomi Park <naomi@x.example>",
    )
    assert texts(found) == ["Tell Naomi whether you want an introduction to her"]


def test_indirect_asks_are_asks():
    sofia = "Sofia Rossi <sofia@x.example>"
    assert texts(
        items_of("I'm mostly curious whether the clustering is feasible.", sender=sofia)
    ) == ["Tell Sofia whether the clustering is feasible"]
    assert texts(items_of("Want me to draft the abstract from your slides?", sender=sofia)) == [
        "Tell Sofia whether they should draft the abstract from your slides"
    ]
    found = items_of("Finance (Marta) wants an explanation of the cost spike by Friday.")
    assert found == [ActionItem("Send Marta an explanation of the cost spike", FRIDAY)]


def test_it_and_them_are_named_from_the_sentence_before():
    body = (
        "The board pre-read needs Q2 availability for the public API and the dashboard. "
        "Can you send them first thing tomorrow?"
    )
    items = items_of(body, sender="Rachel Kim <rachel@fernwood.example>")
    assert texts(items) == ["Send Q2 availability for the public API and the dashboard"]
    assert (items[0].due, items[0].time) == (TUESDAY, dt.time(9))


def test_i_need_x_is_send_the_asker_x_and_the_lead_clause_is_dropped():
    body = (
        "Before we can fix a date I need your investigation report on the Meadowside "
        "complaint. Can you send it to me by 5 p.m. Friday?"
    )
    items = items_of(body, sender="Claire Donnelly <claire@kestrel.example>")
    # The second ask is the first one again in other words: one item.
    assert texts(items) == ["Send Claire your investigation report on the Meadowside complaint"]
    assert (items[0].due, items[0].time) == (FRIDAY, dt.time(17))


def test_a_for_lead_clause_keeps_what_the_ask_is_for():
    body = "For the two SRE reqs on your plan, I need a short justification by the 13th."
    items = items_of(body, sender="Marta Lindqvist <marta@fernwood.example>")
    assert texts(items) == ["Send Marta a short justification for the two SRE reqs on your plan"]
    assert items[0].due == dt.date(2026, 12, 13)


def test_an_imperative_after_a_lead_clause_is_an_ask():
    body = (
        "Can you cover the hearing? Before you go in, call Morrow Calloway and ask whether "
        "they'll agree to an extension."
    )
    assert texts(items_of(body)) == [
        "Cover the hearing",
        "Call Morrow Calloway and ask whether they'll agree to an extension",
    ]


def test_a_tool_mail_that_mentions_the_reader_carries_a_persons_ask():
    body = (
        "Plan shows 0 to destroy. @jonas-weber you know the VPC best, could you sanity-check "
        "the route tables?\n\nFile changes: 3 files, +148 -61\n"
        "Reply to this email to comment, or view it on GitHub."
    )
    message = parsed(body, subject="Move NAT gateways to Terraform (PR #903)")
    found = find_action_items(message, BERLIN, automated=True, me="jonas.weber@fernwood.io")
    assert texts(found) == [
        "Sanity-check the route tables (re: Move NAT gateways to Terraform (PR #903))"
    ]
    assert find_action_items(message, BERLIN, automated=True, me="sam.lee@fernwood.io") == []


def _invitation(body):
    from tests.digests.hostile_corpus import multipart, text_part

    ics = (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Planning\r\n"
        "DTSTART:20261202T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return parse_message(multipart([text_part(body), text_part(ics, "text/calendar")]))


def test_an_invitation_is_an_item_only_when_the_mail_asks_for_an_answer():
    from digests.summarize.notices import invitation_item

    quiet = _invitation("Please skim the SLO report before the session.")
    assert invitation_item(quiet, BERLIN) is None
    asked = _invitation("Bring one idea.\nPlease RSVP by Friday.")
    assert invitation_item(asked, BERLIN) == ActionItem("RSVP to Planning", FRIDAY)
    undated = _invitation("Please RSVP and bring one idea. The bus leaves on the 30th.")
    assert invitation_item(undated, BERLIN) == ActionItem("RSVP to Planning", None)


def test_google_calendars_answer_block_asks_for_an_rsvp():
    from digests.summarize.notices import invitation_item

    google = _invitation("Planning\nReply for alex@example.com\nYes: https://x\nNo: https://y")
    assert invitation_item(google, BERLIN) == ActionItem("RSVP to Planning", None)
    assert find_action_items(google, BERLIN, automated=False) == []  # the block is no ask


def test_an_invitations_answer_has_no_date_unless_the_mail_gives_one():
    from digests.summarize.notices import invitation_item

    # The event's start is when to be there, not when to answer.
    asked = _invitation("Hi all - please RSVP and bring one idea.")
    assert invitation_item(asked, BERLIN) == ActionItem("RSVP to Planning")


def test_the_deadline_is_read_in_the_clause_that_asks():
    body = (
        "The editor gave us until 21 December, but I'm travelling from the 15th, so could you "
        "please, by Thursday:\n(i) send me your comments on the letter;\n"
        "(ii) redraw Fig. 3 with the corrected limits."
    )
    assert [item.due for item in items_of(body)] == [THURSDAY, THURSDAY]


def test_a_purpose_clause_date_is_the_event_not_the_deadline():
    body = (
        "Pour le board du 15 décembre, peux-tu préparer trois slides sur la stratégie? "
        "Envoie-les-moi d'ici le 5 décembre."
    )
    assert [item.due for item in items_of(body)] == [dt.date(2026, 12, 5)]


def test_if_you_let_me_know_before_dates_the_question_before_it():
    body = (
        "On 22 December we run a session. Are you in? "
        "If you let me know before 10 December, we'll put you on the poster."
    )
    items = items_of(body, sender="Irene Salas <irene@meetup.example>")
    assert texts(items) == ["Tell Irene whether you are in"]
    assert items[0].due == dt.date(2026, 12, 10)


def test_no_rush_sets_no_deadline_for_the_mails_asks():
    body = "I'm curious whether the clustering is feasible. Totally no rush, next week is fine."
    assert [item.due for item in items_of(body)] == [None]


def test_long_asides_in_parentheses_are_left_out_of_the_item():
    body = "Could you send me the contract changes (new fields, removed fields, renamed ones)?"
    assert texts(items_of(body)) == ["Send Dana the contract changes"]


def test_two_asks_joined_by_and_are_two_items_but_a_verb_pair_is_one():
    body = (
        "Could you send me the accruals schedule for Ferrolog and flag anything above 50k "
        "without a purchase order? Please review and approve the PR. "
        "Please log in to the portal and submit the renewal."
    )
    assert texts(items_of(body)) == [
        "Send Dana the accruals schedule for Ferrolog",
        "Flag anything above 50k without a purchase order",
        "Review and approve the PR",
        "Log in to the portal and submit the renewal",
    ]


def test_ill_need_x_is_an_ask_and_the_subject_does_not_make_two_asks_one():
    body = "Can you call me this morning? And I'll need a suspension letter by 3pm."
    items = items_of(body, sender="Helen Marsh <helen@care.example>", subject="URGENT - arrest")
    assert texts(items) == [
        "Call Helen (re: arrest)",
        "Send Helen a suspension letter (re: arrest)",
    ]
    assert items[1].time == dt.time(15)


def test_the_senders_own_news_is_no_item_even_with_an_ask_word_in_it():
    body = (
        "The insurer has agreed to renew, but only once we have the declaration, which you "
        "need to sign. I can send someone to pick up if that's easier, just tell Hafiz. "
        "Your web orders would start counting, which brings forward when you need to charge GST."
    )
    assert items_of(body) == []


def test_a_machine_notice_due_in_the_subject_is_submit_that_thing():
    found = items_of(
        "Dear Daniel, this is a reminder. Open my self-evaluation.",
        automated=True,
        subject="Reminder: 2026 associate self-evaluation due next Tuesday",
        sender="Talent <talent@firm.example>",
    )
    assert found == [
        ActionItem(
            "Submit your 2026 associate self-evaluation in Talent", TUESDAY + dt.timedelta(7)
        )
    ]


def test_you_need_to_after_a_lead_is_the_ask_and_more_verbs_are_known():
    body = (
        "As hiring manager you need to approve the offer before we can send it. "
        "If you have comments, leave them in the doc before the review on Friday. "
        "Note from Sofia: the room changed."
    )
    assert texts(items_of(body)) == [
        "Approve the offer",
        "Leave them in the doc before the review on Friday",
    ]


def test_a_deadline_in_the_next_sentence_beats_an_event_date_before_the_ask():
    body = (
        "The QBR is on Dec 12. Could you give me a rough quarter for bulk import? "
        "I'd rather not promise too much. No rush at all, anytime before the 10th works."
    )
    assert [item.due for item in items_of(body)] == [dt.date(2026, 12, 10)]


def test_a_deadline_after_a_list_dates_its_items_and_re_verbs_are_imperative():
    body = (
        "For Berlin mobile I need from you:\n"
        "* the number of open reqs you want to keep\n"
        "* re-enable the old dashboard for the team\n"
        "Please put both into the planning sheet by Thursday."
    )
    items = items_of(body, sender="Rachel Kim <rachel@fernwood.example>")
    assert texts(items)[:2] == [
        "Send Rachel the number of open reqs you want to keep",
        "Re-enable the old dashboard for the team",
    ]
    assert [item.due for item in items[:2]] == [THURSDAY, THURSDAY]


def test_roundabout_verbs_become_the_plain_one():
    body = (
        "Could you have a look at the absence letters this week? "
        "Please give me your OK on the final copy. "
        "Necesito que me mandes la factura antes del 25, que el 26 hacemos la remesa."
    )
    items = items_of(body, sender="Marta Olivares <marta@olivares.example>")
    assert texts(items) == [
        "Review the absence letters",
        "Approve the final copy",
        "Enviar a Marta la factura",
    ]


def test_would_you_be_up_for_asks_for_a_yes_or_no_and_let_me_know_dates_it():
    body = (
        "Would you be up for being Nate's onboarding buddy for the first month? "
        "Let me know by the 20th."
    )
    items = items_of(body, sender="Grace Liu <grace@fernwood.example>")
    assert items == [
        ActionItem(
            "Tell Grace whether you're up for being Nate's onboarding buddy for the first month",
            dt.date(2026, 12, 20),
        )
    ]


def test_offers_and_help_lines_are_not_asks_but_a_security_alert_is():
    body = (
        "Tell me if you'd like me to pre-fill it. Call Ivy if you're stuck: 9123 4567. "
        "No rush at all, just let Sophie know what you think."
    )
    assert texts(items_of(body)) == ["Tell Sophie what you think"]
    alert = "If this wasn't you, reset your password now and report the activity to your admin."
    found = items_of(alert, automated=True, subject="Suspicious sign-in on your account")
    assert texts(found) == [
        "Reset your password if it wasn't you",
        "Report the activity to your admin",
    ]


def test_a_machines_list_of_what_is_still_to_complete_is_one_item_each():
    body = (
        "The review cycle closes on Friday at 11:59 p.m. PT.\n\n"
        "You still have the following to complete:\n\n"
        "* Self-review (0 of 6 questions answered)\n"
        "* Manager reviews for 5 direct reports\n\n"
        "Calibration starts Monday, and reviews not submitted by the deadline are incomplete."
    )
    found = items_of(body, automated=True, subject="Action required: review cycle closes Friday")
    assert texts(found) == [
        "Complete self-review (re: review cycle closes Friday)",
        "Complete manager reviews for 5 direct reports",
    ]
    # 11:59 p.m. in Los Angeles on Friday is Saturday 08:59 in Berlin.
    assert {(item.due, item.time) for item in found} == {(dt.date(2026, 12, 5), dt.time(8, 59))}


def test_a_numbered_list_after_necesito_gives_spanish_items():
    body = (
        "Buenos días, Lucía: para preparar el modelo 303 del primer trimestre necesito:\n"
        "1. Las facturas emitidas y recibidas de enero a marzo.\n"
        "2. El extracto del banco de marzo.\n"
        "Te agradecería tenerlo todo antes del jueves."
    )
    items = items_of(body, sender="Ramón Gil <ramon@gil.example>")
    assert texts(items) == [
        "Enviar a Ramón las facturas emitidas y recibidas de enero a marzo",
        "Enviar a Ramón el extracto del banco de marzo",
    ]
    assert [item.due for item in items] == [THURSDAY, THURSDAY]


def test_put_them_in_the_doc_after_a_list_of_asks_only_dates_the_list():
    body = (
        "I need two things from each of you:\n1. Your top three priorities for Q1\n"
        "2. Any blockers you expect\n\nPut them in the planning doc by Friday noon."
    )
    items = items_of(body, sender="Dana Lee <dana@x.example>", subject="Q1 inputs")
    assert [(item.text, item.due, item.time) for item in items] == [
        ("Send Dana your top three priorities for Q1", FRIDAY, dt.time(12)),
        ("Send Dana any blockers you expect (re: Q1 inputs)", FRIDAY, dt.time(12)),
    ]


def test_confirm_x_and_get_me_y_are_two_asks_and_asap_leaves_the_text():
    body = (
        "Can you confirm the seat count with finance and get me the final number by "
        "Thursday EOD? Please submit the report in Expensify as soon as possible, ideally."
    )
    assert texts(items_of(body, sender="Maya Patel <maya@x.example>")) == [
        "Confirm the seat count with finance",
        "Get Maya the final number",
        "Submit the report in Expensify",
    ]


def test_status_questions_opinions_and_someone_needing_your_signature_are_asks():
    body = (
        "What's the status of the SSO migration? Thoughts on the proposal below? "
        "Sarah asked me to forward this. She needs your signature on the NDA before Friday. "
        "Alex, are you able to cover my shift on Thursday?"
    )
    assert texts(items_of(body, sender="Jordan Blake <jordan@x.example>")) == [
        "Send Jordan a status update on the SSO migration",
        "Give Jordan your thoughts on the proposal below",
        "Sign the NDA",
        "Cover Jordan's shift on Thursday",
    ]


def test_wondering_if_you_could_make_sure_and_need_it_done_are_asks_in_plain_form():
    body = (
        "I was wondering if you could take over the Globex renewal. "
        "Please make sure yours is submitted by Friday. "
        "Could you make sure her laptop is set up? "
        "Do you have the latest deck? Can you share it with me before 2pm?"
    )
    assert texts(items_of(body, sender="Jordan Blake <jordan@x.example>", subject="Misc")) == [
        "Take over the Globex renewal (re: Misc)",
        "Submit yours (re: Misc)",
        "Set up her laptop (re: Misc)",
        "Share the latest deck with Jordan",
    ]


def test_next_steps_list_gives_the_readers_items_only():
    body = (
        "Great meeting today. Next steps:\n- Alex: send the revised pricing to Acme\n"
        "- Priya: schedule the security review\n- Alex: book the follow-up call\n"
    )
    found = find_action_items(parsed(body), BERLIN, automated=False, me="alex.kim@x.example")
    assert texts(found) == ["Send the revised pricing to Acme", "Book the follow-up call"]


def test_let_me_know_what_you_think_after_a_yes_no_question_is_the_same_ask():
    body = (
        "Would you be up for running a cupping class for our baristas in May? "
        "No rush at all, just let me know what you think and what it would cost."
    )
    assert texts(items_of(body, sender="Sophie Tan <sophie@lantern.example>")) == [
        "Tell Sophie whether you're up for running a cupping class for our baristas in May"
    ]


def test_a_question_about_what_we_should_do_asks_the_reader():
    body = "I found PROD-530 while cleaning up the backlog. Is that still something we want?"
    assert texts(items_of(body, sender="Hiro Sato <hiro@x.example>", subject="PROD-530")) == [
        "Tell Hiro whether PROD-530 is still something we want"
    ]


def test_it_is_named_from_the_subject_of_the_sentence_before():
    body = (
        "If so, the investigation pack is in the ER folder. Please read it before we start. "
        "The deadline is tomorrow. Can you do it tomorrow?"
    )
    assert texts(items_of(body, subject="Hearing"))[0] == "Read the investigation pack"
    assert texts(items_of(body, subject="Hearing"))[1] == "Do it (re: Hearing)"


def test_an_also_ask_without_a_date_does_not_borrow_the_one_before():
    body = (
        "Could you send the schedule of balances by 16 December? "
        "Also, could you let us know who in Portugal we should write to?"
    )
    assert [item.due for item in items_of(body)] == [dt.date(2026, 12, 16), None]


def test_today_we_do_x_is_how_things_are_not_a_deadline():
    body = (
        "Today we export CSVs nightly, which is fragile. "
        "Would you be open to a call sometime in April?"
    )
    assert [item.due for item in items_of(body)] == [None]


def test_an_event_date_in_the_sentence_before_does_not_date_the_ask():
    body = (
        "We close payroll at 4pm today. Tom's manager says his last day was 19 November. "
        "Can you confirm which is right?"
    )
    items = items_of(body)
    assert [(item.due, item.time) for item in items] == [(MONDAY, dt.time(16))]


def test_the_subject_that_names_a_vague_ask_drops_its_shouting_and_reply_prefixes():
    found = items_of("Could you review it today?", subject="URGENT Re: [ext] Acme renewal")
    assert texts(found) == ["Review Acme renewal"]


def test_the_consequence_after_or_leaves_the_item_and_a_status_word_leaves_its_object():
    found = items_of(
        "Please submit it by Friday, or it will be escalated to your manager.",
        subject="Reminder: expense report overdue",
    )
    assert found == [ActionItem("Submit expense report", FRIDAY)]


def test_a_bare_time_before_tomorrows_event_is_this_evenings():
    body = (
        "PharmaLyon wants the proposal at 9 tomorrow for their board meeting. "
        "Can you check the price grid and send it back before 20h?"
    )
    (item,) = items_of(body)
    assert (item.due, item.time) == (MONDAY, dt.time(20))


def test_a_bare_time_of_tomorrows_event_is_still_that_days():
    body = "The run is on Tuesday, we start at 06:00. Can you be there at 06:00?"
    (item,) = items_of(body)
    assert (item.due, item.time) == (TUESDAY, dt.time(6))


def test_a_french_list_of_things_in_the_infinitive_is_one_item_each():
    body = (
        "Bonjour Théo,\n\nLe comité le veut pour vendredi, donc trois choses avant jeudi :\n\n"
        "1. Relire le rapport et me signaler ce qui te semble faux.\n"
        "2. Classer les quatre vulnérabilités critiques par priorité.\n"
        "3. Proposer avec l'équipe API des dates de correctif.\n\nMerci,\nClaire"
    )
    assert [
        t.partition(" (re: ")[0] for t in texts(items_of(body, sender="Claire <c@x.example>"))
    ] == [
        "Relire le rapport et me signaler ce qui te semble faux",
        "Classer les quatre vulnérabilités critiques par priorité",
        "Proposer avec l'équipe API des dates de correctif",
    ]


def test_a_reason_spliced_on_with_a_comma_is_no_part_of_the_item():
    body = "Also please book the venue by tomorrow 10:00, the hotel releases the rooms after that."
    assert texts(items_of(body)) == ["Book the venue"]
    # a list of things stays whole
    body = "Please send the slides, the hotel rooms and the agenda by Friday."
    assert texts(items_of(body)) == ["Send the slides, the hotel rooms and the agenda"]
    assert texts(items_of("Please sign the NDA, the supplier contracts by Friday.")) == [
        "Sign the NDA, the supplier contracts"
    ]


def test_what_you_still_owe_the_sender_is_to_send():
    body = "Also, you still owe me the offsite budget, which was due Friday 4 December."
    assert items_of(body, sender="Maya Chen <maya@x.example>") == [
        ActionItem("Send Maya the offsite budget", FRIDAY)
    ]
