"""The digest job rows, kept in step with the person's schedules (digests.Schedule).

Digests is the only writer of ``digest.send`` rows. Each active schedule has one recurring
row, keyed ``"<cron> #schedule-<id>"`` so two schedules with the same timing never share the
jobs table's unique key (user, type, schedule); the payload names the schedule too. A paused
schedule, or a person without a connected Google account, has no recurring row.
:func:`sync_digest_jobs` is the one place that decides and is safe to call at any time: it
converges on exactly that. It never reads cancelled rows as state.

"Send now" is a one-off job; the engine allows one pending one-off job per (user, type), so
pressing the button twice queues one digest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import GoogleAccount
from digests.schedule_model import Schedule
from jobs.models import Job
from jobs.schedule_parsing import cron_schedule
from jobs.transitions import ACTIVE

__all__ = [
    "DIGEST_JOB",
    "google_is_connected",
    "job_key",
    "next_digest_at",
    "next_run_of",
    "send_now",
    "sync_digest_jobs",
    "sync_digest_schedule",
]

DIGEST_JOB = "digest.send"


def digest_jobs(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(user=user, type=DIGEST_JOB)


def job_key(schedule: Schedule) -> str:
    """The recurring row's schedule string: the cron plus a label naming the schedule."""
    return f"{schedule.cron} #schedule-{schedule.pk}"


def google_is_connected(user: Any) -> bool:
    account = GoogleAccount.objects.filter(user=user).only("status").first()
    return account is not None and account.is_connected


def sync_digest_jobs(user: Any) -> list[Job]:
    """One recurring row per active schedule, none for the rest; returns the kept rows."""
    now = timezone.now()
    with transaction.atomic():
        active = Schedule.objects.filter(user=user, paused=False)
        schedules = list(active) if google_is_connected(user) else []
        kept = [_job_for(schedule, now) for schedule in schedules]
        stale = digest_jobs(user).exclude(schedule="").exclude(pk__in=[job.pk for job in kept])
        # Rows no handler holds go; a running one is cancelled and its outcome discarded.
        stale.filter(Q(lease_owner="") | Q(lease_expires_at__lt=now)).delete()
        stale.cancel()
    for job in kept:
        job.refresh_from_db()
    return kept


def _job_for(schedule: Schedule, now: datetime) -> Job:
    job = Job.objects.enqueue(
        DIGEST_JOB,
        user=schedule.user,
        schedule=job_key(schedule),
        timezone=schedule.timezone,
        payload={"manual": False, "schedule_id": schedule.pk},
    )
    row = Job.objects.filter(pk=job.pk)
    if job.timezone != schedule.timezone:
        # Same timing, new zone: the key is unchanged, so the row is updated in place.
        row.update(timezone=schedule.timezone)
        row.filter(status=Job.Status.PENDING).update(
            next_run=cron_schedule(schedule.cron).next(now.astimezone(schedule.zone))
        )
    if job.status not in ACTIVE:
        # Dead after Google refused us (or stopped by staff): restart at the next scheduled
        # time, not at once (resume() never makes up missed runs).
        row.cancel()
        row.resume()
    return job


def sync_digest_schedule(user: Any) -> Job | None:
    """The one-schedule name kept for older callers: syncs, returns the first kept row."""
    return next(iter(sync_digest_jobs(user)), None)


def send_now(user: Any) -> Job:
    """Queue a digest for right away; a second press while it waits returns the same job."""
    return Job.objects.enqueue(DIGEST_JOB, user=user, payload={"manual": True})


def cancel_queued_send_now(user: Any) -> int:
    """A "send now" still waiting is not wanted once Google is gone."""
    return digest_jobs(user).filter(schedule="").cancel()


def schedule_of(job: Job) -> Schedule | None:
    """The schedule a recurring row serves, if it still exists and this row is its current one."""
    payload = job.payload if isinstance(job.payload, dict) else {}
    schedule_id = payload.get("schedule_id")
    if not isinstance(schedule_id, int) or job.user_id is None:
        return None
    schedule = Schedule.objects.filter(pk=schedule_id, user_id=job.user_id).first()
    if schedule is None or job.schedule != job_key(schedule):
        return None
    return schedule


def next_run_of(schedule: Schedule, after: datetime | None = None) -> datetime | None:
    """When the schedule fires next (None while paused), in its own zone."""
    if schedule.paused:
        return None
    after = after or timezone.now()
    return cron_schedule(schedule.cron).next(after.astimezone(schedule.zone))


def next_digest_at(user: Any) -> datetime | None:
    """When the next digest is due across all schedules, or a queued "send now"; None if none.

    In the zone it is read in (its schedule's; a "send now" in the person's), so a page shows
    the same wall time, and zone, as the schedule's own line.
    """
    now = timezone.now()
    candidates: list[datetime] = []
    for job in digest_jobs(user).filter(status__in=ACTIVE):
        zone = user.zone
        if job.is_recurring:
            schedule = schedule_of(job)
            if schedule is None:
                continue
            zone = schedule.zone
            if job.status == Job.Status.RUNNING:
                candidates.append(job.next_scheduled_run(now).astimezone(zone))
                continue
        elif job.status == Job.Status.RUNNING:
            continue
        candidates.append(job.next_run.astimezone(zone))
    return min(candidates, default=None)
