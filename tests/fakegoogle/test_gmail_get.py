"""messages.get in every format, partial responses and attachments."""

import base64
from email import policy
from email.parser import BytesParser

import pytest
import requests
from googleapiclient.errors import HttpError

from fakegoogle import DEMO_EMAIL

from .conftest import GMAIL, gmail_service


def find(mailbox, subject: str):
    return next(m for m in mailbox.messages.values() if m.header_text("Subject") == subject)


@pytest.fixture
def mailbox(fake):
    return fake.account(DEMO_EMAIL).mailbox


@pytest.fixture
def invoice(mailbox):
    return find(mailbox, "Invoice INV-2025-0042 from CloudHost")


def get(gmail, message_id: str, **params) -> dict:
    return gmail.users().messages().get(userId="me", id=message_id, **params).execute()


def header(resource: dict, name: str) -> str:
    return next(h["value"] for h in resource["headers"] if h["name"].lower() == name.lower())


def test_full_format_is_a_mime_tree_with_part_ids(gmail, invoice):
    message = get(gmail, invoice.id)

    payload = message["payload"]
    assert payload["partId"] == ""
    assert payload["mimeType"] == "multipart/mixed"
    assert [part["partId"] for part in payload["parts"]] == ["0", "1"]
    assert header(payload, "Subject") == "Invoice INV-2025-0042 from CloudHost"
    text_part, pdf_part = payload["parts"]
    body = base64.urlsafe_b64decode(text_part["body"]["data"]).decode()
    assert body.startswith("Your invoice INV-2025-0042")
    assert text_part["body"]["size"] == len(body.encode())
    assert pdf_part["filename"] == "INV-2025-0042.pdf"
    assert "data" not in pdf_part["body"]


def test_resource_fields_match_gmail(gmail, invoice):
    message = get(gmail, invoice.id)

    assert message["id"] == invoice.id
    assert len(message["id"]) == 16
    int(message["id"], 16)
    assert message["threadId"] == invoice.thread_id
    assert message["labelIds"] == sorted(invoice.label_ids)
    assert message["internalDate"] == str(invoice.internal_date)
    assert message["sizeEstimate"] == len(invoice.raw)
    assert message["snippet"].startswith("Your invoice INV-2025-0042")


def test_snippets_are_html_escaped_like_gmails(gmail, mailbox):
    message = find(mailbox, "Sam Ortiz commented on 'Q3 Planning'")

    snippet = get(gmail, message.id, format="minimal")["snippet"]

    assert "&#39;Q3 Planning&#39;" in snippet


def test_nested_parts_get_dotted_ids(gmail, mailbox):
    invite = next(
        m for m in mailbox.messages.values() if "Design review" in m.header_text("Subject")
    )

    payload = get(gmail, invite.id)["payload"]

    alternative = payload["parts"][0]
    assert alternative["mimeType"] == "multipart/alternative"
    assert [part["partId"] for part in alternative["parts"]] == ["0.0", "0.1", "0.2"]
    assert alternative["parts"][2]["mimeType"] == "text/calendar"


def test_metadata_format_returns_only_requested_headers(gmail, invoice):
    message = get(gmail, invoice.id, format="metadata", metadataHeaders=["Subject", "from"])

    assert [h["name"] for h in message["payload"]["headers"]] == ["From", "Subject"]
    assert "parts" not in message["payload"]
    assert message["snippet"]


def test_minimal_format_has_no_payload(gmail, invoice):
    message = get(gmail, invoice.id, format="minimal")

    assert "payload" not in message
    assert message["labelIds"]


def test_raw_format_is_the_rfc822_bytes(gmail, invoice):
    message = get(gmail, invoice.id, format="raw")

    raw = base64.urlsafe_b64decode(message["raw"])
    assert raw == invoice.raw
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert parsed["Subject"] == "Invoice INV-2025-0042 from CloudHost"
    assert "payload" not in message


def test_fields_selects_a_partial_response(gmail, invoice):
    message = get(gmail, invoice.id, fields="id,threadId,labelIds,payload/headers")

    assert set(message) == {"id", "threadId", "labelIds", "payload"}
    assert set(message["payload"]) == {"headers"}


def test_fields_with_parentheses_on_lists(gmail):
    response = gmail.users().messages().list(userId="me", fields="messages(id)").execute()

    assert set(response) == {"messages"}
    assert all(set(ref) == {"id"} for ref in response["messages"])


def test_malformed_fields_are_400(gmail, invoice):
    with pytest.raises(HttpError) as caught:
        get(gmail, invoice.id, fields="payload(headers")

    assert caught.value.status_code == 400


def test_attachment_bytes_come_back_by_attachment_id(gmail, invoice):
    pdf_part = get(gmail, invoice.id)["payload"]["parts"][1]

    attachment = (
        gmail.users()
        .messages()
        .attachments()
        .get(userId="me", messageId=invoice.id, id=pdf_part["body"]["attachmentId"])
        .execute()
    )

    data = base64.urlsafe_b64decode(attachment["data"])
    assert data.startswith(b"%PDF-1.4")
    assert attachment["size"] == len(data) == pdf_part["body"]["size"]


def test_unknown_attachment_id_is_400(gmail, invoice):
    request = gmail.users().messages().attachments().get(userId="me", messageId=invoice.id, id="X")

    with pytest.raises(HttpError) as caught:
        request.execute()

    assert caught.value.status_code == 400


def test_unknown_message_is_404_not_found(gmail):
    with pytest.raises(HttpError) as caught:
        get(gmail, "0000000000000000")

    assert caught.value.status_code == 404
    assert caught.value.error_details[0]["reason"] == "notFound"
    assert caught.value.reason == "Requested entity was not found."


def test_unknown_format_is_400(server, invoice):
    token = server.fake.issue_tokens(DEMO_EMAIL, [GMAIL + "readonly"])["access_token"]

    response = requests.get(
        f"{server.base_url}/gmail/v1/users/me/messages/{invoice.id}",
        params={"format": "html"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )

    assert response.status_code == 400
    assert "format" in response.json()["error"]["message"]


def test_metadata_scope_cannot_read_bodies(server, invoice):
    gmail = gmail_service(server, GMAIL + "metadata")

    assert get(gmail, invoice.id, format="metadata")["payload"]["headers"]
    with pytest.raises(HttpError) as caught:
        get(gmail, invoice.id, format="full")

    assert caught.value.status_code == 403
    assert "FULL" in caught.value.reason


def test_header_values_come_back_as_written_not_re_rendered(gmail, mailbox):
    run = find(mailbox, "[northwind/api] Run failed: CI - main (a1b2c3d)")

    message = get(gmail, run.id, format="metadata", metadataHeaders=["From"])

    assert header(message["payload"], "From") == "github-actions[bot] <notifications@github.com>"


def test_encoded_word_headers_are_decoded(fake, gmail):
    fake.add_message(
        DEMO_EMAIL,
        b"From: =?iso-8859-1?q?Ren=E9_M=FCller?= <rene@example.de>\r\n"
        b"Subject: =?utf-8?b?w5xiZXJ3ZWlzdW5n?=\r\n\r\nHallo\r\n",
    )
    newest = gmail.users().messages().list(userId="me", maxResults=1).execute()["messages"][0]

    message = get(gmail, newest["id"], format="metadata")

    assert header(message["payload"], "From") == "René Müller <rene@example.de>"
    assert header(message["payload"], "Subject") == "Überweisung"


def test_raw_utf8_headers_come_back_as_text(fake, gmail):
    fake.add_message(
        DEMO_EMAIL,
        "From: Malte Brandt <malte@example.de>\r\n"
        "Subject: Prod-Deploy hängt, Ledger-Migration\r\n\r\nHallo\r\n".encode(),
    )
    newest = gmail.users().messages().list(userId="me", maxResults=1).execute()["messages"][0]

    message = get(gmail, newest["id"], format="metadata")

    assert header(message["payload"], "Subject") == "Prod-Deploy hängt, Ledger-Migration"
