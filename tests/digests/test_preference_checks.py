"""Saving preferences while Gmail is busy, down or slow: the search is saved unchecked, quickly."""

import html
import time

import pytest

from digests import preference_changes
from digests.models import DigestPreferences
from tests.digests.test_preference_views import form_data

pytestmark = pytest.mark.django_db


def saved(user) -> DigestPreferences:
    return DigestPreferences.objects.get(user=user)


@pytest.mark.parametrize(
    ("status", "retry_after"), [(429, 20), (503, None), (500, None)], ids=["429", "503", "500"]
)
def test_gmail_trouble_saves_the_search_as_typed_and_says_so(
    signed_in, demo_user, fake, status, retry_after
):
    fake.inject_fault("messages.list", status, times=None, retry_after=retry_after)
    started = time.monotonic()
    response = signed_in.post(
        "/digests/preferences/",
        form_data(query="from:boss", vip_senders="boss@work.example", max_items="7"),
        follow=True,
    )
    assert time.monotonic() - started < 3  # no retry sleeps inside the web request
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "could not be checked: it is saved as typed" in text
    prefs = saved(demo_user)
    assert (prefs.query, prefs.vip_senders, prefs.max_items) == (
        "from:boss",
        ["boss@work.example"],
        7,
    )
    assert fake.counters["messages.list"] == 1  # asked once, no retries


def test_a_slow_gmail_is_given_up_on_after_the_short_timeout(
    signed_in, demo_user, fake, monkeypatch
):
    monkeypatch.setattr(preference_changes, "CHECK_TIMEOUT", 0.5)
    fake.inject_fault("messages.list", None, times=None, delay=4)
    started = time.monotonic()
    response = signed_in.post("/digests/preferences/", form_data(query="from:slow"))
    assert time.monotonic() - started < 3
    assert response.status_code == 302
    assert saved(demo_user).query == "from:slow"


def test_a_spent_quota_is_not_waited_out_in_the_web_request(signed_in, demo_user, settings):
    from digests.bookkeeping import GmailQuota
    from tests.digests.conftest import replace_config

    replace_config(settings, "gmail", quota_units_per_minute=60)
    GmailQuota.objects.create(user=demo_user, tokens=-6000, stamp=time.time())
    started = time.monotonic()
    response = signed_in.post("/digests/preferences/", form_data(query="from:quota"))
    assert time.monotonic() - started < 3
    assert response.status_code == 302
    assert saved(demo_user).query == "from:quota"


def test_the_json_count_answers_503_at_once(signed_in, fake):
    fake.inject_fault("messages.list", 429, times=None, retry_after=20)
    started = time.monotonic()
    response = signed_in.get("/digests/preferences/query-count/", {"q": "in:inbox"})
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response.json()["error"] == "Gmail is not answering; try again later."
