"""Putting a rendered digest in the reader's inbox: by our mail server, or from their Gmail.

Sending from the person's own Gmail (``send_from_gmail``) needs Google's ``gmail.send``
permission, which is asked for only when someone opts in. Without it the digest still goes
out, by our mail server, and the note returned says why, so the person learns what to do
instead of silently getting nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from accounts.models import GoogleAccount
from digests import gmail
from digests.models import Digest
from digests.render import RenderedEmail

__all__ = ["DIGEST_HEADER", "Delivery", "deliver", "make_message"]

# Marks our own mail, so a digest that lands in the inbox is never summarized by the next one.
DIGEST_HEADER = "X-GDA-Digest"
NO_SEND_PERMISSION = (
    "Sent by email from Gmail Digest Assistant instead of from your Gmail: Google has not "
    "given us permission to send mail as you. Reconnect Google and allow sending to use it."
)


@dataclass(frozen=True)
class Delivery:
    channel: str  # "email" or "gmail"
    note: str = ""


def make_message(digest: Digest, rendered: RenderedEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={DIGEST_HEADER: str(digest.pk), "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def can_send_from_gmail(user: Any) -> bool:
    account = GoogleAccount.objects.filter(user=user).first()
    return account is not None and account.is_connected and account.has_scope(gmail.SEND_SCOPE)


def deliver(
    digest: Digest,
    rendered: RenderedEmail,
    *,
    connect_gmail: Callable[[Any], gmail.Gmail] = gmail.connect,
) -> Delivery:
    """Send once; raises on failure (the caller decides about retrying)."""
    user = digest.user
    message = make_message(digest, rendered)
    if user.digest_preferences.get("send_from_gmail"):
        if can_send_from_gmail(user):
            message.from_email = user.email  # Gmail puts the account's address there anyway
            connect_gmail(user).send(message.message().as_bytes())
            return Delivery("gmail")
        message.send(fail_silently=False)
        return Delivery("email", NO_SEND_PERMISSION)
    message.send(fail_silently=False)
    return Delivery("email")
