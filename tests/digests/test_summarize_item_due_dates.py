"""Which due date an action item takes: its own, the mail's deadline, or none."""

import datetime as dt

from tests.digests.test_summarize_actions import MONDAY, THURSDAY, items_of

WEDNESDAY = MONDAY + dt.timedelta(2)


def test_the_senders_own_plan_for_today_is_no_deadline_to_borrow():
    body = (
        "Hi Alex,\n\nQuick heads-up. The submission slot closes on Wednesday. If we miss it, "
        "the next slot is two weeks later.\n\nWhat I still need from you:\n"
        "- the final build uploaded to the portal\n- your signature on the questionnaire\n\n"
        "I will handle the screenshots and the metadata today.\n\nThanks,\nHaruka"
    )
    items = items_of(body)
    assert {item.due for item in items} == {WEDNESDAY}


def test_a_bare_time_of_an_event_today_sets_no_limit_for_an_answer():
    body = (
        "Hi Alex,\n\nWould you be willing to give a short talk? If that works, "
        "please send me your slides by Wednesday.\n\n"
        "Lunch is on us, and it ends at 15:00.\n\nIda"
    )
    items = items_of(body)
    assert {item.due for item in items} == {WEDNESDAY}


def test_sometime_next_week_is_due_by_the_end_of_next_week():
    body = "Hi Alex,\n\nCould you send me the revised budget sometime next week?\n\nThanks,\nMia"
    (item,) = items_of(body)
    assert item.due == dt.date(2026, 12, 11)


def test_a_week_before_a_borrowed_deadline_is_due_a_week_earlier():
    body = (
        "Hi Alex,\n\nYou should submit your talk to the conference. The CFP closes on "
        "15 January.\n\nIf you do, could you send me the abstract a week before so I can "
        "give you comments?\n\nMia"
    )
    items = items_of(body)
    assert dt.date(2027, 1, 8) in {item.due for item in items}


def test_a_date_wanted_before_the_meeting_beats_the_meetings_date():
    body = (
        "Hi Alex,\n\nCould you pull together the Q3 comp set analysis for the owners' meeting "
        "on Friday? Would be great to have it Thursday so I can go through it before I "
        "present.\n\nThanks,\nMia"
    )
    (item,) = items_of(body)
    assert item.due == MONDAY + dt.timedelta(3)


def test_an_ask_for_a_meeting_without_a_nearer_deadline_is_due_on_the_meetings_day():
    body = (
        "Hi Alex,\n\nCould you pull together the Q3 comp set analysis for the owners' meeting "
        "on Friday?\n\nThanks,\nMia"
    )
    (item,) = items_of(body)
    assert item.due == MONDAY + dt.timedelta(4)


def test_a_request_with_its_own_deadline_beats_the_date_its_need_borrowed():
    body = (
        "Hi Alex,\n\nKelsey starts tomorrow at 7:30, but the form still needs your signature. "
        "Can you sign it in the HR portal before 5 today?\n\nThanks,\nDenise"
    )
    (item,) = items_of(body)
    assert (item.due, item.time) == (MONDAY, dt.time(17))


def test_right_at_a_time_leaves_no_dangling_word_in_the_item():
    body = (
        "Hi Alex,\n\nThe embargo lifts tomorrow at 09:00 UTC. Could you publish the 4.2.3 "
        "release right at 09:00 UTC?\n\nLiam"
    )
    afternoon = dt.datetime(2026, 11, 30, 13, 0, tzinfo=dt.UTC)
    (item,) = items_of(body, received=afternoon)
    assert item.text == "Publish the 4.2.3 release"
    assert (item.due, item.time) == (MONDAY + dt.timedelta(1), dt.time(10))


def test_ideally_a_day_after_an_ask_moves_its_date_to_that_day():
    body = (
        "Hi Alex,\n\nCould you send me the attendance figures before the board meeting on "
        "Friday? Ideally Thursday noon, so I can add them to my slides.\n\nMartine"
    )
    (item,) = items_of(body)
    assert (item.due, item.time) == (THURSDAY, dt.time(12))
