"""The digest preferences that shape what a digest holds and where it goes, as real columns.

The schedule, its zone and "paused" are not here (they belong to the schedules); everything
else a person chooses about their digest is one :class:`DigestPreferences` row, created with
the defaults the first time it is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

__all__ = [
    "LENGTHS",
    "DigestPreferences",
    "Length",
    "normalize_senders",
    "preferences_for",
]


class DigestPreferences(models.Model):
    class SummaryLength(models.TextChoices):
        SHORT = "short", "Short: a line of summary, the three most important cards"
        NORMAL = "normal", "Normal"
        LONG = "long", "Long: the whole summary on every card"

    class EmptyPolicy(models.TextChoices):
        SKIP = "skip", "Skip it: no email and nothing in the history"
        SEND = "send", "Send a short “nothing new” email"

    class Delivery(models.TextChoices):
        SIGN_IN = "sign_in", "To my sign-in address"
        OTHER = "other", "To another address (after confirming it)"
        GMAIL = "gmail", "From my own Gmail (asks Google for permission to send)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_settings"
    )
    query = models.CharField(max_length=500, blank=True, default="")
    max_items = models.PositiveSmallIntegerField(default=25)
    deliver_email = models.BooleanField(default=True)
    delivery = models.CharField(max_length=16, choices=Delivery.choices, default=Delivery.SIGN_IN)
    delivery_address = models.EmailField(blank=True, default="", help_text="Confirmed.")
    pending_address = models.EmailField(blank=True, default="", help_text="Awaiting its link.")
    vip_senders = models.JSONField(default=list, blank=True)
    muted_senders = models.JSONField(default=list, blank=True)
    muted_labels = models.JSONField(default=list, blank=True)
    summary_length = models.CharField(
        max_length=8, choices=SummaryLength.choices, default=SummaryLength.NORMAL
    )
    empty_policy = models.CharField(
        max_length=8, choices=EmptyPolicy.choices, default=EmptyPolicy.SKIP
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "digests"
        verbose_name_plural = "digest preferences"

    def __str__(self) -> str:
        return f"digest preferences of user {self.user_id}"

    @property
    def send_from_gmail(self) -> bool:
        return self.delivery == self.Delivery.GMAIL

    @property
    def length(self) -> Length:
        return LENGTHS[self.summary_length]

    def is_vip(self, address: str) -> bool:
        return sender_matches(address, self.vip_senders)

    def is_muted_sender(self, address: str) -> bool:
        return sender_matches(address, self.muted_senders)


@dataclass(frozen=True)
class Length:
    """What a summary length means: characters of summary per card, most cards (None: all)."""

    summary_chars: int
    cards: int | None


LENGTHS = {
    DigestPreferences.SummaryLength.SHORT: Length(summary_chars=120, cards=3),
    DigestPreferences.SummaryLength.NORMAL: Length(summary_chars=600, cards=None),
    DigestPreferences.SummaryLength.LONG: Length(summary_chars=1500, cards=None),
}


def preferences_for(user: Any) -> DigestPreferences:
    """The person's preferences row, made with the defaults if they have none yet."""
    cached = getattr(user, "_digest_preferences_row", None)
    if cached is not None:
        return cached
    row, _ = DigestPreferences.objects.get_or_create(user=user)
    user._digest_preferences_row = row
    return row


def forget_cached(user: Any) -> None:
    """Drop the row cached on ``user`` so the next read sees the database."""
    user.__dict__.pop("_digest_preferences_row", None)


def sender_matches(address: str, rules: Iterable[str]) -> bool:
    """A rule is an address (ada@example.com) or a whole domain (@example.com)."""
    address = address.strip().lower()
    domain = "@" + address.rpartition("@")[2]
    return any(rule in (address, domain) for rule in rules)


def normalize_senders(text: str | Iterable[str]) -> list[str]:
    """One rule per line or comma, lower-cased, deduplicated; bad ones raise one ValidationError
    naming each of them."""
    items = text.replace(",", "\n").splitlines() if isinstance(text, str) else list(text)
    rules: list[str] = []
    bad: list[str] = []
    for raw in items:
        rule = raw.strip().lower()
        if not rule:
            continue
        try:
            validate_email(("x" + rule) if rule.startswith("@") else rule)
        except ValidationError:
            bad.append(raw.strip())
            continue
        if rule not in rules:
            rules.append(rule)
    if bad:
        raise ValidationError(
            [
                f"“{line}” is neither an address (ada@example.com) nor a domain (@example.com)."
                for line in dict.fromkeys(bad)
            ]
        )
    return rules


def normalize_labels(text: str | Iterable[str]) -> list[str]:
    """Gmail label names or ids, one per line or comma, deduplicated (case kept)."""
    items = text.replace(",", "\n").splitlines() if isinstance(text, str) else list(text)
    labels: list[str] = []
    for raw in items:
        label = raw.strip()
        if label and label not in labels:
            labels.append(label)
    return labels


def add_rule(user: Any, field: str, address: str) -> DigestPreferences:
    """Add one sender to ``vip_senders`` or ``muted_senders``, and drop it from the other."""
    other = {"vip_senders": "muted_senders", "muted_senders": "vip_senders"}[field]
    address = address.strip().lower()
    row = DigestPreferences.objects.select_for_update().get_or_create(user=user)[0]
    if address not in getattr(row, field):
        setattr(row, field, [*getattr(row, field), address])
    setattr(row, other, [rule for rule in getattr(row, other) if rule != address])
    row.save(update_fields=[field, other, "updated_at"])
    forget_cached(user)
    return row
