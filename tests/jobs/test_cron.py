"""Tests of the cron parser: syntax, errors, the day rule, daylight-saving time.

The differential test runs cronsim beside our parser on generated expressions and start
times around real DST transitions. cronsim is right almost always; where it is not, a small
brute-force oracle below (written straight from the rule in jobs/cron.py's docstring, using
cronsim only to list wall-clock matches in a zone-free run) decides who is.
"""

import itertools
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from cronsim import CronSim, CronSimError
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs.cron import MACROS, MONTH_NAMES, WEEKDAY_NAMES, CronError, CronSchedule, validate_cron

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SANTIAGO = ZoneInfo("America/Santiago")


def ny(*fields: int, fold: int = 0) -> datetime:
    return datetime(*fields, tzinfo=NEW_YORK, fold=fold)


def runs(expr: str, start: datetime, count: int) -> list[datetime]:
    schedule = CronSchedule(expr)
    found = []
    for _ in range(count):
        start = schedule.next(start)
        found.append(start)
    return found


def instant(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def as_seen(moment: datetime) -> tuple[datetime, datetime, int]:
    """What tells two results apart: the instant, the wall time shown, the fold."""
    return instant(moment), moment.replace(tzinfo=None), moment.fold


# --- syntax -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("", "empty expression."),
        ("   ", "empty expression."),
        ("* * * *", "expected 5 fields, got 4."),
        ("0 * * * * *", "expected 5 fields, got 6."),
        ("60 * * * *", "minute: 60 is out of range 0-59."),
        ("* 24 * * *", "hour: 24 is out of range 0-23."),
        ("0 0 32 * *", "day-of-month: 32 is out of range 1-31."),
        ("0 0 0 * *", "day-of-month: 0 is out of range 1-31."),
        ("0 0 * 13 *", "month: 13 is out of range 1-12."),
        ("0 0 * * 8", "day-of-week: 8 is out of range 0-7."),
        ("5-1 * * * *", "minute: range 5-1 runs backwards."),
        ("0 0 * * SAT-SUN", "day-of-week: range SAT-SUN runs backwards."),
        ("*/0 * * * *", "minute: step must be positive in '*/0'."),
        ("*/-5 * * * *", "minute: step must be positive in '*/-5'."),
        ("*/ * * * *", "minute: missing step after '/' in '*/'."),
        ("*/x * * * *", "minute: step 'x' is not a number in '*/x'."),
        ("-5 * * * *", "minute: missing value in '-5'."),
        ("1,,2 * * * *", "minute: empty item in list '1,,2'."),
        ("0 0 * FOO *", "month: unknown name 'FOO'."),
        ("0 0 * MON *", "month: unknown name 'MON'."),
        ("0 0 * * JAN", "day-of-week: unknown name 'JAN'."),
        ("0 MON * * *", "hour: unknown name 'MON' (this field takes numbers only)."),
        ("1; * * * *", "minute: unexpected character ';' in '1;'."),
        ("0 0 L * *", "day-of-month: unknown name 'L' (this field takes numbers only)."),
        ("0 0 * * 5#2", "day-of-week: unexpected character '#' in '5#2'."),
        ("\u0663 * * * *", "minute: unexpected character '\u0663' in '\u0663'."),
        (
            "@often",
            "unknown macro '@often' (expected one of @yearly, @annually, @monthly, @weekly, "
            "@daily, @midnight, @hourly).",
        ),
        (
            "@reboot",
            "unknown macro '@reboot' (expected one of @yearly, @annually, @monthly, @weekly, "
            "@daily, @midnight, @hourly).",
        ),
        ("@daily 5", "unexpected '5' after @daily."),
        ("0 0 30 2 *", "day-of-month: '30' never falls in month '2', so the schedule never fires."),
        (
            "0 0 31 4,6 *",
            "day-of-month: '31' never falls in month '4,6', so the schedule never fires.",
        ),
        (
            "0 0 30-31 feb *",
            "day-of-month: '30-31' never falls in month 'feb', so the schedule never fires.",
        ),
        ("0 0 31 apr-jun/2 mon", None),  # OR rule: every Monday of April and June
        ("9" * 5000 + " * * * *", "expression is too long (5008 characters, at most 255)."),
    ],
)
def test_bad_expression_names_field_and_token_in_a_full_sentence(expr, message):
    if message is None:
        validate_cron(expr)
        return
    with pytest.raises(CronError) as error:
        CronSchedule(expr)
    assert str(error.value) == message


def test_cron_error_is_a_value_error_for_forms():
    with pytest.raises(ValueError, match="expected 5 fields"):
        validate_cron("every day")


def test_validate_cron_accepts_good_expressions():
    assert validate_cron("*/15 9-17 * * mon-fri") is None


def test_non_string_is_refused():
    with pytest.raises(CronError, match=r"^expected a string, got int\.$"):
        CronSchedule(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(("macro", "fields"), sorted(MACROS.items()))
def test_every_macro_means_its_five_fields(macro, fields):
    start = datetime(2025, 2, 27, 13, 7, tzinfo=BERLIN)
    assert CronSchedule(macro) == CronSchedule(fields)
    assert runs(macro, start, 3) == runs(fields, start, 3)


def test_macros_are_read_in_any_case_and_spacing():
    assert CronSchedule("  @Daily ") == CronSchedule("0 0 * * *")


@pytest.mark.parametrize(
    ("macro", "first_run"),
    [
        ("@hourly", datetime(2025, 2, 27, 14, 0, tzinfo=UTC)),
        ("@daily", datetime(2025, 2, 28, tzinfo=UTC)),
        ("@midnight", datetime(2025, 2, 28, tzinfo=UTC)),
        ("@weekly", datetime(2025, 3, 2, tzinfo=UTC)),
        ("@monthly", datetime(2025, 3, 1, tzinfo=UTC)),
        ("@yearly", datetime(2026, 1, 1, tzinfo=UTC)),
        ("@annually", datetime(2026, 1, 1, tzinfo=UTC)),
    ],
)
def test_macro_first_run(macro, first_run):
    assert CronSchedule(macro).next(datetime(2025, 2, 27, 13, 7, tzinfo=UTC)) == first_run


@pytest.mark.parametrize(
    ("spelling", "meaning"),
    [
        ("0 0 * * 7", "0 0 * * 0"),
        ("0 0 * * sun", "0 0 * * 0"),
        ("0 0 * * SuN", "0 0 * * 0"),
        ("0 0 * * mon-FRI", "0 0 * * 1-5"),
        ("0 0 * * 5-7", "0 0 * * 0,5,6"),
        ("0 0 * * 0-7", "0 0 * * *"),
        ("0 0 * jan-Mar,DEC *", "0 0 * 1-3,12 *"),
        ("0 0 * * */2", "0 0 * * 0,2,4,6"),
        ("0 0 * * mon/2", "0 0 * * 1,3,5,0"),
        ("5/10 * * * *", "5,15,25,35,45,55 * * * *"),
        ("1-30/5 * * * *", "1,6,11,16,21,26 * * * *"),
        ("*/15 * * * *", "0,15,30,45 * * * *"),
        ("0 0 */100 * *", "0 0 1 * *"),
    ],
)
def test_names_sevens_and_steps(spelling, meaning):
    assert CronSchedule(spelling) == CronSchedule(meaning)


def test_seven_fires_on_sunday():
    wednesday = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert CronSchedule("30 6 * * 7").next(wednesday) == datetime(2025, 1, 5, 6, 30, tzinfo=UTC)


def test_step_from_a_value_runs_to_the_end_of_the_field():
    hour = [run.minute for run in runs("5/10 * * * *", datetime(2025, 1, 1, tzinfo=UTC), 6)]
    assert hour == [5, 15, 25, 35, 45, 55]


def test_equality_hash_repr():
    daily = CronSchedule("@daily")
    assert daily == CronSchedule("0 0 * * *")
    assert hash(daily) == hash(CronSchedule("0 0 * * *"))
    assert daily != CronSchedule("0 1 * * *")
    assert daily != "@daily"
    assert repr(daily) == "CronSchedule('@daily')"
    assert daily.expr == "@daily"


def test_specific_time_is_read_from_minute_and_hour_fields():
    assert CronSchedule("30 2 * * *").is_specific_time
    assert CronSchedule("0-59 1,2 * * *").is_specific_time
    assert not CronSchedule("*/15 2 * * *").is_specific_time
    assert not CronSchedule("0 * * * *").is_specific_time


# --- the day-of-month / day-of-week rule --------------------------------------------------


def days_of(expr: str, count: int) -> list[int]:
    return [run.day for run in runs(expr, datetime(2026, 1, 1, tzinfo=UTC), count)]


def test_both_days_restricted_means_either():
    # January 2026: Fridays are 2, 9, 16, 23, 30 and the 13th is a Tuesday.
    assert days_of("0 0 13 * 5", 5) == [2, 9, 13, 16, 23]


def test_day_of_month_starting_with_star_means_both():
    # "*/2" is every odd day; both must hold, so odd Fridays only: 9, 23, then 13 Feb.
    assert days_of("0 0 */2 * 5", 3) == [9, 23, 13]


def test_day_of_week_starting_with_star_means_both():
    assert days_of("0 0 13 * */1", 2) == [13, 13]


def test_one_day_field_alone():
    assert days_of("0 0 13 * *", 2) == [13, 13]
    assert days_of("0 0 * * fri", 2) == [2, 9]


def test_friday_the_13th_with_or_rule_reaches_february():
    runs_ = runs("0 0 13 * 5", datetime(2026, 2, 12, tzinfo=UTC), 2)
    assert runs_ == [datetime(2026, 2, 13, tzinfo=UTC), datetime(2026, 2, 20, tzinfo=UTC)]


def test_or_rule_keeps_weekdays_in_a_month_without_that_date():
    # 30 February never exists, but the Mondays of February do.
    first = CronSchedule("0 0 30 2 mon").next(datetime(2026, 1, 1, tzinfo=UTC))
    assert first == datetime(2026, 2, 2, tzinfo=UTC)


def test_leap_day():
    leap = CronSchedule("0 0 29 2 *")
    assert leap.next(datetime(2025, 3, 1, tzinfo=UTC)) == datetime(2028, 2, 29, tzinfo=UTC)
    # 2100 is not a leap year.
    assert leap.next(datetime(2096, 3, 1, tzinfo=UTC)) == datetime(2104, 2, 29, tzinfo=UTC)


def test_leap_day_on_a_sunday_needs_the_and_rule_and_patience():
    sunday_leap_day = CronSchedule("0 0 29 2 */7")  # day-of-week starts with *: both rules
    assert sunday_leap_day.next(datetime(2021, 1, 1, tzinfo=UTC)) == datetime(
        2032, 2, 29, tzinfo=UTC
    )


def test_no_run_before_year_10000_is_an_error_not_a_loop():
    with pytest.raises(CronError, match="has no run time before year 10000"):
        CronSchedule("0 0 1 1 *").next(datetime(9999, 6, 1, tzinfo=UTC))


# --- next(): arguments and strictness -----------------------------------------------------


def test_naive_datetime_is_refused():
    with pytest.raises(CronError, match="after must be an aware datetime"):
        CronSchedule("* * * * *").next(datetime(2025, 1, 1))


def test_only_datetimes_are_accepted():
    with pytest.raises(TypeError, match="after must be a datetime, not str"):
        CronSchedule("* * * * *").next("2025-01-01")  # type: ignore[arg-type]


def test_next_is_strictly_after_a_matching_start():
    start = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    assert CronSchedule("0 9 * * *").next(start) == datetime(2025, 1, 2, 9, 0, tzinfo=UTC)


def test_seconds_of_the_start_do_not_count():
    start = datetime(2025, 1, 1, 8, 59, 59, 999_999, tzinfo=UTC)
    assert CronSchedule("0 9 * * *").next(start) == datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    late = datetime(2025, 1, 1, 9, 0, 0, 1, tzinfo=UTC)
    assert CronSchedule("* * * * *").next(late) == datetime(2025, 1, 1, 9, 1, tzinfo=UTC)


def test_result_keeps_the_zone_it_was_asked_in():
    kolkata = timezone(timedelta(hours=5, minutes=30))
    found = CronSchedule("0 9 * * *").next(datetime(2025, 1, 1, 12, tzinfo=kolkata))
    assert found == datetime(2025, 1, 2, 9, tzinfo=kolkata)
    assert found.tzinfo is kolkata


def test_zoneinfo_utc_and_timezone_utc_agree():
    schedule = CronSchedule("*/20 3 * * 1-5")
    start = datetime(2025, 6, 6, 3, 50, tzinfo=UTC)
    assert schedule.next(start) == schedule.next(start.astimezone(ZoneInfo("UTC")))


def test_year_month_and_day_roll_over():
    found = CronSchedule("59 23 31 12 *").next(datetime(2025, 12, 31, 23, 59, tzinfo=UTC))
    assert found == datetime(2026, 12, 31, 23, 59, tzinfo=UTC)


# --- daylight-saving time ----------------------------------------------------------------
# New York 2025: spring forward on 9 March at 02:00 EST -> 03:00 EDT, fall back on
# 2 November at 02:00 EDT -> 01:00 EST, so 01:00-01:59 happens twice.


def test_specific_time_in_spring_gap_runs_at_first_minute_after_it():
    found = runs("30 2 * * *", ny(2025, 3, 9, 0, 0), 2)
    assert found == [ny(2025, 3, 9, 3, 0), ny(2025, 3, 10, 2, 30)]


def test_several_specific_times_in_the_gap_run_once():
    found = runs("0,30 2 * * *", ny(2025, 3, 9, 0, 0), 2)
    assert found == [ny(2025, 3, 9, 3, 0), ny(2025, 3, 10, 2, 0)]


def test_specific_time_after_the_gap_is_kept():
    found = runs("0,30 2,3 * * *", ny(2025, 3, 9, 1, 45), 3)
    assert found == [ny(2025, 3, 9, 3, 0), ny(2025, 3, 9, 3, 30), ny(2025, 3, 10, 2, 0)]


def test_star_job_skips_the_missing_hour():
    found = runs("*/15 * * * *", ny(2025, 3, 9, 1, 40), 3)
    assert found == [ny(2025, 3, 9, 1, 45), ny(2025, 3, 9, 3, 0), ny(2025, 3, 9, 3, 15)]
    assert instant(found[1]) - instant(found[0]) == timedelta(minutes=15)


def test_star_job_in_a_skipped_hour_only_waits_for_the_next_day():
    assert runs("*/30 2 * * *", ny(2025, 3, 9, 1, 0), 1) == [ny(2025, 3, 10, 2, 0)]


def test_specific_time_in_repeated_hour_runs_in_first_pass_only():
    found = runs("30 1 * * *", ny(2025, 11, 2, 0, 0), 2)
    assert found == [ny(2025, 11, 2, 1, 30), ny(2025, 11, 3, 1, 30)]
    assert found[0].fold == 0
    assert found[0].utcoffset() == timedelta(hours=-4)


def test_star_job_fires_in_both_passes_of_the_repeated_hour():
    found = runs("*/30 * * * *", ny(2025, 11, 2, 0, 45), 5)
    assert [(run.hour, run.minute, run.fold) for run in found] == [
        (1, 0, 0),
        (1, 30, 0),
        (1, 0, 1),
        (1, 30, 1),
        (2, 0, 0),
    ]
    gaps = {instant(b) - instant(a) for a, b in itertools.pairwise(found)}
    assert gaps == {timedelta(minutes=30)}


def test_star_job_from_the_first_pass_goes_back_to_the_second_pass():
    # At 01:40 EDT the next "*/30 1 2 11 *" time is 01:00 EST, not next year's 01:00.
    found = CronSchedule("*/30 1 2 11 *").next(ny(2025, 11, 2, 1, 40))
    assert found == ny(2025, 11, 2, 1, 0, fold=1)
    assert found.fold == 1


def test_start_in_second_pass_is_strictly_later_new_york_trap():
    # cronsim answers 01:15 EDT here, 51 minutes before its start.
    start = ny(2025, 11, 2, 1, 6, fold=1)
    found = CronSchedule("15 1 * * *").next(start)
    assert instant(found) > instant(start)
    assert found == ny(2025, 11, 3, 1, 15)


def test_specific_time_after_the_repeated_hour_from_its_second_pass():
    found = CronSchedule("0-59 1-2 * * *").next(ny(2025, 11, 2, 1, 6, fold=1))
    assert found == ny(2025, 11, 2, 2, 0)


def test_start_in_a_skipped_wall_time_is_read_as_its_instant():
    # 02:30 on 9 March does not exist; zoneinfo reads it as 07:30 UTC, i.e. 03:30 EDT.
    found = CronSchedule("0 3 * * *").next(ny(2025, 3, 9, 2, 30))
    assert found == ny(2025, 3, 10, 3, 0)


def test_half_hour_dst_gap_lord_howe():
    # Lord Howe Island, 5 October 2025: 02:00 +10:30 -> 02:30 +11:00.
    start = datetime(2025, 10, 5, 1, 0, tzinfo=LORD_HOWE)
    assert CronSchedule("15 2 * * *").next(start) == datetime(2025, 10, 5, 2, 30, tzinfo=LORD_HOWE)
    assert CronSchedule("*/20 2 * * *").next(start) == datetime(
        2025, 10, 5, 2, 40, tzinfo=LORD_HOWE
    )


def test_star_hour_job_keeps_whole_hours_after_half_hour_gap():
    # cronsim steps hours in real time from the gap and lands on 09:30, missing 09:00.
    start = datetime(2024, 10, 6, 2, 40, tzinfo=LORD_HOWE)
    assert CronSchedule("* 9 * * *").next(start) == datetime(2024, 10, 6, 9, 0, tzinfo=LORD_HOWE)


def test_star_hour_job_through_half_hour_overlap():
    # Lord Howe, 6 April 2025: 02:00 +11:00 -> 01:30 +10:30; "*/4" hours keep 04:02.
    start = datetime(2025, 4, 5, 23, 31, tzinfo=LORD_HOWE)
    found = runs("2 */4 * * *", start, 2)
    assert found == [
        datetime(2025, 4, 6, 0, 2, tzinfo=LORD_HOWE),
        datetime(2025, 4, 6, 4, 2, tzinfo=LORD_HOWE),
    ]


def test_midnight_gap_santiago():
    # Santiago, 7 September 2025: midnight -04:00 -> 01:00 -03:00, midnight never happens.
    start = datetime(2025, 9, 6, 23, 45, tzinfo=SANTIAGO)
    assert CronSchedule("@daily").next(start) == datetime(2025, 9, 7, 1, 0, tzinfo=SANTIAGO)
    assert CronSchedule("*/30 0 * * *").next(start) == datetime(2025, 9, 8, 0, 0, tzinfo=SANTIAGO)


def test_results_are_never_inside_a_gap():
    start = datetime(2025, 9, 6, 23, 0, tzinfo=SANTIAGO)
    for run in runs("* * * * *", start, 120):
        assert run == run.astimezone(UTC).astimezone(SANTIAGO)


# --- differential test against cronsim ----------------------------------------------------

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kolkata",
]


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[datetime]:
    """Instants (UTC) at which the zone's offset changes, bisected to the second."""
    found = []
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    while moment < end:
        following = moment + timedelta(days=1)
        if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            low, high = 0, 86_400  # seconds after `moment`
            while high - low > 1:
                middle = (low + high) // 2
                shifted = moment + timedelta(seconds=middle)
                if shifted.astimezone(zone).utcoffset() == moment.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(moment + timedelta(seconds=high))
        moment = following
    return found


TRANSITIONS = {name: transitions(ZoneInfo(name), 2024, 2026) for name in ZONES}


def test_transition_finder_sees_the_known_ones():
    assert datetime(2025, 3, 9, 7, 0, tzinfo=UTC) in TRANSITIONS["America/New_York"]
    assert datetime(2025, 4, 5, 15, 0, tzinfo=UTC) in TRANSITIONS["Australia/Lord_Howe"]
    assert len(TRANSITIONS["Europe/Berlin"]) == 6
    assert TRANSITIONS["UTC"] == TRANSITIONS["Asia/Kolkata"] == []


def cased(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.lower(), name.capitalize()])


def field(low: int, high: int, names: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """Terms of one field; ``names[i]`` is the name of value ``low + i``."""
    number = st.integers(low, high)
    value = number.map(str)
    if names:
        value |= st.sampled_from(names).flatmap(cased)
    step = st.integers(1, high - low + 2).map(str)
    # Ranges with a step need two different ends: cronsim reads "5-5/10" as "5/10"
    # (5, 15, 25, ...), where cron(5) means 5 alone.
    stepped_range = (
        st.tuples(number, number)
        .filter(lambda ends: ends[0] < ends[1])
        .map(sorted)
        .flatmap(lambda ends: step.map(lambda s: f"{ends[0]}-{ends[1]}/{s}"))
    )
    term = st.one_of(
        st.just("*"),
        step.map(lambda s: f"*/{s}"),
        value,
        st.tuples(number, number).map(sorted).map(lambda ends: f"{ends[0]}-{ends[1]}"),
        stepped_range,
        st.tuples(value, step).map(lambda pair: f"{pair[0]}/{pair[1]}"),
    )
    return st.lists(term, min_size=1, max_size=3).map(",".join)


expressions = st.tuples(
    field(0, 59),
    field(0, 23),
    field(1, 31),
    field(1, 12, MONTH_NAMES),
    field(0, 7, WEEKDAY_NAMES),
).map(" ".join)


@st.composite
def starts(draw: st.DrawFn) -> datetime:
    """Instants near real DST transitions (both folds of a repeated hour come up)."""
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    if TRANSITIONS[zone_name]:
        around = draw(st.sampled_from(TRANSITIONS[zone_name]))
    else:
        around = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=draw(st.integers(0, 730)))
    shift = timedelta(seconds=draw(st.integers(-4 * 3600, 4 * 3600)))
    return (around + shift).astimezone(zone)


def overlap_states(wall: datetime, zone: ZoneInfo) -> tuple[str, datetime | None]:
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return "normal", first
    if first.utcoffset() > second.utcoffset():
        return "repeated", first
    return "skipped", None


def oracle_runs(wall: datetime, zone: ZoneInfo, specific: bool) -> list[datetime]:
    """The instants at which a wall-clock match fires, straight from the module's rule."""
    state, first = overlap_states(wall, zone)
    if state == "normal":
        return [first]
    if state == "repeated":
        return [first] if specific else [first, first.replace(fold=1)]
    if not specific:
        return []
    while overlap_states(wall, zone)[0] == "skipped":
        wall += timedelta(minutes=1)
    return [wall.replace(tzinfo=zone)]


def oracle_next(expr: str, specific: bool, start: datetime) -> datetime:
    """Earliest firing after ``start``, trying every wall-clock match from 3 hours back."""
    zone = start.tzinfo
    best = None
    for wall in CronSim(expr, start.replace(tzinfo=None, fold=0) - timedelta(hours=3)):
        if best is not None and wall - timedelta(hours=3) > best.replace(tzinfo=None):
            return best
        for run in oracle_runs(wall, zone, specific):
            if instant(run) > instant(start) and (best is None or instant(run) < instant(best)):
                best = run
    raise AssertionError("no run found")


def in_second_pass(moment: datetime) -> bool:
    return moment.fold == 1 and moment.replace(fold=0).utcoffset() != moment.utcoffset()


def known_cronsim_bug(moment: datetime, found: datetime, expected: datetime) -> str:
    """Which of cronsim's three known DST bugs can explain its answer ("" if none).

    A start in the second pass of a repeated hour (the New York trap: it answers a time not
    after its start); Lord Howe's half-hour shifts (it steps hours in real time from the
    shift and lands on :30); Santiago's changes at midnight (it answers a wall time that
    does not exist).
    """
    if in_second_pass(moment):
        return "second pass of a repeated hour"
    zone_name = moment.tzinfo.key  # type: ignore[union-attr]
    if zone_name == "Australia/Lord_Howe":
        return "half-hour shift"
    if zone_name == "America/Santiago":
        times = [instant(t) for t in (moment, found, expected)]
        if any(min(times) <= t <= max(times) for t in TRANSITIONS[zone_name]):
            return "change at midnight"
    return ""


@settings(max_examples=400, deadline=None, derandomize=True)
@given(expr=expressions, start=starts())
def test_agrees_with_cronsim_around_dst_transitions(expr, start):
    try:
        expected_first = next(CronSim(expr, start))
    except (CronSimError, StopIteration):
        with pytest.raises(CronError, match="never fires"):
            CronSchedule(expr)
        return
    schedule = CronSchedule(expr)
    moment = start
    for step in range(5):
        found = schedule.next(moment)
        expected = expected_first if step == 0 else next(CronSim(expr, moment))
        assert instant(found) > instant(moment)
        if as_seen(found) != as_seen(expected):
            # Only cronsim's known DST bugs may explain a disagreement, and then the oracle
            # must side with us.
            assert known_cronsim_bug(moment, found, expected), (moment, found, expected)
            truth = oracle_next(expr, schedule.is_specific_time, moment)
            assert as_seen(found) == as_seen(truth), (expected, truth)
        moment = found


def test_only_the_known_cronsim_bugs_excuse_a_disagreement():
    new_york, berlin = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
    second_pass = datetime(2025, 11, 2, 1, 6, fold=1, tzinfo=new_york)
    answer = second_pass + timedelta(minutes=9)
    assert known_cronsim_bug(second_pass, answer, answer)
    ordinary = datetime(2025, 6, 1, 12, 0, tzinfo=berlin)
    later = ordinary + timedelta(hours=1)
    assert known_cronsim_bug(ordinary, later, later) == ""
    santiago = ZoneInfo("America/Santiago")
    quiet_day = datetime(2025, 6, 1, 12, 0, tzinfo=santiago)
    assert known_cronsim_bug(quiet_day, quiet_day + timedelta(hours=1), quiet_day) == ""
