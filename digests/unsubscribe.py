"""Pausing digests from the email itself, without signing in (RFC 2369 / RFC 8058).

Every digest carries ``List-Unsubscribe`` with an HTTPS one-click URL and a mailto, and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``. The URL holds a signed token naming
the user and what to pause; the token is the only authority, so the endpoint needs neither a
session nor a CSRF token (mail providers POST to it from their own servers). Tokens do not
expire: a digest read months later must still be able to stop the next one.

Mail scanners follow links with GET, so GET only ever shows a page; only POST pauses.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from digests import schedules
from digests.schedule_model import PausedBy, Schedule

__all__ = [
    "BadToken",
    "Target",
    "is_paused",
    "list_unsubscribe_headers",
    "make_token",
    "pause",
    "read_token",
    "resume",
    "unsubscribe_url",
]

SALT = "digests.unsubscribe"
DIGESTS = "digests"  # what a token pauses: every schedule of the user


class BadToken(Exception):
    """A token we did not sign, that was altered, or whose user is gone; says which."""


@dataclass(frozen=True)
class Target:
    user: Any
    what: str


def _joined(user: Any) -> int:
    # A reused primary key (SQLite can reuse the highest one) must not inherit old tokens.
    return int(user.date_joined.timestamp())


def make_token(user: Any, what: str = DIGESTS) -> str:
    return signing.dumps({"u": user.pk, "w": what, "j": _joined(user)}, salt=SALT, compress=True)


def read_token(token: str) -> Target:
    """The user and what to pause, or BadToken with a reason fit for the page."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise BadToken(
            "This link is damaged or was not made by us: check that it was copied whole."
        ) from None
    if not isinstance(data, dict) or data.get("w") != DIGESTS or not isinstance(data.get("u"), int):
        raise BadToken("This link is not an unsubscribe link of ours.")
    user = get_user_model().objects.filter(pk=data["u"]).first()
    if user is None or data.get("j") != _joined(user):
        raise BadToken("This link belongs to an account that no longer exists.")
    return Target(user, DIGESTS)


def unsubscribe_url(user: Any, token: str = "") -> str:
    """The pause page's address; one ``token`` for all of an email's links keeps them equal."""
    return settings.SITE_URL + reverse("digests:unsubscribe", args=[token or make_token(user)])


def resume_url(user: Any) -> str:
    return settings.SITE_URL + reverse("digests:resume", args=[make_token(user)])


def _mailto(token: str) -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "digest@localhost"
    return f"mailto:{address}?subject={quote('unsubscribe ' + token)}"


def list_unsubscribe_headers(user: Any, token: str = "") -> dict[str, str]:
    """The RFC 2369 and RFC 8058 headers for a digest to this user."""
    token = token or make_token(user)
    url = settings.SITE_URL + reverse("digests:unsubscribe", args=[token])
    return {
        "List-Unsubscribe": f"<{url}>, <{_mailto(token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def is_paused(user: Any) -> bool:
    """Whether no schedule of theirs sends digests (also when they have none)."""
    return not Schedule.objects.filter(user=user, paused=False).exists()


def pause(user: Any) -> bool:
    """Pause every schedule ("unsubscribe link"); True if any was running. Safe to repeat."""
    reason = "Paused from the link in a digest email"
    return schedules.pause(user, by=PausedBy.UNSUBSCRIBE, reason=reason) > 0


def resume(user: Any) -> bool:
    """Lift the pauses this link made (not the person's own, staff's or Google's)."""
    return schedules.resume(user, only_paused_by=PausedBy.UNSUBSCRIBE) > 0
