"""What sort of mail a message is: from a person, a newsletter, a notification, a receipt..."""

from __future__ import annotations

import re

from digests.models import Kind
from digests.parsing import ParsedMessage

__all__ = ["message_kind"]

_RECEIPT = re.compile(
    r"\b(receipt|your order|order (confirmation|#|no\.?)|invoice paid|payment (received|"
    r"confirmation)|has shipped|shipping confirmation|out for delivery|delivered|"
    r"purchase confirmation|booking confirmation|thank you for your (order|purchase|payment))\b",
    re.IGNORECASE,
)
_NEWSLETTER_LABELS = {"CATEGORY_PROMOTIONS", "CATEGORY_FORUMS"}
_NOTIFICATION_LABELS = {"CATEGORY_SOCIAL", "CATEGORY_UPDATES"}


def message_kind(message: ParsedMessage) -> Kind:
    """One kind, by the mail's own headers first and the words of its subject last."""
    if message.calendar is not None:
        return Kind.CALENDAR
    if _RECEIPT.search(message.subject[:300]):
        return Kind.RECEIPT if message.is_automated else Kind.PERSON
    labels = set(message.labels)
    if message.is_mailing_list or labels & _NEWSLETTER_LABELS:
        return Kind.NEWSLETTER
    if message.is_automated or labels & _NOTIFICATION_LABELS:
        return Kind.NOTIFICATION
    return Kind.PERSON
