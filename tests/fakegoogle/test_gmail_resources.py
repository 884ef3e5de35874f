"""Stored message resources (add_resource): served as given, listed like any other mail."""

import pytest

from .conftest import OTHER_EMAIL, gmail_service

WEIRD = {
    "labelIds": ["INBOX"],
    "snippet": "only a snippet",
    "payload": {"mimeType": "multipart/mixed", "parts": "not a list", "body": {"size": "lots"}},
}


@pytest.fixture
def gmail(server):
    return gmail_service(server, email=OTHER_EMAIL)


def test_a_stored_resource_is_served_as_given_with_the_mailbox_ids(fake, gmail):
    stored = fake.add_resource(OTHER_EMAIL, {**WEIRD, "id": "forged"}, internal_date=1_000)

    got = gmail.users().messages().get(userId="me", id=stored.id).execute()

    assert got["payload"] == WEIRD["payload"]
    assert got["snippet"] == "only a snippet"
    assert (got["id"], got["threadId"]) == (stored.id, stored.thread_id)
    assert got["internalDate"] == "1000"  # the mailbox's, unless the resource overrides it


def test_a_stored_resource_is_listed_by_its_date_and_labels_and_recorded_in_history(fake, gmail):
    before = gmail.users().getProfile(userId="me").execute()["historyId"]
    stored = fake.add_resource(OTHER_EMAIL, WEIRD, labels=("INBOX",), internal_date=5_000_000)
    fake.add_resource(OTHER_EMAIL, WEIRD, labels=("SPAM",), internal_date=5_000_000)

    listed = gmail.users().messages().list(userId="me", q="in:inbox after:4000").execute()
    history = gmail.users().history().list(userId="me", startHistoryId=before).execute()

    assert [message["id"] for message in listed["messages"]] == [stored.id]
    assert stored.id in {m["id"] for record in history["history"] for m in record["messages"]}


def test_unknown_labels_are_refused(fake):
    with pytest.raises(ValueError, match="Unknown Gmail labels"):
        fake.add_resource(OTHER_EMAIL, WEIRD, labels=("NOPE",))
