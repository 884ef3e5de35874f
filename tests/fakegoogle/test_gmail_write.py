"""messages.send and messages.modify."""

import base64
from email.message import EmailMessage

import pytest
from googleapiclient.errors import HttpError

from fakegoogle import DEMO_EMAIL

from .conftest import MODIFY, OTHER_EMAIL, READONLY, SEND, gmail_service


def encoded(message: EmailMessage) -> dict:
    return {"raw": base64.urlsafe_b64encode(message.as_bytes()).decode()}


def outgoing(to: str = OTHER_EMAIL, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = "Your daily digest"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("3 messages need you today.")
    return message


def send(gmail, body: dict) -> dict:
    return gmail.users().messages().send(userId="me", body=body).execute()


def test_send_files_the_message_under_sent(server, fake):
    gmail = gmail_service(server, SEND, READONLY)

    sent = send(gmail, encoded(outgoing()))

    assert sent["labelIds"] == ["SENT"]
    stored = fake.account(DEMO_EMAIL).mailbox.messages[sent["id"]]
    assert stored.header_text("From") == DEMO_EMAIL
    assert stored.header_text("Message-ID")
    listed = gmail.users().messages().list(userId="me", q="in:sent", maxResults=1).execute()
    assert listed["messages"][0]["id"] == sent["id"]


def test_send_delivers_to_mailboxes_the_fake_knows_without_bcc(server, fake):
    gmail = gmail_service(server, SEND)

    send(gmail, encoded(outgoing(Bcc="olive-secret@example.com, " + OTHER_EMAIL)))

    (received,) = fake.account(OTHER_EMAIL).mailbox.messages.values()
    assert received.label_ids == {"INBOX", "UNREAD"}
    assert received.header_text("Subject") == "Your daily digest"
    assert received.header_text("Bcc") == ""


def test_send_to_yourself_lands_in_inbox_too(server):
    gmail = gmail_service(server, SEND)

    sent = send(gmail, encoded(outgoing(to=DEMO_EMAIL)))

    assert set(sent["labelIds"]) == {"SENT", "INBOX", "UNREAD"}


def test_a_reply_joins_the_original_thread(server, fake):
    gmail = gmail_service(server, SEND)
    mailbox = fake.account(DEMO_EMAIL).mailbox
    original = next(
        m for m in mailbox.messages.values() if m.header_text("Subject") == "Dinner Saturday?"
    )
    message_id = original.header_text("Message-ID")

    sent = send(gmail, encoded(outgoing(In_Reply_To=message_id, References=message_id)))

    assert sent["threadId"] == original.thread_id


def test_send_without_raw_is_400_with_googles_message(server):
    gmail = gmail_service(server, SEND)

    with pytest.raises(HttpError) as caught:
        send(gmail, {})

    assert caught.value.status_code == 400
    assert "'raw' RFC822 payload message string" in caught.value.reason


def test_send_without_recipients_is_400(server):
    gmail = gmail_service(server, SEND)
    message = outgoing()
    del message["To"]

    with pytest.raises(HttpError) as caught:
        send(gmail, encoded(message))

    assert caught.value.reason == "Recipient address required"


def test_send_needs_a_sending_scope(server):
    gmail = gmail_service(server, READONLY)

    with pytest.raises(HttpError) as caught:
        send(gmail, encoded(outgoing()))

    assert caught.value.status_code == 403
    assert caught.value.error_details[0]["reason"] == "insufficientPermissions"


def unread_message_id(fake) -> str:
    mailbox = fake.account(DEMO_EMAIL).mailbox
    return next(m.id for m in mailbox.messages.values() if "UNREAD" in m.label_ids)


def test_modify_adds_and_removes_labels(server, fake):
    gmail = gmail_service(server, MODIFY)
    message_id = unread_message_id(fake)

    result = (
        gmail.users()
        .messages()
        .modify(
            userId="me",
            id=message_id,
            body={"addLabelIds": ["STARRED"], "removeLabelIds": ["UNREAD"]},
        )
        .execute()
    )

    assert "STARRED" in result["labelIds"]
    assert "UNREAD" not in result["labelIds"]
    assert fake.account(DEMO_EMAIL).mailbox.messages[message_id].label_ids == set(
        result["labelIds"]
    )


def test_modify_needs_the_modify_scope(server, fake):
    gmail = gmail_service(server, READONLY)
    request = (
        gmail.users()
        .messages()
        .modify(userId="me", id=unread_message_id(fake), body={"removeLabelIds": ["UNREAD"]})
    )

    with pytest.raises(HttpError) as caught:
        request.execute()

    assert caught.value.status_code == 403


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"addLabelIds": ["NOT_A_LABEL"]}, "NOT_A_LABEL"),
        ({"addLabelIds": ["SENT"]}, "SENT"),
        ({"addLabelIds": ["STARRED"], "removeLabelIds": ["STARRED"]}, "STARRED"),
        ({"addLabelIds": "STARRED"}, "addLabelIds"),
    ],
)
def test_bad_modify_bodies_are_400_naming_the_problem(server, fake, body, named):
    gmail = gmail_service(server, MODIFY)
    request = gmail.users().messages().modify(userId="me", id=unread_message_id(fake), body=body)

    with pytest.raises(HttpError) as caught:
        request.execute()

    assert caught.value.status_code == 400
    assert named in caught.value.reason
