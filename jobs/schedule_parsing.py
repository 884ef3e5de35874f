"""Reading a job's cron schedule and time zone: cached lookups and one spelling per schedule."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from jobs.cron import CronSchedule


@lru_cache(maxsize=512)
def cron_schedule(expr: str) -> CronSchedule:
    """Parsing is cheap but not free, and a scheduler sees the same few schedules all day."""
    return CronSchedule(expr)


@lru_cache(maxsize=512)
def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"timezone: {name!r} is not an IANA time zone name such as Europe/Berlin"
        ) from None


def normalize_schedule(schedule: str) -> str:
    """One spelling per schedule, so "0  8 * * *" and "0 8 * * *" are the same key."""
    if not isinstance(schedule, str):
        raise ValueError(f"schedule: expected a cron expression string, got {schedule!r}")
    schedule = " ".join(schedule.split())
    if schedule:
        cron_schedule(schedule)  # raises CronError naming the field and token
    return schedule
