"""When digests happen: one recurring ``digest.send`` job per user, kept in step with them.

The jobs table keys a recurring job on (user, type, schedule), so a new schedule is a new row:
:func:`sync_digest_schedule` enqueues the row for the current schedule and cancels the rows of
earlier schedules, so exactly one is ever active. It is the one place that decides, and it is
safe to call at any time (after a settings change, on sign-in, on reconnect, from the admin):
it only ever converges on "one active row for the current schedule and zone, or none when
paused or Google is not connected".

"Send now" is a one-off job; the engine allows one pending one-off job per (user, type), so
pressing the button twice queues one digest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import GoogleAccount
from accounts.preferences import clean_preferences
from jobs.models import ACTIVE, Job, cron_schedule, normalize_schedule

__all__ = [
    "DIGEST_JOB",
    "google_is_connected",
    "next_digest_at",
    "send_now",
    "stop_digests",
    "sync_digest_schedule",
]

DIGEST_JOB = "digest.send"


def digest_jobs(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(user=user, type=DIGEST_JOB)


def google_is_connected(user: Any) -> bool:
    account = GoogleAccount.objects.filter(user=user).only("status").first()
    return account is not None and account.is_connected


def sync_digest_schedule(user: Any) -> Job | None:
    """Make the user's recurring digest job match their preferences; returns it, or None."""
    preferences = clean_preferences(user.digest_preferences)
    recurring = digest_jobs(user).exclude(schedule="")
    with transaction.atomic():
        if preferences["paused"] or not google_is_connected(user):
            recurring.cancel()
            return None
        job = Job.objects.enqueue(
            DIGEST_JOB,
            user=user,
            schedule=preferences["schedule"],
            timezone=user.timezone,
            payload={"manual": False},
        )
        recurring.exclude(pk=job.pk).cancel()
        row = Job.objects.filter(pk=job.pk)
        if job.timezone != user.timezone:
            # Same schedule, new zone: the key is unchanged, so the row is updated in place.
            row.update(timezone=user.timezone)
            row.filter(status=Job.Status.PENDING).update(
                next_run=cron_schedule(job.schedule).next(timezone.now().astimezone(user.zone))
            )
        if job.status not in ACTIVE:
            # Cancelled by a pause, or dead after Google refused us: restart at the next
            # scheduled time, not at once (resume() never makes up missed runs).
            row.cancel()
            row.resume()
        job.refresh_from_db()
        return job


def stop_digests(user: Any) -> int:
    """Cancel the user's scheduled and queued digests (Google gone or needing reconnection)."""
    return digest_jobs(user).cancel()


def send_now(user: Any) -> Job:
    """Queue a digest for right away; a second press while it waits returns the same job."""
    return Job.objects.enqueue(DIGEST_JOB, user=user, payload={"manual": True})


def is_current(job: Job, user: Any) -> bool:
    """Whether a recurring row is the user's current schedule (and not a stale leftover)."""
    schedule = clean_preferences(user.digest_preferences)["schedule"]
    return not job.is_recurring or job.schedule == normalize_schedule(schedule)


def next_digest_at(user: Any) -> datetime | None:
    """When the next digest is due: a queued "send now", else the schedule; None if neither."""
    now = timezone.now()
    candidates: list[datetime] = []
    for job in digest_jobs(user).filter(status__in=ACTIVE):
        if not is_current(job, user):
            continue
        if job.status == Job.Status.RUNNING:
            if job.is_recurring:
                candidates.append(job.next_scheduled_run(now))
            continue
        candidates.append(job.next_run)
    return min(candidates, default=None)


def on_google_connected(sender: Any, user: Any, created: bool = False, **kwargs: Any) -> None:
    # Read the person afresh: the sender may hold an instance from before it changed their
    # preferences (resuming a pause it made) in the same transaction.
    user = type(user).objects.get(pk=user.pk)
    sync_digest_schedule(user)
    if created:
        # A welcome digest of the last 24 hours, so a newcomer sees what the product does
        # now rather than at the next scheduled time.
        send_now(user)


def on_google_gone(sender: Any, user: Any, **kwargs: Any) -> None:
    stop_digests(user)


# --- the schedule in words ------------------------------------------------------------------

_MACROS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
}
_DAY_NAMES = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"]
_DAY_SETS = {
    frozenset(range(7)): "Every day",
    frozenset(range(1, 6)): "Weekdays",
    frozenset({0, 6}): "Weekends",
}


def _numbers(field: str, low: int, high: int) -> list[int] | None:
    """Values of a field made of numbers, lists and ranges; None for anything fancier."""
    if field == "*":
        return list(range(low, 7 if high == 7 else high + 1))  # day-of-week 7 is Sunday (0)
    values: set[int] = set()
    for term in field.split(","):
        first, _, last = term.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            return None
        values.update(range(int(first), int(last or first) + 1))
    return sorted(v % 7 if high == 7 else v for v in values)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_schedule(expr: str, zone_name: str) -> str:
    """ "Weekdays at 08:00 and 17:00 (Europe/Berlin)"; exotic expressions are quoted as is."""
    expr = " ".join(expr.split())
    fields = _MACROS.get(expr.lower(), expr).split()
    fallback = f"On the cron schedule “{expr}” ({zone_name})"
    if len(fields) != 5 or fields[2] != "*" or fields[3] != "*":
        return fallback
    minutes = _numbers(fields[0], 0, 59) if fields[0] != "*" else None
    hours = _numbers(fields[1], 0, 23)
    days = _numbers(fields[4], 0, 7)
    if not minutes or not hours or not days:
        return fallback
    day_set = frozenset(days)
    when = _DAY_SETS.get(day_set) or _join([_DAY_NAMES[d] for d in sorted(day_set)])
    if len(minutes) == 1 and len(hours) > 4 and hours == list(range(hours[0], hours[-1] + 1)):
        first, last = f"{hours[0]:02d}:{minutes[0]:02d}", f"{hours[-1]:02d}:{minutes[0]:02d}"
        return f"{when}, every hour from {first} to {last} ({zone_name})"
    times = [f"{h:02d}:{m:02d}" for h in hours for m in minutes]
    if len(times) > 6:
        return fallback
    return f"{when} at {_join(times)} ({zone_name})"
