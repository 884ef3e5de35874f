"""Which date an ask without its own takes: the event it points at, the mail's deadline, none."""

import datetime as dt
import zoneinfo

from digests.parsing import parse_message
from digests.summarize import ActionItem, find_action_items
from tests.digests.factories import gmail_message, mail
from tests.digests.hostile_corpus import multipart, text_part

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
RECEIVED = dt.datetime(2026, 11, 30, 14, 15, tzinfo=dt.UTC)  # Monday 15:15 in Berlin
MONDAY, TUESDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


def items_of(body, zone=BERLIN, subject=""):
    message = parse_message(gmail_message(mail(body, subject=subject), received=RECEIVED))
    return find_action_items(message, zone, automated=False)


def test_reading_before_we_start_is_due_when_the_hearing_starts_not_tonight():
    body = (
        "Louise was meant to be the HR rep at the disciplinary hearing tomorrow at 9.30 but "
        "she's off sick. Can you let me know tonight whether you can cover? If so, the pack is "
        "in the ER folder. Please read it before we start."
    )
    items = items_of(body)
    assert [(i.due, i.time) for i in items] == [(MONDAY, None), (TUESDAY, dt.time(9, 30))]


def test_bringing_something_is_due_at_the_meeting():
    body = (
        "Lucía, al final el consejo ha aceptado ver la nueva imagen mañana a las 9:30. "
        "¿Puedes traer las láminas impresas en A3? Confírmame esta noche si puedes venir."
    )
    items = items_of(body, MADRID)
    assert [(i.due, i.time) for i in items] == [(TUESDAY, dt.time(9, 30)), (MONDAY, None)]


def test_preparing_for_a_named_call_takes_that_calls_date():
    body = (
        "The customer asked for a call about Wednesday's outage on Thursday at 16:00. "
        "The renewal paperwork is due by Tuesday. Could you prepare a one-page RCA for that call?"
    )
    assert items_of(body)[-1] == ActionItem(
        "Prepare a one-page RCA for that call", dt.date(2026, 12, 3), dt.time(16)
    )


def test_an_ask_to_do_it_when_you_can_borrows_no_date():
    body = (
        "I found an IFRS 17 course in October, three Fridays. Could you approve it when you "
        "can? Registration is open until 15 December."
    )
    assert [i.due for i in items_of(body)] == [None]


def test_an_ask_naming_a_range_to_choose_from_borrows_no_date():
    body = (
        "Our contract runs until 31 January and I'd welcome a review meeting. "
        "Would a date in January work for you?"
    )
    assert [i.due for i in items_of(body)] == [None]


def test_an_undated_ask_still_takes_the_deadline_the_mail_states():
    body = "The committee closes the call for papers on Friday. Could you send me your abstract?"
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 4)]


def test_bringing_something_to_an_all_day_invitation_is_due_on_its_day():
    ics = (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Offsite\r\n"
        "DTSTART;VALUE=DATE:20261215\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    body = "Two days, no laptops. Please bring one idea for the thing that hurts most on-call."
    message = parse_message(multipart([text_part(body), text_part(ics, "text/calendar")]))
    new_york = zoneinfo.ZoneInfo("America/New_York")  # the day, not midnight UTC moved west
    items = find_action_items(message, new_york, automated=False)
    assert [(i.due, i.time) for i in items] == [(dt.date(2026, 12, 15), None)]


def test_an_ask_whose_deadline_has_passed_is_due_today():
    body = "The invoice was due on 28 November and is now overdue. Please arrange payment."
    assert [i.due for i in items_of(body)] == [MONDAY]


def test_preparing_beforehand_is_due_when_the_event_just_named_is():
    body = (
        "El jueves 3 tenemos la auditoría a las 9:00. "
        "¿Puedes dejar preparadas las conciliaciones bancarias antes?"
    )
    assert [(i.due, i.time) for i in items_of(body, MADRID)] == [(dt.date(2026, 12, 3), dt.time(9))]


def test_no_rush_next_to_the_ask_keeps_the_mails_other_dates_off_it():
    body = "The release is on Friday. No rush on this one. Could you review the migration notes?"
    assert [i.due for i in items_of(body)] == [None]


def test_a_subject_naming_a_past_day_sets_no_deadline():
    from digests.summarize.mail_dates import subject_deadline

    def subject(text):
        return parse_message(gmail_message(mail("Hi", subject=text), received=RECEIVED))

    assert subject_deadline(subject("Notes from the 26 November workshop"), BERLIN) is None
    assert subject_deadline(subject("Budget - need it by Friday"), BERLIN).due == dt.date(
        2026, 12, 4
    )


def test_the_senders_own_travel_is_no_deadline_for_the_asks():
    body = (
        "I'm travelling tomorrow and on Wednesday. The board pack goes out on Friday. "
        "Could you send me your section?"
    )
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 4)]


def test_before_i_go_is_due_when_the_sender_leaves():
    body = "I'm out from Thursday. The audit is on 15 December. Could you sign the PO before I go?"
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 3)]


def test_my_time_is_the_senders_clock_and_your_time_the_readers():
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")  # the Date header says +0100
    mine = items_of("Could you send me the metrics by 4pm my time tomorrow?", kolkata)
    yours = items_of("Could you send me the metrics by 4pm your time tomorrow?", kolkata)
    assert (mine[0].due, mine[0].time) == (TUESDAY, dt.time(20, 30))
    assert (yours[0].due, yours[0].time) == (TUESDAY, dt.time(16))


def test_a_zone_named_by_a_city_of_the_senders():
    body = "Necesitamos la confirmación antes de las 17:00 hora de Ciudad de México del martes."
    assert [(i.due, i.time) for i in items_of(body, MADRID)] == [(dt.date(2026, 12, 2), dt.time(0))]


def test_an_ask_before_a_launch_or_an_audit_takes_that_days_date():
    body = (
        "The renewal paperwork is due by Wednesday. The release is scheduled for Friday at 10:00. "
        "Please update the changelog before the release."
    )
    assert [(i.due, i.time) for i in items_of(body)] == [(dt.date(2026, 12, 4), dt.time(10))]


def test_a_deadline_restated_after_the_ask_beats_an_event_before_it():
    for after in (
        "We need it back by Thursday.",
        "I need it by Thursday.",
        "Please get it back to me by Thursday.",
        "Thursday is the latest.",
    ):
        body = f"The client call is tomorrow at 10. Could you review the contract? {after}"
        assert items_of(body)[0].due == dt.date(2026, 12, 3), after


def test_the_senders_diary_between_a_deadline_and_the_ask_leaves_the_deadline():
    body = "The supplier needs the signed PO by Friday. I'm out tomorrow. Could you sign it?"
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 4)]
    away = "I'm on holiday until 14 December. Could you cover the supplier calls?"
    assert [i.due for i in items_of(away)] == [None]


def test_i_need_them_by_thursday_dates_the_asks_before_it_in_four_languages():
    bodies = [
        "The call is tomorrow at 10. Can you review the contract and send me your comments? "
        "I need them by Thursday.",
        "La reunión es mañana a las 10. ¿Puedes revisar el contrato? Lo necesito para el jueves.",
        "La réunion est demain à 10h. Peux-tu relire le contrat ? J'en ai besoin pour jeudi.",
        "Das Meeting ist morgen um 10 Uhr. Kannst du den Vertrag prüfen? Ich brauche ihn bis "
        "Donnerstag.",
    ]
    for body in bodies:
        items = items_of(body, MADRID)
        assert {i.due for i in items} == {dt.date(2026, 12, 3)}, body
        assert not any(i.text.lower().startswith(("lo necesito", "i need")) for i in items)


def test_the_subjects_deadline_dates_an_ask_only_when_nothing_else_does():
    today = items_of("Kannst du dir den PR anschauen?", subject="Review #4821 - heute vor 18 Uhr?")
    assert [(i.due, i.time) for i in today] == [(MONDAY, dt.time(18))]
    range_ = items_of("Would a date in January work for you?", subject="Review by 14 December")
    assert [i.due for i in range_] == [None]


def test_bringing_a_page_up_to_date_points_at_no_event():
    from digests.summarize.event_refs import event_ref

    assert event_ref("Please bring one idea for the wishlist.") == ("bring", "")
    assert event_ref("Could you bring the wiki page up to date?") is None
    assert event_ref("Can we bring the review forward?") is None
    assert event_ref("Please read it before the disciplinary hearing.") == ("noun", "hearing")


def test_an_answer_borrows_no_date_from_a_renewal_a_start_or_a_proposed_call():
    renewal = (
        "Your annual plan renews on April 15. Would it be helpful to set up a call to look at "
        "a multi-year option?"
    )
    start = (
        "We have a new grad joining the team on January 4. Would you be up for being her "
        "mentor for the first six months?"
    )
    call = (
        "Would your team consider hosting two interns? I'd be glad to discuss it in a short "
        "call in January, e.g. the week of the 11th."
    )
    assert [i.due for body in (renewal, start, call) for i in items_of(body)] == [None] * 3


def test_a_mails_deadline_still_dates_an_ask_beside_it():
    body = "The comment period closes December 15. Could you have a read and add your comments?"
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 15)]


def test_a_later_deadline_for_another_matter_stays_with_it():
    body = (
        "Could we move the design review to Monday 7 Dec at 17:00? Let me know if that works "
        "for you. Either way, please send me the review deck by Friday."
    )
    assert [i.due for i in items_of(body, subject="Design review -> Monday 7 Dec?")] == [
        None,
        dt.date(2026, 12, 4),
    ]


def test_no_pressure_and_no_need_to_answer_right_away_borrow_no_date():
    pressure = "Kavya starts on January 4. Would you mentor her? No pressure either way."
    later = (
        "Which way do you want to go, Redis or Memcached? I'd like to start the spike in two "
        "weeks, so no need to answer right away."
    )
    assert [i.due for body in (pressure, later) for i in items_of(body)] == [None, None]


def test_a_requests_own_date_beats_the_one_its_need_borrowed():
    body = (
        'Marketing wants the "year in review" banner in the dashboard. The code freeze starts '
        "Dec 9, so could you have it ready on staging Thursday morning?"
    )
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 3)]


def test_the_condition_names_the_deadline_not_the_consequence():
    body = (
        "Te adjunto las pruebas de color. Si no tengo tu OK antes de las 14:00, perdemos el "
        "turno y no hay otro hasta el día 14."
    )
    found = items_of(body, MADRID, subject="Pruebas color - OK antes de las 14h")
    assert [(i.due, i.time) for i in found] == [(TUESDAY, dt.time(14))]  # 14:00 has passed


def test_an_ask_for_the_deadlines_day_takes_the_deadline_in_the_readers_zone():
    body = (
        "The deadline is tomorrow (Tuesday) at 23:59 AoE. Since you're the presenting author "
        "only you can submit it. Can you do it tomorrow?"
    )
    # 23:59 at UTC-12 on Tuesday is Wednesday 12:59 in Berlin
    assert [(i.due, i.time) for i in items_of(body)] == [(dt.date(2026, 12, 2), dt.time(12, 59))]


def test_something_to_hand_in_is_due_at_the_meeting_the_mail_dates_an_answer_is_not():
    hand_in = "I present to the board on Thursday. Could you send me the Q3 numbers?"
    answer = "Thursday clashes with the customer visit. Would you be open to moving it?"
    assert [i.due for i in items_of(hand_in)] == [dt.date(2026, 12, 3)]
    assert [i.due for i in items_of(answer)] == [None]


def test_a_named_submission_day_is_a_limit_to_borrow():
    body = "Abstract submission is on December 10. Let me know if you can co-author it."
    german = "Einsendeschluss ist der 10. Dezember. Sag mir, ob du mitschreiben willst."
    assert [i.due for body in (body, german) for i in items_of(body)] == [dt.date(2026, 12, 10)] * 2


def test_could_you_let_me_know_is_an_answer_not_due_on_the_events_day():
    body = (
        "I'm putting together a breakfast panel for Thursday, December 17, at 7:30. "
        "We'd love to have you on it. Could you let me know if you're able to join?"
    )
    assert [i.due for i in items_of(body)] == [None]


def test_what_reaches_the_reader_by_a_date_is_no_deadline_for_them():
    body = (
        "The defence will be on 20 January in Lisbon. The thesis would reach you by the end of "
        "this month. Could you let me know whether you are available?"
    )
    assert [i.due for i in items_of(body)] == [None]


def test_no_need_to_decide_this_week_borrows_no_date():
    body = (
        "The consultation closes on 30 December. Do you think we should submit a response? "
        "No need to decide this week."
    )
    assert [i.due for i in items_of(body)] == [None]


def test_a_list_item_naming_a_later_event_is_due_when_the_list_is():
    body = (
        "The inspection is on Friday. I need three things from you by Wednesday:\n\n"
        "1. the revised bed management policy, signed off;\n"
        "2. the Q3 discharge figures by ward;\n"
        "3. the name of whoever from patient services will sit in on the 10am interview on "
        "Friday.\n\nThe rest of the pack is with Quality already."
    )
    items = items_of(body)
    assert "interview" in items[-1].text
    assert [(i.due, i.time) for i in items] == [(dt.date(2026, 12, 2), None)] * 3


def test_confirming_whether_you_can_come_is_an_answer_not_due_on_the_day():
    body = (
        "The workshop on onboarding is on Thursday 10 December at 9:00. We'd love to have you "
        "there. Can you confirm whether you're available?"
    )
    assert [i.due for i in items_of(body)] == [None]


def test_a_list_item_named_by_a_past_date_is_due_when_the_list_is():
    body = (
        "Für den Jahresabschluss fehlen uns noch folgende Unterlagen:\n\n"
        "1. die Inventurliste zum 31.12.2025 (je Filiale)\n"
        "2. der Leasingvertrag für den neuen Lieferwagen\n\n"
        "Wir ersuchen um Übermittlung bis Freitag, 4. Dezember."
    )
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 4)] * 2


def test_an_ask_whose_own_past_date_is_its_deadline_is_due_today():
    body = "The invoice was due on 20 November. Please pay the invoice due on 20 November."
    assert [i.due for i in items_of(body)] == [MONDAY]


def test_a_clock_change_is_no_deadline_to_borrow():
    body = (
        "The SSO cutover is scheduled for Friday 4 December at 09:00. Before then I need you "
        "to:\n\n- approve the change request, and\n- confirm the VPN profile points at the new "
        "IdP.\n\nHeads up: your clocks go back on Wednesday, so double check what that is for you."
    )
    assert [(i.due, i.time) for i in items_of(body)] == [(dt.date(2026, 12, 4), dt.time(9))] * 2


def test_opening_hours_a_question_is_about_are_no_deadline():
    body = (
        "Could you send us the revised timeline by Friday? Also, could you check with the venue "
        "whether the bar can stay open until 2am?"
    )
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 4), None]


def test_a_limit_inside_the_question_is_still_its_deadline():
    body = "Could you let me know whether we should hold the rooms until 3 December?"
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 3)]


def test_no_need_to_answer_two_sentences_later_borrows_no_date():
    body = (
        "I'd like to know whether you want to keep the extended Sunday opening (until 21:00). "
        "Sales after 19:00 are about 4% of the day. "
        "No need to answer before I leave; whenever you've had a look at the numbers."
    )
    assert [i.due for i in items_of(body)] == [None]


def test_a_sooner_limit_after_the_list_beats_the_intros_event():
    body = (
        "What I'd need from you before we launch to the investors on Friday:\n\n"
        "- your sign-off on the final memorandum, and\n"
        "- the names of the people who should get data room access.\n\n"
        "Could I have both by Wednesday 2 December, 9am?"
    )
    items = items_of(body)
    assert [(i.due, i.time) for i in items] == [(dt.date(2026, 12, 2), dt.time(9))] * 2


def test_dates_to_pick_from_are_no_deadline_and_the_mails_limit_holds():
    body = (
        "Für die Terminplanung brauche ich eine Rückmeldung bis Mittwoch. "
        "Konkret bitte ich Sie um zwei Dinge:\n\n"
        "- teilen Sie mir mit, welche der drei möglichen Termine (7., 9. oder 14. Dezember) für "
        "Sie passen;\n- sagen Sie mir, ob Sie das Protokoll übernehmen könnten."
    )
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 2)] * 2


def test_checking_whether_a_date_is_free_is_no_deadline():
    body = (
        "Pourrais-tu vérifier si le studio est libre fin janvier 2027 pour une semaine de "
        "répétitions ?"
    )
    assert [i.due for i in items_of(body)] == [None]


def test_a_wished_for_day_after_the_ask_is_its_deadline():
    body = (
        "¿Podrías mandarme antes del jueves la lista definitiva de figurantes? Sin ella no puedo "
        "pedir los trajes y las pruebas son el viernes por la mañana. También necesito que "
        "firmes la orden de compra (está en la carpeta). Si puede ser el miércoles mejor, porque "
        "la tienda no reserva nada sin el pago."
    )
    assert [i.due for i in items_of(body, MADRID)] == [dt.date(2026, 12, 3), dt.date(2026, 12, 2)]
