"""Live progress of "send now": written by the build (throttled), read by a JSON endpoint.

The build reports ``(stage, done, total)`` (digests.sync / digests.building); the user's
digest being built keeps the latest report in ``progress_*``. The status the page polls is
read from the send-now job and that digest: queued -> reading Gmail n/N -> analysing ->
sending -> done (with a link to the digest), or failed with the reason in words.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse

from digests.models import Digest
from digests.scheduling import DIGEST_JOB, send_now
from gda_site import ratelimit
from jobs.models import ACTIVE, Job

__all__ = ["SendNowRefused", "current_send_now", "recorder", "send_now_status", "start_send_now"]

THROTTLE_SECONDS = 0.5
STAGES = {
    "listing": ("reading", "Reading Gmail"),
    "fetching": ("reading", "Reading Gmail"),
    "analysing": ("analysing", "Analysing"),
    "storing": ("analysing", "Analysing"),
    "sending": ("sending", "Sending"),
}


def recorder(user: Any, *, clock: Callable[[], float] = time.monotonic) -> Callable[..., None]:
    """A progress callback that writes to the user's building digest, at most twice a second.

    A new stage and the last step of a stage are always written.
    """
    last = {"at": -THROTTLE_SECONDS, "stage": ""}

    def record(stage: str, done: int, total: int) -> None:
        now = clock()
        fresh = stage != last["stage"] or done >= total
        if not fresh and now - float(last["at"]) < THROTTLE_SECONDS:
            return
        last.update(at=now, stage=stage)
        Digest.objects.filter(user=user, status=Digest.Status.BUILDING).update(
            progress_stage=stage, progress_done=done, progress_total=total
        )

    return record


def manual_jobs(user: Any) -> Any:
    return Job.objects.filter(user=user, type=DIGEST_JOB, schedule="")


def current_send_now(user: Any) -> Job | None:
    """The user's queued or running one-off digest, if any."""
    return manual_jobs(user).filter(status__in=ACTIVE).order_by("-created_at").first()


class SendNowRefused(Exception):
    """Too many "send now" in the last hour; the message says when to try again."""


def start_send_now(user: Any) -> tuple[Job, bool]:
    """(the job, whether it is new): the running one if any, else a new one within the limit."""
    running = current_send_now(user)
    if running is not None:
        return running, False
    limit = settings.CONFIG.digest.send_now_per_hour
    wait = ratelimit.hit("send_now", str(user.pk), limit=limit, window=3600)
    if wait:
        minutes = max(1, round(wait / 60))
        raise SendNowRefused(
            f"You have asked for {limit} digests this hour, the most we make in an hour; "
            f"try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )
    return send_now(user), True


def _stage_of(user: Any) -> dict[str, Any]:
    """How far the user's digest being built has got (one builder per user at a time)."""
    digest = Digest.objects.filter(user=user, status=Digest.Status.BUILDING).first()
    if digest is None or digest.progress_stage not in STAGES:
        return {"state": "reading", "label": "Reading Gmail", "done": 0, "total": 0}
    state, label = STAGES[digest.progress_stage]
    done, total = digest.progress_done, digest.progress_total
    if state == "reading" and total:
        label = f"Reading Gmail {done}/{total}"
    return {"state": state, "label": label, "done": done, "total": total}


def send_now_status(user: Any, job_id: uuid.UUID | str | None = None) -> dict[str, Any]:
    """What the page shows about the latest (or the given) send-now job of this user."""
    jobs = manual_jobs(user)
    job = jobs.filter(pk=job_id).first() if job_id else jobs.order_by("-created_at").first()
    if job is None:
        return {"state": "idle", "label": ""}
    base = {"job": str(job.pk)}
    if job.status == Job.Status.PENDING:
        note = " (retrying after a problem)" if job.last_error else ""
        return {**base, "state": "queued", "label": f"Queued{note}"}
    if job.status == Job.Status.RUNNING:
        return {**base, **_stage_of(user)}
    # The run's digest ends at the run's "now" (digests.building.claim_period), after the job.
    digest = Digest.objects.filter(user=user, period_end__gte=job.created_at).first()
    if job.status == Job.Status.SUCCEEDED:
        if digest is None:
            return {**base, "state": "done", "label": "Done: nothing new since your last digest"}
        url = reverse("digests:detail", args=[digest.pk])
        return {**base, "state": "done", "label": "Done", "url": url}
    reason = digest.last_error if digest and digest.last_error else "It did not work."
    return {**base, "state": "failed", "label": f"Failed: {reason}"}
