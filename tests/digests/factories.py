import base64
import datetime as dt
import email
import email.policy
import itertools
from email.message import EmailMessage, Message

import factory
from django.utils import timezone

from digests.models import Digest, Email, Urgency
from tests.accounts.factories import UserFactory


class DigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Digest

    user = factory.SubFactory(UserFactory)
    period_end = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0))
    period_start = factory.LazyAttribute(lambda d: d.period_end - dt.timedelta(hours=9))
    status = Digest.Status.SENT
    summary = "3 messages, 1 urgent: the contract needs your signature by Friday."
    provider = "extractive"
    count_urgent = 1
    count_low = 2
    reading_seconds = 140


class EmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Email

    digest = factory.SubFactory(DigestFactory)
    rank = factory.Sequence(int)
    gmail_id = factory.Sequence(lambda n: f"{0x18C0000000000000 + n:016x}")
    thread_id = factory.LazyAttribute(lambda e: e.gmail_id)
    from_name = factory.Faker("name")
    from_address = factory.Faker("email")
    to = factory.LazyFunction(lambda: ["me@example.com"])
    cc = factory.LazyFunction(list)
    subject = factory.Faker("sentence", nb_words=6)
    snippet = factory.Faker("sentence", nb_words=14)
    received_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0))
    labels = factory.LazyFunction(lambda: ["INBOX", "UNREAD"])
    body_excerpt = factory.Faker("paragraph")
    attachments = factory.LazyFunction(
        lambda: [{"name": "contract.pdf", "type": "application/pdf", "size": 48213}]
    )
    summary = factory.Faker("sentence")
    urgency = Urgency.HIGH
    action_items = factory.LazyFunction(
        lambda: [{"text": "Sign the contract", "due": "2026-12-04"}]
    )
    reading_seconds = 45


# --- Gmail API shapes -------------------------------------------------------------------
# Built here from real MIME (email.message.EmailMessage), the way Gmail's format=full does:
# headers as they are, leaf bodies as base64url of the transfer-decoded bytes (still in the
# part's own charset), files by attachmentId. Parsing tests then exercise real MIME quirks.

ME = "me@example.com"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _payload(part: Message, part_id: str = "") -> dict:
    node = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part.get_filename() or "",
        "headers": [{"name": name, "value": str(value)} for name, value in part.items()],
    }
    if part.is_multipart():
        prefix = f"{part_id}." if part_id else ""
        node["body"] = {"size": 0}
        node["parts"] = [
            _payload(child, f"{prefix}{i}") for i, child in enumerate(part.get_payload())
        ]
        return node
    data = part.get_payload(decode=True) or b""
    if node["filename"]:
        node["body"] = {"attachmentId": f"att-{part_id}", "size": len(data)}
    else:
        node["body"] = {"size": len(data), "data": b64url(data)}
    return node


_ids = itertools.count(0x18C0000000000000)


def gmail_message(
    message: Message | bytes,
    *,
    received: dt.datetime | None = None,
    labels: tuple[str, ...] = ("INBOX", "UNREAD"),
    gmail_id: str | None = None,
) -> dict:
    """A users.messages.get(format="full") resource for a MIME message."""
    if isinstance(message, bytes):
        message = email.message_from_bytes(message, policy=email.policy.compat32)
    received = received or dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)
    gmail_id = gmail_id or f"{next(_ids):016x}"
    return {
        "id": gmail_id,
        "threadId": gmail_id,
        "labelIds": list(labels),
        "snippet": "",
        "internalDate": str(int(received.timestamp() * 1000)),
        "payload": _payload(message),
    }


def mail(
    body: str = "Hello, the report is attached.",
    *,
    subject: str = "Quarterly report",
    sender: str = "Dana Lee <dana@partner.example>",
    to: str = ME,
    cc: str | None = None,
    headers: dict[str, str] | None = None,
    html: str | None = None,
) -> EmailMessage:
    """A plain (optionally multipart/alternative) message as a person would send it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = "Mon, 30 Nov 2026 09:15:00 +0100"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message
