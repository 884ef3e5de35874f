"""Live progress of "send now": written by the build (throttled), read by a JSON endpoint.

The build reports ``(stage, done, total)`` (digests.sync / digests.building); the user's
digest being built keeps the latest report in ``progress_*``. The status the page polls is
read from the send-now job and that digest: queued -> reading Gmail n/N -> analysing ->
sending -> done (with a link to the digest), or waiting to retry (when, and why the button is
off until then), or failed with the reason in words. "Done" needs a digest that did not fail:
the job's status alone is not the truth about the digest.

:func:`retry_state` says whether the person's failed digest will be retried and when, for the
history's badge ("Will retry at 08:34" until the last attempt fails).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.urls import reverse

from digests import send_now_limit
from digests.finishing import STOPPED_TRYING, is_bad_query, needed_access
from digests.models import Digest
from digests.render import dates
from digests.scheduling import DIGEST_JOB, google_is_connected, send_now
from jobs.models import Job
from jobs.transitions import ACTIVE

__all__ = [
    "SendNowRefused",
    "current_send_now",
    "recorder",
    "retry_state",
    "send_now_status",
    "start_send_now",
]

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
    """Too many "send now" this hour; the message says when the person may send another."""

    def __init__(self, limit: send_now_limit.Limit) -> None:
        super().__init__(limit.label)
        self.limit = limit

    def as_json(self) -> dict[str, Any]:
        return {"state": "refused", "label": self.limit.label, "limit": self.limit.as_json()}


def start_send_now(user: Any, *, at: datetime | None = None) -> tuple[Job, bool]:
    """(the job, whether it is new): the running one if any, else a new one within the limit."""
    running = current_send_now(user)
    if running is not None:
        return running, False
    if limit := send_now_limit.count(user, at):
        raise SendNowRefused(limit)
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


def _clock(user: Any, at: Any) -> str:
    """ "08:34" today in the person's zone, else with its day."""
    return dates.moment(at, user.zone)


def send_now_status(user: Any, job_id: uuid.UUID | str | None = None) -> dict[str, Any]:
    """What the page shows about the latest (or the given) send-now job of this user.

    ``show`` marks a status worth showing when the page loads: one in progress, or a failure
    whose digest is still failed (a later success makes it old news). ``limit``, present only
    when the person has used up the hour's "send now", says until when the button is off.
    """
    status = _job_status(user, job_id)
    if limit := send_now_limit.reached(user):
        status["limit"] = limit.as_json()
    return status


def _job_status(user: Any, job_id: uuid.UUID | str | None) -> dict[str, Any]:
    jobs = manual_jobs(user)
    job = jobs.filter(pk=job_id).first() if job_id else jobs.order_by("-created_at").first()
    if job is None:
        return {"state": "idle", "label": ""}
    base = {"job": str(job.pk)}
    # The run's digest ends at the run's "now" (digests.building.claim_period), after the job.
    digest = Digest.objects.filter(user=user, period_end__gte=job.created_at).first()
    if job.status == Job.Status.PENDING:
        if job.retry_count:
            return {**base, **_waiting(user, job, digest), "show": True}
        return {**base, "state": "queued", "label": "Queued", "show": True}
    if job.status == Job.Status.RUNNING:
        return {**base, **_stage_of(user), "show": True}
    if job.status == Job.Status.SUCCEEDED and (digest is None or not _failed(digest)):
        if digest is None:
            return {**base, "state": "done", "label": "Done: nothing new since your last digest"}
        url = reverse("digests:detail", args=[digest.pk])
        return {**base, "state": "done", "label": "Done", "url": url}
    return {**base, **_failure(user, job, digest)}


def _failed(digest: Digest) -> bool:
    return digest.status == Digest.Status.FAILED


def _waiting(user: Any, job: Job, digest: Digest | None) -> dict[str, Any]:
    """A failed run the job will try again: when, why, and why the button is off meanwhile."""
    reason = digest.last_error if digest is not None and digest.last_error else job.last_error
    attempt = f"attempt {job.retry_count + 1} of {job.max_attempts}"
    label = (
        f"Failed, trying again at {_clock(user, job.next_run)} ({attempt}): {reason} "
        '"Send a digest now" is back once this digest is made or we stop trying.'
    )
    return {"state": "waiting", "label": label, "retry_at": job.next_run.isoformat()}


def _failure(user: Any, job: Job, digest: Digest | None) -> dict[str, Any]:
    """A run that will not be retried: the digest's reason, and where to fix it if we know."""
    reason = digest.last_error if digest is not None and digest.last_error else ""
    if job.status == Job.Status.DEAD and STOPPED_TRYING not in reason:
        reason = (
            f"{reason or 'It did not work.'} We stopped trying after {job.retry_count} "
            'attempts and our staff have been told. You can press "Send a digest now" to '
            "try again later."
        )
    elif job.status == Job.Status.CANCELLED and not reason:
        reason = "It was stopped before it could finish."
    status: dict[str, Any] = {"state": "failed", "label": f"Failed: {reason or 'It did not work.'}"}
    status["show"] = digest is not None and _failed(digest) and not access_back(user, digest)
    if digest is not None and is_bad_query(digest):
        status.update(url=reverse("digests:preferences"), link="Fix the search in your preferences")
    elif digest is not None:
        status.update(url=reverse("digests:detail", args=[digest.pk]), link="Open the digest")
    return status


def access_back(user: Any, digest: Digest | None) -> bool:
    """The digest failed for want of Google access, and the person has reconnected since: the
    failure is old news, the next digest covers its period."""
    return digest is not None and needed_access(digest) and google_is_connected(user)


def retry_state(user: Any) -> dict[str, Any] | None:
    """The person's failed digest that a job will try again, and when; None if none will.

    A failed digest is unfinished, so the user's next digest run resumes it; a run that follows
    a failure is a job pending with failed attempts counted. Once the last attempt failed (a
    dead job) or a failure is not retried (a refused search), there is none.
    """
    digest = Digest.objects.filter(user=user, status=Digest.Status.FAILED).first()
    if digest is None:
        return None
    retrying = Job.objects.filter(
        user=user, type=DIGEST_JOB, status=Job.Status.PENDING, retry_count__gt=0
    )
    job = retrying.order_by("next_run").first()
    if job is None:
        return None
    return {"digest_id": digest.pk, "at": job.next_run}
