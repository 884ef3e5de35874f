"""The life of a user's Google connection: connected, needs reconnecting, disconnected, deleted.

Views stay thin and call these. Each change happens in one transaction together with what
follows from it (pausing or resuming digests, the user's jobs, the signals in
accounts.signals), so the account's status and the user's jobs never disagree.

Accounts writes only its own ``token_refresh`` job. What a change means for digests (pausing
the person's schedules, lifting a pause Google's absence caused, their digest jobs) is decided
by the digests app, which hears of it through the signals in accounts.signals (the pause and
who made it live on ``digests.Schedule`` alone).
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.db import models, transaction
from django.views.decorators.debug import sensitive_variables

from accounts.models import GoogleAccount, User
from accounts.signals import google_connected, google_disconnected, google_needs_reauth
from jobs.models import Job

logger = logging.getLogger(__name__)

TOKEN_REFRESH = "token_refresh"
REVOKE_TIMEOUT = 10  # seconds


def token_refresh_schedule(user: User) -> str:
    """Every ten minutes, at a minute offset of the user's own, so refreshes spread out.

    Stable per user because the schedule is part of the job's unique key: a changed schedule
    would be a second recurring job, not an update of the first.
    """
    return f"{user.pk % 10}-59/10 * * * *"


def schedule_token_refresh(user: User) -> Job:
    """The user's one recurring token_refresh job (enqueue is idempotent)."""
    return Job.objects.enqueue(TOKEN_REFRESH, user=user, schedule=token_refresh_schedule(user))


def connected(account: GoogleAccount, *, created: bool, previous: str | None) -> bool:
    """After a sign-in stored fresh tokens: the token refresh job running again, and the signal.

    True when the account came back from needs_reauth or revoked (a reconnection).
    """
    user = account.user
    refresh_job = schedule_token_refresh(user)
    reconnected = previous is not None and previous != GoogleAccount.Status.CONNECTED
    if reconnected:
        restart_stopped_jobs(user)
    elif refresh_job.status not in (Job.Status.PENDING, Job.Status.RUNNING):
        Job.objects.filter(pk=refresh_job.pk).requeue()  # e.g. dead after a long outage
    google_connected.send(
        sender=GoogleAccount, user=user, account=account, created=created, reconnected=reconnected
    )
    return reconnected


def token_refresh_jobs(user: User | int) -> models.QuerySet[Job]:
    """The one kind of job accounts writes."""
    return Job.objects.filter(user=user, type=TOKEN_REFRESH)


def restart_stopped_jobs(user: User) -> None:
    """The token refresh we stopped comes back at its next scheduled time, also when it died
    of the revoked token (missed runs are not made up)."""
    recurring = token_refresh_jobs(user).exclude(schedule="")
    recurring.filter(status=Job.Status.DEAD).cancel()
    recurring.filter(status=Job.Status.CANCELLED).resume()


def mark_needs_reauth(account: GoogleAccount, reason: str) -> None:
    """Google refused the refresh token: stop refreshing until the person reconnects.

    The caller holds the account's row lock in a transaction (accounts.tokens does). The
    refresh job is cancelled with Google's reason as its last error, whichever job met the
    refusal: only the person can fix it (reconnecting resumes the job), so it is no dead
    letter for staff, yet the row says why it stopped. Digests hear of it through the signal.
    """
    account.set_status(GoogleAccount.Status.NEEDS_REAUTH, reason)
    account.access_token = ""
    account.refresh_token = ""
    account.token_expiry = None
    account.save()
    token_refresh_jobs(account.user_id).cancel(
        reason=f"Google account needs reconnecting: {reason}"
    )
    logger.warning("Google account %s needs reconnecting: %s", account.pk, reason)
    google_needs_reauth.send(
        sender=GoogleAccount, user=account.user, account=account, reason=reason
    )


def mark_missing_permissions(user: User, reason: str) -> bool:
    """Gmail refused our grant's permissions (403 insufficientPermissions): the person must
    reconnect and allow reading mail; until then it is as if access were revoked.

    Returns whether an account was marked.
    """
    with transaction.atomic():
        account = GoogleAccount.objects.select_for_update().filter(user=user).first()
        if account is None or account.status != GoogleAccount.Status.CONNECTED:
            return False
        mark_needs_reauth(account, f"missing permission to read Gmail: {reason}")
    return True


def disconnect(user: User) -> bool:
    """Revoke at Google, forget the tokens, stop the token refresh; digests hear the signal.

    Returns whether Google confirmed the revocation; when it could not be reached the tokens
    are deleted anyway and the person is told to remove access in their Google Account.
    """
    account = GoogleAccount.objects.filter(user=user).first()
    if account is None:
        return True
    revoked = revoke_at_google(account) if account.refresh_token_encrypted else True
    with transaction.atomic():
        account = GoogleAccount.objects.select_for_update().get(pk=account.pk)
        account.set_status(GoogleAccount.Status.REVOKED, "disconnected by the user")
        account.access_token = ""
        account.refresh_token = ""
        account.token_expiry = None
        account.save()
        # A running refresh finishes its current run, but its outcome is discarded.
        token_refresh_jobs(user).cancel()
        google_disconnected.send(sender=GoogleAccount, user=user, account=account)
    logger.info("Google account %s disconnected (revoked at Google: %s)", account.pk, revoked)
    return revoked


def delete_account(user: User) -> bool:
    """Delete the person and everything of theirs; returns whether Google confirmed revoking.

    Revoking comes first and is best effort: a person who wants to leave is never kept
    because Google is down.
    """
    account = GoogleAccount.objects.filter(user=user).first()
    revoked = revoke_at_google(account) if account and account.refresh_token_encrypted else True
    user_id = user.pk
    with transaction.atomic():
        user.delete()  # cascades to the Google account, schedules, jobs, digests and emails
    logger.info("Deleted user %s and their data (revoked at Google: %s)", user_id, revoked)
    return revoked


@sensitive_variables()
def revoke_at_google(account: GoogleAccount) -> bool:
    """Ask Google to end the grant; True when it did (or the token was already dead).

    The token goes in the POST body, never in the URL, where access logs would keep it.
    """
    token = account.refresh_token or account.access_token
    try:
        response = requests.post(
            settings.CONFIG.google.revoke_uri,
            data={"token": token},
            timeout=REVOKE_TIMEOUT,
        )
    except requests.RequestException as exc:
        logger.warning("Could not revoke Google account %s: %s", account.pk, type(exc).__name__)
        return False
    if response.status_code == 200:
        return True
    if response.status_code == 400 and _oauth_error(response) == "invalid_token":
        return True  # already revoked or expired at Google: the goal is met
    logger.warning(
        "Could not revoke Google account %s: HTTP %s %s",
        account.pk,
        response.status_code,
        _oauth_error(response),
    )
    return False


def _oauth_error(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""
