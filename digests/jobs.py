"""The ``digest.send`` job: build and deliver one user's digest.

Payload ``{"manual": true}`` marks "send now" (it runs even while schedules are paused, since
the person asked); a recurring row names its schedule (``{"schedule_id": 3}``), is emailed or
kept here as that schedule's channel says, and does nothing once the schedule is paused,
changed or gone. The digest itself records what went wrong in words; here failures are
translated for the jobs engine: Gmail's rate limit is ``RetryLater`` with Google's own delay
that counts the attempt (a storm ends as a dead letter after ``max_retries``), lost Google
access is a ``PermanentError`` (digests pauses the schedules, "Google disconnected", until the
person reconnects), so is a grant without permission to read mail (the account is marked for
reconnection first), and anything else (a refused read, 5xx) is an ordinary failure retried
with backoff. On the job's last allowed attempt the digest says we stopped trying (never "we
will retry").

A search Gmail refuses (the person's query in their preferences) is the person's to fix, not
staff's: no retry and no dead letter. The digest says so; a "send now" job is cancelled with
the reason as its last error (so the admin shows why it stopped, and the page says "failed",
never "done"); a recurring one stays on its schedule, and its next run uses the fixed query.
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
    last = job.retry_count + 1 >= job.max_attempts
    try:
        build_digest(
            user,
            now=timezone.now(),
            progress=recorder(user),
            email=email,
            zone=zone,
            final_attempt=job.retry_count + 1 if last else None,
        )
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
        logger.info("digest for user %s: Gmail refused the search query", user.pk)
        if manual:
            reason = f"Gmail refused the person's search query ({exc}): theirs to fix"
            Job.objects.filter(pk=job.pk).cancel(reason=reason)
