"""Every page a signed-in person sees has its own <title>; a digest's names its date."""

import datetime as dt
import re

import pytest
from django.test import Client

from digests.schedules import create_schedule
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import DigestFactory

pytestmark = pytest.mark.django_db


def title(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_a_digest_page_is_titled_with_its_date_in_the_readers_zone():
    user = UserFactory(timezone="Europe/Berlin")
    digest = DigestFactory(user=user, period_end=dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC))
    client = Client()
    client.force_login(user)
    assert title(client, f"/digests/{digest.pk}/") == (
        "Digest of Mon 7 Dec 2026, 08:00 · Gmail Digest Assistant"
    )


def test_two_digests_have_two_titles_and_every_page_its_own():
    user = UserFactory(timezone="UTC")
    GoogleAccountFactory(user=user)
    schedule = create_schedule(user, name="Mornings", cron="0 8 * * *", timezone="UTC")
    first = DigestFactory(user=user, period_end=dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC))
    second = DigestFactory(user=user, period_end=dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.UTC))
    client = Client()
    client.force_login(user)
    urls = [
        "/digests/",
        f"/digests/{first.pk}/",
        f"/digests/{second.pk}/",
        "/digests/schedules/",
        "/digests/schedules/new/",
        f"/digests/schedules/{schedule.pk}/",
        "/digests/preferences/",
        "/accounts/",
        "/accounts/google/disconnect/",
        "/accounts/delete/",
    ]
    titles = [title(client, url) for url in urls]
    assert len(set(titles)) == len(titles), titles
    assert all(t.endswith(" · Gmail Digest Assistant") for t in titles), titles
