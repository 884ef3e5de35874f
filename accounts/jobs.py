"""The ``token_refresh`` job: keeps each connected account's access token warm.

Every connected account has one recurring job (see accounts.connection). It refreshes only a
token that expires within ``google.refresh_margin_seconds``, so most runs cost one row read.
Its real value is noticing a revoked grant early: the person sees "Reconnect Google" before
a digest fails, and digests pause instead of failing ten times each.

Outcomes, as the jobs engine reads them: returning is success; a refused grant (invalid_grant)
cancels the job with Google's reason as its last error (accounts.connection.mark_needs_reauth:
the person must reconnect, which resumes it; nothing for staff to requeue), and so does a run
that finds the account already needing reconnection; any other exception (Google unreachable,
5xx, 429) is a failure retried with backoff.
"""

from __future__ import annotations

import logging

from accounts import tokens
from accounts.models import GoogleAccount
from jobs.models import Job
from jobs.registry import register

logger = logging.getLogger(__name__)


@register("token_refresh")
def refresh_token(job: Job) -> None:
    account = GoogleAccount.objects.filter(user_id=job.user_id).first()
    if account is None or account.status == GoogleAccount.Status.REVOKED:
        # Disconnecting cancels this job; a run that slipped through has nothing to do.
        logger.info("token_refresh for user %s: no connected Google account", job.user_id)
        return
    if account.status == GoogleAccount.Status.NEEDS_REAUTH:
        stop(job, f"Google account needs reconnecting: {account.status_reason}")
        return
    try:
        tokens.ensure_fresh(account)
    except tokens.TokenRevoked:
        # mark_needs_reauth cancelled this job with Google's reason: the person must reconnect.
        logger.info("token_refresh for user %s: Google refused the grant", job.user_id)
    except tokens.NotConnected as exc:
        # Marked or disconnected meanwhile: retrying cannot help, only reconnecting can.
        stop(job, str(exc))


def stop(job: Job, reason: str) -> None:
    """Cancel this job with the reason (its run's outcome is discarded); reconnecting resumes it."""
    logger.info("token_refresh for user %s stopped: the account needs reconnecting", job.user_id)
    Job.objects.filter(pk=job.pk).cancel(reason=reason)
