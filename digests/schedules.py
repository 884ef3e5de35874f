"""A person's schedules: create, change, delete, pause and resume; Google coming and going.

Every change is saved with the digest job rows brought in step (digests.scheduling) in one
transaction. Pausing is recorded once, on the schedule, with who paused it and why:
"you" (the schedules page), "unsubscribe link" (the link in a digest email), "Google
disconnected" (set and lifted here when Google access goes and comes back) or "staff".
A pause someone else made is never lifted by Google coming back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import validate_timezone
from digests import scheduling
from digests.schedule_model import PausedBy, Schedule

__all__ = [
    "create_schedule",
    "delete_schedule",
    "ensure_first_schedule",
    "on_google_connected",
    "on_google_gone",
    "pause",
    "resume",
    "set_zone",
    "update_schedule",
]

FIRST_SCHEDULE_NAME = "Weekday digests"


def create_schedule(user: Any, **fields: Any) -> Schedule:
    """A new schedule (name, cron, timezone, channel), with its job."""
    with transaction.atomic():
        schedule = Schedule(user=user, **fields)
        schedule.full_clean()
        schedule.save()
        scheduling.sync_digest_jobs(user)
    return schedule


def update_schedule(schedule: Schedule, **fields: Any) -> Schedule:
    """Change a schedule's name, timing, zone or channel; its job follows."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(schedule, name, value)
        schedule.full_clean()
        schedule.save()
        scheduling.sync_digest_jobs(schedule.user)
    return schedule


def set_zone(user: Any, name: str) -> int:
    """Make ``name`` the person's zone; schedules in their old zone move with it (how many)."""
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        old = user.timezone
        if name == old:
            return 0
        validate_timezone(name)
        user.timezone = name
        user.save(update_fields=["timezone"])
        moved = Schedule.objects.filter(user=user, timezone=old).update(
            timezone=name, updated_at=timezone.now()
        )
        scheduling.sync_digest_jobs(user)
    return moved


def delete_schedule(schedule: Schedule) -> None:
    with transaction.atomic():
        user = schedule.user
        schedule.delete()
        scheduling.sync_digest_jobs(user)


def _targets(user_or_schedule: Any) -> tuple[Any, Any]:
    if isinstance(user_or_schedule, Schedule):
        return user_or_schedule.user, Schedule.objects.filter(pk=user_or_schedule.pk)
    return user_or_schedule, Schedule.objects.filter(user=user_or_schedule)


def pause(user_or_schedule: Any, *, by: str, reason: str = "") -> int:
    """Pause one schedule, or all of a user's; those already paused keep who paused them.

    ``by`` is a ``PausedBy`` value ("you", "unsubscribe link", "Google disconnected",
    "staff"). Returns how many schedules this paused.
    """
    if by not in PausedBy.values or by == PausedBy.NOBODY:
        raise ValueError(f"by: expected one of {[v for v in PausedBy.values if v]}, got {by!r}")
    user, rows = _targets(user_or_schedule)
    with transaction.atomic():
        changed = rows.filter(paused=False).update(
            paused=True,
            paused_by=by,
            paused_reason=reason[:300],
            paused_at=timezone.now(),
            updated_at=timezone.now(),
        )
        scheduling.sync_digest_jobs(user)
    _refresh(user_or_schedule)
    return changed


def resume(user_or_schedule: Any, *, only_paused_by: str | None = None) -> int:
    """Lift the pause of one schedule or all of a user's (only those ``only_paused_by``)."""
    user, rows = _targets(user_or_schedule)
    rows = rows.filter(paused=True)
    if only_paused_by is not None:
        rows = rows.filter(paused_by=only_paused_by)
    with transaction.atomic():
        changed = rows.update(
            paused=False, paused_by="", paused_reason="", paused_at=None, updated_at=timezone.now()
        )
        scheduling.sync_digest_jobs(user)
    _refresh(user_or_schedule)
    return changed


def _refresh(user_or_schedule: Any) -> None:
    if isinstance(user_or_schedule, Schedule):
        user_or_schedule.refresh_from_db()


def ensure_first_schedule(user: Any) -> Schedule | None:
    """A newcomer's first schedule (the site default), unless they already have one."""
    if Schedule.objects.filter(user=user).exists():
        return None
    return Schedule.objects.create(
        user=user,
        name=FIRST_SCHEDULE_NAME,
        cron=settings.CONFIG.digest.default_schedule,
        timezone=user.timezone,
    )


def on_google_connected(sender: Any, user: Any, created: bool = False, **kwargs: Any) -> None:
    """Google is back (or new): lift the pauses its absence caused and schedule the jobs."""
    user = type(user).objects.get(pk=user.pk)
    if created:
        ensure_first_schedule(user)
    resume(user, only_paused_by=PausedBy.GOOGLE)
    if created:
        # A welcome digest of the last 24 hours, so a newcomer sees what the product does
        # now rather than at the next scheduled time.
        scheduling.send_now(user)


def on_google_gone(sender: Any, user: Any, reason: str = "", **kwargs: Any) -> None:
    """Disconnected, or Google refused the token: pause every schedule, say why."""
    why = "Google stopped letting us read your Gmail" if reason else "You disconnected Google"
    pause(user, by=PausedBy.GOOGLE, reason=why)
    scheduling.cancel_queued_send_now(user)
