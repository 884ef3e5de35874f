"""Dates that describe rather than set a deadline: 'this week' beside a day, a period covered."""

import datetime as dt

from digests.summarize.dates import resolve_deadline
from tests.digests.test_summarize_actions import BERLIN, TUESDAY, items_of

SENT = dt.datetime(2026, 11, 30, 9, tzinfo=BERLIN)  # a Monday


def test_a_day_named_beside_this_week_is_the_deadline():
    found = resolve_deadline("The last payment run this week closes at noon tomorrow.", SENT)
    assert (found.due, found.time) == (TUESDAY, dt.time(12))
    assert resolve_deadline("Can you send it this week?", SENT).due == dt.date(2026, 12, 4)


def test_a_period_the_thing_covers_is_no_deadline():
    body = (
        "Hi Rafael,\n\nBefore Tuesday's call could you send me the recruitment log for the "
        "Rome site (through November 27)?\n\nThanks,\nJordan"
    )
    assert items_of(body)[0].due == TUESDAY


def test_tonights_small_hours_are_the_next_morning_and_the_event_stays_named():
    body = (
        "Tom,\n\nYou're on call this week, so please expand the volume before tonight's 02:00 "
        "backup window.\n\nSiobhan"
    )
    item = items_of(body)[0]
    assert item.text == "Expand the volume before tonight's 02:00 backup window"
    assert (item.due, item.time) == (TUESDAY, dt.time(2))


def test_tonights_half_past_midnight_is_the_next_morning():
    body = "Tom,\n\nPlease finish the migration before tonight's 00:30 backup.\n\nSiobhan"
    item = items_of(body)[0]
    assert (item.due, item.time) == (TUESDAY, dt.time(0, 30))


def test_a_day_after_the_week_leaves_this_week_the_deadline():
    text = "Can you finish the report this week so Maria can present it on Monday?"
    assert resolve_deadline(text, SENT).due == dt.date(2026, 12, 4)
