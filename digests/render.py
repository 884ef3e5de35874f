"""The digest as an email (plain text with an HTML alternative) and as page context.

Both the email and the web page show the same items, so the shaping of an item (its due dates
as dates, the sender as a person would name them) happens once, here. Times are rendered in
the reader's zone: a digest read at 08:00 in Berlin must not say a mail came at 06:58.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from digests.models import Digest, Email, Urgency

__all__ = ["ActionView", "ItemView", "RenderedEmail", "digest_url", "items", "render_email"]

URGENCY_LABELS = {
    Urgency.URGENT: "Urgent",
    Urgency.HIGH: "High",
    Urgency.MEDIUM: "Medium",
    Urgency.LOW: "Low",
}


@dataclass(frozen=True)
class ActionView:
    text: str
    due: dt.date | None


@dataclass(frozen=True)
class ItemView:
    email: Email
    sender: str
    actions: list[ActionView]

    @property
    def urgency_label(self) -> str:
        return URGENCY_LABELS[Urgency(self.email.urgency)]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def digest_url(digest: Digest) -> str:
    return settings.SITE_URL + reverse("digests:detail", args=[digest.pk])


def items(digest: Digest) -> list[ItemView]:
    return [_item(email) for email in digest.emails.filter(listed=True).order_by("rank")]


def _item(email: Email) -> ItemView:
    actions = []
    for entry in email.action_items:
        due = entry.get("due")
        actions.append(
            ActionView(entry.get("text", ""), dt.date.fromisoformat(due) if due else None)
        )
    return ItemView(email, email.from_name or email.from_address, actions)


def reading_minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def subject_line(digest: Digest) -> str:
    total = sum(digest.counts.values())
    words = f"{total} new message{'s' if total != 1 else ''}"
    if digest.count_urgent:
        words += f", {digest.count_urgent} urgent"
    local = timezone.localtime(digest.period_end, digest.user.zone)
    return f"Your Gmail digest, {local:%a %d %b %H:%M}: {words}"


def render_email(digest: Digest) -> RenderedEmail:
    listed = items(digest)
    total = sum(digest.counts.values())
    context = {
        "digest": digest,
        "items": listed,
        "counts": [
            (URGENCY_LABELS[Urgency(u)], digest.counts[u]) for u in reversed(Urgency.values)
        ],
        "unlisted": max(0, total - len(listed)),
        "digest_url": digest_url(digest),
        "settings_url": settings.SITE_URL + reverse("digests:schedule"),
        "reading_minutes": reading_minutes(digest.reading_seconds),
    }
    with timezone.override(digest.user.zone):
        text = render_to_string("digests/email.txt", context)
        html = render_to_string("digests/email.html", context)
    return RenderedEmail(subject_line(digest), text, html)
