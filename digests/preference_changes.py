"""Saving preferences, checking a Gmail search, and confirming another delivery address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from digests import gmail, schedules
from digests.preference_forms import QueryRejected, QueryUnchecked
from digests.preferences import DigestPreferences, forget_cached, preferences_for

__all__ = [
    "MATCH_LIMIT",
    "AddressLinkInvalid",
    "confirm_address",
    "count_matching",
    "save_preferences",
]

MATCH_LIMIT = 500  # "500 or more": the check reads ids, not the mail
CHECK_TIMEOUT = 5.0  # seconds per Gmail request while a web request waits for the check
CONFIRM_SALT = "digests.delivery-address"
CONFIRM_MAX_AGE = timedelta(days=3)


def count_matching(user: Any, query: str, *, connect: Any = gmail.connect) -> int:
    """How many messages of the last 7 days the search finds, asked once with no waiting.

    Raises QueryRejected with Gmail's words for a refused search, and QueryUnchecked when
    Gmail cannot answer now (rate limit, 5xx, slow, lost access): a web request never sleeps
    for a retry or the quota, and waits at most CHECK_TIMEOUT seconds per request.
    """
    try:
        client = connect(user, sleep=_never_wait, retry_wait=0, timeout=CHECK_TIMEOUT)
        return len(client.list_message_ids(f"{query} newer_than:7d", limit=MATCH_LIMIT))
    except gmail.GmailRequestRejected as exc:
        if exc.is_bad_query:
            raise QueryRejected(str(exc)) from None
        raise QueryUnchecked(type(exc).__name__) from None
    except gmail.GmailError as exc:
        raise QueryUnchecked(type(exc).__name__) from None


def _never_wait(seconds: float) -> None:
    """The quota would have us sleep: in a web request, give up instead."""
    raise gmail.GmailRateLimited(seconds, "Gmail quota for this minute is spent")


def save_preferences(user: Any, data: dict[str, Any]) -> str:
    """Write the form's data; returns the address a confirmation link went to, if any."""
    with transaction.atomic():
        if data.get("timezone"):
            schedules.set_zone(user, data["timezone"])
        prefs = DigestPreferences.objects.select_for_update().get_or_create(user=user)[0]
        for key in (
            "query",
            "max_items",
            "vip_senders",
            "muted_senders",
            "muted_labels",
            "summary_length",
            "empty_policy",
            "deliver_email",
        ):
            setattr(prefs, key, data[key])
        sent_to = ""
        wanted = data["delivery"]
        address = (data.get("other_address") or "").strip().lower()
        if wanted == DigestPreferences.Delivery.OTHER and address != prefs.delivery_address:
            prefs.pending_address = address  # the delivery changes once the link is followed
            sent_to = address
        elif wanted == DigestPreferences.Delivery.OTHER or wanted != prefs.delivery:
            prefs.delivery = wanted
            prefs.pending_address = ""
        prefs.save()
    forget_cached(user)
    if sent_to:
        send_confirmation(user, sent_to)
    return sent_to


def confirmation_token(user: Any, address: str) -> str:
    return signing.dumps({"user": user.pk, "address": address}, salt=CONFIRM_SALT)


def send_confirmation(user: Any, address: str) -> None:
    link = settings.SITE_URL + reverse(
        "digests:confirm_address", args=[confirmation_token(user, address)]
    )
    send_mail(
        "Confirm where your Gmail digests go",
        f"{user.email} asked for their Gmail digests to be sent to this address.\n\n"
        f"Confirm it here (the link works for 3 days):\n{link}\n\n"
        "If you did not expect this, ignore this email: nothing is sent here until then.\n",
        settings.DEFAULT_FROM_EMAIL,
        [address],
    )


class AddressLinkInvalid(Exception):
    """The confirmation link is forged, expired or no longer the pending address."""


def read_confirmation(token: str) -> tuple[Any, str]:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise AddressLinkInvalid(
            "This link has expired: ask for a new one in your preferences."
        ) from None
    except signing.BadSignature:
        raise AddressLinkInvalid("This link is not one we sent.") from None
    user = get_user_model().objects.filter(pk=data.get("user")).first()
    if user is None or preferences_for(user).pending_address != data.get("address"):
        raise AddressLinkInvalid("This link is no longer waiting to be confirmed.")
    return user, str(data["address"])


def confirm_address(token: str) -> str:
    """Make the pending address the delivery address; returns it."""
    user, address = read_confirmation(token)
    with transaction.atomic():
        DigestPreferences.objects.filter(user=user, pending_address=address).update(
            delivery=DigestPreferences.Delivery.OTHER, delivery_address=address, pending_address=""
        )
    return address
