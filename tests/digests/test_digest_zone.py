"""A digest built for a schedule reads deadlines and shows its times in that schedule's zone."""

import datetime as dt
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone

from digests.building import build_digest
from digests.models import Digest, Email
from digests.schedules import create_schedule
from digests.scheduling import sync_digest_jobs
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.digests.factories import mail

pytestmark = pytest.mark.django_db(transaction=True)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def ask_for_the_budget(fake) -> None:
    # Arrived at 09:00 Berlin today (08:00 UTC in winter), whatever the hour the test runs.
    today = timezone.now().astimezone(BERLIN).date()
    arrived = dt.datetime.combine(today, dt.time(9, 0), BERLIN)
    if arrived > timezone.now():
        arrived -= dt.timedelta(days=1)
    fake.add_message(
        DEMO_EMAIL,
        mail("Hi, please send me the budget numbers by 5pm London time today.", subject="Budget"),
        internal_date=int(arrived.timestamp() * 1000),
    )


def test_a_scheduled_digest_reads_deadlines_in_the_schedules_zone(demo_user, fake, mailoutbox):
    demo_user.timezone = "UTC"  # the person's zone differs from the schedule's
    demo_user.save()
    ask_for_the_budget(fake)
    create_schedule(demo_user, name="Berlin", cron="0 8 * * *", timezone="Europe/Berlin")
    [job] = sync_digest_jobs(demo_user)
    Job.objects.filter(pk=job.pk).run_now()

    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()

    digest = Digest.objects.get(user=demo_user)
    assert digest.timezone == "Europe/Berlin"
    budget = Email.objects.get(digest=digest, subject="Budget")
    [item] = [item for item in budget.action_items if item["due"]]
    assert item["time"] == "18:00"  # 17:00 in London is 18:00 in Berlin (it was 17:00 UTC)
    assert mailoutbox[0].body.splitlines()[0].endswith("(Europe/Berlin)")
    page = Client()
    page.force_login(demo_user)
    assert "(Europe/Berlin)" in page.get(f"/digests/{digest.pk}/").content.decode()


def test_send_now_uses_the_persons_zone(demo_user, fake):
    demo_user.timezone = "America/New_York"
    demo_user.save()
    digest = build_digest(demo_user, now=timezone.now())
    assert str(digest.zone) == "America/New_York"
    # kept with the digest: a later change of the person's zone does not move it
    demo_user.timezone = "Asia/Tokyo"
    demo_user.save()
    digest.refresh_from_db()
    assert str(digest.zone) == "America/New_York"
