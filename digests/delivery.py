"""Putting a stored digest email in the reader's inbox, and looking for it there afterwards.

Two channels: our mail server (SMTP, Django's mail backend) or the reader's own Gmail
(``messages.send``, when they chose "send from my Gmail" and granted ``gmail.send``; without
the grant the digest goes by our mail server and the note says why).

Every failure of a send is sorted into one of two kinds, because the outbox acts on them
differently (see digests/outbox.py):

* **Refused** (the server answered with an error, or we never reached it): nothing was
  delivered, sending again is safe.
* **Unknown** (:func:`outcome_unknown`: the connection dropped or timed out after the message
  may have been accepted): the outbox looks for the message before it sends again.
"""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Callable
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from accounts.models import GoogleAccount
from digests import gmail
from digests.preferences import preferences_for

if TYPE_CHECKING:
    from digests.bookkeeping import OutboundEmail

__all__ = [
    "DIGEST_HEADER",
    "NO_SEND_PERMISSION",
    "READ_SCOPE",
    "GmailSendRejected",
    "base_headers",
    "can_send_from_gmail",
    "choose_channel",
    "find_in_mailbox",
    "make_message",
    "outcome_unknown",
    "readable_mailbox",
    "send",
]

# Marks our own mail, so a digest that lands in the inbox is never summarized by the next one.
DIGEST_HEADER = "X-GDA-Digest"
READ_SCOPE = "https://www.googleapis.com/auth/gmail.readonly"
NO_SEND_PERMISSION = (
    "Sent by email from Gmail Digest Assistant instead of from your Gmail: Google has not "
    "given us permission to send mail as you. Reconnect Google and allow sending to use it."
)

ConnectGmail = Callable[[Any], gmail.Gmail]


class GmailSendRejected(gmail.GmailRequestRejected):
    """Gmail refused to send the digest from the reader's account (a 4xx on messages.send)."""


def can_send_from_gmail(user: Any) -> bool:
    account = GoogleAccount.objects.filter(user=user).first()
    return account is not None and account.is_connected and account.has_scope(gmail.SEND_SCOPE)


def recipient(user: Any) -> str:
    """Where the digest goes: a confirmed other address, else the sign-in address."""
    prefs = preferences_for(user)
    if prefs.delivery == prefs.Delivery.OTHER and prefs.delivery_address:
        return prefs.delivery_address
    return str(user.email)


def choose_channel(user: Any) -> tuple[str, str]:
    """("gmail" or "email", the note for the reader) for this user's next digest."""
    if not preferences_for(user).send_from_gmail:
        return "email", ""
    if can_send_from_gmail(user):
        return "gmail", ""
    return "email", NO_SEND_PERMISSION


def base_headers(digest_pk: int) -> dict[str, str]:
    """Our own headers, which every digest email carries whatever the renderer adds."""
    return {DIGEST_HEADER: str(digest_pk), "Auto-Submitted": "auto-generated"}


def make_message(row: OutboundEmail) -> EmailMultiAlternatives:
    """The stored email exactly as it was rendered, with its stable Message-ID."""
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=row.sender,
        to=[row.recipient],
        headers={**row.headers, "Message-ID": row.message_id},
    )
    message.attach_alternative(row.html, "text/html")
    return message


def send(row: OutboundEmail, connect_gmail: ConnectGmail = gmail.connect) -> str:
    """Send the stored email once; the provider's id ("" for SMTP). Raises on failure."""
    message = make_message(row)
    if row.channel == "gmail":
        try:
            return connect_gmail(row.digest.user).send(message.message().as_bytes())
        except gmail.GmailRequestRejected as exc:
            raise GmailSendRejected(exc.status, str(exc)) from exc
    timeout = settings.CONFIG.delivery.smtp_timeout_seconds
    message.connection = get_connection(fail_silently=False, timeout=timeout)
    message.send(fail_silently=False)
    return ""


def outcome_unknown(exc: BaseException) -> bool:
    """Whether the message may have been delivered although sending raised ``exc``."""
    if isinstance(exc, gmail.GmailUnavailable):
        return True  # a timeout or a 5xx: Gmail may have sent it before answering
    if isinstance(exc, gmail.GmailError):
        return False  # Gmail answered with a refusal (4xx): nothing was sent
    if isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
        return False  # the server answered with an error code
    if isinstance(exc, ConnectionRefusedError | socket.gaierror):
        return False  # never connected
    # SMTPServerDisconnected, timeouts, resets: the message may be stored already.
    return isinstance(exc, OSError)


def readable_mailbox(row: OutboundEmail, connect_gmail: ConnectGmail) -> gmail.Gmail | None:
    """A Gmail client that can see where this email lands, or None when we cannot look."""
    user = row.digest.user
    account = GoogleAccount.objects.filter(user=user).first()
    if account is None or not account.is_connected or not account.has_scope(READ_SCOPE):
        return None
    if row.channel == "email":
        address = parseaddr(row.recipient)[1].lower()
        if address != (account.email or user.email).lower():
            return None  # a different mailbox: at least once, with a stable Message-ID
    try:
        return connect_gmail(user)
    except gmail.GoogleAccessRevoked:
        return None


def find_in_mailbox(row: OutboundEmail, client: gmail.Gmail) -> str | None:
    """Gmail's id of the email if the reader's mailbox holds it (Sent for the Gmail channel)."""
    where = "in:sent" if row.channel == "gmail" else "in:anywhere"
    query = f"rfc822msgid:{row.message_id.strip('<>')} {where}"
    ids = client.list_message_ids(query, limit=1)
    return ids[0] if ids else None
