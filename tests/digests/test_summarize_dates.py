"""Deadlines: dates and times of day in four languages, resolved in the reader's zone."""

import datetime as dt
import zoneinfo

import pytest

from digests.summarize import Deadline, resolve_deadline, resolve_due

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Monday 30 November 2026, 09:15 in Berlin.
RECEIVED = dt.datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("please send the signed contract by Friday 5pm", dt.date(2026, 12, 4)),
        ("by EOD", dt.date(2026, 11, 30)),
        ("before the end of the day", dt.date(2026, 11, 30)),
        ("tomorrow", dt.date(2026, 12, 1)),
        ("by Dec 4", dt.date(2026, 12, 4)),
        ("by December 4th, 2027", dt.date(2027, 12, 4)),
        ("by 4 December", dt.date(2026, 12, 4)),
        ("by the 4th of Dec", dt.date(2026, 12, 4)),
        ("by 2026-12-04", dt.date(2026, 12, 4)),
        ("by Monday", dt.date(2026, 11, 30)),  # said on a Monday: today
        ("by next Monday", dt.date(2026, 12, 7)),
        ("by next Tuesday", dt.date(2026, 12, 8)),  # the Tuesday of next week, not tomorrow
        ("by end of week", dt.date(2026, 12, 4)),
        ("by the end of next week", dt.date(2026, 12, 11)),
        ("this week", dt.date(2026, 12, 4)),
        ("by the end of the month", dt.date(2026, 11, 30)),
        ("within 48 hours", dt.date(2026, 12, 2)),
        ("within 3 business days", dt.date(2026, 12, 3)),
        ("before 3pm", dt.date(2026, 11, 30)),
        ("next week", dt.date(2026, 12, 7)),
        ("by Jan 4", dt.date(2027, 1, 4)),  # late in the year: next January
        ("by the 13th", dt.date(2026, 12, 13)),  # the next 13th
        ("COB Thursday", dt.date(2026, 12, 3)),  # the close of *that* day
        ("no later than March 20", dt.date(2027, 3, 20)),
        ("Thursday, before she leaves on Friday", dt.date(2026, 12, 3)),
        ("bis Freitag, 4. Dezember", dt.date(2026, 12, 4)),
        ("heute vor 18 Uhr", dt.date(2026, 11, 30)),
        ("avant demain midi", dt.date(2026, 12, 1)),
        ("antes del viernes", dt.date(2026, 12, 4)),
        ("el 15 de diciembre", dt.date(2026, 12, 15)),
        ("Frist: 04.12.2026", dt.date(2026, 12, 4)),
        ("by Tuesday next week, Dec 8", dt.date(2026, 12, 8)),  # the calendar date decides
        ("by Tuesday week (8th)", dt.date(2026, 12, 8)),
        ("the release is tomorrow, so the cash report by EOD today", dt.date(2026, 11, 30)),
        ("antes de las 18:00 de hoy: la imprenta es mañana", dt.date(2026, 11, 30)),
        ("by the 4th of March", dt.date(2027, 3, 4)),
        ("the 1st draft is attached", None),
        ("necesito la firma para el 13", dt.date(2026, 12, 13)),
        ("la factura antes del 25", dt.date(2026, 12, 25)),
        ("le 13 mars", dt.date(2027, 3, 13)),
        ("un descuento del 25 %", None),
        ("by 2026-02-30", None),
        ("whenever you like", None),
        ("Guten Morgen Jonas", None),  # a greeting, not tomorrow
        ("release 2.3.1 is out", None),
    ],
)
def test_dates_resolve_against_the_received_time(phrase, due):
    assert resolve_due(phrase, RECEIVED) == due


@pytest.mark.parametrize(
    ("phrase", "due", "time"),
    [
        ("by 5 p.m. Friday", dt.date(2026, 12, 4), dt.time(17)),
        ("before 18:00 today", dt.date(2026, 11, 30), dt.time(18)),
        ("by noon tomorrow", dt.date(2026, 12, 1), dt.time(12)),
        ("bis 18 Uhr", dt.date(2026, 11, 30), dt.time(18)),
        ("before 6", dt.date(2026, 11, 30), dt.time(18)),  # a bare office hour is the afternoon
        ("at midnight", dt.date(2026, 11, 30), dt.time(23, 59)),
        ("first thing tomorrow", dt.date(2026, 12, 1), dt.time(9)),
        ("demain à la première heure", dt.date(2026, 12, 1), dt.time(9)),
        ("by mid-December", dt.date(2026, 12, 15), None),
        ("by 9:30 a.m. on Wednesday", dt.date(2026, 12, 2), dt.time(9, 30)),
    ],
)
def test_stated_times_of_day_are_kept(phrase, due, time):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(due, time)


def test_a_named_zone_is_converted_into_the_readers_zone():
    # 5 p.m. in New York is 23:00 in Berlin.
    assert resolve_deadline("by 5 p.m. ET Friday", RECEIVED) == Deadline(
        dt.date(2026, 12, 4), dt.time(23)
    )
    # 9 p.m. in Los Angeles on Friday is Saturday 06:00 in Berlin: the date moves too.
    assert resolve_deadline("Friday 9pm PT", RECEIVED) == Deadline(dt.date(2026, 12, 5), dt.time(6))


def test_a_time_without_a_zone_is_the_senders():
    sender = zoneinfo.ZoneInfo("America/New_York")
    found = resolve_deadline("before 18:00 today", RECEIVED, sender)
    assert found == Deadline(dt.date(2026, 12, 1), dt.time(0))


def test_dates_use_the_readers_time_zone():
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)  # Tuesday 00:30 in Berlin
    assert resolve_due("by EOD", late.astimezone(BERLIN)) == dt.date(2026, 12, 1)
    assert resolve_due("by EOD", late.astimezone(NEW_YORK)) == dt.date(2026, 11, 30)


def test_a_deadline_falls_due_at_its_time_or_the_end_of_its_day():
    assert Deadline(dt.date(2026, 12, 1), dt.time(9)).moment(BERLIN) == dt.datetime(
        2026, 12, 1, 9, tzinfo=BERLIN
    )
    assert Deadline(dt.date(2026, 12, 1)).moment(BERLIN) == dt.datetime(
        2026, 12, 1, 23, 59, tzinfo=BERLIN
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "we met on Monday and agreed on the scope",
        "thanks for the call on Friday",
        "Storybook has been down since Friday",
        "last Thursday we shipped 4.12",
        "the deploy failed on Wednesday",
    ],
)
def test_past_tense_weekdays_name_no_deadline(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("the review was moved to Friday", dt.date(2026, 12, 4)),
        ("it is scheduled for Thursday", dt.date(2026, 12, 3)),
        ("please send it on Friday", dt.date(2026, 12, 4)),
        ("your store will be paused on Friday", dt.date(2026, 12, 4)),
    ],
)
def test_weekdays_after_future_verbs_stay_deadlines(phrase, due):
    assert resolve_due(phrase, RECEIVED) == due


def test_a_bare_time_already_past_after_by_is_the_next_days():
    evening = dt.datetime(2026, 11, 30, 21, 0, tzinfo=BERLIN)
    assert resolve_deadline("Send it to me by 8:00 at the latest", evening) == Deadline(
        dt.date(2026, 12, 1), dt.time(8)
    )


def test_a_past_time_without_a_cue_is_today_without_a_time():
    evening = dt.datetime(2026, 11, 30, 21, 0, tzinfo=BERLIN)
    assert resolve_deadline("the deploy has hung since 15:20", evening) == Deadline(
        dt.date(2026, 11, 30)
    )


@pytest.mark.parametrize(
    ("phrase", "due", "time"),
    [
        # Anywhere on Earth is UTC-12: Thursday 23:59 AoE is Friday 12:59 in Berlin.
        ("by 23:59 AoE Thursday", dt.date(2026, 12, 4), dt.time(12, 59)),
        ("send it by 9am London", dt.date(2026, 11, 30), dt.time(10)),
        ("by 5 p.m. Singapore tomorrow", dt.date(2026, 12, 1), dt.time(10)),
    ],
)
def test_zones_named_by_city_or_aoe_are_converted(phrase, due, time):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(due, time)


def test_some_weekday_is_no_date_yet():
    assert resolve_deadline("would you do a session some Thursday in October?", RECEIVED) is None


def test_relative_days_with_a_named_zone_count_in_that_zone():
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    # Wednesday 20:00 in Berlin is Thursday 03:00 in Tokyo; Berlin's tomorrow is Thursday.
    received = dt.datetime(2026, 9, 9, 20, 0, tzinfo=BERLIN).astimezone(tokyo)
    found = resolve_deadline("I need your decision by noon tomorrow Berlin time", received)
    assert found == Deadline(dt.date(2026, 9, 10), dt.time(19))


@pytest.mark.parametrize(
    "phrase",
    ["el pool bancario actualizado a 30 de abril", "the intercompany balances as of 31 December"],
)
def test_an_as_of_date_is_no_deadline(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


@pytest.mark.parametrize("phrase", ["Please, right now:", "call payroll immediately"])
def test_right_now_is_today(phrase):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 11, 30))


def test_slashed_dates_are_month_first_in_the_americas_and_day_first_elsewhere():
    new_york = RECEIVED.astimezone(NEW_YORK)
    assert resolve_due("by 12/15", new_york) == dt.date(2026, 12, 15)
    assert resolve_due("by 3/12/2027", new_york) == dt.date(2027, 3, 12)
    assert resolve_due("bis 15/12", RECEIVED) == dt.date(2026, 12, 15)
    assert resolve_due("antes del 3/12/2027", RECEIVED) == dt.date(2027, 12, 3)
    assert resolve_deadline("we offer 24/7 support", RECEIVED) is None


def test_close_of_business_in_a_named_zone_is_17_00_there():
    # COB Thursday in New York is 23:00 in Berlin; a bare "EOD Friday" stays a date.
    assert resolve_deadline("by COB Thursday ET", RECEIVED) == Deadline(
        dt.date(2026, 12, 3), dt.time(23)
    )
    assert resolve_deadline("by EOD Friday", RECEIVED) == Deadline(dt.date(2026, 12, 4))


def test_within_n_hours_falls_due_at_that_hour():
    # 09:15 in Berlin plus 48 hours is Wednesday 09:15.
    assert resolve_deadline("within 48 hours", RECEIVED) == Deadline(
        dt.date(2026, 12, 2), dt.time(9, 15)
    )


def test_a_time_with_seconds_keeps_its_zone():
    # "Not after: 2026-12-02 06:00:00 UTC" is 07:00 in Berlin.
    assert resolve_deadline("Not after: 2026-12-02 06:00:00 UTC", RECEIVED) == Deadline(
        dt.date(2026, 12, 2), dt.time(7)
    )
