"""The dashboard's "Next digest" line comes again with the live card (/digests/last-digest/),
so it moves on without a reload once a digest is delivered or its time passes."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone

from digests.next_digest import upcoming
from digests.render.dates import day_time
from digests.schedules import create_schedule
from digests.scheduling import next_digest_at, send_now
from jobs.models import Job
from jobs.scheduler import Scheduler

pytestmark = pytest.mark.django_db(transaction=True)
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def next_line(html: str) -> tuple[str, int | None]:
    """The "Next digest" block's words and its data-due-in."""
    match = re.search(r'<div id="next-digest"( data-due-in="(-?\d+)")?>(.*?)</div>', html, re.S)
    assert match, html
    words = " ".join(re.sub(r"<[^>]+>", " ", match.group(3)).split())
    return words, int(match.group(2)) if match.group(2) else None


@pytest.fixture
def scheduled(demo_user):
    schedule = create_schedule(demo_user, name="Mornings", cron="0 8 * * *", timezone="Asia/Tokyo")
    return Job.objects.get(user=demo_user, schedule__endswith=f"#schedule-{schedule.pk}")


def test_the_live_answer_carries_the_line_the_dashboard_shows(signed_in, demo_user, scheduled):
    at = next_digest_at(demo_user)
    assert at.tzinfo == TOKYO
    shown = f"Next digest: {day_time(at, TOKYO)} (Asia/Tokyo)"
    page, _ = next_line(signed_in.get("/digests/").content.decode())
    live, left = next_line(signed_in.get("/digests/last-digest/").content.decode())
    assert page.startswith(shown)
    assert live.startswith(shown)
    assert "Mornings : At 08:00 &middot; next" in live  # the schedules' states come along
    assert 0 < (at - timezone.now()).total_seconds() - left < 5


def test_the_line_moves_on_once_the_digest_is_delivered(signed_in, demo_user, scheduled):
    send_now(demo_user)  # the welcome digest, due now: the next digest is that one
    soon, left = next_line(signed_in.get("/digests/last-digest/").content.decode())
    assert left <= 0
    run_due_jobs()  # delivered

    after, left = next_line(signed_in.get("/digests/last-digest/").content.decode())
    at = next_digest_at(demo_user)
    assert after.startswith(f"Next digest: {day_time(at, TOKYO)} (Asia/Tokyo)")
    assert after != soon
    assert left > 0


def test_the_line_moves_on_once_the_scheduled_time_passes(signed_in, demo_user, scheduled):
    run_due_jobs()  # nothing due yet
    due = timezone.now() + dt.timedelta(seconds=2)
    Job.objects.filter(pk=scheduled.pk).update(next_run=due)
    before, left = next_line(signed_in.get("/digests/last-digest/").content.decode())
    assert before.startswith(f"Next digest: {day_time(due, TOKYO)}")
    assert 0 <= left <= 2

    Job.objects.filter(pk=scheduled.pk).update(next_run=timezone.now())  # its time has come
    run_due_jobs()  # the scheduled digest is made; the job waits for its next 08:00 in Tokyo
    after, _ = next_line(signed_in.get("/digests/last-digest/").content.decode())
    at = next_digest_at(demo_user)
    assert at.astimezone(TOKYO).hour == 8
    assert after.startswith(f"Next digest: {day_time(at, TOKYO)} (Asia/Tokyo)")


def test_no_schedule_no_line_to_wait_for(demo_user):
    found = upcoming(demo_user)
    assert found["next_digest_at"] is None
    assert found["next_digest_in"] is None
    assert found["connected"] is True
