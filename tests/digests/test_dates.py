"""One way to write a date (and a date with its time) in the digest's page and both emails."""

import datetime as dt
import html
import re
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.html import strip_tags

from digests.render import render_email
from digests.render.dates import clock, day, day_time, house_dates
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
AT = dt.datetime(2026, 12, 4, 14, 0, tzinfo=dt.UTC)  # Fri 4 Dec, 15:00 in Berlin

# Every date the digest writes, in the one format: "Fri 4 Dec 2026" with ", 15:00" if timed.
HOUSE = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}\b")
OTHER_FORMS = [
    re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) 0\d "),  # "Fri 04 Dec"
    re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}(?![a-z]| \d{4})"),
    re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d"),  # "Mon 09:15"
    re.compile(r"\b(?:January|February|March|April|June|July|August|September|October)\b"),
    re.compile(r"\b(?:November|December) \d"),
    re.compile(r"\b20\d\d-\d\d-\d\d\b"),
]


def test_a_day_and_a_moment_in_the_readers_zone():
    assert day(dt.date(2026, 12, 4)) == "Fri 4 Dec 2026"
    assert day_time(AT, BERLIN) == "Fri 4 Dec 2026, 15:00"
    assert day_time(AT, TOKYO) == "Fri 4 Dec 2026, 23:00"
    assert day_time(AT + dt.timedelta(hours=2), TOKYO) == "Sat 5 Dec 2026, 01:00"
    assert clock(AT, BERLIN) == "15:00"
    assert clock(dt.time(9, 5)) == "09:05"
    with timezone.override(TOKYO):
        assert day_time(AT) == "Fri 4 Dec 2026, 23:00"  # the active zone by default


def test_the_template_filters_write_the_same_in_the_rendering_zone():
    template = Template(
        "{% load digest_dates tz %}{{ at|day_time }} | {{ at|day }} | {{ at|clock }} | "
        "{% localtime off %}{{ tokyo|day_time }}{% endlocaltime %} | {{ none|day_time }}."
    )
    with timezone.override(BERLIN):
        said = template.render(Context({"at": AT, "tokyo": AT.astimezone(TOKYO), "none": None}))
    assert said == "Fri 4 Dec 2026, 15:00 | Fri 4 Dec 2026 | 15:00 | Fri 4 Dec 2026, 23:00 | ."


@pytest.mark.parametrize(
    ("text", "near", "written"),
    [
        ("approve it (Maya, Fri 04 Dec 17:00)", dt.date(2026, 11, 30),
         "approve it (Maya, Fri 4 Dec 2026, 17:00)"),
        ("Offsite, Tue 05 Jan", dt.date(2026, 12, 30), "Offsite, Tue 5 Jan 2027"),
        ("review (Sam, Wed 30 Dec)", dt.date(2027, 1, 2), "review (Sam, Wed 30 Dec 2026)"),
        ("Fri 04 Dec 2026 is written already", dt.date(2026, 12, 1),
         "Fri 04 Dec 2026 is written already"),
        ("Mon 04 Dec fits no year near", dt.date(2026, 12, 1), "Mon 04 Dec fits no year near"),
        ("nothing dated, Friday 5pm", dt.date(2026, 12, 1), "nothing dated, Friday 5pm"),
    ],
)  # fmt: skip
def test_the_analyzers_dates_are_written_the_house_way(text, near, written):
    assert house_dates(text, near) == written


@pytest.fixture
def digest(db):
    user = UserFactory(timezone="Europe/Berlin")
    GoogleAccountFactory(user=user)
    digest = DigestFactory(
        user=user,
        period_start=dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC),
        period_end=dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC),
        # as digests.summarize.overview writes it
        summary="2 new messages, 1 urgent: approve the budget (Maya, Fri 04 Dec 17:00)",
        count_urgent=1,
        count_low=0,
        count_medium=1,
    )
    EmailFactory(
        digest=digest, rank=0, subject="Budget", urgency="urgent", reasons=[],
        received_at=dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC),
        action_items=[{"text": "Approve the budget", "due": "2026-12-04", "time": "17:00"}],
        summary="Please approve the budget.",
    )  # fmt: skip
    EmailFactory(
        digest=digest, rank=1, subject="Offsite", urgency="medium", action_items=[],
        received_at=dt.datetime(2026, 11, 30, 9, 40, tzinfo=dt.UTC),
        summary="Team offsite, Tue 08 Dec 09:30",  # a calendar summary, as the analyzer says it
    )  # fmt: skip
    return digest


def dates_in(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(HOUSE.pattern + r"(?:, \d\d:\d\d)?", text)]


def test_the_page_and_both_emails_write_every_date_the_same_way(digest, client):
    client.force_login(digest.user)
    page = html.unescape(strip_tags(client.get(f"/digests/{digest.pk}/").content.decode()))
    rendered = render_email(digest)
    mail_html = html.unescape(strip_tags(rendered.html))
    expected = {
        "Mon 30 Nov 2026, 08:00",  # the period, from
        "Fri 4 Dec 2026, 17:00",  # the overview's ask and the to-do
        "Mon 30 Nov 2026, 09:15",  # the full card
        "Mon 30 Nov 2026, 10:40",  # the compact card
        "Tue 8 Dec 2026, 09:30",  # the calendar summary
    }
    for name, body in (("page", page), ("html", mail_html), ("text", rendered.text)):
        assert expected <= set(dates_in(body)), name
        for other in OTHER_FORMS:
            assert not other.search(body), (name, other.pattern, other.search(body))
    assert "due Fri 4 Dec 2026, 17:00" in rendered.text
    assert "(Maya, Fri 4 Dec 2026, 17:00)" in rendered.text
    assert rendered.subject.startswith("Your Gmail digest, Mon 30 Nov 2026, 17:00:")
    assert digest.summary.endswith("(Maya, Fri 04 Dec 17:00)")  # stored as the analyzer wrote


def test_the_dashboard_writes_dates_the_same_way(digest, client):
    client.force_login(digest.user)
    text = html.unescape(strip_tags(client.get("/digests/").content.decode()))
    assert "Mon 30 Nov 2026, 17:00" in text  # the last digest and its history row
    for other in OTHER_FORMS:
        assert not other.search(text), other.pattern
