"""Dates that describe rather than set a deadline: 'this week' beside a day, a period covered."""

import datetime as dt

import pytest

from digests.summarize.dates import resolve_deadline
from tests.digests.test_summarize_actions import BERLIN, MONDAY, TUESDAY, items_of

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


@pytest.mark.parametrize(
    "text",
    [
        "Please raise the price by 5 percent.",
        "Any weeknight after 6pm works for most of us.",
        "Ideal wäre ein Dienstag oder Donnerstag ab 18.30 Uhr.",
        "Ideally a Tuesday or Thursday after 6:30 pm.",
        "Nos viene bien desde las 18:00.",
    ],
)
def test_an_amount_a_time_from_which_and_some_day_are_no_deadline(text):
    assert resolve_deadline(text, SENT) is None


def test_an_amount_stays_in_the_item():
    body = "Hi,\n\nPlease explain why the levy is increasing by 12%.\n\nJasmine"
    assert items_of(body)[0].text == "Explain why the levy is increasing by 12%"


@pytest.mark.parametrize(
    "text",
    [
        "by mid-December",
        "gerne bis Mitte Dezember",
        "d'ici mi-décembre",
        "antes de mediados de diciembre",
    ],
)
def test_the_middle_of_a_month_is_its_15th(text):
    assert resolve_deadline(text, SENT).due == dt.date(2026, 12, 15)


def test_a_listed_ask_naming_a_past_date_takes_the_deadline_after_the_list():
    body = (
        "Dear Ms Tan,\n\nThank you for attending our meeting on Tuesday. The committee has "
        "two requests:\n\n(a) Please circulate the minutes of the 14 November meeting to all "
        "residents.\n(b) Please let us know the revised timeline for the gym.\n\nWe would "
        "appreciate a response by Wednesday.\n\nJasmine"
    )
    assert [item.due for item in items_of(body)[:2]] == [dt.date(2026, 12, 2)] * 2


def test_what_a_miss_brings_leaves_the_deadline_before_it():
    body = (
        "Dana,\n\nIf I have your countersigned order form by 5 p.m. today, I can walk it to "
        "signature tonight. If not, I have been told to sign with Veltrix tomorrow morning.\n\n"
        "Please send the countersigned PDF directly to me.\n\nRachel"
    )
    assert items_of(body)[0].due == MONDAY


def test_a_separate_ask_after_a_list_keeps_its_deadline_to_itself():
    body = (
        "Hi Tom,\n\nCould you provide the following within 5 business days:\n\n"
        "  1. Revenue detail listing for Q3 by contract\n"
        "  2. Aged accounts receivable at 15 November\n"
        "  3. The signed engagement letter\n\n"
        "Separately, could you please confirm by Tuesday who will be our contact?\n\nMegan"
    )
    assert [item.due for item in items_of(body)] == [dt.date(2026, 12, 7)] * 3 + [TUESDAY]


def test_a_spanish_deadline_at_an_hour_after_a_list_dates_the_list():
    body = (
        "Hola Tomás:\n\nNecesitamos de vuestro hospital:\n"
        "- los pacientes en lista de espera a 15 de noviembre;\n"
        "- una frase sobre el plan de choque que empezasteis en octubre.\n\n"
        "¿Nos lo podrías mandar hoy antes de las 20:00?\n\nLucía"
    )
    assert [(i.due, i.time) for i in items_of(body)][:2] == [(MONDAY, dt.time(20))] * 2


def test_a_subjects_today_yields_to_the_bodys_moment_on_the_next_day_in_the_readers_zone():
    body = (
        "Your payment failed.\n\nThis was our final retry. Your account will be suspended at "
        "23:59 UTC on November 30, 2026.\n\nUpdate payment method"
    )
    item = items_of(
        body,
        automated=True,
        subject="Action required: payment failed - your account will be suspended today",
        sender="DocuSign Billing <billing-noreply@docusign.example>",
    )[0]
    assert (item.due, item.time) == (TUESDAY, dt.time(0, 59))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a más tardar a las 9:00", dt.time(9)),
        ("spätestens um 8:00", dt.time(8)),
        ("au plus tard à 8h", dt.time(8)),
    ],
)
def test_a_latest_hour_already_past_today_is_tomorrows(text, expected):
    found = resolve_deadline(text, SENT.replace(hour=17))
    assert (found.due, found.time) == (TUESDAY, expected)


def test_a_french_purpose_and_a_month_end_leave_the_item():
    body = (
        "Chère Madame,\n\nMerci de m'envoyer le programme d'ici fin décembre, afin que nous "
        "puissions finaliser le salon.\n\nSylvie"
    )
    item = items_of(body)[0]
    assert (item.text, item.due) == ("Envoyer à Dana le programme", dt.date(2026, 12, 31))
