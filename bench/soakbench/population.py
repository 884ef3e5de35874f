"""The soak's people: time zones (some crossing a DST change in the day), two digests each,
spread across the simulated day, with real tokens of the fake Google."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from fakegoogle import FakeGoogle

# Europe ends summer time on 2026-10-25 at 01:00 UTC, inside the soak's day.
ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
]
DST_ZONES = {"Europe/Berlin", "Europe/London"}
SCOPES = ["openid", "email", "profile", "https://www.googleapis.com/auth/gmail.readonly"]


@dataclass(frozen=True)
class Person:
    email: str
    zone: str
    schedule: str


def plan(rng: random.Random, users: int, start: dt.datetime, hours: float) -> list[Person]:
    """Two digests per person, both inside [start, start + hours), at the same local minute."""
    people = []
    span = dt.timedelta(hours=hours)
    for index in range(users):
        zone = ZONES[index % len(ZONES)]
        gap = dt.timedelta(hours=rng.randint(1, max(1, int(hours // 2))))
        first = start + dt.timedelta(seconds=rng.uniform(60, (span - gap).total_seconds() - 60))
        local1 = first.astimezone(ZoneInfo(zone))
        local2 = (first + gap).astimezone(ZoneInfo(zone))
        hours_field = ",".join(str(h) for h in sorted({local1.hour, local2.hour}))
        people.append(
            Person(f"soak{index}@example.com", zone, f"{local1.minute} {hours_field} * * *")
        )
    return people


def due_runs(person: Person, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The person's cron times in [start, end), read in their zone (as the engine does)."""
    from jobs.schedule_parsing import cron_schedule

    schedule = cron_schedule(person.schedule)
    runs, at = [], start - dt.timedelta(microseconds=1)
    while True:
        at = schedule.next(at.astimezone(ZoneInfo(person.zone)))
        if at >= end:
            return runs
        runs.append(at)


def create(fake: FakeGoogle, people: list[Person]) -> None:
    """Users connected to the fake Google with real tokens, their digest jobs scheduled."""
    from accounts.models import GoogleAccount, User
    from digests.preferences import preferences_for
    from digests.schedules import create_schedule

    for person in people:
        fake.add_account(person.email, name=person.email.split("@")[0])
        issued = fake.issue_tokens(person.email, SCOPES)
        user = User.objects.create_user(email=person.email, password=None, name="Soak")
        user.timezone = person.zone
        user.save()
        # Every due run leaves a digest row, empty ones included, so the table can account
        # for each run (the default "skip" leaves no row for a period with nothing new).
        preferences = preferences_for(user)
        preferences.empty_policy = preferences.EmptyPolicy.SEND
        preferences.save(update_fields=["empty_policy"])
        GoogleAccount.objects.create(
            user=user,
            subject=fake.account(person.email).sub,
            email=person.email,
            scopes=SCOPES,
            access_token=issued["access_token"],
            refresh_token=issued["refresh_token"],
            token_expiry=timezone.now() + dt.timedelta(seconds=int(issued["expires_in"])),
        )
        create_schedule(user, name="Soak", cron=person.schedule, timezone=person.zone)
