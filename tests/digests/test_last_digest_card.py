"""The dashboard's "Last digest" card follows a retry: live while it waits, settled after."""

import re

import pytest
from django.utils import timezone

from digests.last_digest import card as card_context
from digests.last_digest import is_live
from digests.models import Digest
from digests.scheduling import send_now
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.accounts.factories import UserFactory
from tests.digests.factories import DigestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def card_of(html: str) -> str:
    match = re.search(r'<div id="last-digest".*?</div>', html, re.S)
    assert match, html
    return match.group(0)


def test_the_card_is_live_while_a_retry_waits_and_settles_when_it_succeeds(
    demo_user, fake, signed_in
):
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(max_retries=3)
    fake.inject_fault("*", 429, times=None, retry_after=600)
    run_due_jobs()
    digest = Digest.objects.get(user=demo_user)

    page = signed_in.get("/digests/").content.decode()
    card = card_of(page)
    assert 'data-url="/digests/last-digest/"' in card
    assert " data-live" in card
    assert "Will retry at" in card
    assert "digests/last_digest.js" in page

    fake.clear_faults()
    Job.objects.filter(pk=job.pk).update(next_run=timezone.now())
    run_due_jobs()

    response = signed_in.get("/digests/last-digest/")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    fragment = response.content.decode()
    card = card_of(fragment)
    assert " data-live" not in card
    assert "Will retry" not in fragment
    assert 'class="status status-sent">Sent<' in card
    assert f'<article class="card digest-row" id="digest-{digest.pk}">' in fragment


def test_the_card_settles_as_failed_when_the_last_attempt_fails(demo_user, fake, signed_in):
    job = send_now(demo_user)
    Job.objects.filter(pk=job.pk).update(max_retries=2)
    fake.inject_fault("*", 429, times=None, retry_after=600)
    run_due_jobs()
    assert " data-live" in card_of(signed_in.get("/digests/last-digest/").content.decode())
    Job.objects.filter(pk=job.pk).update(next_run=timezone.now())
    run_due_jobs()

    card = card_of(signed_in.get("/digests/last-digest/").content.decode())
    assert " data-live" not in card
    assert "status-failed" in card
    assert "we stopped trying after 2 attempts" in card


def test_the_card_is_only_anyones_own(client, demo_user):
    DigestFactory(user=demo_user, summary="Secret of the demo user")
    assert client.get("/digests/last-digest/").status_code == 302  # to sign in
    client.force_login(UserFactory())
    fragment = client.get("/digests/last-digest/").content.decode()
    assert "Secret" not in fragment
    assert "Last digest" not in fragment


@pytest.mark.parametrize(
    ("status", "retrying", "live"),
    [
        (Digest.Status.BUILDING, False, True),
        (Digest.Status.FAILED, True, True),
        (Digest.Status.FAILED, False, False),
        (Digest.Status.SENT, False, False),
        (Digest.Status.EMPTY, False, False),
    ],
)
def test_live_means_being_made_or_waiting_for_a_retry(demo_user, status, retrying, live):
    digest = DigestFactory(user=demo_user, status=status)
    retry = {"digest_id": digest.pk, "at": timezone.now()} if retrying else None
    assert is_live(digest, retry) is live
    assert is_live(None, None) is False


def test_a_failed_digest_whose_retry_is_running_is_being_tried_not_failed(demo_user, signed_in):
    digest = DigestFactory(
        user=demo_user, status=Digest.Status.FAILED, last_error="Gmail is not answering."
    )
    job = send_now(demo_user)
    assert card_context(demo_user)["live"] is False  # failed, nothing pending with a failed attempt
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)

    shown = card_context(demo_user)
    assert (shown["trying"], shown["live"]) == (digest.pk, True)
    fragment = signed_in.get("/digests/last-digest/").content.decode()
    assert "Trying again now" in card_of(fragment)
    assert "Last try: Gmail is not answering." in card_of(fragment)
    assert "status-failed" not in fragment
    assert "It failed" not in fragment
