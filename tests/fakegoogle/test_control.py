"""The /_fake/ control API, for tests in other processes and for scripting the demo."""

import base64

import pytest
import requests

from fakegoogle import DEMO_EMAIL

from .conftest import OTHER_EMAIL, READONLY, credentials_for


def control(server, method: str, path: str, **payload) -> requests.Response:
    return requests.request(method, f"{server.base_url}/_fake/{path}", json=payload, timeout=5)


def test_add_message_as_text(server, fake):
    response = control(
        server,
        "POST",
        "messages",
        email=DEMO_EMAIL,
        rfc822="From: a@example.net\r\nSubject: Ping\r\n\r\nping",
        labels=["INBOX"],
    )

    assert response.status_code == 201
    stored = fake.account(DEMO_EMAIL).mailbox.messages[response.json()["id"]]
    assert stored.header_text("Subject") == "Ping"
    assert stored.label_ids == {"INBOX"}


def test_add_message_as_base64url_raw(server, fake):
    raw = base64.urlsafe_b64encode(b"Subject: Raw\r\n\r\nbody").decode()

    response = control(server, "POST", "messages", email=OTHER_EMAIL, raw=raw)

    message = fake.account(OTHER_EMAIL).mailbox.messages[response.json()["id"]]
    assert message.label_ids == {"INBOX", "UNREAD"}


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"rfc822": "Subject: x\r\n\r\nx"}, "email"),
        ({"email": "nobody@example.com", "rfc822": "x"}, "nobody@example.com"),
        ({"email": DEMO_EMAIL, "rfc822": "x", "labels": ["FOLDER"]}, "FOLDER"),
    ],
)
def test_bad_control_requests_are_400_naming_the_problem(server, payload, named):
    response = control(server, "POST", "messages", **payload)

    assert response.status_code == 400
    assert named in response.json()["error"]


def test_faults_can_be_added_and_cleared(server, fake):
    added = control(server, "POST", "faults", target="messages.list", status=503, times=2)
    cleared = control(server, "DELETE", "faults")

    assert added.status_code == 201
    assert added.json()["times"] == 2
    assert cleared.status_code == 200
    assert fake.record_request("messages.list", "/x") is None


def test_unknown_fault_fields_are_named(server):
    response = control(server, "POST", "faults", target="token", statuss=500)

    assert response.status_code == 400
    assert "statuss" in response.json()["error"]


def test_counters_read_and_reset(server, fake):
    credentials = credentials_for(server, READONLY)
    requests.get(
        f"{server.base_url}/gmail/v1/users/me/profile",
        headers={"Authorization": f"Bearer {credentials.token}"},
        timeout=5,
    )

    read = control(server, "GET", "counters").json()
    control(server, "POST", "counters/reset")

    assert read == {
        "counters": {"getProfile": 1},
        "quota_units": {"getProfile": 1},
        "quota_units_total": 1,
    }
    assert fake.counters == {}


def test_revoke_a_users_refresh_tokens(server, fake):
    fake.issue_tokens(DEMO_EMAIL, [READONLY])

    response = control(server, "POST", "revoke", email=DEMO_EMAIL)

    assert response.json() == {"revoked_refresh_tokens": 1}


def test_consent_settings(server, fake):
    response = control(server, "POST", "consent", auto_consent="deny", login_as=OTHER_EMAIL)

    assert response.json() == {"auto_consent": "deny"}
    assert fake.auto_consent == "deny"


def test_bad_auto_consent_value_is_named(server):
    response = control(server, "POST", "consent", auto_consent="maybe")

    assert response.status_code == 400
    assert "maybe" in response.json()["error"]


def test_add_account_with_the_demo_mailbox(server, fake):
    response = control(server, "POST", "accounts", email="new@example.org", demo_mailbox=True)

    assert response.status_code == 201
    assert len(fake.account("new@example.org").mailbox.messages) >= 60


def test_expire_history_and_advance_clock(server, fake):
    floor = fake.account(DEMO_EMAIL).mailbox.history_floor
    fake.add_message(DEMO_EMAIL, "Subject: new\r\n\r\nnew")
    before = fake.now()

    control(server, "POST", "expire-history", email=DEMO_EMAIL)
    control(server, "POST", "clock", seconds=120)

    assert fake.account(DEMO_EMAIL).mailbox.history_floor == floor + 1
    assert fake.now() - before >= 120


def test_control_requests_are_not_counted(server, fake):
    control(server, "GET", "counters")

    assert fake.counters == {}
