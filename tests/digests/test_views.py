"""The dashboard, "send now", the digest page and the schedule form."""

import datetime as dt
import html

import pytest
from django.test import Client
from django.utils import timezone

from digests.models import Digest
from digests.scheduling import DIGEST_JOB, sync_digest_schedule
from jobs.models import Job
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = UserFactory(timezone="Europe/Berlin")
    GoogleAccountFactory(user=user)
    return user


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


# --- dashboard ----------------------------------------------------------------------------


def test_dashboard_needs_sign_in(client):
    response = client.get("/digests/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_dashboard_shows_the_next_digest_in_the_users_zone(signed_in, user):
    job = sync_digest_schedule(user)
    local = timezone.localtime(job.next_run, user.zone)

    text = page(signed_in.get("/digests/"))

    assert f'<time datetime="{local.isoformat()}">' in text
    assert f"{local:%A} {local.day} {local:%B}, {local:%H:%M}</time>" in text
    assert "Weekdays at 08:00 and 17:00 (Europe/Berlin)" in text
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


def test_dashboard_when_paused(signed_in, user):
    user.digest_preferences = {**user.digest_preferences, "paused": True}
    user.save()
    assert "Scheduled digests are paused" in page(signed_in.get("/digests/"))


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
        action_items=[{"text": "Sign the contract", "due": "2026-12-04"}],
    )
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    assert text.index("First") < text.index("Second")
    assert 'class="badge badge-urgent">Urgent' in text
    assert "Sign the contract <strong>(due Fri 4 Dec 2026)</strong>" in text
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


# --- the schedule form --------------------------------------------------------------------------


def form_data(**changes):
    data = {
        "preset": "weekdays-twice",
        "custom_schedule": "",
        "timezone": "Europe/Berlin",
        "max_items": "25",
        "query": "",
        "deliver_email": "on",
    }
    return {**data, **changes}


def test_schedule_form_shows_the_current_settings(signed_in):
    text = page(signed_in.get("/digests/schedule/"))
    assert 'value="weekdays-twice" required id="id_preset_0" checked' in text
    assert '<option value="Europe/Berlin" selected>' in text


def test_schedule_form_offers_the_browser_zone_only_while_nobody_chose_one(client, signed_in):
    assert "data-suggest-browser-zone" not in page(signed_in.get("/digests/schedule/"))
    newcomer = UserFactory(timezone="UTC")
    GoogleAccountFactory(user=newcomer)
    client.force_login(newcomer)

    text = page(client.get("/digests/schedule/"))

    assert "data-suggest-browser-zone" in text
    assert "/static/js/timezone.js" in text


def test_saving_a_preset_updates_preferences_and_the_job(signed_in, user):
    sync_digest_schedule(user)
    response = signed_in.post(
        "/digests/schedule/", form_data(preset="daily-morning", timezone="America/New_York")
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.digest_preferences["schedule"] == "0 8 * * *"
    assert user.timezone == "America/New_York"
    [job] = Job.objects.filter(user=user, status=Job.Status.PENDING)
    assert (job.schedule, job.timezone) == ("0 8 * * *", "America/New_York")


def test_custom_schedule_is_saved(signed_in, user):
    signed_in.post("/digests/schedule/", form_data(preset="custom", custom_schedule="15  9 * * 1"))
    user.refresh_from_db()
    assert user.digest_preferences["schedule"] == "15 9 * * 1"


def test_bad_cron_shows_the_parsers_message_and_keeps_the_input(signed_in, user):
    response = signed_in.post(
        "/digests/schedule/",
        form_data(preset="custom", custom_schedule="0 25 * * *", max_items="7"),
    )
    text = page(response)
    assert response.status_code == 400
    assert "Not a schedule we can run: hour: 25 is out of range 0-23" in text
    assert 'value="0 25 * * *"' in text
    assert 'value="7"' in text
    user.refresh_from_db()
    assert user.digest_preferences["schedule"] == "0 8,17 * * 1-5"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"preset": "custom"}, "Enter a cron expression, or pick a preset."),
        ({"timezone": "Mars/Olympus"}, "Mars/Olympus is not a time zone we know"),
        ({"max_items": "0"}, "greater than or equal to 1"),
        ({"max_items": "500"}, "less than or equal to 100"),
        ({"preset": "sometimes"}, "Select a valid choice"),
    ],
)
def test_schedule_form_errors_name_the_problem(signed_in, changes, message):
    response = signed_in.post("/digests/schedule/", form_data(**changes))
    assert response.status_code == 400
    assert message in page(response)


def test_pausing_from_the_form_stops_the_job(signed_in, user):
    job = sync_digest_schedule(user)
    signed_in.post("/digests/schedule/", form_data(paused="on"))
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED


def test_asking_to_send_from_gmail_without_permission_warns(signed_in):
    response = signed_in.post("/digests/schedule/", form_data(send_from_gmail="on"), follow=True)
    assert "To send digests from your Gmail, allow it at Google" in page(response)
