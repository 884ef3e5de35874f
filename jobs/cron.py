"""Five-field cron expressions and their next run time, without third-party code.

Syntax: ``minute hour day-of-month month day-of-week`` with ``*``, values, lists, ranges
and steps (``*/15``, ``1-30/5``, ``5/10`` = 5,15,25,...), month and weekday names in any
case, 7 as Sunday, and the macros ``@hourly @daily @midnight @weekly @monthly @yearly
@annually``. When day-of-month and day-of-week are both restricted (neither starts with
``*``) a day matches if either does; otherwise both must match. That is the cron(5) rule,
so ``0 0 13 * 5`` runs on every 13th *and* every Friday.

Times are wall-clock times in the zone of the datetime given to :meth:`CronSchedule.next`
(a ``zoneinfo.ZoneInfo`` as a rule; a fixed ``datetime.timezone`` has no DST to handle).
Daylight-saving time follows Debian cron (and cronsim):

* A job at a specific time (neither the minute nor the hour field starts with ``*``) runs
  once per matching wall-clock time. If that time falls in a spring-forward gap, it runs at
  the first valid minute after the gap; if it falls in a repeated fall-back hour, it runs in
  the first pass only.
* A job with ``*`` at the start of the minute or hour field keeps its rhythm in real time:
  it fires at every instant whose local time matches, so it skips the wall-clock times that
  a gap removes and fires in both passes of a repeated hour.

:meth:`CronSchedule.next` always returns a time strictly later in absolute time than its
argument, and never a wall time that does not exist. That is where it parts with cronsim,
which can answer with a time before its start when the start lies in the second pass of a
repeated hour, answers a non-existent midnight where clocks skip it (America/Santiago), and
misses runs where clocks shift by half an hour (Australia/Lord_Howe); the tests show each.

Speed matters because a scheduler asks for the next run of every job on every tick. So the
expression is turned into lookup tables once ("the next allowed minute at or after m"), and
the search jumps month, day, hour, minute on naive wall-clock values; the zone is consulted
only for the candidate found, to see whether it falls in a gap or an overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import MAXYEAR, UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

__all__ = ["CronError", "CronSchedule", "split_label", "validate_cron"]


class CronError(ValueError):
    """A cron expression that cannot be parsed or can never fire."""


LABEL_MARK = " #"


def split_label(expr: str) -> tuple[str, str]:
    """``"0 8 * * * #schedule-3"`` -> ``("0 8 * * *", "schedule-3")``.

    A label after `` #`` is not part of the timing. It lets one owner keep several recurring
    jobs with the same timing apart, since the schedule string is part of a job's unique key.
    """
    timing, _, label = expr.partition(LABEL_MARK)
    return timing.strip(), label.strip()


MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
WEEKDAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}

# Longest length of each month, February counted in a leap year: a day-of-month that no
# selected month reaches makes the schedule one that never fires.
_LONGEST_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_LENGTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_NO_VALUE = -1
# Real cron lines are short; the cap keeps huge input out of the parse memo and away from
# int()'s own limit on digits, which would raise a plain ValueError.
MAX_LENGTH = 255
# A wall-clock minute as (year, month, day, hour, minute).
_Wall = tuple[int, int, int, int, int]
_ONE_MINUTE = timedelta(minutes=1)
_ONE_SECOND = timedelta(seconds=1)


class _Field(NamedTuple):
    """How one of the five fields is spelled and which values it allows."""

    name: str
    low: int
    high: int
    names: dict[str, int]


_MINUTE = _Field("minute", 0, 59, {})
_HOUR = _Field("hour", 0, 23, {})
_DAY = _Field("day-of-month", 1, 31, {})
_MONTH = _Field("month", 1, 12, {name: i for i, name in enumerate(MONTH_NAMES, start=1)})
# 7 is accepted as Sunday, as in every cron since Vixie's; it is folded onto 0 after parsing.
_WEEKDAY = _Field("day-of-week", 0, 7, {name: i for i, name in enumerate(WEEKDAY_NAMES)})
_FIELDS = (_MINUTE, _HOUR, _DAY, _MONTH, _WEEKDAY)


def _error(field: _Field, message: str) -> CronError:
    return CronError(f"{field.name}: {message}")


def _parse_number(text: str, field: _Field, term: str) -> int:
    if not text:
        raise _error(field, f"missing value in {term!r}.")
    if text.isascii() and text.isdigit():
        value = int(text)
    elif text.isascii() and text.isalpha():
        if not field.names:
            raise _error(field, f"unknown name {text!r} (this field takes numbers only).")
        try:
            value = field.names[text.upper()]
        except KeyError:
            raise _error(field, f"unknown name {text!r}.") from None
    else:
        bad = next(ch for ch in text if not (ch.isascii() and ch.isalnum()))
        raise _error(field, f"unexpected character {bad!r} in {term!r}.")
    if not field.low <= value <= field.high:
        raise _error(field, f"{value} is out of range {field.low}-{field.high}.")
    return value


def _parse_step(text: str, field: _Field, term: str) -> int:
    if not text:
        raise _error(field, f"missing step after '/' in {term!r}.")
    if text.startswith("-") and text[1:].isascii() and text[1:].isdigit():
        raise _error(field, f"step must be positive in {term!r}.")
    if not (text.isascii() and text.isdigit()):
        raise _error(field, f"step {text!r} is not a number in {term!r}.")
    step = int(text)
    if step == 0:
        raise _error(field, f"step must be positive in {term!r}.")
    return step


def _parse_term(term: str, field: _Field) -> int:
    """Bit mask of the values one comma-separated term selects."""
    base, slash, step_text = term.partition("/")
    step = _parse_step(step_text, field, term) if slash else 1
    if base == "*":
        low, high = field.low, field.high
    else:
        first, dash, last = base.partition("-")
        low = _parse_number(first, field, term)
        if dash:
            high = _parse_number(last, field, term)
            if high < low:
                raise _error(field, f"range {first}-{last} runs backwards.")
        else:
            # "5/10" means from 5 to the end of the field, every 10.
            high = field.high if slash else low
    if step == 1:
        return (2 << high) - (1 << low)
    mask = 0
    for value in range(low, high + 1, step):
        mask |= 1 << value
    return mask


def _parse_field(token: str, field: _Field) -> int:
    mask = 0
    for term in token.split(","):
        if not term:
            raise _error(field, f"empty item in list {token!r}.")
        mask |= _parse_term(term, field)
    return mask


def _next_table(mask: int, high: int) -> tuple[int, ...]:
    """Table of "smallest allowed value >= i" for i in 0..high+1, -1 where none is left."""
    table = [_NO_VALUE] * (high + 2)
    following = _NO_VALUE
    for value in range(high, -1, -1):
        if mask >> value & 1:
            following = value
        table[value] = following
    return tuple(table)


def _expand_macro(expr: str) -> str:
    macro, *rest = expr.split()
    fields = MACROS.get(macro.lower())
    if fields is None:
        known = ", ".join(MACROS)
        raise CronError(f"unknown macro {macro!r} (expected one of {known}).")
    if rest:
        raise CronError(f"unexpected {rest[0]!r} after {macro}.")
    return fields


def _check_fires(tokens: list[str], day_mask: int, month_mask: int) -> None:
    """Reject day-of-month/month pairs that never meet, like 30 February.

    Only the AND rule can starve: with the OR rule the weekday matches some day of every
    month, and a day-of-month that exists in a selected month falls on any weekday sooner
    or later, so if this check passes a match is at most a few decades away.
    """
    for month in range(1, 13):
        if month_mask >> month & 1 and day_mask & ((2 << _LONGEST_MONTH[month]) - 2):
            return
    raise CronError(
        f"day-of-month: {tokens[2]!r} never falls in month {tokens[3]!r}, "
        "so the schedule never fires."
    )


class _Spec(NamedTuple):
    """Everything an expression means, in the shape the search wants it."""

    minutes: tuple[int, ...]  # next allowed minute >= i, for i in 0..60
    hours: tuple[int, ...]  # next allowed hour >= i, for i in 0..24
    months: tuple[int, ...]  # next allowed month >= i, for i in 0..13
    day_mask: int  # bit d set: day-of-month d allowed
    weekday_mask: int  # bit w set: weekday w allowed (0 = Sunday)
    day_and: bool  # both day fields must match (one starts with "*")
    is_specific_time: bool  # neither minute nor hour starts with "*"


# A scheduler parses the same few expressions over and over (every job, every tick), so
# parsing is memoized; a cold parse costs about 10 µs.
@lru_cache(maxsize=512)
def _compile(text: str) -> _Spec:
    if not text:
        raise CronError("empty expression.")
    if len(text) > MAX_LENGTH:
        raise CronError(f"expression is too long ({len(text)} characters, at most {MAX_LENGTH}).")
    if text.startswith("@"):
        text = _expand_macro(text)
    tokens = text.split()
    if len(tokens) != 5:
        raise CronError(f"expected 5 fields, got {len(tokens)}.")
    minute, hour, day, month, weekday = (
        _parse_field(token, field) for token, field in zip(tokens, _FIELDS, strict=True)
    )
    if weekday >> 7 & 1:
        weekday = (weekday | 1) & 0x7F
    day_and = tokens[2].startswith("*") or tokens[4].startswith("*")
    if day_and:
        _check_fires(tokens, day, month)
    return _Spec(
        minutes=_next_table(minute, 59),
        hours=_next_table(hour, 23),
        months=_next_table(month, 12),
        day_mask=day,
        weekday_mask=weekday,
        day_and=day_and,
        # Debian cron applies its daylight-saving care to jobs at a specific time only.
        is_specific_time=not tokens[0].startswith("*") and not tokens[1].startswith("*"),
    )


class CronSchedule:
    """A parsed cron expression that can tell its next run time.

    Parse once, then call :meth:`next` as often as needed. Instances are immutable (bar a
    one-entry cache of the last month's day table) and safe to share between threads.
    """

    __slots__ = (
        "_first_month",
        "_hours",
        "_last_month",
        "_minutes",
        "_months",
        "_spec",
        "expr",
        "is_specific_time",
    )

    def __init__(self, expr: str) -> None:
        if not isinstance(expr, str):
            raise CronError(f"expected a string, got {type(expr).__name__}.")
        self.expr = expr
        self._spec = spec = _compile(split_label(expr)[0])
        self.is_specific_time = spec.is_specific_time
        # Copied out of the spec: the search reads them on every call.
        self._minutes, self._hours, self._months = spec.minutes, spec.hours, spec.months
        self._first_month = spec.months[1]
        # Successive calls mostly land in the same month: keep its table at hand.
        self._last_month: tuple[int, tuple[int, ...]] = (0, ())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.expr!r})"

    def __eq__(self, other: object) -> bool:
        """Equal when both fire at the same times, however they are spelled."""
        if not isinstance(other, CronSchedule):
            return NotImplemented
        return self._spec == other._spec

    def __hash__(self) -> int:
        return hash(self._spec)

    def next(self, after: datetime) -> datetime:
        """The first run time strictly after ``after``, in ``after``'s time zone.

        ``after`` must be aware: a naive datetime has no zone to read the schedule in.
        """
        if not isinstance(after, datetime):
            raise TypeError(f"after must be a datetime, not {type(after).__name__}.")
        # Offsets are asked of the zone itself: after.utcoffset() costs several times more,
        # and this method is called for every job on every scheduler tick.
        tz = after.tzinfo
        offset = None if tz is None else tz.utcoffset(after)
        if offset is None:
            raise CronError(
                f"after must be an aware datetime (with tzinfo), got naive {after.isoformat()}."
            )
        if type(tz) is timezone:
            # A fixed offset has no gaps or overlaps: the wall-clock answer is the answer.
            y, mo, d, h, mi = self._next_wall(
                after.year, after.month, after.day, after.hour, after.minute + 1
            )
            return datetime(y, mo, d, h, mi, 0, 0, tz)
        fold = after.fold
        other_offset = tz.utcoffset(_with_fold(after, 1 - fold))
        # PEP 495: the two folds of a wall time differ only in a repeated interval (where
        # fold 0 has the larger offset) or in a skipped one (where it has the smaller).
        first, second = (offset, other_offset) if fold == 0 else (other_offset, offset)
        if first < second:
            # Read a wall time that a spring-forward skipped as the real instant that
            # zoneinfo maps it to, and carry on from there.
            return self.next(after.astimezone(UTC).astimezone(tz))
        repeated = first > second
        if self.is_specific_time:
            return self._next_specific(after, in_second_pass=repeated and fold == 1)
        return self._next_real_time(after, in_first_pass=repeated and fold == 0)

    def _next_specific(self, after: datetime, in_second_pass: bool) -> datetime:
        """Next run of a job at fixed wall-clock times: first pass only, gaps pushed on."""
        if in_second_pass:
            # Every wall time up to the end of the repeated interval had its run in the
            # first pass, so resume after that interval.
            start = _ceil_minute_fields(_overlap_end(after))
        else:
            start = (after.year, after.month, after.day, after.hour, after.minute + 1)
        y, mo, d, h, mi = self._next_wall(*start)
        tz = after.tzinfo
        found = datetime(y, mo, d, h, mi, 0, 0, tz)
        first = tz.utcoffset(found)
        second = tz.utcoffset(datetime(y, mo, d, h, mi, 0, 0, tz, fold=1))
        if first < second:
            return _gap_end(found, second - first)
        return found

    def _next_real_time(self, after: datetime, in_first_pass: bool) -> datetime:
        """Next instant whose local wall-clock time matches (the ``*/15`` kind of job)."""
        if in_first_pass:
            found = self._next_in_first_pass(after)
            if found is not None:
                return found
        tz = after.tzinfo
        after_utc: datetime | None = None
        y, mo, d, h, mi = after.year, after.month, after.day, after.hour, after.minute + 1
        while True:
            y, mo, d, h, mi = self._next_wall(y, mo, d, h, mi)
            found = datetime(y, mo, d, h, mi, 0, 0, tz)
            first = tz.utcoffset(found)
            second = tz.utcoffset(datetime(y, mo, d, h, mi, 0, 0, tz, fold=1))
            if first == second:
                return found
            if first > second:
                # A repeated wall time: its first pass, unless `after` is already past it.
                if after_utc is None:
                    after_utc = after.replace(tzinfo=None) - after.utcoffset()
                wall = found.replace(tzinfo=None)
                if wall - first > after_utc:
                    return found
                if wall - second > after_utc:
                    return found.replace(fold=1)
                mi += 1
            else:
                # A skipped wall time: nothing happens there locally, resume after the gap.
                y, mo, d, h, mi = _wall_fields(_gap_end(found, second - first))

    def _next_in_first_pass(self, after: datetime) -> datetime | None:
        """Answer for a start in the first pass of a repeated hour, if it lies in that hour.

        Wall times of the overlap not yet reached come first, then the second pass replays
        the whole overlap, wall times before ``after`` included.
        """
        end = _overlap_end(after)
        y, mo, d, h, mi = self._next_wall(
            after.year, after.month, after.day, after.hour, after.minute + 1
        )
        found = datetime(y, mo, d, h, mi, tzinfo=after.tzinfo)
        if found < end:
            return found
        overlap_start = end - (after.utcoffset() - after.replace(fold=1).utcoffset())
        y, mo, d, h, mi = self._next_wall(*_ceil_minute_fields(overlap_start))
        found = datetime(y, mo, d, h, mi, tzinfo=after.tzinfo)
        if found < end:
            return found.replace(fold=1)
        return None

    def _next_wall(self, y: int, mo: int, d: int, h: int, mi: int) -> _Wall:
        """The first matching wall-clock minute at or after the given one.

        Values may overflow by one (minute 60, hour 24, day 32, month 13): the tables send
        them on to the next larger unit.
        """
        months, hours, minutes = self._months, self._hours, self._minutes
        while True:
            month = months[mo]
            if month != mo:
                if month == _NO_VALUE:
                    y += 1
                    if y > MAXYEAR:
                        raise CronError(f"{self.expr!r} has no run time before year {MAXYEAR + 1}.")
                    month = self._first_month
                mo, d, h, mi = month, 1, 0, 0
            day = self._days(y, mo)[d]
            if day != d:
                if day == 0:
                    mo, d, h, mi = mo + 1, 1, 0, 0
                    continue
                d, h, mi = day, 0, 0
            hour = hours[h]
            if hour != h:
                if hour == _NO_VALUE:
                    d, h, mi = d + 1, 0, 0
                    continue
                h, mi = hour, 0
            minute = minutes[mi]
            if minute == _NO_VALUE:
                h, mi = h + 1, 0
                continue
            return y, mo, d, h, minute

    def _days(self, year: int, month: int) -> tuple[int, ...]:
        """Table of "first matching day >= d" for d in 0..32 of the given month, 0 if none."""
        key, table = self._last_month
        if key == year * 16 + month:
            return table
        table = self._day_table(year, month)
        # One tuple, so that a thread reading it never pairs a key with another's table.
        self._last_month = (year * 16 + month, table)
        return table

    def _day_table(self, year: int, month: int) -> tuple[int, ...]:
        length = _MONTH_LENGTH[month]
        if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            length = 29
        # date.weekday() counts from Monday, cron from Sunday.
        first_weekday = (date(year, month, 1).weekday() + 1) % 7
        spec = self._spec
        return _day_table(spec.day_mask, spec.weekday_mask, spec.day_and, first_weekday, length)


# Which days of a month match depends only on the two day fields, the month's length and
# the weekday of its 1st: 28 months shapes per schedule at most.
@lru_cache(maxsize=1024)
def _day_table(
    day_mask: int, weekday_mask: int, day_and: bool, first_weekday: int, length: int
) -> tuple[int, ...]:
    """Table of "first matching day >= d" for d in 0..32, 0 where none is left."""
    table = [0] * 33
    following = 0
    for day in range(length, 0, -1):
        by_date = day_mask >> day & 1
        by_weekday = weekday_mask >> ((first_weekday + day - 1) % 7) & 1
        if (by_date and by_weekday) if day_and else (by_date or by_weekday):
            following = day
        table[day] = following
    return tuple(table)


def _wall_fields(moment: datetime) -> _Wall:
    return moment.year, moment.month, moment.day, moment.hour, moment.minute


def _ceil_minute_fields(moment: datetime) -> _Wall:
    """Fields of the first whole minute at or after ``moment`` (minute may read 60)."""
    rounding = 1 if moment.second or moment.microsecond else 0
    return moment.year, moment.month, moment.day, moment.hour, moment.minute + rounding


def _with_fold(moment: datetime, fold: int) -> datetime:
    """``moment.replace(fold=fold)``, built directly because that is twice as fast."""
    return datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        moment.tzinfo,
        fold=fold,
    )


def _is_imaginary(wall: datetime) -> bool:
    return wall.utcoffset() < wall.replace(fold=1).utcoffset()


def _is_repeated(wall: datetime) -> bool:
    return wall.utcoffset() > wall.replace(fold=1).utcoffset()


def _gap_end(wall: datetime, jump: timedelta) -> datetime:
    """First whole minute after the spring-forward gap that holds ``wall``.

    The gap is at most ``jump`` long, so a binary search over its minutes finds the end in a
    handful of zone look-ups, where cronsim walks it minute by minute.
    """
    low, high = 0, -(-jump // _ONE_MINUTE)
    while _is_imaginary(wall + high * _ONE_MINUTE):  # two transitions in a row: keep going
        low, high = high, 2 * high
    minutes = _first_outside(lambda n: _is_imaginary(wall + n * _ONE_MINUTE), low, high)
    return wall + minutes * _ONE_MINUTE


def _overlap_end(moment: datetime) -> datetime:
    """Wall time (fold 0) at which the repeated interval holding ``moment`` ends."""
    base = moment.replace(microsecond=0, fold=0)
    jump = base.utcoffset() - base.replace(fold=1).utcoffset()
    high = -(-jump // _ONE_SECOND)
    seconds = _first_outside(lambda n: _is_repeated(base + n * _ONE_SECOND), 0, high)
    return base + seconds * _ONE_SECOND


def _first_outside(inside: Callable[[int], bool], low: int, high: int) -> int:
    """Binary search: the first n in (low, high] with ``inside(n)`` false, given that
    ``inside(low)`` holds (or low is the start) and ``inside(high)`` does not."""
    while high - low > 1:
        middle = (low + high) // 2
        if inside(middle):
            low = middle
        else:
            high = middle
    return high


def validate_cron(expr: str) -> None:
    """Raise :class:`CronError` unless ``expr`` is a cron expression (no label) that fires."""
    if "#" in expr:
        raise CronError("'#' is not part of a cron expression.")
    CronSchedule(expr)
