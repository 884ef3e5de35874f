"""The dashboard, "send now", the digest page and the schedule form."""

import datetime as dt
import html
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone

from digests.models import Digest
from digests.schedules import create_schedule, pause
from digests.scheduling import DIGEST_JOB, sync_digest_jobs
from jobs.models import Job
from tests.accounts.factories import UserFactory
from tests.digests import berlin_reader
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db
user, signed_in = berlin_reader.user, berlin_reader.signed_in  # the Berlin reader's fixtures


def page(response) -> str:
    return html.unescape(response.content.decode())


# --- dashboard ----------------------------------------------------------------------------


def test_dashboard_needs_sign_in(client):
    response = client.get("/digests/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_dashboard_shows_the_next_digest_across_schedules_and_each_state(signed_in, user):
    create_schedule(user, name="Evenings", cron="0 20 * * *", timezone="Asia/Tokyo")
    create_schedule(user, name="Work", cron="0 8,17 * * 1-5", timezone="Europe/Berlin")
    pause(create_schedule(user, name="Weekly", cron="0 9 * * 1", timezone="UTC"), by="you")
    soonest = min(sync_digest_jobs(user), key=lambda job: job.next_run)
    zone = soonest.timezone  # shown in the zone of the schedule that fires it, named
    local = timezone.localtime(soonest.next_run, zoneinfo.ZoneInfo(zone))

    text = page(signed_in.get("/digests/"))

    assert f'<time datetime="{local.isoformat()}">' in text
    said = f"{local:%a} {local.day} {local:%b} {local.year}, {local:%H:%M}"
    assert f"{said}</time></strong> ({zone})" in text
    assert "Work</a>: At 08:00 and 17:00, Monday through Friday" in text
    assert "Evenings</a>: At 20:00" in text
    assert "Paused by you" in text
    assert "Send a digest now" in text


def test_dashboard_says_why_the_last_digest_failed(signed_in, user):
    DigestFactory(user=user, period_end=timezone.now() - dt.timedelta(days=1))
    DigestFactory(
        user=user,
        status=Digest.Status.FAILED,
        last_error="Google asked us to slow down; we will retry at 08:05.",
    )
    text = page(signed_in.get("/digests/"))
    assert "It failed: Google asked us to slow down; we will retry at 08:05." in text


def test_dashboard_without_google_offers_to_connect(client):
    client.force_login(UserFactory())
    text = page(client.get("/digests/"))
    assert "Google is not connected" in text
    assert "Send a digest now" not in text


def test_dashboard_when_every_schedule_is_paused(signed_in, user):
    pause(create_schedule(user, name="Only", cron="0 8 * * *", timezone="UTC"), by="staff")
    text = page(signed_in.get("/digests/"))
    assert "No digest is scheduled: every schedule is paused, or there is none." in text
    assert "Paused by staff" in text


def test_history_is_paginated(signed_in, user):
    start = timezone.now() - dt.timedelta(days=30)
    for day in range(25):
        DigestFactory(user=user, period_end=start + dt.timedelta(days=day), summary=f"day {day}.")
    first = page(signed_in.get("/digests/"))
    second = page(signed_in.get("/digests/?page=2"))
    assert first.count('class="card digest-row"') == 20
    assert second.count('class="card digest-row"') == 5
    assert "Page 1 of 2" in first
    assert "day 24." in first
    assert "day 0." in second


def test_only_ones_own_digests_are_listed(signed_in):
    DigestFactory(summary="Someone else's digest.")
    assert "Someone else" not in page(signed_in.get("/digests/"))


# --- send now ------------------------------------------------------------------------------


def test_send_now_queues_one_job_however_often_pressed(signed_in, user):
    for _ in range(2):
        response = signed_in.post("/digests/send-now/")
        assert response.status_code == 302
    assert Job.objects.filter(user=user, type=DIGEST_JOB, schedule="").count() == 1
    assert "on its way" in page(signed_in.get("/digests/"))


def test_send_now_needs_post_and_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get("/digests/send-now/").status_code == 405
    assert client.post("/digests/send-now/").status_code == 403
    assert not Job.objects.filter(user=user).exists()


def test_send_now_without_google_explains(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/digests/send-now/", follow=True)
    assert "Connect Google first" in page(response)
    assert not Job.objects.filter(user=user).exists()


# --- the digest page ---------------------------------------------------------------------------


def test_digest_page_lists_ranked_items_with_badges_actions_and_links(signed_in, user):
    digest = DigestFactory(user=user)
    EmailFactory(digest=digest, rank=1, subject="Second", urgency="high", action_items=[])
    EmailFactory(
        digest=digest,
        rank=0,
        subject="First",
        urgency="urgent",
        thread_id="t-first",
        action_items=[
            {"text": "Sign the contract", "due": "2099-12-04"},
            {"text": "Send the invoice", "due": "2000-01-03"},
        ],
    )
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    assert text.index("First") < text.index("Second")
    assert 'class="badge badge-urgent">Urgent' in text
    assert "Sign the contract <strong>(due Fri 4 Dec 2099)</strong>" in text
    assert "Send the invoice <strong>(overdue since Mon 3 Jan 2000)</strong>" in text
    assert f'href="https://mail.google.com/mail/?authuser={user.email}#all/t-first"' in text


def test_digest_page_has_the_sections_of_the_email_without_inline_styles(signed_in, user):
    digest = DigestFactory(user=user, count_urgent=0, count_high=1, count_medium=1, count_low=3)
    EmailFactory(digest=digest, rank=0, subject="Budget", urgency="high", thread_id="t1")
    EmailFactory(digest=digest, rank=1, subject="Re: Budget", urgency="low", thread_id="t1")
    EmailFactory(digest=digest, rank=2, subject="Expenses", urgency="medium")
    EmailFactory(digest=digest, rank=3, subject="Weekly", urgency="low", kind="newsletter")
    EmailFactory(digest=digest, rank=4, subject="Hidden", urgency="low", listed=False)
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    assert text.index("Needs your attention") < text.index("Budget") < text.index("Worth a look")
    assert text.index("Worth a look") < text.index("Expenses") < text.index("Also arrived")
    assert text.index("Also arrived") < text.index("Newsletters · 1") < text.index("Weekly")
    assert "Re: Budget" not in text  # one card per thread
    assert "And 1 more: 1 from people." in text
    assert "Hidden" not in text
    assert "style=" not in text


def test_someone_elses_digest_is_not_found(signed_in):
    assert signed_in.get(f"/digests/{DigestFactory().pk}/").status_code == 404


# --- what goes into a digest (preferences) ------------------------------------------------


def form_data(**changes):
    data = {"max_items": "25", "query": "", "deliver_email": "on"}
    return {**data, **changes}


def test_the_old_schedule_address_leads_to_the_schedules(signed_in):
    response = signed_in.get("/digests/schedule/")
    assert (response.status_code, response.url) == (302, "/digests/schedules/")


def test_a_deadline_earlier_on_the_day_the_digest_was_made_shows_as_overdue(signed_in, user):
    made = dt.datetime(2026, 12, 7, 19, 27, tzinfo=dt.UTC)
    digest = DigestFactory(user=user, period_end=made, timezone="UTC")
    EmailFactory(
        digest=digest,
        rank=0,
        subject="Press release",
        urgency="urgent",
        action_items=[
            {"text": "Check the product quotes", "due": "2026-12-07", "time": "15:00"},
            {"text": "Send the final copy", "due": "2026-12-07", "time": "21:00"},
        ],
    )
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    assert "Check the product quotes <strong>(overdue since Mon 7 Dec 2026, 15:00)</strong>" in text
    assert "Send the final copy <strong>(due Mon 7 Dec 2026, 21:00)</strong>" in text
