"""The digest.send job, run by the real scheduler against the fake Google."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import GoogleAccount
from digests.bookkeeping import SyncCursor
from digests.models import Digest, Schedule
from digests.schedules import create_schedule, ensure_first_schedule, pause
from digests.scheduling import DIGEST_JOB, send_now, sync_digest_jobs
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.digests.conftest import set_digest_preferences

pytestmark = pytest.mark.django_db(transaction=True)


def run_due_jobs() -> None:
    """One pass of the real scheduler (``runscheduler --once``) over what is due now."""
    Scheduler(workers=2, poll_interval=0.05, lease_seconds=30, once=True).run()


def scheduled(user) -> Job:
    ensure_first_schedule(user)
    [job] = sync_digest_jobs(user)
    Job.objects.filter(pk=job.pk).run_now()
    return job


def test_send_now_delivers_a_digest(demo_user, mailoutbox):
    job = send_now(demo_user)

    run_due_jobs()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    digest = Digest.objects.get(user=demo_user)
    assert digest.status == Digest.Status.SENT
    assert len(mailoutbox) == 1


def test_scheduled_digest_runs_and_waits_for_its_next_time(demo_user, mailoutbox):
    job = scheduled(demo_user)

    run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 0)
    assert job.next_run > timezone.now()
    assert Digest.objects.get(user=demo_user).status == Digest.Status.SENT


def test_rate_limit_reschedules_and_counts_the_attempt(demo_user, fake):
    job = scheduled(demo_user)
    fake.inject_fault("messages.list", 429, retry_after=600)
    before = timezone.now()

    run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 1)
    assert job.last_error.startswith("RetryLater: HTTP 429")
    assert (
        before + dt.timedelta(seconds=590)
        < job.next_run
        < timezone.now() + dt.timedelta(seconds=610)
    )
    digest = Digest.objects.get(user=demo_user)
    assert digest.last_error.startswith("Google asked us to slow down; we will retry at ")


def test_a_rate_limit_storm_ends_as_a_dead_letter_with_the_reason(demo_user, fake):
    job = scheduled(demo_user)
    Job.objects.filter(pk=job.pk).update(max_retries=3)
    fake.inject_fault("*", 429, times=None, retry_after=120)
    for _attempt in range(3):
        Job.objects.filter(pk=job.pk).update(next_run=timezone.now())
        run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.DEAD, 3)
    assert job.last_error.startswith("RetryLater: HTTP 429 rateLimitExceeded")


def test_gmail_down_is_a_failure_retried_with_backoff(demo_user, fake, no_retry_wait):
    job = scheduled(demo_user)
    fake.inject_fault("messages.list", 500, times=None)

    run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 1)
    assert job.last_error.startswith("GmailUnavailable: Gmail answered HTTP 500"), job.last_error


def test_missing_permissions_mark_the_account_and_stop_digests(demo_user, fake, mailoutbox):
    job = scheduled(demo_user)
    fake.inject_fault("messages.get", 403, times=None, reason="insufficientPermissions")

    run_due_jobs()

    job.refresh_from_db()
    # As on a revoked token: digests stop (the job is cancelled; reconnecting resumes it).
    assert job.status == Job.Status.CANCELLED
    account = GoogleAccount.objects.get(user=demo_user)
    assert account.status == GoogleAccount.Status.NEEDS_REAUTH
    assert "permission" in account.status_reason
    schedule = Schedule.objects.get(user=demo_user)
    assert (schedule.paused, schedule.paused_by) == (True, "Google disconnected")
    digest = Digest.objects.get(user=demo_user)
    assert digest.status == Digest.Status.FAILED
    assert digest.last_error.startswith("Google did not give us permission to read your mail")
    assert mailoutbox == []


def test_a_refused_fetch_fails_the_digest_and_keeps_its_period_open(
    demo_user, fake, no_retry_wait, mailoutbox
):
    job = scheduled(demo_user)
    fake.inject_fault("messages.get", 400, times=None, reason="invalidArgument")

    run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 1)
    digest = Digest.objects.get(user=demo_user)
    assert digest.status == Digest.Status.FAILED
    assert digest.last_error.startswith("Gmail refused to let us read your messages")
    assert not SyncCursor.objects.filter(user=demo_user).exists()

    fake.clear_faults()
    Job.objects.filter(pk=job.pk).update(next_run=timezone.now())
    run_due_jobs()
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    assert digest.emails.count() > 20
    assert len(mailoutbox) == 1


def test_revoked_access_stops_digests_and_the_jobs_keep_googles_reason(demo_user, fake):
    job = send_now(demo_user)
    fake.revoke_refresh_tokens(DEMO_EMAIL)

    run_due_jobs()

    job.refresh_from_db()
    # Google's refusal marks the account needs_reauth, and digests stop at once: the running
    # job is cancelled (reconnecting resumes it) rather than left to die, but it says why.
    assert job.status == Job.Status.CANCELLED
    assert job.last_error.startswith("PermanentError: "), job.last_error
    assert "invalid_grant" in job.last_error
    assert not Job.objects.filter(status=Job.Status.DEAD).exists()
    digest = Digest.objects.get(user=demo_user)
    assert digest.last_error == "Your Google access was revoked: reconnect Google."


def test_a_refused_query_is_not_retried(demo_user, mailoutbox):
    set_digest_preferences(demo_user, query="from:a OR from:b")
    job = send_now(demo_user)

    run_due_jobs()

    job.refresh_from_db()
    # The person's to fix: no retry, no dead letter; the job says why it stopped.
    assert (job.status, job.retry_count) == (Job.Status.CANCELLED, 0)
    assert job.last_error.startswith("Gmail refused the person's search query")
    error = Digest.objects.get(user=demo_user).last_error
    assert error.startswith("Gmail refused to search your mail: ")
    # what Gmail said, without our wrapping, our query or its epoch times
    assert not any(raw in error for raw in ("HTTP 400", "after:", "q="))


def test_paused_user_gets_no_scheduled_digest_but_can_ask_for_one(demo_user, mailoutbox):
    job = scheduled(demo_user)
    # Paused behind the sync's back (its row still due): the handler reads the schedule.
    Schedule.objects.filter(user=demo_user).update(
        paused=True, paused_by="staff", paused_at=timezone.now()
    )

    run_due_jobs()

    assert not Digest.objects.filter(user=demo_user).exists()
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING

    pause(Schedule.objects.get(user=demo_user), by="you")
    assert not Job.objects.filter(pk=job.pk).exists()  # the sync removes a paused row

    send_now(demo_user)
    run_due_jobs()
    assert Digest.objects.get(user=demo_user).status == Digest.Status.SENT


def test_a_web_only_schedule_keeps_the_digest_here_and_sends_no_email(demo_user, mailoutbox):
    create_schedule(
        demo_user, name="Quiet", cron="0 8 * * *", timezone="UTC", channel=Schedule.Channel.WEB
    )
    [job] = sync_digest_jobs(demo_user)
    Job.objects.filter(pk=job.pk).run_now()

    run_due_jobs()

    digest = Digest.objects.get(user=demo_user)
    assert (digest.status, digest.delivered_at) == (Digest.Status.SENT, None)
    assert mailoutbox == []


def test_a_leftover_of_a_deleted_schedule_cancels_itself(demo_user):
    schedule = ensure_first_schedule(demo_user)
    [job] = sync_digest_jobs(demo_user)
    Schedule.objects.filter(pk=schedule.pk).delete()  # behind the sync's back
    Job.objects.filter(pk=job.pk).run_now()

    run_due_jobs()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert not Digest.objects.filter(user=demo_user).exists()


def test_a_leftover_of_an_old_schedule_cancels_itself(demo_user):
    stale = Job.objects.enqueue(
        DIGEST_JOB, user=demo_user, schedule="0 6 * * *", timezone="Europe/Berlin"
    )
    Job.objects.filter(pk=stale.pk).run_now()

    run_due_jobs()

    stale.refresh_from_db()
    assert stale.status == Job.Status.CANCELLED
    assert not Digest.objects.filter(user=demo_user).exists()


def test_a_job_without_a_user_is_a_dead_letter():
    job = Job.objects.enqueue(DIGEST_JOB)

    run_due_jobs()

    job.refresh_from_db()
    assert job.status == Job.Status.DEAD
    assert "needs a user" in job.last_error
