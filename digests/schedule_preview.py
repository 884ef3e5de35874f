"""What a schedule means, for the editor: in words, its next runs, and the zones to pick from.

The words come from cron-descriptor; whether the expression is valid, and when it runs, come
from jobs.cron, the parser the scheduler itself uses, so the preview and the real runs never
disagree (daylight-saving changes included).
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from functools import cache

from cron_descriptor import ExpressionDescriptor, Options
from django.utils import timezone

from digests.render import dates
from jobs.cron import MACROS, CronSchedule, validate_cron

__all__ = [
    "MIN_GAP",
    "canonical_zone",
    "describe",
    "next_runs",
    "offset_label",
    "shortest_gap",
    "zone_names",
    "zone_options",
]

MIN_GAP = timedelta(minutes=60)  # the least time between two digests of one schedule
GAP_HORIZON = timedelta(days=35)  # how far ahead the spacing is checked


def describe(cron: str) -> str:
    """ "At 08:00 and 17:00, Monday through Friday"; the caller validates first."""
    expr = " ".join(cron.split())
    expr = MACROS.get(expr.lower(), expr)
    options = Options()
    options.use_24hour_time_format = True
    options.verbose = False
    return str(ExpressionDescriptor(expr, options).get_description())


def next_runs(
    cron: str, zone_name: str, count: int = 5, after: datetime | None = None
) -> list[datetime]:
    """The next ``count`` run times in the zone; raises CronError or a zoneinfo error."""
    validate_cron(cron)
    schedule = CronSchedule(cron)
    moment = (after or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone_name))
    runs = []
    for _ in range(count):
        moment = schedule.next(moment)
        runs.append(moment)
    return runs


def shortest_gap(cron: str, zone_name: str, after: datetime | None = None) -> timedelta | None:
    """The shortest real time between two consecutive runs within the next 5 weeks.

    Stops at the first gap shorter than MIN_GAP (it is the answer that matters); None when the
    schedule runs at most once in that time. Raises CronError or a zoneinfo error.
    """
    validate_cron(cron)
    schedule = CronSchedule(cron)
    start = (after or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone_name))
    moment, shortest = schedule.next(start), None
    while moment - start < GAP_HORIZON:
        following = schedule.next(moment)
        gap = following - moment
        shortest = gap if shortest is None else min(shortest, gap)
        if shortest < MIN_GAP:
            break
        moment = following
    return shortest


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(
        sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC")
    )


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in zone_names()}


def canonical_zone(name: str) -> str | None:
    """The zone's own spelling ("europe/berlin" -> "Europe/Berlin"), or None if unknown."""
    return _zones_by_folded_name().get(name.strip().casefold())


def offset_label(moment: datetime) -> str:
    """ "UTC+01:00" for an aware datetime."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_options(now: datetime | None = None) -> list[tuple[str, str]]:
    """(name, "Europe/Berlin (UTC+01:00, 14:05)") for every zone, at this moment."""
    now = now or timezone.now()
    options = []
    for name in zone_names():
        local = now.astimezone(zoneinfo.ZoneInfo(name))
        options.append(
            (name, f"{name} ({offset_label(local)}, {dates.clock(local, local.tzinfo)})")
        )
    return options
