"""A schedule while Google is not connected waits for it: never "Active", no next run."""

import html

import pytest

from accounts.connection import disconnect
from accounts.models import GoogleAccount
from digests.schedule_states import ACTIVE, PAUSED, WAITING, schedule_rows, state_of
from digests.schedules import create_schedule, pause
from tests.accounts.factories import GoogleAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def revoked_user():
    user = UserFactory(timezone="Europe/Berlin")
    GoogleAccountFactory(user=user, status=GoogleAccount.Status.REVOKED)
    return user


def page(client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def test_a_schedule_added_while_google_is_revoked_waits_for_it(client, revoked_user):
    create_schedule(revoked_user, name="Evenings", cron="0 18 * * *", timezone="Europe/Berlin")
    client.force_login(revoked_user)

    schedules = page(client, "/digests/schedules/")
    assert "Waiting for Google" in schedules
    assert ">Active<" not in schedules
    assert "Next:" not in schedules
    link = '<a href="/accounts/google/reconnect/">reconnected</a>'
    assert f"Nothing is sent until Google is {link}" in schedules

    dashboard = page(client, "/digests/")
    assert "Evenings</a>: At 18:00" in dashboard
    assert "Waiting for Google" in dashboard
    assert "&middot; next" not in client.get("/digests/").content.decode()
    assert dashboard.count("Reconnect Google") == 1  # the banner's, said once a page


def test_needing_a_reconnect_reads_the_same(revoked_user):
    revoked_user.google_account.status = GoogleAccount.Status.NEEDS_REAUTH
    revoked_user.google_account.save()
    schedule = create_schedule(revoked_user, name="Mornings", cron="0 8 * * *", timezone="UTC")
    [row] = schedule_rows(revoked_user)
    assert (row.schedule, row.state, row.label, row.next_run) == (
        schedule,
        WAITING,
        "Waiting for Google",
        None,
    )


def test_a_schedule_without_any_google_account_waits_and_offers_to_connect(client):
    user = UserFactory()
    create_schedule(user, name="Mornings", cron="0 8 * * *", timezone="UTC")
    client.force_login(user)
    schedules = page(client, "/digests/schedules/")
    assert "Waiting for Google" in schedules
    assert ">connected</a>" in schedules


def test_states_when_connected_paused_or_disconnected(fake):
    user = UserFactory()
    GoogleAccountFactory(user=user)
    mine = create_schedule(user, name="Mine", cron="0 8 * * *", timezone="UTC")
    other = create_schedule(user, name="Other", cron="0 9 * * *", timezone="UTC")
    pause(mine, by="you")
    assert [(r.state, r.next_run is not None) for r in schedule_rows(user)] == [
        (PAUSED, False),
        (ACTIVE, True),
    ]
    # Disconnecting pauses the active one "by Google": it waits, the person's pause stays.
    disconnect(user)
    other.refresh_from_db()
    assert other.paused_by == "Google disconnected"
    assert [r.state for r in schedule_rows(user)] == [PAUSED, WAITING]


def test_state_of_reads_the_pause_and_the_connection():
    class Row:
        def __init__(self, paused: bool, paused_by: str) -> None:
            self.paused, self.paused_by = paused, paused_by

    assert state_of(Row(False, ""), connected=True) == ACTIVE
    assert state_of(Row(False, ""), connected=False) == WAITING
    assert state_of(Row(True, "Google disconnected"), connected=False) == WAITING
    assert state_of(Row(True, "staff"), connected=False) == PAUSED
    assert state_of(Row(True, "you"), connected=True) == PAUSED
