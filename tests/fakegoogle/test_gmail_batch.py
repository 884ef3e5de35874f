"""Batch requests, parsed by googleapiclient's own BatchHttpRequest."""

import pytest
import requests
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from fakegoogle import DEMO_EMAIL

from .conftest import MODIFY, gmail_service


class Results:
    def __init__(self) -> None:
        self.responses: dict[str, dict] = {}
        self.errors: dict[str, HttpError] = {}

    def __call__(self, request_id, response, exception) -> None:
        if exception is not None:
            self.errors[request_id] = exception
        else:
            self.responses[request_id] = response


def first_ids(gmail, count: int) -> list[str]:
    listed = gmail.users().messages().list(userId="me", maxResults=count).execute()
    return [ref["id"] for ref in listed["messages"]]


def batch_of_gets(server, gmail, ids, results, path="/batch/gmail/v1") -> BatchHttpRequest:
    batch = BatchHttpRequest(callback=results, batch_uri=server.base_url + path)
    for message_id in ids:
        batch.add(
            gmail.users().messages().get(userId="me", id=message_id, format="metadata"),
            request_id=message_id,
        )
    return batch


def test_a_batch_of_gets_answers_every_part(server, gmail, fake):
    ids = first_ids(gmail, 8)
    results = Results()
    fake.reset_counters()

    batch_of_gets(server, gmail, ids, results).execute()

    assert {i: r["id"] for i, r in results.responses.items()} == {i: i for i in ids}
    assert fake.counters["batch"] == 1
    assert fake.counters["messages.get"] == 8
    assert fake.quota_units["messages.get"] == 40


def test_the_short_batch_path_works_too(server, gmail):
    results = Results()

    batch_of_gets(server, gmail, first_ids(gmail, 2), results, path="/batch").execute()

    assert len(results.responses) == 2


def test_new_batch_http_request_ignores_api_endpoint(gmail):
    """Why the app must pass batch_uri itself: the discovery document's rootUrl wins."""
    batch = gmail.new_batch_http_request()

    assert batch._batch_uri == "https://gmail.googleapis.com/batch"


def test_a_429_inside_a_batch_fails_only_that_part(server, gmail, fake):
    ids = first_ids(gmail, 4)
    fake.inject_fault("messages.get", 429, retry_after=7)
    results = Results()

    batch_of_gets(server, gmail, ids, results).execute()

    (failed,) = results.errors.values()
    assert failed.status_code == 429
    assert failed.resp["retry-after"] == "7"
    assert failed.error_details[0]["reason"] == "rateLimitExceeded"
    assert len(results.responses) == 3


def test_unknown_ids_in_a_batch_are_404_parts(server, gmail):
    results = Results()

    batch_of_gets(server, gmail, ["0000000000000000"], results).execute()

    assert results.errors["0000000000000000"].status_code == 404


def test_modify_in_a_batch_carries_its_body(server, fake):
    gmail = gmail_service(server, MODIFY)
    ids = first_ids(gmail, 3)
    results = Results()
    batch = BatchHttpRequest(callback=results, batch_uri=server.base_url + "/batch/gmail/v1")
    for message_id in ids:
        batch.add(
            gmail.users()
            .messages()
            .modify(userId="me", id=message_id, body={"addLabelIds": ["STARRED"]})
        )

    batch.execute()

    assert len(results.responses) == 3
    mailbox = fake.account(DEMO_EMAIL).mailbox
    assert all("STARRED" in mailbox.messages[i].label_ids for i in ids)


def test_a_fault_on_the_batch_itself_fails_the_whole_batch(server, gmail, fake):
    fake.inject_fault("batch", 503)
    results = Results()

    with pytest.raises(HttpError) as caught:
        batch_of_gets(server, gmail, first_ids(gmail, 2), results).execute()

    assert caught.value.status_code == 503


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("application/json", b"{}", "multipart/mixed"),
        ("multipart/mixed; boundary=x", b"--x--\r\n", "no requests"),
        (
            "multipart/mixed; boundary=x",
            b"--x\r\nContent-Type: application/http\r\n\r\nnonsense\r\n--x--\r\n",
            "request line",
        ),
    ],
)
def test_malformed_batches_are_400(server, content_type, body, named):
    response = requests.post(
        f"{server.base_url}/batch/gmail/v1",
        data=body,
        headers={"Content-Type": content_type},
        timeout=5,
    )

    assert response.status_code == 400
    assert named in response.json()["error"]["message"]
