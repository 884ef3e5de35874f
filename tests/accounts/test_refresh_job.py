"""The token_refresh job, run by the real scheduler against the fake Google."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import GoogleAccount
from digests.models import Schedule
from digests.schedules import ensure_first_schedule
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.accounts.conftest import ADA, follow, linked_account, start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fake(fake_google):
    return fake_google.fake


def refresh_job(account: GoogleAccount) -> Job:
    return Job.objects.get(user=account.user, type="token_refresh")


def run_due_jobs() -> None:
    """One pass of the real scheduler (``runscheduler --once``) over what is due now."""
    Scheduler(workers=2, poll_interval=0.05, lease_seconds=30, once=True).run()


def make_due(job: Job) -> None:
    Job.objects.filter(pk=job.pk).run_now()


def test_every_connected_account_has_one_recurring_refresh_job(fake_google):
    account = linked_account(fake_google)
    job = refresh_job(account)
    assert job.schedule.endswith("/10 * * * *")
    assert job.status == Job.Status.PENDING
    assert job.next_run <= timezone.now() + dt.timedelta(minutes=10)


def test_expiring_token_is_refreshed(fake_google, fake):
    account = linked_account(fake_google, expires_in=120)
    job = refresh_job(account)
    make_due(job)

    run_due_jobs()

    account.refresh_from_db()
    assert fake.counters["token"] == 1
    assert account.token_expiry > timezone.now() + dt.timedelta(minutes=50)
    job.refresh_from_db()
    assert (job.status, job.retry_count, job.last_error) == (Job.Status.PENDING, 0, "")
    assert job.next_run > timezone.now()


def test_token_not_expiring_is_left_alone(fake_google, fake):
    account = linked_account(fake_google, expires_in=3000)
    make_due(refresh_job(account))

    run_due_jobs()

    assert fake.counters["token"] == 0
    assert refresh_job(account).last_run is not None


def test_invalid_grant_stops_the_job_at_once_with_googles_reason(fake_google, fake):
    account = linked_account(fake_google, expires_in=120)
    fake.revoke_refresh_tokens(ADA)
    make_due(refresh_job(account))

    run_due_jobs()

    job = refresh_job(account)
    # The person's to fix (reconnecting resumes it): cancelled, not a dead letter, but the
    # row keeps Google's reason for staff.
    assert job.status == Job.Status.CANCELLED
    assert job.retry_count == 0  # one attempt, not ten
    assert job.last_error.startswith("Google account needs reconnecting: ")
    assert "invalid_grant" in job.last_error
    assert (job.lease_owner, job.lease_expires_at) == ("", None)
    assert fake.counters["token"] == 1
    assert not Job.objects.filter(status=Job.Status.DEAD).exists()


def test_invalid_grant_pauses_digests_and_shows_the_banner(fake_google, fake, client):
    account = linked_account(fake_google, expires_in=120)
    ensure_first_schedule(account.user)
    other_job = Job.objects.enqueue("other.report", user=account.user, schedule="0 8 * * *")
    fake.revoke_refresh_tokens(ADA)
    make_due(refresh_job(account))

    run_due_jobs()

    account.refresh_from_db()
    assert account.status == GoogleAccount.Status.NEEDS_REAUTH
    schedule = Schedule.objects.get(user=account.user)
    assert (schedule.paused, schedule.paused_by) == (True, "Google disconnected")
    other_job.refresh_from_db()
    assert other_job.status == Job.Status.PENDING  # not accounts' job to stop
    client.force_login(account.user)
    page = client.get("/digests/").content.decode()
    assert "Reconnect Google" in page
    assert "/accounts/google/reconnect/" in page


def test_reconnecting_resumes_everything(fake_google, fake, client):
    account = linked_account(fake_google, expires_in=120)
    ensure_first_schedule(account.user)
    other_job = Job.objects.enqueue("other.report", user=account.user, schedule="0 8 * * *")
    fake.revoke_refresh_tokens(ADA)
    make_due(refresh_job(account))
    run_due_jobs()
    client.force_login(account.user)

    response = follow(client, start(client, "/accounts/google/reconnect/"))

    assert response.url == "/accounts/"
    account.refresh_from_db()
    assert account.status == GoogleAccount.Status.CONNECTED
    assert account.refresh_token
    assert Schedule.objects.get(user=account.user).paused is False
    assert refresh_job(account).status == Job.Status.PENDING
    assert refresh_job(account).retry_count == 0
    digest_job = Job.objects.get(user=account.user, type="digest.send")
    assert digest_job.status == Job.Status.PENDING
    other_job.refresh_from_db()
    assert other_job.status == Job.Status.PENDING
    assert "Reconnect Google" not in client.get("/digests/").content.decode()


def test_reconnecting_leaves_an_old_send_now_cancelled(fake_google, fake, client):
    account = linked_account(fake_google, expires_in=120)
    old_send_now = Job.objects.enqueue("other.send_now", user=account.user, run_at=None)
    Job.objects.filter(pk=old_send_now.pk).cancel()
    fake.revoke_refresh_tokens(ADA)
    make_due(refresh_job(account))
    run_due_jobs()
    client.force_login(account.user)

    follow(client, start(client, "/accounts/google/reconnect/"))

    old_send_now.refresh_from_db()
    assert old_send_now.status == Job.Status.CANCELLED
    assert refresh_job(account).status == Job.Status.PENDING


def test_reconnecting_keeps_a_pause_the_person_chose(fake_google, fake, client):
    from digests.schedules import pause

    account = linked_account(fake_google, expires_in=120)
    user = account.user
    pause(ensure_first_schedule(user), by="you", reason="holiday")
    fake.revoke_refresh_tokens(ADA)
    make_due(refresh_job(account))
    run_due_jobs()
    client.force_login(user)

    follow(client, start(client, "/accounts/google/reconnect/"))

    schedule = Schedule.objects.get(user=user)
    assert (schedule.paused, schedule.paused_by, schedule.paused_reason) == (True, "you", "holiday")
    assert not Job.objects.filter(user=user, type="digest.send").exists()


def test_google_500_is_retried_with_backoff_then_succeeds(fake_google, fake):
    account = linked_account(fake_google, expires_in=120)
    job = refresh_job(account)
    fake.inject_fault("token", 500)
    make_due(job)

    run_due_jobs()

    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.retry_count == 1
    assert "GoogleUnavailable" in job.last_error
    assert job.next_run > timezone.now() + dt.timedelta(seconds=10)  # backoff, not at once
    account.refresh_from_db()
    assert account.status == GoogleAccount.Status.CONNECTED

    make_due(job)
    run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count, job.last_error) == (Job.Status.PENDING, 0, "")
    assert fake.counters["token"] == 2
    account.refresh_from_db()
    assert account.token_expiry > timezone.now() + dt.timedelta(minutes=50)


def test_job_of_a_disconnected_account_does_nothing(fake_google, fake):
    account = linked_account(fake_google, expires_in=120)
    GoogleAccount.objects.filter(pk=account.pk).update(status=GoogleAccount.Status.REVOKED)
    make_due(refresh_job(account))

    run_due_jobs()

    assert fake.counters["token"] == 0
    assert refresh_job(account).status == Job.Status.PENDING


def test_job_of_an_account_needing_reconnection_stops_with_the_reason(fake_google, fake):
    account = linked_account(fake_google, expires_in=120)
    GoogleAccount.objects.filter(pk=account.pk).update(
        status=GoogleAccount.Status.NEEDS_REAUTH, status_reason="invalid_grant: revoked"
    )
    make_due(refresh_job(account))

    run_due_jobs()

    job = refresh_job(account)
    assert job.status == Job.Status.CANCELLED
    assert "needs reconnecting: invalid_grant: revoked" in job.last_error
    assert fake.counters["token"] == 0


def test_connected_signal_lifts_the_pause_google_caused(fake_google, fake, client):
    from accounts.signals import google_connected

    account = linked_account(fake_google, expires_in=120)
    ensure_first_schedule(account.user)
    fake.revoke_refresh_tokens(ADA)
    make_due(refresh_job(account))
    run_due_jobs()
    client.force_login(account.user)
    seen = []

    def receiver(sender, user, **kwargs):
        seen.append(Schedule.objects.get(user=user).paused)

    google_connected.connect(receiver)
    try:
        follow(client, start(client, "/accounts/google/reconnect/"))
    finally:
        google_connected.disconnect(receiver)

    # digests' own receiver, connected first, lifted it before any later receiver looks
    assert seen == [False]
