"""Digests and the messages they list.

Both models serialize to JSON with ``to_dict()`` / ``from_dict()`` (see
gda_site.serialization): aware datetimes as ISO 8601 with offset, field names as below, which
are part of the product's contract (exports, the API, fixtures) and change only with a version.
"""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from digests.links import gmail_thread_url, mailbox_address
from gda_site import serialization as js


class Urgency(models.TextChoices):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


class Kind(models.TextChoices):
    """What sort of mail a message is; the email groups what it does not show in full by it."""

    PERSON = "person"
    NEWSLETTER = "newsletter"
    NOTIFICATION = "notification"
    RECEIPT = "receipt"
    CALENDAR = "calendar"


class Digest(models.Model):
    class Status(models.TextChoices):
        BUILDING = "building"
        SENT = "sent"
        FAILED = "failed"
        EMPTY = "empty"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BUILDING)
    summary = models.TextField(blank=True)
    provider = models.CharField(max_length=64, blank=True, help_text="Summary provider used.")
    count_urgent = models.PositiveIntegerField(default=0)
    count_high = models.PositiveIntegerField(default=0)
    count_medium = models.PositiveIntegerField(default=0)
    count_low = models.PositiveIntegerField(default=0)
    # The numbers the digest shows (digests.render.counts), stored when it is built: the
    # history and the live card read them here instead of counting its Email rows. Null: not
    # built yet, or made elsewhere (from_dict); those are counted from the rows when shown.
    shown_counts = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Shown counts by class, suspicious, not listed; written when built.",
    )
    reading_seconds = models.PositiveIntegerField(default=0)
    # Not auto_now_add: that would overwrite the time an imported digest (from_dict) carries.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Where a build is, for the "send now" progress (digests.progress writes it, throttled).
    progress_stage = models.CharField(max_length=16, blank=True, default="")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # The zone its deadlines are read and its times shown in: its schedule's; empty: the person's.
    timezone = models.CharField(max_length=64, blank=True, default="")

    JSON_FIELDS = (
        "user",
        "period_start",
        "period_end",
        "status",
        "summary",
        "provider",
        "counts",
        "reading_seconds",
        "created_at",
        "delivered_at",
        "last_error",
    )

    class Meta:
        ordering = ["-period_end"]
        indexes = [models.Index(fields=["user", "-period_end"])]

    def __str__(self) -> str:
        return f"Digest for {self.user} until {self.period_end:%Y-%m-%d %H:%M}"

    @cached_property
    def mailbox(self) -> str:
        """The Gmail address this digest was made of (looked up once per instance)."""
        return mailbox_address(self.user)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """Its schedule's zone, or the person's (a "send now", or a digest made before)."""
        try:
            return zoneinfo.ZoneInfo(self.timezone) if self.timezone else self.user.zone
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return self.user.zone

    @property
    def counts(self) -> dict[str, int]:
        return {u: getattr(self, f"count_{u}") for u in Urgency.values}

    def to_dict(self) -> dict[str, Any]:
        return {
            "user": self.user.email,
            "period_start": js.iso(self.period_start),
            "period_end": js.iso(self.period_end),
            "status": self.status,
            "summary": self.summary,
            "provider": self.provider,
            "counts": self.counts,
            "reading_seconds": self.reading_seconds,
            "created_at": js.iso(self.created_at),
            "delivered_at": js.iso(self.delivered_at),
            "last_error": self.last_error,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        """An unsaved digest for an existing user (looked up by email)."""
        from django.contrib.auth import get_user_model

        js.reject_unknown(data, cls.JSON_FIELDS)
        email = js.get(data, "user", str)
        try:
            user = get_user_model().objects.get_by_natural_key(email)
        except get_user_model().DoesNotExist:
            raise js.SerializationError("user", f"no user with email {email!r}") from None
        counts = js.get(data, "counts", dict)
        for urgency in counts:
            if urgency not in Urgency.values:
                raise js.SerializationError(
                    f"counts.{urgency}", f"unknown urgency, expected one of {Urgency.values}"
                )
        digest = cls(
            user=user,
            period_start=js.get_datetime(data, "period_start"),
            period_end=js.get_datetime(data, "period_end"),
            status=js.get_choice(data, "status", cls.Status.values),
            summary=js.get(data, "summary", str),
            provider=js.get(data, "provider", str),
            reading_seconds=js.get_count(data, "reading_seconds"),
            created_at=js.get_datetime(data, "created_at"),
            delivered_at=js.get_datetime(data, "delivered_at", nullable=True),
            last_error=js.get(data, "last_error", str),
        )
        with js.inside("counts"):
            for urgency in Urgency.values:
                setattr(digest, f"count_{urgency}", js.get_count(counts, urgency))
        if digest.period_end < digest.period_start:
            raise js.SerializationError("period_end", "is before period_start")
        js.validate_model(
            digest,
            exclude=["user"],
            names={f"count_{urgency}": f"counts.{urgency}" for urgency in Urgency.values},
        )
        return digest


class Email(models.Model):
    """One Gmail message as it appears, summarized and ranked, in a digest."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="emails")
    rank = models.PositiveIntegerField(default=0, help_text="0 is the most important.")
    gmail_id = models.CharField(max_length=64)
    thread_id = models.CharField(max_length=64)
    from_name = models.CharField(max_length=300, blank=True)
    from_address = models.CharField(max_length=320)
    to = models.JSONField(default=list, blank=True)
    cc = models.JSONField(default=list, blank=True)
    subject = models.TextField(blank=True)
    snippet = models.TextField(blank=True)
    received_at = models.DateTimeField()
    labels = models.JSONField(default=list, blank=True)
    body_excerpt = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    summary = models.TextField(blank=True)
    urgency = models.CharField(max_length=8, choices=Urgency.choices, default=Urgency.LOW)
    reasons = models.JSONField(default=list, blank=True, help_text="Why this urgency.")
    suspicious = models.BooleanField(default=False, help_text="Looks like phishing.")
    analyzed_by = models.CharField(
        max_length=32, blank=True, help_text="The analyzer or provider that produced the analysis."
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    listed = models.BooleanField(
        default=True, help_text="Shown in the digest; otherwise only counted under 'and N more'."
    )
    action_items = models.JSONField(default=list, blank=True)
    reading_seconds = models.PositiveIntegerField(default=0)

    JSON_FIELDS = (
        "rank",
        "gmail_id",
        "thread_id",
        "from_name",
        "from_address",
        "to",
        "cc",
        "subject",
        "snippet",
        "received_at",
        "labels",
        "body_excerpt",
        "attachments",
        "summary",
        "urgency",
        "reasons",
        "suspicious",
        "analyzed_by",
        "kind",
        "listed",
        "action_items",
        "reading_seconds",
    )

    class Meta:
        ordering = ["digest", "rank"]
        # "Is this message already in one of the person's digests?" (digests.sync)
        indexes = [models.Index(fields=["gmail_id"], name="digests_email_gmail_id")]
        constraints = [
            models.UniqueConstraint(fields=["digest", "gmail_id"], name="digests_email_once"),
        ]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"

    @property
    def gmail_url(self) -> str:
        """The thread in the reader's own mailbox (``authuser``), not Gmail's first account."""
        return gmail_thread_url(self.digest.mailbox, self.thread_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "gmail_id": self.gmail_id,
            "thread_id": self.thread_id,
            "from_name": self.from_name,
            "from_address": self.from_address,
            "to": self.to,
            "cc": self.cc,
            "subject": self.subject,
            "snippet": self.snippet,
            "received_at": js.iso(self.received_at),
            "labels": self.labels,
            "body_excerpt": self.body_excerpt,
            "attachments": self.attachments,
            "summary": self.summary,
            "urgency": self.urgency,
            "reasons": self.reasons,
            "suspicious": self.suspicious,
            "analyzed_by": self.analyzed_by,
            "kind": self.kind,
            "listed": self.listed,
            "action_items": self.action_items,
            "reading_seconds": self.reading_seconds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Email:
        """An unsaved email (attach it to a digest before saving)."""
        js.reject_unknown(data, cls.JSON_FIELDS)
        attachments = js.get_list(data, "attachments", dict)
        for i, item in enumerate(attachments):
            with js.inside(f"attachments[{i}]"):
                js.reject_unknown(item, ("name", "type", "size"))
                js.get(item, "name", str)
                js.get(item, "type", str)
                js.get_count(item, "size")
        action_items = js.get_list(data, "action_items", dict)
        for i, item in enumerate(action_items):
            with js.inside(f"action_items[{i}]"):
                js.reject_unknown(item, ("text", "due", "time"))
                js.get(item, "text", str)
                js.get_date(item, "due", required=True)
                # "time" came later: records written before it may lack the key.
                stated = js.get(item, "time", (str, type(None)), None)
                if stated is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", stated):
                    raise js.SerializationError("time", f"expected HH:MM or null, got {stated!r}")
        email = cls(
            rank=js.get_count(data, "rank"),
            gmail_id=js.get(data, "gmail_id", str),
            thread_id=js.get(data, "thread_id", str),
            from_name=js.get(data, "from_name", str),
            from_address=js.get(data, "from_address", str),
            to=js.get_list(data, "to", str),
            cc=js.get_list(data, "cc", str),
            subject=js.get(data, "subject", str),
            snippet=js.get(data, "snippet", str),
            received_at=js.get_datetime(data, "received_at"),
            labels=js.get_list(data, "labels", str),
            body_excerpt=js.get(data, "body_excerpt", str),
            attachments=attachments,
            summary=js.get(data, "summary", str),
            urgency=js.get_choice(data, "urgency", Urgency.values),
            reasons=js.get_list(data, "reasons", str),
            suspicious=js.get(data, "suspicious", bool),
            analyzed_by=js.get(data, "analyzed_by", str),
            kind=js.get_choice(data, "kind", Kind.values),
            listed=js.get(data, "listed", bool),
            action_items=action_items,
            reading_seconds=js.get_count(data, "reading_seconds"),
        )
        js.validate_model(email, exclude=["digest"])
        return email


# Models kept in their own modules, imported here so Django registers them with the app.
# The bookkeeping rows are not part of this module's API: import them from digests.bookkeeping.
from digests.bookkeeping import GmailQuota, OutboundEmail, SyncCursor  # noqa: E402, F401
from digests.feedback import Feedback  # noqa: E402
from digests.preferences import DigestPreferences  # noqa: E402
from digests.schedule_model import Schedule  # noqa: E402

__all__ = [
    "Digest",
    "DigestPreferences",
    "Email",
    "Feedback",
    "Kind",
    "Schedule",
    "Urgency",
]
