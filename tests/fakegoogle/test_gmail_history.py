"""history.list: what an incremental sync sees after mail arrives or labels change."""

import pytest
import requests
from googleapiclient.errors import HttpError

from fakegoogle import DEMO_EMAIL

from .conftest import MODIFY, gmail_service

NEW_MAIL = (
    "From: Quinn <quinn@example.net>\r\nTo: demo@example.com\r\nSubject: Hello\r\n\r\nHi!\r\n"
)


def history(gmail, start: str, **params) -> dict:
    return gmail.users().history().list(userId="me", startHistoryId=start, **params).execute()


def start_id(gmail) -> str:
    return gmail.users().getProfile(userId="me").execute()["historyId"]


def test_nothing_happened_means_no_history_key(gmail):
    start = start_id(gmail)

    response = history(gmail, start)

    assert response == {"historyId": start}


def test_added_message_appears_in_list_and_history(gmail, fake):
    start = start_id(gmail)

    added = fake.add_message(DEMO_EMAIL, NEW_MAIL)

    response = history(gmail, start)
    (record,) = response["history"]
    assert record["messagesAdded"][0]["message"]["id"] == added.id
    assert record["messagesAdded"][0]["message"]["labelIds"] == ["INBOX", "UNREAD"]
    assert record["messages"] == [{"id": added.id, "threadId": added.thread_id}]
    assert int(response["historyId"]) > int(start)
    newest = gmail.users().messages().list(userId="me", maxResults=1).execute()
    assert newest["messages"][0]["id"] == added.id


def test_label_changes_are_recorded(server, fake):
    gmail = gmail_service(server, MODIFY)
    message = fake.add_message(DEMO_EMAIL, NEW_MAIL)
    start = start_id(gmail)

    gmail.users().messages().modify(
        userId="me", id=message.id, body={"addLabelIds": ["STARRED"], "removeLabelIds": ["UNREAD"]}
    ).execute()

    records = history(gmail, start)["history"]
    assert records[0]["labelsAdded"][0]["labelIds"] == ["STARRED"]
    assert records[1]["labelsRemoved"][0]["labelIds"] == ["UNREAD"]
    assert records[1]["labelsRemoved"][0]["message"]["labelIds"] == ["INBOX", "STARRED"]


def test_history_types_filter(server, fake):
    gmail = gmail_service(server, MODIFY)
    start = start_id(gmail)
    message = fake.add_message(DEMO_EMAIL, NEW_MAIL)
    gmail.users().messages().modify(
        userId="me", id=message.id, body={"removeLabelIds": ["UNREAD"]}
    ).execute()

    response = history(gmail, start, historyTypes=["messageAdded"])

    assert [list(record) for record in response["history"]] == [["id", "messages", "messagesAdded"]]


def test_label_id_filter(gmail, fake):
    start = start_id(gmail)
    fake.add_message(DEMO_EMAIL, NEW_MAIL, labels=["INBOX"])
    spam = fake.add_message(DEMO_EMAIL, NEW_MAIL, labels=["SPAM"])

    response = history(gmail, start, labelId="SPAM")

    assert [record["messages"][0]["id"] for record in response["history"]] == [spam.id]


def test_history_pages(gmail, fake):
    start = start_id(gmail)
    added = [fake.add_message(DEMO_EMAIL, NEW_MAIL).id for _ in range(5)]

    first = history(gmail, start, maxResults=3)
    second = history(gmail, start, maxResults=3, pageToken=first["nextPageToken"])

    pages = first["history"] + second["history"]
    assert [record["messages"][0]["id"] for record in pages] == added
    assert "nextPageToken" not in second


def test_history_older_than_the_retained_floor_is_404(gmail, fake):
    start = start_id(gmail)
    fake.add_message(DEMO_EMAIL, NEW_MAIL)

    fake.expire_history(DEMO_EMAIL)

    with pytest.raises(HttpError) as caught:
        history(gmail, str(int(start) - 1))
    assert caught.value.status_code == 404
    assert caught.value.error_details[0]["reason"] == "notFound"
    assert history(gmail, start_id(gmail)) == {"historyId": start_id(gmail)}


def test_history_from_before_the_fixture_was_loaded_is_404(gmail):
    with pytest.raises(HttpError) as caught:
        history(gmail, "1")

    assert caught.value.status_code == 404


def test_non_numeric_start_history_id_is_400(gmail):
    with pytest.raises(HttpError) as caught:
        history(gmail, "abc")

    assert caught.value.status_code == 400
    assert "startHistoryId" in caught.value.reason


def test_unknown_history_type_is_400_naming_it(server):
    token = server.fake.issue_tokens(DEMO_EMAIL, [MODIFY])["access_token"]

    response = requests.get(
        f"{server.base_url}/gmail/v1/users/me/history",
        params={"startHistoryId": "100000", "historyTypes": "messageMoved"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )

    assert response.status_code == 400
    assert "messageMoved" in response.json()["error"]["message"]
