"""Reading Gmail through the real client against the fake: paging, batches, cost and faults."""

import math

import httplib2
import pytest
from django.utils import timezone
from googleapiclient.errors import HttpError

from accounts.models import GoogleAccount
from digests import gmail
from fakegoogle import DEMO_EMAIL
from tests.digests.conftest import SEND, SIGN_IN_SCOPES, connect_google, replace_config
from tests.digests.factories import mail

pytestmark = pytest.mark.django_db

INBOX = "in:inbox"


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def client(demo_user, sleeps):
    # No randomness: each backoff is its full step (1 s, 2 s, 4 s ...).
    return gmail.connect(demo_user, sleep=sleeps, jitter=lambda: 1.0)


def inbox_size(fake) -> int:
    return sum(
        1
        for m in fake.account(DEMO_EMAIL).mailbox.messages.values()
        if "INBOX" in m.label_ids and not m.label_ids & {"SPAM", "TRASH"}
    )


def test_list_and_batched_get_cost_what_gmail_charges(client, fake):
    ids = client.list_message_ids(INBOX, limit=500)
    messages = client.get_messages(ids)

    assert len(ids) == inbox_size(fake)
    assert [m["id"] for m in messages] == ids
    assert all(m["payload"]["headers"] for m in messages)
    assert fake.counters["messages.list"] == 1
    assert fake.counters["batch"] == math.ceil(len(ids) / 50)
    assert fake.counters["messages.get"] == len(ids)
    assert fake.quota_units.total() == 5 + 5 * len(ids)
    assert client.quota_units == fake.quota_units.total()


def test_batch_size_comes_from_config(demo_user, fake, settings):
    replace_config(settings, "gmail", batch_size=10)
    client = gmail.connect(demo_user)
    ids = client.list_message_ids(INBOX, limit=500)
    client.get_messages(ids)
    assert fake.counters["batch"] == math.ceil(len(ids) / 10)
    assert client.requests["batch"] == fake.counters["batch"]


def test_listing_follows_pages_up_to_the_limit(client, fake, monkeypatch):
    monkeypatch.setattr(gmail, "LIST_PAGE_MAX", 10)
    ids = client.list_message_ids(INBOX, limit=25)
    assert len(ids) == 25
    assert len(set(ids)) == 25
    assert fake.counters["messages.list"] == 3


def test_listing_stops_when_gmail_has_no_more(client, fake, monkeypatch):
    monkeypatch.setattr(gmail, "LIST_PAGE_MAX", 10)
    ids = client.list_message_ids(INBOX, limit=5000)
    assert len(ids) == inbox_size(fake)
    assert fake.counters["messages.list"] == math.ceil(len(ids) / 10)


def test_period_query_has_whole_second_bounds():
    import datetime as dt

    start = dt.datetime(2026, 11, 30, 8, 0, 0, 500000, tzinfo=dt.UTC)
    end = dt.datetime(2026, 11, 30, 17, 0, 0, 250000, tzinfo=dt.UTC)
    assert gmail.period_query(" in:inbox ", start, end) == (
        f"in:inbox after:{int(start.timestamp())} before:{int(end.timestamp()) + 2}"
    )


# --- faults ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason"), [(429, None), (403, "rateLimitExceeded"), (403, "userRateLimitExceeded")]
)
def test_rate_limit_on_list_carries_retry_after(client, fake, status, reason):
    fake.inject_fault("messages.list", status, retry_after=120, reason=reason)
    with pytest.raises(gmail.GmailRateLimited) as info:
        client.list_message_ids(INBOX, limit=10)
    assert info.value.retry_after == 120


def test_rate_limit_without_retry_after_gets_a_default(client, fake, sleeps):
    fake.inject_fault("messages.list", 429, times=None)
    with pytest.raises(gmail.GmailRateLimited) as info:
        client.list_message_ids(INBOX, limit=10)
    assert info.value.retry_after == gmail.DEFAULT_RETRY_AFTER
    assert sleeps == [gmail.DEFAULT_RETRY_AFTER]  # the whole 30 s budget of the run


def test_a_brief_rate_limit_is_waited_out_as_google_asks(client, fake, sleeps):
    fake.inject_fault("messages.list", 429, times=2, retry_after=3)
    assert len(client.list_message_ids(INBOX, limit=10)) == 10
    assert sleeps == [3.0, 3.0]
    assert fake.counters["messages.list"] == 3


def test_server_errors_are_retried_with_exponential_backoff(client, fake, sleeps):
    fake.inject_fault("messages.list", 503, times=4)
    assert len(client.list_message_ids(INBOX, limit=10)) == 10
    assert sleeps == [1.0, 2.0, 4.0, 8.0]


def test_backoff_is_jittered_between_half_and_all_of_each_step(demo_user, fake, sleeps):
    client = gmail.connect(demo_user, sleep=sleeps, jitter=lambda: 0.0)
    fake.inject_fault("messages.list", 503, times=3)
    client.list_message_ids(INBOX, limit=10)
    assert sleeps == [0.5, 1.0, 2.0]


def test_server_error_that_outlasts_the_retry_budget_is_raised(client, fake, sleeps):
    fake.inject_fault("messages.list", 503, times=None)
    with pytest.raises(gmail.GmailUnavailable, match="HTTP 503"):
        client.list_message_ids(INBOX, limit=10)
    assert sleeps == [1.0, 2.0, 4.0, 8.0]  # the next, 16 s, would pass the 30 s budget
    assert sum(sleeps) <= 30


def test_forbidden_without_rate_limit_is_a_rejection(client, fake):
    fake.inject_fault("messages.list", 403, reason="forbidden", message="No.")
    with pytest.raises(gmail.GmailRequestRejected) as info:
        client.list_message_ids(INBOX, limit=10)
    assert info.value.status == 403


def test_query_gmail_refuses_is_a_rejection(client):
    with pytest.raises(gmail.GmailRequestRejected, match="HTTP 400"):
        client.list_message_ids("from:a OR from:b", limit=10)


def test_rate_limited_batch_items_are_retried_after_a_pause(client, fake, sleeps):
    ids = client.list_message_ids(INBOX, limit=8)
    fake.inject_fault("messages.get", 429, times=3, retry_after=2)

    messages = client.get_messages(ids)

    assert [m["id"] for m in messages] == ids
    assert sleeps == [2.0]
    assert fake.counters["messages.get"] == 8 + 3
    assert fake.counters["batch"] == 2
    assert client.quota_units == fake.quota_units.total()


def test_server_errors_in_a_batch_are_retried_too(client, fake, sleeps):
    ids = client.list_message_ids(INBOX, limit=4)
    fake.inject_fault("messages.get", 500, times=1)
    assert len(client.get_messages(ids)) == 4
    assert sleeps == [1.0]


def test_items_still_limited_when_the_budget_is_spent_raise(client, fake, sleeps):
    ids = client.list_message_ids(INBOX, limit=4)
    fake.inject_fault("messages.get", 429, times=None, retry_after=3)
    with pytest.raises(gmail.GmailRateLimited) as info:
        client.get_messages(ids)
    assert info.value.retry_after >= 3
    assert sleeps == [3.0, 3.0, 4.0, 8.0]  # Retry-After or the backoff, whichever is longer
    assert sum(sleeps) <= 30


def test_a_partial_batch_keeps_what_came_back_and_refetches_only_the_rest(
    demo_user, fake, settings, sleeps
):
    for n in range(100):
        fake.add_message(DEMO_EMAIL, mail(f"Message {n}", subject=f"Bulk {n}"))
    replace_config(settings, "gmail", batch_size=100)
    client = gmail.connect(demo_user, sleep=sleeps, jitter=lambda: 1.0)
    ids = client.list_message_ids("subject:bulk", limit=500)
    # 70 of 100 refused twice in a row: on main the 30 were thrown away and all refetched.
    fake.inject_fault("messages.get", 429, times=140, retry_after=1)

    messages = client.get_messages(ids)

    assert sorted(m["id"] for m in messages) == sorted(ids)
    assert fake.counters["messages.get"] == 100 + 70 + 70
    assert fake.quota_units.total() == 5 + 5 * 100  # 505: each message paid for once
    assert sleeps == [1.0, 2.0]


def test_a_long_retry_after_is_not_sat_out(client, fake, sleeps):
    ids = client.list_message_ids(INBOX, limit=4)
    fake.inject_fault("messages.get", 429, times=1, retry_after=90)
    with pytest.raises(gmail.GmailRateLimited) as info:
        client.get_messages(ids)
    assert info.value.retry_after == 90
    assert sleeps == []


def test_whole_batch_failing_is_retried_then_raised(client, fake, sleeps):
    ids = client.list_message_ids(INBOX, limit=4)
    fake.inject_fault("batch", 502, times=None)
    with pytest.raises(gmail.GmailUnavailable):
        client.get_messages(ids)
    assert len(sleeps) == 4


def test_message_deleted_since_the_list_is_skipped_and_noted(client, fake):
    ids = client.list_message_ids(INBOX, limit=3)
    messages = client.get_messages([ids[0], "0000000000000000", ids[1]])
    assert [m["id"] for m in messages] == [ids[0], ids[1]]
    assert client.skipped == ["0000000000000000"]


@pytest.mark.parametrize(("status", "reason"), [(403, "forbidden"), (400, "invalidArgument")])
def test_a_refused_fetch_is_an_error_not_a_missing_message(client, fake, status, reason):
    ids = client.list_message_ids(INBOX, limit=3)
    fake.inject_fault("messages.get", status, times=None, reason=reason)
    with pytest.raises(gmail.GmailRequestRejected) as info:
        client.get_messages(ids)
    assert (info.value.status, info.value.method) == (status, "messages.get")


def test_missing_permissions_are_their_own_kind(client, fake):
    ids = client.list_message_ids(INBOX, limit=3)
    fake.inject_fault("messages.get", 403, times=None, reason="insufficientPermissions")
    with pytest.raises(gmail.GmailPermissionDenied):
        client.get_messages(ids)


def test_history_lists_added_messages_oldest_first_across_pages(client, fake, monkeypatch):
    start = client.history_id()
    added = [fake.add_message(DEMO_EMAIL, mail(f"n{n}", subject=f"New {n}")) for n in range(7)]
    monkeypatch.setattr(gmail, "LIST_PAGE_MAX", 3)
    fake.reset_counters()

    ids, latest, pages = client.added_since(start)

    assert ids == [m.id for m in added]
    assert latest == client.history_id()
    assert pages == fake.counters["history.list"] == 3
    assert fake.quota_units["history.list"] == 2 * 3


def test_history_too_old_is_its_own_kind(client, fake):
    start = client.history_id()
    fake.add_message(DEMO_EMAIL, mail("x", subject="After the start"))
    fake.expire_history(DEMO_EMAIL)
    with pytest.raises(gmail.GmailHistoryExpired):
        client.added_since(start)


# --- lost access ---------------------------------------------------------------------------


def test_revoked_grant_is_lost_access_and_marks_the_account(demo_user, fake):
    fake.revoke_refresh_tokens(DEMO_EMAIL)  # also ends the access token Gmail sees
    client = gmail.connect(demo_user)
    with pytest.raises(gmail.GoogleAccessRevoked):
        client.list_message_ids(INBOX, limit=10)
    account = GoogleAccount.objects.get(user=demo_user)
    assert account.status == GoogleAccount.Status.NEEDS_REAUTH


def test_no_google_account_is_lost_access(db):
    from tests.accounts.factories import UserFactory

    with pytest.raises(gmail.GoogleAccessRevoked):
        gmail.connect(UserFactory())


def test_expired_token_is_refreshed_transparently(demo_user, fake):
    fake.advance_clock(3600 * 2)  # the fake's access token is dead, the refresh token is not
    ids = gmail.connect(demo_user).list_message_ids(INBOX, limit=3)
    assert len(ids) == 3
    assert fake.counters["token"] == 1


def test_refused_client_credentials_are_retryable_not_a_crash(demo_user, fake, settings):

    GoogleAccount.objects.filter(user=demo_user).update(token_expiry=timezone.now())
    fake.strict_clients = True  # as Google: an unknown client is refused
    replace_config(settings, "google", client_id="deleted-client.apps.googleusercontent.com")

    with pytest.raises(gmail.GmailUnavailable, match="invalid_client"):
        gmail.connect(demo_user)
    account = GoogleAccount.objects.get(user=demo_user)
    assert account.status == GoogleAccount.Status.CONNECTED


# --- sending -------------------------------------------------------------------------------


def test_send_through_gmail_costs_100_units(fake):
    from tests.accounts.factories import UserFactory

    user = UserFactory(email=DEMO_EMAIL)
    connect_google(fake, user, [*SIGN_IN_SCOPES, SEND])
    client = gmail.connect(user)
    assert client.has_scope(SEND)

    message_id = client.send(bytes(mail("Digest body", to=DEMO_EMAIL, subject="Digest")))

    sent = fake.account(DEMO_EMAIL).mailbox.messages[message_id]
    assert "SENT" in sent.label_ids
    assert fake.quota_units["messages.send"] == 100


def test_send_without_the_scope_is_a_rejection(client):
    assert not client.has_scope(SEND)
    with pytest.raises(gmail.GmailRequestRejected) as info:
        client.send(bytes(mail("x", to=DEMO_EMAIL)))
    assert info.value.status == 403


@pytest.mark.parametrize(
    ("header", "seconds"), [("inf", 3600.0), ("1e12", 3600.0), ("nan", 30.0), ("-5", 0.0)]
)
def test_an_absurd_retry_after_is_bounded(header, seconds):
    error = HttpError(httplib2.Response({"status": 429, "retry-after": header}), b"{}")
    assert gmail.classify(error).retry_after == seconds
