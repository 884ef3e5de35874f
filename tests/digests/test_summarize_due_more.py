"""Due dates: which date an ask takes when its mail names dates for other things."""

import datetime as dt

from tests.digests.test_summarize_actions import FRIDAY, items_of


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
