"""Send now: one job at a time, at most N an hour, and a status the page polls until done."""

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from digests import send_now_limit
from digests.models import Digest
from digests.progress import SendNowRefused, recorder, start_send_now
from digests.render.dates import moment
from digests.scheduling import DIGEST_JOB
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.accounts.factories import UserFactory
from tests.digests.conftest import replace_config
from tests.digests.factories import DigestFactory

JSON = {"HTTP_ACCEPT": "application/json"}


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def status(client, job=None) -> dict:
    response = client.get("/digests/send-now/status/", {"job": job} if job else {}, **JSON)
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db(transaction=True)
def test_send_now_goes_from_queued_to_done_with_a_link(signed_in, demo_user):
    started = signed_in.post("/digests/send-now/", **JSON).json()
    assert started["state"] == "queued"
    run_due_jobs()
    done = status(signed_in, started["job"])
    digest = Digest.objects.get(user=demo_user)
    assert done == {"job": started["job"], "state": "done", "label": "Done",
                    "url": f"/digests/{digest.pk}/"}  # fmt: skip


@pytest.mark.django_db
def test_a_second_press_shows_the_running_job_and_starts_none(signed_in, demo_user):
    first = signed_in.post("/digests/send-now/", **JSON).json()
    Job.objects.filter(pk=first["job"]).update(status=Job.Status.RUNNING)
    second = signed_in.post("/digests/send-now/", **JSON).json()
    assert second["job"] == first["job"]
    assert second["state"] == "reading"
    assert Job.objects.filter(user=demo_user, type=DIGEST_JOB, schedule="").count() == 1


@pytest.mark.django_db
def test_at_most_n_per_hour_with_a_clear_message(settings, signed_in, demo_user):
    replace_config(settings, "digest", send_now_per_hour=2)
    for _ in range(2):
        job = signed_in.post("/digests/send-now/", **JSON).json()["job"]
        Job.objects.filter(pk=job).update(status=Job.Status.SUCCEEDED)
    refused = signed_in.post("/digests/send-now/", **JSON)
    assert refused.status_code == 429
    assert "2 digests this hour" in refused.json()["label"]
    assert Job.objects.filter(user=demo_user, type=DIGEST_JOB, schedule="").count() == 2
    page = signed_in.post("/digests/send-now/", follow=True)
    assert "You can send another digest at" in page.content.decode()


@pytest.mark.django_db
def test_progress_is_written_on_the_building_digest_and_throttled(demo_user):
    digest = DigestFactory(user=demo_user, status=Digest.Status.BUILDING)
    clock = iter([0.0, 0.1, 0.2, 0.9]).__next__
    record = recorder(demo_user, clock=clock)
    record("fetching", 1, 10)
    record("fetching", 2, 10)  # within the throttle: not written
    digest.refresh_from_db()
    assert (digest.progress_stage, digest.progress_done) == ("fetching", 1)
    record("fetching", 10, 10)  # the last step is always written
    record("analysing", 0, 10)
    digest.refresh_from_db()
    assert (digest.progress_stage, digest.progress_done) == ("analysing", 0)


@pytest.mark.django_db
def test_the_running_status_says_how_far_gmail_was_read(signed_in, demo_user):
    job = signed_in.post("/digests/send-now/", **JSON).json()["job"]
    Job.objects.filter(pk=job).update(status=Job.Status.RUNNING)
    DigestFactory(user=demo_user, status=Digest.Status.BUILDING, progress_stage="fetching",
                  progress_done=3, progress_total=12)  # fmt: skip
    assert status(signed_in, job)["label"] == "Reading Gmail 3/12"


@pytest.mark.django_db
def test_another_users_job_is_404(signed_in):
    other = UserFactory()
    job = Job.objects.enqueue(DIGEST_JOB, user=other, payload={"manual": True})
    response = signed_in.get("/digests/send-now/status/", {"job": str(job.pk)})
    assert response.status_code == 404, response.content
    assert signed_in.get("/digests/send-now/status/", {"job": "x"}).status_code == 400


@pytest.mark.django_db
def test_send_now_refuses_without_csrf_and_status_needs_sign_in(demo_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_user)
    assert client.post("/digests/send-now/", **JSON).status_code == 403
    assert Client().get("/digests/send-now/status/").status_code == 302
    assert not Job.objects.filter(user=demo_user, schedule="").exists()
    assert json.loads(client.get("/digests/send-now/status/").content) == {
        "state": "idle",
        "label": "",
    }


def hour_ends(now: dt.datetime) -> dt.datetime:
    """The end of the clock hour (UTC) the send-now counts are kept in."""
    return now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)


def dashboard(client) -> str:
    response = client.get("/digests/")
    assert response.status_code == 200
    return response.content.decode()


def send_now_button(html: str) -> str:
    return re.search(r"<button[^>]*>Send a digest now</button>", html).group(0)


@pytest.mark.django_db
def test_at_the_limit_the_page_says_when_up_front_and_the_button_is_off(
    settings, signed_in, demo_user
):
    demo_user.timezone = "Asia/Kolkata"  # UTC+05:30: the hour ends at half past there
    demo_user.save()
    replace_config(settings, "digest", send_now_per_hour=1)
    assert "disabled" not in send_now_button(dashboard(signed_in))

    job = signed_in.post("/digests/send-now/", **JSON).json()["job"]
    Job.objects.filter(pk=job).update(status=Job.Status.SUCCEEDED)
    html = dashboard(signed_in)

    ends = hour_ends(timezone.now()).astimezone(demo_user.zone)
    said = f"You can send another digest at {moment(ends, demo_user.zone)}."
    assert said.endswith(":30.")  # the house format, in their zone
    assert said in html
    assert "disabled" in send_now_button(html)
    limit = status(signed_in)["limit"]
    assert limit["label"].endswith(said)
    assert dt.datetime.fromisoformat(limit["until"]) == ends
    assert 0 < limit["seconds"] <= 3600


@pytest.mark.django_db
def test_the_press_that_reaches_the_limit_says_so_and_a_refused_one_too(
    settings, signed_in, demo_user
):
    replace_config(settings, "digest", send_now_per_hour=1)
    started = signed_in.post("/digests/send-now/", **JSON).json()
    assert started["state"] == "queued"
    assert "You can send another digest at" in started["limit"]["label"]
    Job.objects.filter(pk=started["job"]).update(status=Job.Status.SUCCEEDED)

    refused = signed_in.post("/digests/send-now/", **JSON)
    assert refused.status_code == 429
    limit = refused.json()["limit"]
    assert (limit["label"], limit["until"]) == (
        started["limit"]["label"],
        started["limit"]["until"],
    )
    assert refused.json()["label"] == limit["label"]
    assert "disabled" in send_now_button(dashboard(signed_in))


@pytest.mark.django_db
def test_under_the_limit_nothing_is_said_and_after_the_hour_it_works_again(settings, demo_user):
    replace_config(settings, "digest", send_now_per_hour=1)
    now = timezone.now()
    assert send_now_limit.reached(demo_user, now) is None
    start_send_now(demo_user, at=now)
    limit = send_now_limit.reached(demo_user, now)
    assert limit is not None
    assert limit.until == hour_ends(now)
    Job.objects.filter(user=demo_user).update(status=Job.Status.SUCCEEDED)
    with pytest.raises(SendNowRefused):
        start_send_now(demo_user, at=now)

    assert send_now_limit.reached(demo_user, limit.until) is None
    job, new = start_send_now(demo_user, at=limit.until)
    assert new
    assert job.status == Job.Status.PENDING
