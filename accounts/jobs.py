"""The ``token_refresh`` job: keeps each connected account's access token warm.

Every connected account has one recurring job (see accounts.connection). It refreshes only a
token that expires within ``google.refresh_margin_seconds``, so most runs cost one row read.
Its real value is noticing a revoked grant early: the person sees "Reconnect Google" before
a digest fails, and digests pause instead of failing ten times each.

Outcomes, as the jobs engine reads them: returning is success; ``PermanentError`` (invalid_grant,
or an account that must be reconnected) is a dead letter at once with that reason; any other
exception (Google unreachable, 5xx, 429) is a failure retried with backoff.
"""

from __future__ import annotations

import logging

from accounts import tokens
from accounts.models import GoogleAccount
from jobs.models import Job
from jobs.registry import PermanentError, register

logger = logging.getLogger(__name__)


@register("token_refresh")
def refresh_token(job: Job) -> None:
    account = GoogleAccount.objects.filter(user_id=job.user_id).first()
    if account is None or account.status == GoogleAccount.Status.REVOKED:
        # Disconnecting cancels this job; a run that slipped through has nothing to do.
        logger.info("token_refresh for user %s: no connected Google account", job.user_id)
        return
    if account.status == GoogleAccount.Status.NEEDS_REAUTH:
        raise PermanentError(f"Google account needs reconnecting: {account.status_reason}")
    try:
        tokens.ensure_fresh(account)
    except (tokens.TokenRevoked, tokens.NotConnected) as exc:
        # Retrying cannot help: only the person reconnecting can.
        raise PermanentError(str(exc)) from exc
