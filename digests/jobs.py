"""The ``digest.send`` job: build and deliver one user's digest.

Payload ``{"manual": true}`` marks "send now" (it runs even while schedules are paused, since
the person asked); a recurring row names its schedule (``{"schedule_id": 3}``), is emailed or
kept here as that schedule's channel says, and does nothing once the schedule is paused,
changed or gone. The digest itself records what went wrong in words; here failures are
translated for the jobs engine: Gmail's rate limit is ``RetryLater`` with Google's own delay
that counts the attempt (a storm ends as a dead letter after ``max_retries``), lost Google
access is a ``PermanentError`` (digests pauses the schedules, "Google disconnected", until the
person reconnects), so is a grant without permission to read mail (the account is marked for
reconnection first), a search Gmail refuses is not retried, and anything else (a refused
read, 5xx) is an ordinary failure retried with backoff.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from accounts.connection import mark_missing_permissions
from digests import gmail
from digests.building import build_digest
from digests.progress import recorder
from digests.scheduling import DIGEST_JOB, schedule_of
from jobs.models import Job
from jobs.registry import PermanentError, RetryLater, register

logger = logging.getLogger(__name__)


@register(DIGEST_JOB)
def send_digest(job: Job) -> None:
    user = job.user
    if user is None:
        raise PermanentError("digest.send needs a user, and this job has none")
    manual = isinstance(job.payload, dict) and job.payload.get("manual") is True
    email: bool | None = None  # "send now": the deliver_email preference
    zone = ""  # "send now": the person's zone
    if not manual:
        schedule = schedule_of(job)
        if schedule is None:
            # A leftover of a changed or deleted schedule that escaped the sync: stop it.
            Job.objects.filter(pk=job.pk).cancel()
            return
        if schedule.paused:
            logger.info(
                "digest.send for user %s skipped: schedule %s is paused", user.pk, schedule.pk
            )
            return
        email = schedule.channel == schedule.Channel.EMAIL
        zone = schedule.timezone
    try:
        build_digest(user, now=timezone.now(), progress=recorder(user), email=email, zone=zone)
    except gmail.GmailRateLimited as exc:
        # Counted: a rate limit that never clears ends as a dead letter after max_retries.
        raise RetryLater(exc.retry_after, str(exc), counts_attempt=True) from exc
    except gmail.GoogleAccessRevoked as exc:
        raise PermanentError(str(exc)) from exc
    except gmail.GmailPermissionDenied as exc:
        mark_missing_permissions(user, str(exc))
        raise PermanentError(str(exc)) from exc
    except gmail.GmailRequestRejected as exc:
        if not exc.is_bad_query:
            raise  # a refused read (a 403 policy, a 400 on a fetch): retried with backoff
        logger.warning("digest for user %s: Gmail refused the search: %s", user.pk, exc)
