"""Due dates: a day of the month before a word, a stated time over "first thing", past moments."""

import datetime as dt

from digests.summarize.dates import resolve_deadline
from tests.digests.test_summarize_actions import BERLIN, items_of

RECEIVED = dt.datetime(2026, 11, 30, 10, 0, tzinfo=BERLIN)


def test_a_day_of_the_month_before_a_word_starting_like_a_month_is_a_date():
    sentence = "J'ai besoin du contrat signé d'ici le 13. Après cette date, le tarif change."
    assert resolve_deadline(sentence, RECEIVED).due == dt.date(2026, 12, 13)


def test_a_stated_time_beats_first_thing():
    found = resolve_deadline("Can your rider bring it first thing tomorrow, before 8?", RECEIVED)
    assert (found.due, found.time) == (dt.date(2026, 12, 1), dt.time(8))
    assert resolve_deadline("Send it first thing tomorrow.", RECEIVED).time == dt.time(9)


def test_a_moment_already_past_gives_way_to_a_limit_ahead():
    body = (
        "Sehr geehrte Frau Vogel,\n\nDie Druckdaten sind heute um 08:00 Uhr eingegangen. "
        "Damit wir den Slot am Mittwoch halten können, benötigen wir Ihre Druckfreigabe bis "
        "morgen, 9:00 Uhr. Danach müssten wir den Auftrag verschieben.\n\n"
        "Bitte bestätigen Sie mir, ob es bei einer Auflage von 8.000 Exemplaren bleibt.\n\n"
        "Mit freundlichen Grüßen\nPiotr Kowalski"
    )
    found = items_of(body, received=dt.datetime(2026, 11, 30, 16, 10, tzinfo=BERLIN))
    (item,) = [item for item in found if item.text.startswith("Dana bestätigen")]
    assert (item.due, item.time) == (dt.date(2026, 12, 1), dt.time(9))


def test_an_also_ask_to_hand_something_in_shares_the_deadline_before_it():
    body = (
        "Hi Alex,\n\nKindly make the payment through the Remita reference before 2pm "
        "tomorrow.\n\nAlso send me the proof of payment once done so I can book the exit.\n\n"
        "Thanks,\nEmeka"
    )
    items = items_of(body)
    assert [(item.due, item.time) for item in items] == [(dt.date(2026, 12, 1), dt.time(14))] * 2


def test_an_also_question_keeps_no_deadline_of_its_own():
    body = (
        "Hi Alex,\n\nCould you send the schedule by 16 December, so we can prepare the letters? "
        "Also, could you let us know who in Ferrolog we should address it to?\n\nGrant"
    )
    items = items_of(body)
    assert [item.due for item in items] == [dt.date(2026, 12, 16), None]


def test_the_same_as_today_is_a_comparison_not_a_date():
    sentence = "Could you send a proposal with the same scope as today and one with OT monitoring?"
    assert resolve_deadline(sentence, RECEIVED) is None
    assert resolve_deadline("Please send it no later than today.", RECEIVED).due == RECEIVED.date()


def test_a_list_of_things_dated_by_a_line_after_it_takes_that_day_and_the_intros_own_verb():
    body = (
        "Hi Dana,\n\nOur PM wants to lock the transfer plan on Monday, so ahead of that I need "
        "three things from you:\n\n1. the updated bill of materials with item codes\n"
        "2. the cleaning validation matrix\n3. the asset register reconciled to the TB\n\n"
        "Friday would be great.\n\nSam"
    )
    found = items_of(body, sender="Sam Rivera <sam@sagebrook.example>", subject="SB-14")
    assert [(i.text, i.due) for i in found] == [
        ("Send Sam the updated bill of materials with item codes", dt.date(2026, 12, 4)),
        ("Send Sam the cleaning validation matrix", dt.date(2026, 12, 4)),
        ("Send Sam the asset register reconciled to the TB", dt.date(2026, 12, 4)),
    ]


def test_a_list_entry_that_tells_what_someone_did_is_still_news():
    body = (
        "Hi Dana,\n\nI need two things from you:\n\n- the signed NDA\n"
        "- the landlord shared the new floor plan\n\nThanks,\nSam"
    )
    found = items_of(body, sender="Sam Rivera <sam@sagebrook.example>", subject="Office")
    assert [i.text for i in found] == ["Send Sam the signed NDA (re: Office)"]


def test_a_purpose_before_a_list_intro_gives_its_entries_no_verb():
    body = (
        "Hi Priya,\n\nTo plan the audit trail I need three things from you by Thursday:\n\n"
        "1. Your current HACCP plan.\n2. The allergen matrix.\n\nLinda"
    )
    found = items_of(body, sender="Linda Kowalczyk <linda@audit.example>", subject="SQF")
    assert [i.text.split(" (re: ")[0] for i in found] == [
        "Send Linda your current HACCP plan",
        "Send Linda the allergen matrix",
    ]
