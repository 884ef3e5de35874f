"""Due dates: which date an ask takes when its mail names dates for other things."""

import datetime as dt

from digests.summarize.dates import Deadline, resolve_deadline
from tests.digests.test_summarize_actions import BERLIN, FRIDAY, THURSDAY, TUESDAY, items_of


def test_asking_whether_the_reader_can_attend_takes_no_event_date():
    body = (
        "Hi Ana,\n\nWe're holding the planning workshop on Friday 4 December, 09:30-13:00 "
        "in the boardroom. Could you confirm you can attend? And please bring the fleet "
        "numbers.\n\nFernanda"
    )
    items = items_of(body)
    assert items[0].due is None
    assert (items[1].due, items[1].time) == (FRIDAY, dt.time(9, 30))


def test_whether_the_reader_can_join_on_a_day_is_no_deadline_but_a_reply_limit_is():
    body = (
        "Hi Wei,\n\nThe fair runs the week of 14 December. Would you be able to join for at "
        "least the Wednesday and Thursday? And could you send me your top five titles by "
        "Friday?\n\nMarcus"
    )
    items = items_of(body)
    assert items[0].due is None
    assert items[1].due == FRIDAY
    limited = body.replace("December.", "December. Sign-ups close on Friday.")
    assert items_of(limited)[0].due == FRIDAY


def test_could_you_join_is_still_due_when_the_call_is():
    body = "Hi Sam,\n\nThe supplier call is on Friday at 15:00. Could you join?\n\nLena"
    assert items_of(body)[0].due == FRIDAY


def test_a_date_that_spells_out_a_count_of_working_days_wins():
    received = dt.datetime(2026, 4, 6, 9, 15, tzinfo=BERLIN)  # a Monday
    found = resolve_deadline("Deadline: within 5 working days (by 10 April 2026)", received)
    assert found == Deadline(dt.date(2026, 4, 10))
    found = resolve_deadline("Bitte innerhalb von 5 Werktagen (bis 10. April) antworten.", received)
    assert found == Deadline(dt.date(2026, 4, 10))


def test_a_count_of_days_before_a_purpose_is_the_asks_own_limit():
    received = dt.datetime(2026, 4, 20, 18, 0, tzinfo=BERLIN)  # a Monday
    sentence = "Please approve it within two business days so we can submit it before the 25th."
    assert resolve_deadline(sentence, received) == Deadline(dt.date(2026, 4, 22))


def test_a_count_of_things_after_at_is_no_hour():
    received = dt.datetime(2026, 1, 13, 10, 0, tzinfo=BERLIN)
    assert resolve_deadline("We will host the circles at 4 branches.", received) is None
    assert resolve_deadline("Can we meet at 4 this afternoon?", received) == Deadline(
        dt.date(2026, 1, 13), dt.time(16)
    )


def test_a_list_after_an_intro_naming_an_event_takes_the_limit_after_the_list():
    body = (
        "Hi Erin,\n\nTo get your claim into this week's file review I still need:\n"
        "- photos of the ceiling damage in the hallway\n"
        "- the invoice from the plumber for the repair\n\n"
        "Please upload both to the claim portal by 5 p.m. tomorrow.\n\nDana"
    )
    assert {(i.due, i.time) for i in items_of(body)} == {(TUESDAY, dt.time(17))}


def test_a_period_in_brackets_says_what_a_listed_thing_covers_not_when_it_is_due():
    body = (
        "Dear Oliver,\n\nTo file your return, we'll need from you by Friday:\n"
        "- rental income and expenses for the flat (6 April 2025 - 5 April 2026)\n"
        "- your P60 from your employer\n\nHannah"
    )
    assert [i.due for i in items_of(body)] == [FRIDAY, FRIDAY]


def test_a_deadline_with_its_clock_and_zone_before_the_date_beats_an_earlier_event_day():
    received = dt.datetime(2026, 3, 5, 19, 0, tzinfo=BERLIN)
    sentence = "Our meeting is Wednesday morning, so please send both by 3pm Central on Tuesday."
    assert resolve_deadline(sentence, received).due == dt.date(2026, 3, 10)
    sentence = "Our meeting is Wednesday morning, so send both by 3pm on Tuesday March 10."
    assert resolve_deadline(sentence, received).due == dt.date(2026, 3, 10)


def test_the_end_of_next_month_is_its_last_day_in_four_languages():
    received = dt.datetime(2026, 9, 7, 18, 0, tzinfo=BERLIN)
    for phrase in (
        "by the end of next month",
        "d'ici la fin du mois prochain",
        "bis Ende nächsten Monats",
        "antes de fin del mes que viene",
    ):
        assert resolve_deadline(phrase, received) == Deadline(dt.date(2026, 10, 31)), phrase
    assert resolve_deadline("by the end of the month", received) == Deadline(dt.date(2026, 9, 30))


def test_no_rush_with_a_day_that_is_fine_still_dates_the_ask():
    body = (
        "Hey Rizky,\n\nCould you put together a rough estimate (days + cost) for phase 2? "
        "No rush - end of next week is totally fine.\n\nShawn"
    )
    assert items_of(body)[0].due == dt.date(2026, 12, 11)
    either = body.replace("end of next week is", "next week or the week after is")
    assert items_of(either)[0].due is None


def test_by_the_same_date_takes_the_deadline_just_given():
    body = (
        "Dear Mr Papadakis,\n\nTo complete your registration, please:\n"
        "1. register your team on the platform by Friday;\n"
        "2. upload the CVs of the lead architect by the same date.\n"
        "Stage 1 submissions will be due on 15 July.\n"
    )
    assert [i.due for i in items_of(body)] == [FRIDAY, FRIDAY]


def test_dates_to_choose_between_are_options_not_the_asks_deadline():
    body = (
        "Hi Claire,\n\nFor Friday's committee, could you prepare a store-by-store summary? "
        "I'd also like your recommendation on whether we go to the second markdown on the "
        "15th or wait until the 22nd.\n\nBertrand"
    )
    assert [i.due for i in items_of(body)] == [FRIDAY, FRIDAY]
    body = "Can you tell me by Friday whether you want the Tuesday or the Thursday flight?"
    assert [i.due for i in items_of(body)] == [FRIDAY]


def test_zones_beyond_europe_and_the_us_are_read():
    received = dt.datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)
    found = resolve_deadline("Please get both to me by 5pm Tuesday NZ time.", received)
    assert found == Deadline(dt.date(2026, 12, 1), dt.time(5))
    found = resolve_deadline("Send it by 17:00 SAST tomorrow.", received)
    assert found == Deadline(dt.date(2026, 12, 1), dt.time(16))


def test_an_ask_dated_by_its_event_takes_the_time_another_sentence_gives_it():
    body = (
        "Hi Daniel,\n\nCould you send your top 40 selects ahead of Tuesday's call? "
        "The call is 10 a.m. Pacific on Dec 1.\n\nRosa"
    )
    assert [(i.due, i.time) for i in items_of(body)] == [(dt.date(2026, 12, 1), dt.time(19))]


def test_a_bare_time_in_an_ask_takes_the_day_the_sentence_before_gives_it():
    body = (
        "Servus Stefan,\n\nDer Requalifizierungslauf ist für Donnerstag früh geplant, wir "
        "starten um 06:00. Könntest du um 06:00 vor Ort sein und die Dosismessung abnehmen?"
        "\n\nDragan"
    )
    assert [(i.due, i.time) for i in items_of(body)] == [(THURSDAY, dt.time(6))]


def test_right_away_is_today_and_a_spanish_preterite_weekday_is_no_deadline():
    received = dt.datetime(2026, 3, 3, 16, 45, tzinfo=BERLIN)
    today = Deadline(dt.date(2026, 3, 3))
    assert resolve_deadline("Remove the public link right away.", received) == today
    assert resolve_deadline("Quita el acceso público ya mismo.", received) == today
    assert resolve_deadline("El enlace que creaste el lunes está indexado.", received) is None
