"""The page and the jobs tell the truth about a digest run: failed is never "Done", a retry is
"will retry at", a run that gave up says so, and the person learns why the button is off."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from digests.models import Digest
from digests.progress import retry_state, send_now_status
from digests.scheduling import send_now
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.digests.conftest import set_digest_preferences
from tests.digests.factories import DigestFactory

pytestmark = pytest.mark.django_db(transaction=True)

JSON = {"HTTP_ACCEPT": "application/json"}
BAD_QUERY = "from:a OR from:b"  # the fake Gmail refuses it as Gmail refuses a bad search


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def run_again(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(next_run=timezone.now())
    run_due_jobs()


def status_line(html: str) -> str:
    match = re.search(r'class="send-now-status[^"]*"[^>]*>(.*?)</p>', html, re.S)
    assert match, html
    return match.group(1)


def test_a_refused_search_is_failed_with_a_link_to_fix_it_never_done(demo_user, signed_in):
    set_digest_preferences(demo_user, query=BAD_QUERY)
    job = signed_in.post("/digests/send-now/", **JSON).json()["job"]

    run_due_jobs()

    status = signed_in.get("/digests/send-now/status/", {"job": job}, **JSON).json()
    assert status["state"] == "failed", status
    assert status["label"].startswith("Failed: Gmail refused to search your mail")
    assert (status["url"], status["link"]) == (
        "/digests/preferences/",
        "Fix the search in your preferences",
    )
    # The person's to fix: no dead letter, but the job says why it stopped.
    row = Job.objects.get(pk=job)
    assert row.status == Job.Status.CANCELLED
    assert "search query" in row.last_error
    assert not Job.objects.filter(status=Job.Status.DEAD).exists()
    page = signed_in.get("/digests/").content.decode()
    line = status_line(page)
    assert "Gmail refused to search your mail" in line
    assert 'href="/digests/preferences/"' in line
    assert "Done" not in line


def test_a_succeeded_job_whose_digest_failed_is_not_done(demo_user):
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    DigestFactory(
        user=demo_user,
        status=Digest.Status.FAILED,
        last_error="Gmail broke.",
        period_end=timezone.now() + dt.timedelta(seconds=1),
    )

    status = send_now_status(demo_user, job.pk)

    assert status["state"] == "failed"
    assert status["label"] == "Failed: Gmail broke."


def test_a_retry_says_when_and_why_the_button_is_off(demo_user, fake, signed_in):
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(max_retries=3)
    fake.inject_fault("*", 429, times=None, retry_after=600)

    run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 1)
    at = f"{timezone.localtime(job.next_run, demo_user.zone):%H:%M}"
    status = send_now_status(demo_user, job.pk)
    assert status["state"] == "waiting"
    assert f"trying again at {at} (attempt 2 of 3)" in status["label"]
    assert "Google asked us to slow down" in status["label"]
    assert '"Send a digest now" is back once' in status["label"]
    page = signed_in.get("/digests/").content.decode()
    assert re.search(r'<button type="submit" class="button" disabled>Send a digest now', page)
    assert f"trying again at {at}" in status_line(page)
    # The history: a neutral "Will retry at", not a red "Failed", until the last attempt.
    digest = Digest.objects.get(user=demo_user)
    assert retry_state(demo_user) == {"digest_id": digest.pk, "at": job.next_run}
    assert "Will retry at <time datetime=" in page
    assert f">{at}</time>" in page
    assert "status-failed" not in page
    detail = signed_in.get(f"/digests/{digest.pk}/").content.decode()
    assert "Will retry at" in detail
    assert "status-failed" not in detail


def test_once_the_job_gives_up_nobody_is_promised_a_retry(demo_user, fake, signed_in):
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(max_retries=2)
    fake.inject_fault("*", 429, times=None, retry_after=600)
    run_due_jobs()
    run_again(job)

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.DEAD, 2)
    digest = Digest.objects.get(user=demo_user)
    assert digest.status == Digest.Status.FAILED
    assert digest.last_error == (
        "Google asked us to slow down; we stopped trying after 2 attempts and our staff have "
        'been told. You can press "Send a digest now" to try again later.'
    )
    assert retry_state(demo_user) is None
    status = send_now_status(demo_user, job.pk)
    assert (status["state"], status["show"]) == ("failed", True)
    assert "we stopped trying after 2 attempts" in status["label"]
    page = signed_in.get("/digests/").content.decode()
    assert "we will retry" not in page
    assert "we stopped trying after 2 attempts" in status_line(page)
    assert "status-failed" in page
    assert not re.search(r'class="button" disabled>Send a digest now', page)


def test_a_job_that_died_another_way_still_says_it_stopped(demo_user):
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DEAD, retry_count=10)
    DigestFactory(
        user=demo_user,
        status=Digest.Status.FAILED,
        last_error="Gmail is not answering right now; we will try again in a few minutes.",
        period_end=timezone.now() + dt.timedelta(seconds=1),
    )
    label = send_now_status(demo_user, job.pk)["label"]
    assert "We stopped trying after 10 attempts and our staff have been told" in label


@pytest.mark.parametrize("status", [Digest.Status.FAILED, Digest.Status.EMPTY])
def test_no_reading_time_for_a_failed_or_empty_digest(demo_user, signed_in, status):
    digest = DigestFactory(
        user=demo_user, status=status, count_urgent=0, count_low=0, reading_seconds=0
    )
    page = signed_in.get(f"/digests/{digest.pk}/").content.decode()
    assert "to read the mail itself" not in page


def test_a_sent_digest_still_says_its_reading_time(demo_user, signed_in):
    from tests.digests.factories import EmailFactory

    digest = DigestFactory(user=demo_user)
    EmailFactory(digest=digest, reading_seconds=120)
    page = signed_in.get(f"/digests/{digest.pk}/").content.decode()
    assert "about 2 min to read the mail itself" in page


def test_a_failure_not_retried_keeps_its_red_badge(demo_user, signed_in):
    DigestFactory(user=demo_user, status=Digest.Status.FAILED, last_error="Gmail broke.")
    assert retry_state(demo_user) is None
    page = signed_in.get("/digests/").content.decode()
    assert "status-failed" in page
    assert "Will retry" not in page


def test_the_retry_time_is_in_the_persons_zone(demo_user):
    digest = DigestFactory(user=demo_user, status=Digest.Status.FAILED)
    job = send_now(demo_user)
    at = timezone.now() + dt.timedelta(minutes=7)
    Job.objects.filter(pk=job.pk).update(retry_count=1, next_run=at)
    assert retry_state(demo_user) == {"digest_id": digest.pk, "at": at}


def test_a_failure_for_want_of_access_is_old_news_once_google_is_back(demo_user, signed_in):
    from accounts.models import GoogleAccount

    digest = DigestFactory(
        user=demo_user,
        status=Digest.Status.FAILED,
        last_error="Your Google access was revoked: reconnect Google.",
    )
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.CANCELLED, created_at=digest.period_start
    )
    account = GoogleAccount.objects.get(user=demo_user)

    account.set_status(GoogleAccount.Status.REVOKED, "revoked at Google")
    account.save()
    assert send_now_status(demo_user)["show"] is True
    assert (
        "It failed: Your Google access was revoked" in signed_in.get("/digests/").content.decode()
    )

    account.set_status(GoogleAccount.Status.CONNECTED, "")
    account.save()
    assert send_now_status(demo_user)["show"] is False
    page = signed_in.get("/digests/").content.decode()
    assert "It failed: Your Google access was revoked" not in page
    assert "Google is connected again" in page
