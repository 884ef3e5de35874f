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
        "Following our chat on Friday, could you send the proposal?",
        "as discussed in the call on Thursday, here is the plan",
        "we kicked off the migration today",
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


def test_a_time_the_reader_is_asked_to_be_somewhere_is_the_next_one():
    afternoon = dt.datetime(2026, 11, 30, 16, 50, tzinfo=BERLIN)
    phrase = "Please be at the pharmacy with me at 8 to meet the inspector"
    assert resolve_deadline(phrase, afternoon) == Deadline(dt.date(2026, 12, 1), dt.time(8))
    # Told, not asked: when it happened, with no time to meet.
    told = "The inspector was at the pharmacy at 8"
    assert resolve_deadline(told, afternoon) == Deadline(dt.date(2026, 11, 30))


@pytest.mark.parametrize(
    ("phrase", "due", "time"),
    [
        # Anywhere on Earth is UTC-12: Thursday 23:59 AoE is Friday 12:59 in Berlin.
        ("by 23:59 AoE Thursday", dt.date(2026, 12, 4), dt.time(12, 59)),
        ("due Thursday 23:59 Anywhere on Earth", dt.date(2026, 12, 4), dt.time(12, 59)),
        # The calendar date after "today" says which day, as the sender counts days.
        ("The deadline is TODAY, November 30, 23:59 AoE", dt.date(2026, 12, 1), dt.time(12, 59)),
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
    # a day over 12 first can only be day/month, also from a Mexican vendor to New York
    assert resolve_due("antes del 17/12", new_york) == dt.date(2026, 12, 17)


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


@pytest.mark.parametrize(
    "phrase",
    [
        "can the second shift start at 14:00 instead of 15:00?",
        "are you open to a 30-minute call sometime in March?",
        "hätten Sie im Oktober 30 Minuten für ein Gespräch?",
        "could we meet on Thursday at 10 instead?",
        "¿te viene bien el jueves a las 10?",
        "seriez-vous disponible mardi à 15h ?",
    ],
)
def test_a_time_that_a_scheduling_question_is_about_is_no_deadline(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # a slot within a day needs the answer before it comes
        (
            "can we do a short call today at 17:00 CET?",
            Deadline(dt.date(2026, 11, 30), dt.time(17)),
        ),
        (
            "hast du morgen um 10 Uhr Zeit für einen Call?",
            Deadline(dt.date(2026, 12, 1), dt.time(10)),
        ),
    ],
)
def test_a_scheduling_question_about_today_or_tomorrow_keeps_its_date(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # preparing for the meeting is due when it starts
        (
            "could you prepare the numbers for the meeting on Thursday at 10?",
            Deadline(dt.date(2026, 12, 3), dt.time(10)),
        ),
        # a deadline word makes it a deadline, question or not
        ("can you send it by Thursday at 10?", Deadline(dt.date(2026, 12, 3), dt.time(10))),
        ("kannst du bis Donnerstag 12 Uhr zusagen?", Deadline(dt.date(2026, 12, 3), dt.time(12))),
    ],
)
def test_a_question_with_a_deadline_or_a_preparation_keeps_its_date(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


def test_a_month_followed_by_a_length_is_no_date():
    assert resolve_deadline("im Oktober 30 Minuten für ein Gespräch", RECEIVED) != Deadline(
        dt.date(2027, 10, 30)
    )
    assert resolve_due("ein Termin im Oktober 30 Minuten lang", RECEIVED) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the domain expires in 25 hours", Deadline(dt.date(2026, 12, 1), dt.time(10, 15))),
        ("please reply within 48 hours", Deadline(dt.date(2026, 12, 2), dt.time(9, 15))),
        ("I need it in 2 hours", Deadline(dt.date(2026, 11, 30), dt.time(11, 15))),
        ("within the next 24 hours", Deadline(dt.date(2026, 12, 1), dt.time(9, 15))),
        ("in two hours", Deadline(dt.date(2026, 11, 30), dt.time(11, 15))),
        ("72 hours from now", Deadline(dt.date(2026, 12, 3), dt.time(9, 15))),
        ("innerhalb von 24 Stunden", Deadline(dt.date(2026, 12, 1), dt.time(9, 15))),
        ("sous 48 heures", Deadline(dt.date(2026, 12, 2), dt.time(9, 15))),
        ("dentro de 2 horas", Deadline(dt.date(2026, 11, 30), dt.time(11, 15))),
        ("in 2h", Deadline(dt.date(2026, 11, 30), dt.time(11, 15))),
        ("you have 48 hours to respond", Deadline(dt.date(2026, 12, 2), dt.time(9, 15))),
        ("within the 24-hour window", Deadline(dt.date(2026, 12, 1), dt.time(9, 15))),
    ],
)
def test_in_n_hours_is_the_send_time_plus_n_hours(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


def test_in_n_hours_counts_real_hours_across_a_clock_change():
    # Sat 24 Oct 2026 20:00 in New York is Sun 25 Oct 02:00 CEST; Berlin falls back at 03:00.
    received = dt.datetime(2026, 10, 24, 20, 0, tzinfo=NEW_YORK).astimezone(BERLIN)
    found = resolve_deadline("the domain expires in 25 hours", received)
    assert found == Deadline(dt.date(2026, 10, 26), dt.time(2, 0))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("necesito la firma antes del día 13", Deadline(dt.date(2026, 12, 13))),
        ("me lo mandas el 13", Deadline(dt.date(2026, 12, 13))),
        ("le contrat arrive à échéance le 31 décembre", Deadline(dt.date(2026, 12, 31))),
        ("merci de me répondre d'ici vendredi", Deadline(dt.date(2026, 12, 4))),
        ("bitte bis spätestens 6. März zurückmelden", Deadline(dt.date(2027, 3, 6))),
        ("bitte am Montag früh schicken", Deadline(dt.date(2026, 12, 7))),  # said on a Monday
        ("pour la fin de semaine prochaine", Deadline(dt.date(2026, 12, 11))),
        ("pour la fin de la semaine", Deadline(dt.date(2026, 12, 4))),
        ("a finales de la semana que viene", Deadline(dt.date(2026, 12, 11))),
        ("bis Ende nächster Woche", Deadline(dt.date(2026, 12, 11))),
        ("a más tardar el viernes", Deadline(dt.date(2026, 12, 4))),
        ("bis Monatsende", Deadline(dt.date(2026, 11, 30))),
        ("la semaine prochaine", Deadline(dt.date(2026, 12, 7))),
        ("bis Freitag 18.30 Uhr", Deadline(dt.date(2026, 12, 4), dt.time(18, 30))),
        ("antes del día 13 a las 12:00", Deadline(dt.date(2026, 12, 13), dt.time(12))),
        ("avant le 31 décembre à 18h", Deadline(dt.date(2026, 12, 31), dt.time(18))),
    ],
)
def test_german_french_and_spanish_deadlines(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "please reset your password now",
        "Bitte jetzt das Passwort ändern.",
        "please call me as soon as you see this",
        "Rotate the key now.",
    ],
)
def test_an_ask_for_now_is_due_today_without_a_time(phrase):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 11, 30))


@pytest.mark.parametrize(
    "phrase", ["the new dashboard is now available to everyone", "Shop now and save 20%"]
)
def test_now_in_a_statement_or_an_advert_is_no_deadline(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


def test_a_send_by_date_beats_the_event_it_prepares_for():
    phrase = "Prepare one slide for the offsite on 19 December, send it to me by the 18th 07:30"
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 12, 18), dt.time(7, 30))


@pytest.mark.parametrize(
    ("phrase", "received", "expected"),
    [
        # US on summer time from 8 March, Berlin not until 29 March: 17:00 EDT is 22:00 CET.
        (
            "by 5 p.m. ET Friday",
            dt.datetime(2026, 3, 10, 9, tzinfo=BERLIN),
            Deadline(dt.date(2026, 3, 13), dt.time(22)),
        ),
        # Europe back on winter time from 25 October, the US not until 1 November.
        (
            "by 5 p.m. ET Friday",
            dt.datetime(2026, 10, 26, 9, tzinfo=BERLIN),
            Deadline(dt.date(2026, 10, 30), dt.time(22)),
        ),
        (
            "by noon ET tomorrow",
            dt.datetime(2026, 10, 27, 9, tzinfo=zoneinfo.ZoneInfo("Europe/London")),
            Deadline(dt.date(2026, 10, 28), dt.time(16)),
        ),
        # Sydney leaves summer time on 5 April; London is on BST from 29 March.
        (
            "by 9:00 UK time Monday",
            dt.datetime(2026, 4, 1, 9, tzinfo=zoneinfo.ZoneInfo("Australia/Sydney")),
            Deadline(dt.date(2026, 4, 6), dt.time(18)),
        ),
        (
            "by 9:00 UK time Monday",
            dt.datetime(2026, 3, 26, 9, tzinfo=zoneinfo.ZoneInfo("Australia/Sydney")),
            Deadline(dt.date(2026, 3, 30), dt.time(19)),
        ),
    ],
)
def test_named_zones_across_the_clock_change_gaps(phrase, received, expected):
    assert resolve_deadline(phrase, received) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "Is 3pm on Friday OK for you?",
        "Could we push the sync to 16:00?",
        "Do you have time on Friday at 2pm?",
        "Would Thursday at 10 work for the review?",
        "¿Podríamos vernos el jueves a las 10?",
    ],
)
def test_proposed_slots_are_no_deadlines(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Can you join the call on Thursday at 10?", Deadline(dt.date(2026, 12, 3), dt.time(10))),
        ("Can you start the migration on Friday?", Deadline(dt.date(2026, 12, 4))),
        (
            "Könnten Sie die Zahlen für das Meeting am Donnerstag um 10 Uhr vorbereiten?",
            Deadline(dt.date(2026, 12, 3), dt.time(10)),
        ),
    ],
)
def test_asks_phrased_as_questions_keep_their_dates(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # said on Monday 30 November: "prochain" is the coming one after today
        ("d'ici lundi prochain", Deadline(dt.date(2026, 12, 7))),
        ("bis nächsten Mittwoch", Deadline(dt.date(2026, 12, 2))),
        ("el próximo lunes", Deadline(dt.date(2026, 12, 7))),
        ("el jueves que viene", Deadline(dt.date(2026, 12, 3))),
        ("dans les 48 heures", Deadline(dt.date(2026, 12, 2), dt.time(9, 15))),
        ("antes de fin de mes", Deadline(dt.date(2026, 11, 30))),
        ("before the weekend", Deadline(dt.date(2026, 12, 4))),
        (
            "¿me lo puedes enviar mañana antes de las 10?",
            Deadline(dt.date(2026, 12, 1), dt.time(10)),
        ),
    ],
)
def test_more_german_french_and_spanish_phrasings(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


def test_a_zone_named_in_german_french_or_spanish_is_converted():
    sao_paulo = RECEIVED.astimezone(zoneinfo.ZoneInfo("America/Sao_Paulo"))
    assert resolve_deadline("avant 17h heure de Paris", sao_paulo) == Deadline(
        dt.date(2026, 11, 30), dt.time(13)
    )
    new_york = RECEIVED.astimezone(NEW_YORK)
    assert resolve_deadline("bis 18 Uhr deutscher Zeit", new_york) == Deadline(
        dt.date(2026, 11, 30), dt.time(12)
    )


def test_a_time_in_a_zone_already_on_the_next_day_is_that_days():
    # Monday 23:00 in London is Tuesday 10:00 in Sydney: "17:00 Sydney time" is Tuesday's.
    london = dt.datetime(2026, 11, 30, 23, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    found = resolve_deadline("the cut-off is 17:00 Sydney time", london)
    assert found == Deadline(dt.date(2026, 12, 1), dt.time(6))


@pytest.mark.parametrize(
    "phrase",
    [
        "Can you let me know if Thursday at 10 works?",
        "Could you do a call on Thursday at 10?",
        "Can you make Thursday at 10?",
        "Can we meet on Thursday at 10?",
    ],
)
def test_questions_that_offer_a_slot_are_no_deadlines(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "Could we get the signed contract back Friday?",
        "Could you update the sheet for our meeting on Friday?",
        "Can you send me the report Friday?",
    ],
)
def test_asks_for_a_thing_by_a_day_keep_the_day(phrase):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 12, 4))


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("bis Ende Februar reicht völlig", dt.date(2027, 2, 28)),
        ("HR's decision on this by the end of June", dt.date(2027, 6, 30)),
        ("by end of December", dt.date(2026, 12, 31)),
        ("avant fin mars", dt.date(2027, 3, 31)),
        ("a finales de mayo", dt.date(2027, 5, 31)),
        ("the end of May 2028 is fine", dt.date(2028, 5, 31)),
    ],
)
def test_the_end_of_a_named_month_is_its_last_day(phrase, due):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(due)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("Dispone de 10 días naturales para acceder a su contenido", dt.date(2026, 12, 10)),
        ("en 10 días hábiles", dt.date(2026, 12, 14)),
        ("sous 5 jours ouvrés", dt.date(2026, 12, 7)),
        ("innerhalb von 5 Werktagen", dt.date(2026, 12, 7)),
        ("in 3 Tagen", dt.date(2026, 12, 3)),
        ("you have 14 days to respond", dt.date(2026, 12, 14)),
    ],
)
def test_a_number_of_days_in_four_languages(phrase, due):
    assert resolve_deadline(phrase, RECEIVED) == Deadline(due)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the hearing is tomorrow at 9.30", Deadline(dt.date(2026, 12, 1), dt.time(9, 30))),
        ("bis 12.30 bitte", Deadline(dt.date(2026, 11, 30), dt.time(12, 30))),
        ("by 5:30 am tomorrow", Deadline(dt.date(2026, 12, 1), dt.time(5, 30))),
        (
            "the call is on Thursday at 10, please prepare the slides",
            Deadline(dt.date(2026, 12, 3), dt.time(10)),
        ),
    ],
)
def test_more_ways_to_write_a_time_of_day(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


@pytest.mark.parametrize("phrase", ["revenue grew by 12.50 percent", "a loan at 10.5% interest"])
def test_amounts_are_no_times(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


@pytest.mark.parametrize(
    "phrase",
    ["I addressed it in point 3.4.", "see section 2.1. for details", "especially 3.4 and 3.7."],
)
def test_section_numbers_are_no_dates(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


def test_a_german_dotted_date_after_am_is_that_date():
    assert resolve_deadline("am 3.4. bitte", RECEIVED) == Deadline(dt.date(2027, 4, 3))


def test_a_past_timestamp_is_its_day_without_a_time():
    found = resolve_deadline("Sign-in detected on 30 November 2026 at 08:54 CET", RECEIVED)
    assert found == Deadline(dt.date(2026, 11, 30))
    # with a deadline word it is still a time to meet (the next one, when dateless)
    assert resolve_deadline("by 08:00", RECEIVED) == Deadline(dt.date(2026, 12, 1), dt.time(8))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the CFP is open until 8 May.", Deadline(dt.date(2027, 5, 8))),
        ("please send your two nominations by 2 March", Deadline(dt.date(2027, 3, 2))),
        ("by 5 de marzo", Deadline(dt.date(2027, 3, 5))),
        # a bare hour already past this morning is tonight's when a deadline word says so
        ("by 8", Deadline(dt.date(2026, 11, 30), dt.time(20))),
        ("by 8:00", Deadline(dt.date(2026, 12, 1), dt.time(8))),
    ],
)
def test_a_day_of_the_month_after_by_is_no_hour(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


def test_an_unpadded_early_hour_is_the_afternoon_for_a_reader_in_the_americas():
    new_york = dt.datetime(2026, 11, 30, 9, 15, tzinfo=NEW_YORK)
    assert resolve_deadline("before 5:30", new_york) == Deadline(
        dt.date(2026, 11, 30), dt.time(17, 30)
    )
    assert resolve_deadline("before 05:30", new_york) == Deadline(
        dt.date(2026, 12, 1), dt.time(5, 30)
    )


def test_a_past_time_in_a_sentence_with_a_deadline_word_keeps_its_time():
    found = resolve_deadline("The deadline was today 08:00", RECEIVED)
    assert found == Deadline(dt.date(2026, 11, 30), dt.time(8))


def test_an_afternoon_time_already_past_today_is_tomorrows_and_never_an_error():
    # "before 3pm" read at 16:00: no "tonight's 15:00 + 12 h" (hour 27), the next day's 15:00.
    late = dt.datetime(2026, 11, 30, 16, 0, tzinfo=BERLIN)
    assert resolve_deadline("can you review it before 3pm?", late) == Deadline(
        dt.date(2026, 12, 1), dt.time(15)
    )


def test_a_possessive_weekday_names_a_thing_and_the_other_weekday_is_the_date():
    # Received Monday 30 November: "Wednesday's outage" is past, "on Friday" is the date.
    phrase = "a root-cause call about Wednesday's sync outage on Friday at 08:00"
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 12, 4), dt.time(8))


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("can you send it by the weekend?", dt.date(2026, 12, 4)),
        ("bitte bis zum Wochenende", dt.date(2026, 12, 4)),
        ("I need it by end of play", dt.date(2026, 11, 30)),
        ("mándamelo esta misma tarde", dt.date(2026, 11, 30)),
        ("please review it within a week", dt.date(2026, 12, 7)),
        ("send your comments in two weeks", dt.date(2026, 12, 14)),
        ("bitte innerhalb von zwei Wochen", dt.date(2026, 12, 14)),
        ("merci de répondre sous deux semaines", dt.date(2026, 12, 14)),
        ("respóndeme en dos semanas", dt.date(2026, 12, 14)),
        ("by the end of the quarter", dt.date(2026, 12, 31)),
        ("by end of Q2", dt.date(2027, 6, 30)),  # Q2 is long over: next year's
        ("bis Quartalsende", dt.date(2026, 12, 31)),
    ],
)
def test_weekends_weeks_and_quarters(phrase, due):
    assert resolve_due(phrase, RECEIVED) == due


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # written at 11:00: "by 4:30" is this afternoon, "by 8." (sentence end) tonight
        ("Can you send it by 4:30?", Deadline(dt.date(2026, 11, 30), dt.time(16, 30))),
        ("Send it by 8.", Deadline(dt.date(2026, 11, 30), dt.time(20))),
        # a 24-hour morning time already past is tomorrow's
        ("Send it by 09:30.", Deadline(dt.date(2026, 12, 1), dt.time(9, 30))),
        ("I need it in an hour", Deadline(dt.date(2026, 11, 30), dt.time(12))),
    ],
)
def test_a_short_clock_time_already_past_in_the_morning_is_the_afternoons(phrase, expected):
    eleven = dt.datetime(2026, 11, 30, 11, 0, tzinfo=BERLIN)
    assert resolve_deadline(phrase, eleven) == expected


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("el lunes 14 tenemos la auditoría", dt.date(2026, 12, 14)),
        ("can you send it by Monday the 14th?", dt.date(2026, 12, 14)),
        ("bitte bis Freitag, den 11. schicken", dt.date(2026, 12, 11)),
        ("le rendez-vous est jeudi 10 à 10h", dt.date(2026, 12, 10)),
        ("by Monday 14 December", dt.date(2026, 12, 14)),  # not "Monday 1"
        ("by Friday 5pm", dt.date(2026, 12, 4)),  # an hour, not the 5th
    ],
)
def test_a_weekday_with_a_day_of_the_month_is_that_day(phrase, due):
    assert resolve_due(phrase, RECEIVED) == due


@pytest.mark.parametrize(
    "phrase", ["by the middle of next week", "bis Mitte nächster Woche", "mid-next week"]
)
def test_the_middle_of_next_week_is_its_wednesday(phrase):
    assert resolve_due(phrase, RECEIVED) == dt.date(2026, 12, 9)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # spelled-out zones: "Central European Time" is Berlin's, not "Central" (Chicago)
        ("by 17:00 Central European Time on Friday", Deadline(dt.date(2026, 12, 4), dt.time(17))),
        ("by 10:00 India Standard Time tomorrow", Deadline(dt.date(2026, 12, 1), dt.time(5, 30))),
        ("by 5pm Mexico City time on Friday", Deadline(dt.date(2026, 12, 5), dt.time(0))),
        ("by 9:00 AWST Friday", Deadline(dt.date(2026, 12, 4), dt.time(2))),
    ],
)
def test_zones_spelled_out_or_named_by_city_are_converted(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by 09:00 UTC+05:30 tomorrow", Deadline(dt.date(2026, 12, 1), dt.time(4, 30))),
        ("by 17:00 (UTC-6) Thursday", Deadline(dt.date(2026, 12, 4), dt.time(0))),
        ("by 9am GMT+8 Friday", Deadline(dt.date(2026, 12, 4), dt.time(2))),
        ("please confirm by 2026-12-03T17:00Z", Deadline(dt.date(2026, 12, 3), dt.time(18))),
        ("by COB Friday Chicago time", Deadline(dt.date(2026, 12, 5), dt.time(0))),
        ("by end of day IST Thursday", Deadline(dt.date(2026, 12, 3), dt.time(12, 30))),
        # German writes the hour's word before the zone
        ("bis Donnerstag, 12:00 Uhr MESZ", Deadline(dt.date(2026, 12, 3), dt.time(12))),
    ],
)
def test_utc_offsets_iso_times_and_close_of_business_in_any_named_zone(phrase, expected):
    assert resolve_deadline(phrase, RECEIVED) == expected


def test_todays_weekday_is_next_weeks_unless_it_is_a_deadline():
    # Received on a Monday: "she starts on Monday" is next week; "by Monday" is today.
    assert resolve_due("the new hire starts on Monday", RECEIVED) == dt.date(2026, 12, 7)
    assert resolve_due("please send it by Monday", RECEIVED) == dt.date(2026, 11, 30)
    assert resolve_due("this Monday", RECEIVED) == dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    "phrase",
    [
        "I'm your account manager at 1Password.",  # a name, not one o'clock
        "The rebuild finished in 5h40m (down from 9h).",  # spans of time
        "Resolution time (median): 19 h",
        "First response time (median): 3.4 h",
        "Contact your service team at 1-800-555-0199 with questions.",  # a phone number
        "She did her thesis on feature stores, so I immediately thought of you.",
        "Ich habe sofort an dich gedacht.",
        "J'ai tout de suite pensé à toi.",
    ],
)
def test_names_durations_and_narrated_immediacy_are_no_dates(phrase):
    assert resolve_deadline(phrase, RECEIVED) is None


def test_a_buttons_now_is_no_deadline():
    assert resolve_deadline("Review now: https://acme.identitynow.example/ui", RECEIVED) is None
    assert resolve_deadline("Review now", RECEIVED) is None
    assert resolve_due("Reset your password now.", RECEIVED) == dt.date(2026, 11, 30)


def test_immediacy_asked_for_is_still_today():
    assert resolve_due("Please rotate the key immediately.", RECEIVED) == dt.date(2026, 11, 30)
    assert resolve_due("rendez-vous à 9h demain", RECEIVED) == dt.date(2026, 12, 1)
    assert resolve_deadline("avant mardi 1er décembre, 17 h", RECEIVED).time == dt.time(17)


def test_let_me_know_if_a_slot_works_names_no_deadline():
    assert resolve_deadline("Let me know if Friday works for you.", RECEIVED) is None
    assert resolve_due("Let me know by Friday if that works.", RECEIVED) == dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("by Monday week", dt.date(2026, 12, 7)),  # said on a Monday: next week's
        ("Tuesday week", dt.date(2026, 12, 8)),
        ("nächste Woche Dienstag", dt.date(2026, 12, 8)),
        ("la semana que viene el jueves", dt.date(2026, 12, 10)),
        ("by Friday. Week 49 starts on Monday", dt.date(2026, 12, 4)),
    ],
)
def test_a_weekday_in_next_week(phrase, due):
    assert resolve_due(phrase, RECEIVED) == due


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        (
            "Please submit it by close of business on the 4th, before the 30 January window.",
            "12-04",
        ),
        (
            "The internal deadline is the 13th, so that we have time before the one on the 22nd.",
            "12-13",
        ),
        ("Send it by the 3rd so I can file it before 20 December.", "12-03"),
        ("Schick es bis zum 3. Dezember, damit wir es vor dem 20. Dezember einreichen.", "12-03"),
    ],
)
def test_the_dates_a_purpose_clause_names_are_not_the_asks(phrase, due):
    assert resolve_due(phrase, RECEIVED) == dt.date.fromisoformat(f"2026-{due}")


@pytest.mark.parametrize(
    "phrase",
    [
        "Send me the audio of the interview from the 4th.",
        "Attach the minutes from 3 December.",
        "Schick mir das Protokoll vom 3. Dezember.",
    ],
)
def test_a_thing_named_by_its_date_sets_no_deadline(phrase):
    assert resolve_due(phrase, RECEIVED) is None


def test_a_span_from_a_date_is_still_read():
    assert resolve_due("The training runs from the 4th to the 8th.", RECEIVED) == dt.date(
        2026, 12, 4
    )


def test_a_purpose_clause_after_a_plain_date_keeps_the_deadline_after_it():
    phrase = "After the call on the 3rd, so that we can close, please send them by the 10th."
    assert resolve_due(phrase, RECEIVED) == dt.date(2026, 12, 10)


@pytest.mark.parametrize(
    "phrase",
    [
        "Bitte bis Dienstschluss am 4. Dezember; die Frist der Behörde läuft bis 20. Dezember.",
        "Merci d'ici la fin de la journée du 4 décembre ; l'échéance est avant le 20 décembre.",
    ],
)
def test_close_of_business_words_cue_the_date_after_them(phrase):
    assert resolve_due(phrase, RECEIVED) == dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("L'audit commence le 7 décembre, il me faut donc les pièces avant le 3.", 3),
        ("La auditoría empieza el 7 de diciembre, así que necesito los papeles antes del 3.", 3),
        ("The audit starts on 7 December, so I need the receipts by the 3rd.", 3),
    ],
)
def test_a_day_of_the_month_after_its_own_cue_beats_an_uncued_date(phrase, due):
    assert resolve_due(phrase, RECEIVED) == dt.date(2026, 12, due)


@pytest.mark.parametrize(
    "phrase",
    [
        "We start Tuesday 09:00 our time (NZDT), so please send it before then.",
        "We start Tuesday 09:00 local time, NZDT.",
        "Please send it by Tuesday 09:00 my local time (NZDT).",
    ],
)
def test_a_zone_named_after_whose_time_it_is_still_converts(phrase):
    # 09:00 NZDT on Tuesday 1 December is 20:00 UTC on Monday 30 November: 21:00 in Berlin.
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 11, 30), dt.time(21))


@pytest.mark.parametrize(
    ("phrase", "clock"),
    [
        ("Can you get the corrections note up by 10 tonight?", dt.time(22)),
        ("Could you confirm by 9 tonight if that works?", dt.time(21)),
        ("Please send it by 8:30 tonight.", dt.time(20, 30)),
    ],
)
def test_a_morning_hour_tonight_is_the_evenings(phrase, clock):
    received = dt.datetime(2026, 11, 30, 17, 45, tzinfo=NEW_YORK)
    assert resolve_deadline(phrase, received) == Deadline(dt.date(2026, 11, 30), clock)


def test_an_hour_said_with_tonight_stays_tonights_beside_tomorrow():
    received = dt.datetime(2026, 11, 30, 16, 30, tzinfo=NEW_YORK)
    found = resolve_deadline("Send it by 8 tonight so I can read it tomorrow.", received)
    assert (found.due, found.time) == (dt.date(2026, 11, 30), dt.time(20))


def test_a_french_labelled_hour_is_a_time_of_day_not_a_span():
    found = resolve_deadline("Merci de rendre le dossier demain. Heure limite : 14 h", RECEIVED)
    assert found.time == dt.time(14)


@pytest.mark.parametrize(
    "phrase",
    [
        "Can you finish it tonight and have your rider bring it first thing tomorrow, before 8?",
        "If you can do it tonight I'll courier it first thing; otherwise latest 10am.",
    ],
)
def test_a_morning_hour_after_tonight_is_the_next_mornings(phrase):
    received = dt.datetime(2026, 11, 30, 16, 45, tzinfo=NEW_YORK)
    due = resolve_deadline(phrase, received)
    assert (due.due, due.time) == (dt.date(2026, 12, 1), dt.time(8 if "8" in phrase else 10))


def test_tonight_beside_tomorrows_morning_hour_keeps_that_hour():
    received = dt.datetime(2026, 11, 30, 17, 45, tzinfo=NEW_YORK)
    phrase = "Can you let me know tonight whether we cancel tomorrow's 8:00 list?"
    assert resolve_deadline(phrase, received).time != dt.time(20)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("Si ves algún cambio, avísame esta tarde, no mañana.", dt.date(2026, 11, 30)),
        ("Please send it today, not tomorrow.", dt.date(2026, 11, 30)),
        ("Sag mir heute Bescheid, nicht morgen.", dt.date(2026, 11, 30)),
        ("Send it no later than tomorrow.", dt.date(2026, 12, 1)),
    ],
)
def test_a_date_ruled_out_is_not_the_deadline(phrase, due):
    assert resolve_due(phrase, RECEIVED) == due


@pytest.mark.parametrize(
    "phrase",
    [
        "The batch closes on Friday, 4 December, so please return the form by EOD that day.",
        "El lote cierra el viernes 4 de diciembre: devuélvemelo antes del fin de ese día.",
    ],
)
def test_the_end_of_that_day_is_the_day_named_before(phrase):
    assert resolve_due(phrase, RECEIVED) == dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    "phrase",
    [
        "Review due: November 30, 2026, 11:59 PM (US Eastern Time)",
        "Please submit it by 11:59 PM Eastern Standard Time today.",
        "by 11:59 pm U.S. Eastern",
    ],
)
def test_us_region_zones_with_their_prefix_or_suffix_convert(phrase):
    # 23:59 in New York on 30 November is 05:59 on 1 December in Berlin.
    assert resolve_deadline(phrase, RECEIVED) == Deadline(dt.date(2026, 12, 1), dt.time(5, 59))


def test_an_appointment_whose_hour_has_passed_is_the_next_days():
    received = dt.datetime(2026, 11, 30, 16, 48, tzinfo=BERLIN)
    phrase = "Also please cancel my 10:30 physio, I'll be out of town till lunch."
    assert resolve_deadline(phrase, received) == Deadline(dt.date(2026, 12, 1), dt.time(10, 30))
    assert resolve_deadline("The job failed at 10:30.", received).passed


def test_a_time_said_of_another_day_is_not_the_deadlines():
    text = (
        "Tribunal has given us until 11 December for the responses, so I've set up a call "
        "for Thursday 3 December at 9am"
    )
    assert resolve_deadline(text, RECEIVED) == Deadline(dt.date(2026, 12, 11))
    # the same day named twice keeps its time: "tomorrow (Tuesday) at 23:59"
    assert resolve_deadline("The deadline is tomorrow (Tuesday) at 23:59", RECEIVED) == (
        Deadline(dt.date(2026, 12, 1), dt.time(23, 59))
    )


@pytest.mark.parametrize(
    "text",
    [
        "a revised estimate, assuming the restructuring goes ahead from 1 April 2027",
        "the new price list applies from 1 January",
        "the new tariff takes effect from 15 December",
    ],
)
def test_the_date_a_thing_starts_from_is_no_deadline(text):
    assert resolve_deadline(text, RECEIVED) is None


def test_a_range_from_one_date_to_another_still_names_its_dates():
    assert resolve_due("the holiday rota applies from 21 December to 4 January", RECEIVED) == (
        dt.date(2026, 12, 21)
    )


@pytest.mark.parametrize(
    ("text", "due", "time"),
    [
        ("Please submit your budget by 4 December (extended from 1 December) at 17:00", 4, 17),
        ("The deadline is 4 December (previously 2 December), 23:59", 4, 23),
        ("Please send me your slides by Friday, the day before Saturday's board at 10am", 4, 10),
    ],
)
def test_a_superseded_or_possessive_day_leaves_the_deadline_its_time(text, due, time):
    found = resolve_deadline(text, RECEIVED)
    assert (found.due.day, found.time.hour) == (due, time)


def test_a_start_date_the_ask_must_meet_stays_its_deadline():
    text = "The new price list goes live from 11 December, so I need your OK before then"
    assert resolve_due(text, RECEIVED) == dt.date(2026, 12, 11)
