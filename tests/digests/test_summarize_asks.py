"""Asks people write: one item per thing asked, the object named, needs and questions read."""

import datetime as dt
import zoneinfo

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
