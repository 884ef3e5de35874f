"""What a schedule's row says about it: active, paused, or waiting for Google to come back.

A schedule sends nothing while Google is not connected (digests.scheduling keeps no job for
it), whether it was paused when Google went or added afterwards, so it is never "Active"
then. It is "Waiting for Google" with a link to (re)connect, as the dashboard says of a
digest that failed for want of access (digests.finishing.needed_access). A pause someone
chose (you, the unsubscribe link, staff) stays "Paused": reconnecting does not lift it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from digests.schedule_model import PausedBy, Schedule
from digests.schedule_preview import describe
from digests.scheduling import google_is_connected, next_run_of

__all__ = ["ACTIVE", "PAUSED", "WAITING", "ScheduleRow", "schedule_rows", "state_of"]

ACTIVE = "active"
PAUSED = "paused"
WAITING = "waiting"  # for Google to be (re)connected


@dataclass(frozen=True)
class ScheduleRow:
    """One schedule as a page lists it: its words, its state and, when active, its next run."""

    schedule: Schedule
    words: str
    state: str
    next_run: datetime | None

    @property
    def label(self) -> str:
        """The state in words: "Active", "Paused" or "Waiting for Google"."""
        return {ACTIVE: "Active", PAUSED: "Paused", WAITING: "Waiting for Google"}[self.state]


def state_of(schedule: Schedule, connected: bool) -> str:
    """Active, paused (by someone's choice), or waiting for Google to be reconnected."""
    if schedule.paused and schedule.paused_by != PausedBy.GOOGLE:
        return PAUSED
    if not connected or schedule.paused:
        return WAITING
    return ACTIVE


def schedule_rows(user: Any) -> list[ScheduleRow]:
    """The person's schedules, each with its state; a next run only for an active one."""
    connected = google_is_connected(user)
    rows = []
    for schedule in Schedule.objects.filter(user=user):
        state = state_of(schedule, connected)
        upcoming = next_run_of(schedule) if state == ACTIVE else None
        rows.append(ScheduleRow(schedule, describe(schedule.cron), state, upcoming))
    return rows
