"""The house date format beyond the digest: the account page, retry times, the staff's jobs
dashboard, and no template or module writing dates its own way (gda_site.dates, re-exported by
digests.render.dates; filters ``site_dates`` and ``digest_dates``)."""

import datetime as dt
import html
import re
import zoneinfo
from pathlib import Path

import pytest
from django.utils.html import strip_tags

from digests.render import dates as digest_dates
from digests.render.dates import moment
from digests.schedule_preview import zone_options
from gda_site import dates as site_dates
from jobs.models import Job
from tests.accounts.factories import GoogleAccountFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
AT = dt.datetime(2026, 12, 4, 14, 0, tzinfo=dt.UTC)  # Fri 4 Dec, 15:00 in Berlin


def seen(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


@pytest.mark.django_db
def test_the_account_page_says_since_when_in_the_house_format_and_the_readers_zone(client):
    user = UserFactory(timezone="Asia/Tokyo")
    GoogleAccountFactory(user=user, status_changed_at=AT)
    client.force_login(user)
    page = client.get("/accounts/")
    assert "since Fri 4 Dec 2026, 23:00" in seen(page)  # 14:00 UTC is 23:00 in Tokyo
    assert '<time datetime="2026-12-04T23:00:00+09:00">' in page.content.decode()


def test_a_moment_today_is_a_clock_and_another_day_says_its_day():
    assert moment(AT + dt.timedelta(minutes=5), BERLIN, now=AT) == "15:05"
    later = AT + dt.timedelta(hours=10)  # 01:00 the next day in Berlin
    assert moment(later, BERLIN, now=AT) == "Sat 5 Dec 2026, 01:00"


def test_zone_choices_tell_the_time_as_the_clock_does():
    options = dict(zone_options(AT))
    assert options["Europe/Berlin"] == "Europe/Berlin (UTC+01:00, 15:00)"


def test_the_digests_dates_are_the_sites_own():
    for name in ("day", "day_time", "clock", "moment", "local"):
        assert getattr(digest_dates, name) is getattr(site_dates, name)


@pytest.mark.django_db
def test_the_staff_jobs_dashboard_writes_dates_in_the_house_format(admin_client):
    dead = Job.objects.enqueue("test.dates.dead")
    Job.objects.filter(pk=dead.pk).update(
        status=Job.Status.DEAD, last_error="RuntimeError: no", updated_at=AT
    )
    due = Job.objects.enqueue("test.dates.due")
    Job.objects.filter(pk=due.pk).update(next_run=AT - dt.timedelta(days=1, minutes=30))
    page = admin_client.get("/admin/jobs/job/dashboard/")
    said = seen(page)
    # The staff admin reads the server's zone (UTC) and says so.
    assert "times below are in UTC too" in said
    died = '<td><time datetime="2026-12-04T14:00:00+00:00">Fri 4 Dec 2026, 14:00</time></td>'
    assert died in page.content.decode()
    assert "due since Thu 3 Dec 2026, 13:30, waiting for " in said
    assert not re.search(r"\b20\d\d-\d\d-\d\d \d\d:\d\d\b", said)  # no "2026-12-04 14:00"
    assert not re.search(r"\d+:\d\d:\d\d\.\d+", said)  # nor a raw timedelta "0:07:00.12"


# Machine-readable dates (``<time datetime="{{ x|date:'c' }}">``) are no one's to read.
DATE_FILTER = re.compile(r"\|date:(?!\s*['\"]c['\"])")
OWN_FORMAT = re.compile(r"strftime\(|:%[a-zA-Z]")


def test_no_page_or_email_template_formats_dates_its_own_way():
    templates = list((ROOT / "templates").rglob("*.*"))  # the staff admin's included
    assert ROOT / "templates" / "admin" / "jobs" / "dashboard.html" in templates
    found = [str(p) for p in templates if DATE_FILTER.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_no_view_or_module_that_writes_for_people_formats_dates_its_own_way():
    modules = [*(ROOT / "digests").glob("*.py"), *(ROOT / "digests" / "render").glob("*.py")]
    modules += [*(ROOT / "accounts").glob("*.py"), *(ROOT / "jobs").glob("*.py")]
    modules += [*(ROOT / "gda_site").glob("*.py"), *(ROOT / "gda_site" / "templatetags").glob("*")]
    allowed = {"dates.py", "models.py"}  # the house format itself; __str__ for staff and logs
    found = [
        str(path)
        for path in modules
        if path.name not in allowed and OWN_FORMAT.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
