"""The house date format beyond the digest: the account page, retry times, and no template or
module writing dates its own way (digests.render.dates, filters ``digest_dates``)."""

import datetime as dt
import html
import re
import zoneinfo
from pathlib import Path

import pytest
from django.utils.html import strip_tags

from digests.render.dates import moment
from digests.schedule_preview import zone_options
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


# Machine-readable dates (``<time datetime="{{ x|date:'c' }}">``) are no one's to read.
DATE_FILTER = re.compile(r"\|date:(?!\s*['\"]c['\"])")
OWN_FORMAT = re.compile(r"strftime\(|:%[a-zA-Z]")


def test_no_page_or_email_template_formats_dates_its_own_way():
    templates = [
        path
        for path in (ROOT / "templates").rglob("*.*")
        if "admin" not in path.relative_to(ROOT / "templates").parts  # staff's, in jobs' terms
    ]
    assert templates
    found = [str(p) for p in templates if DATE_FILTER.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_no_view_or_module_that_writes_for_people_formats_dates_its_own_way():
    modules = [*(ROOT / "digests").glob("*.py"), *(ROOT / "digests" / "render").glob("*.py")]
    modules += [*(ROOT / "accounts").glob("*.py")]
    allowed = {"dates.py", "models.py"}  # the house format itself; __str__ for staff and logs
    found = [
        str(path)
        for path in modules
        if path.name not in allowed and OWN_FORMAT.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
