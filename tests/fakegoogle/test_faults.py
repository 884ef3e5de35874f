"""Injected failures, googleapiclient's retries, and the request/quota counters."""

import base64
import time
from collections import Counter

import httplib2
import pytest
import requests
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from fakegoogle import DEMO_EMAIL, FakeGoogle

from .conftest import MODIFY, READONLY, SEND, credentials_for, gmail_service


def profile_request(gmail, sleeps: list[float]):
    """A request whose retry back-off is recorded instead of slept (googleapiclient's seam)."""
    request = gmail.users().getProfile(userId="me")
    request._sleep = sleeps.append
    request._rand = lambda: 0.5
    return request


def raw_get(server, path: str) -> requests.Response:
    token = server.fake.issue_tokens(DEMO_EMAIL, [READONLY])["access_token"]
    return requests.get(
        f"{server.base_url}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )


def test_429_carries_retry_after_and_googles_body(server, fake):
    fake.inject_fault("getProfile", 429, retry_after=30)

    response = raw_get(server, "/gmail/v1/users/me/profile")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "30"
    error = response.json()["error"]
    assert error["status"] == "RESOURCE_EXHAUSTED"
    assert error["errors"][0] == {
        "message": "Rate Limit Exceeded",
        "domain": "usageLimits",
        "reason": "rateLimitExceeded",
    }


def test_fault_is_used_up_after_its_times(server, fake):
    fake.inject_fault("getProfile", 500, times=2)

    statuses = [raw_get(server, "/gmail/v1/users/me/profile").status_code for _ in range(3)]

    assert statuses == [500, 500, 200]


def test_fault_without_times_lasts_until_cleared(server, fake):
    fake.inject_fault("getProfile", 503, times=None)

    before = [raw_get(server, "/gmail/v1/users/me/profile").status_code for _ in range(3)]
    fake.clear_faults()

    assert before == [503, 503, 503]
    assert raw_get(server, "/gmail/v1/users/me/profile").status_code == 200


def test_probabilistic_faults_hit_about_their_share_and_fall_through():
    fake = FakeGoogle(seed=7)
    fake.inject_fault("getProfile", 500, times=None, probability=0.2)
    fake.inject_fault("getProfile", 429, times=None, probability=0.25, retry_after=2)

    hits = Counter(
        (fault.status if fault else 200)
        for fault in (fake.record_request("getProfile", "/p") for _ in range(4000))
    )

    # 500 with 20%; of the rest, 429 with 25% (0.8 * 0.25 = 20%); 60% pass.
    assert 700 < hits[500] < 900
    assert 700 < hits[429] < 900
    assert 2200 < hits[200] < 2600


def test_probabilistic_faults_are_repeatable_with_a_seed():
    def draws(seed: int) -> list[bool]:
        fake = FakeGoogle(seed=seed)
        fake.inject_fault("getProfile", 500, times=None, probability=0.5)
        return [fake.record_request("getProfile", "/p") is not None for _ in range(50)]

    assert draws(3) == draws(3)
    assert draws(3) != draws(4)


def test_an_injected_clock_dates_new_mail():
    fake = FakeGoogle(clock=lambda: 1_700_000_000.0)
    fake.add_account("ada@example.com")

    message = fake.add_message("ada@example.com", "Subject: hi\r\n\r\nhello")

    assert fake.now() == 1_700_000_000.0
    assert message.internal_date == 1_700_000_000_000


def test_path_patterns_match_requests(server, fake):
    fake.inject_fault("/gmail/v1/users/*/history", 503)

    response = raw_get(server, "/gmail/v1/users/me/history?startHistoryId=1")

    assert response.status_code == 503
    assert response.json()["error"]["status"] == "UNAVAILABLE"


def test_num_retries_rides_out_500s(gmail, fake):
    fake.inject_fault("getProfile", 500, times=2)
    sleeps: list[float] = []

    profile = profile_request(gmail, sleeps).execute(num_retries=3)

    assert profile["emailAddress"] == DEMO_EMAIL
    assert fake.counters["getProfile"] == 3
    assert len(sleeps) == 2


def test_num_retries_rides_out_429(gmail, fake):
    fake.inject_fault("getProfile", 429, retry_after=1)
    sleeps: list[float] = []

    profile_request(gmail, sleeps).execute(num_retries=1)

    assert fake.counters["getProfile"] == 2


@pytest.mark.parametrize("reason", ["rateLimitExceeded", "userRateLimitExceeded"])
def test_403_rate_limits_are_retried(gmail, fake, reason):
    fake.inject_fault("getProfile", 403, reason=reason)
    sleeps: list[float] = []

    profile_request(gmail, sleeps).execute(num_retries=2)

    assert fake.counters["getProfile"] == 2


def test_403_permission_errors_are_not_retried(server, fake):
    gmail = gmail_service(server, SEND)
    sleeps: list[float] = []

    with pytest.raises(HttpError):
        profile_request(gmail, sleeps).execute(num_retries=3)

    assert fake.counters["getProfile"] == 1


def test_retries_give_up_with_the_last_error(gmail, fake):
    fake.inject_fault("getProfile", 503, times=None)

    with pytest.raises(HttpError) as caught:
        profile_request(gmail, []).execute(num_retries=2)

    assert caught.value.status_code == 503
    assert fake.counters["getProfile"] == 3


def test_a_slow_response_trips_the_client_timeout(server, fake):
    credentials = credentials_for(server, READONLY)
    http = AuthorizedHttp(credentials, http=httplib2.Http(timeout=0.05))
    gmail = build(
        "gmail",
        "v1",
        http=http,
        client_options={"api_endpoint": server.base_url},
        static_discovery=True,
    )
    fake.inject_fault("getProfile", None, delay=0.5)

    with pytest.raises(TimeoutError):
        gmail.users().getProfile(userId="me").execute()


def test_token_endpoint_faults_speak_oauth(server, fake):
    credentials = credentials_for(server, READONLY)
    fake.inject_fault("token", 400, reason="invalid_grant", message="Account has been deleted")

    with pytest.raises(RefreshError, match="Account has been deleted"):
        credentials.refresh(Request())


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"status": 200}, "status"),
        ({"times": 0}, "times"),
        ({"delay": -1}, "delay"),
        ({"probability": 0}, "probability"),
        ({"probability": 1.5}, "probability"),
    ],
)
def test_nonsense_faults_are_refused(fake, kwargs, named):
    with pytest.raises(ValueError, match=named):
        fake.inject_fault("getProfile", **kwargs)


def test_counters_and_quota_units_per_method(server, fake):
    gmail = gmail_service(server, MODIFY)
    fake.reset_counters()
    listed = gmail.users().messages().list(userId="me", maxResults=2).execute()
    message_id = listed["messages"][0]["id"]
    gmail.users().messages().get(userId="me", id=message_id).execute()
    gmail.users().history().list(
        userId="me", startHistoryId=gmail.users().getProfile(userId="me").execute()["historyId"]
    ).execute()
    gmail.users().messages().modify(
        userId="me", id=message_id, body={"addLabelIds": ["STARRED"]}
    ).execute()
    raw = base64.urlsafe_b64encode(b"To: x@example.org\r\nSubject: hi\r\n\r\nhi").decode()
    gmail.users().messages().send(userId="me", body={"raw": raw}).execute()

    assert fake.quota_units == {
        "messages.list": 5,
        "messages.get": 5,
        "getProfile": 1,
        "history.list": 2,
        "messages.modify": 5,
        "messages.send": 100,
    }
    assert fake.quota_units.total() == 118
    assert fake.counters["messages.send"] == 1


def test_rejected_requests_are_counted_but_not_charged(server, fake):
    fake.inject_fault("getProfile", 500)
    raw_get(server, "/gmail/v1/users/me/profile")
    requests.get(f"{server.base_url}/gmail/v1/users/me/profile", timeout=5)

    assert fake.counters["getProfile"] == 2
    assert fake.quota_units.total() == 0


def test_reset_counters(server, fake):
    raw_get(server, "/gmail/v1/users/me/profile")

    fake.reset_counters()

    assert fake.counters == {}
    assert fake.quota_units == {}


def test_latency_is_paid_once_per_http_request_and_once_per_batch(server, fake):
    from googleapiclient.http import BatchHttpRequest

    fake.latency = 0.2
    gmail = gmail_service(server)
    started = time.monotonic()
    ids = [m["id"] for m in gmail.users().messages().list(userId="me").execute()["messages"]]
    single = time.monotonic() - started
    batch = BatchHttpRequest(callback=lambda *a: None, batch_uri=server.base_url + "/batch")
    for message_id in ids[:20]:
        batch.add(gmail.users().messages().get(userId="me", id=message_id))
    started = time.monotonic()
    batch.execute()
    batched = time.monotonic() - started
    assert 0.2 <= single < 0.6
    assert 0.2 <= batched < 0.6  # 20 parts, one round trip
