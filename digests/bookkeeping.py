"""Rows that track mail in and out: the outbox, the sync cursor and the Gmail quota bucket."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class OutboundEmail(models.Model):
    """A digest email rendered once and stored, then sent once: the outbox (digests/outbox.py)."""

    class State(models.TextChoices):
        QUEUED = "queued"
        SENDING = "sending"
        SENT = "sent"
        FAILED = "failed"

    class Channel(models.TextChoices):
        EMAIL = "email", "our mail server"
        GMAIL = "gmail", "the reader's own Gmail"

    digest = models.OneToOneField(
        "digests.Digest", on_delete=models.CASCADE, related_name="outbound_email"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    message_id = models.CharField(
        max_length=255, unique=True, help_text="The Message-ID header, generated once."
    )
    sender = models.CharField(max_length=400)
    recipient = models.CharField(max_length=320)
    subject = models.TextField()
    text = models.TextField()
    html = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True, help_text="For the reader, e.g. why not from their Gmail.")
    attempts = models.PositiveIntegerField(default=0)
    claim = models.CharField(
        max_length=64, blank=True, help_text="Token of the send attempt that moved it last."
    )
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=128, blank=True, help_text="Gmail's message id.")
    found_by_search = models.BooleanField(
        default=False, help_text="Marked sent because the reader's Gmail holds it."
    )
    failure_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.message_id} ({self.state})"


class SyncCursor(models.Model):
    """Where a person's digests stand in their mailbox: what the last built digest covered.

    ``history_id`` is the mailbox's Gmail ``historyId`` read before that digest's sync (the
    next one asks ``history.list`` for everything added since). ``covered_until`` is the
    end of the period it closed (an internal date). ``covered_ids`` are the ids it read in
    the overlap window before ``covered_until`` and ``pending_ids`` those it saw but left for
    the next run (over the per-run limit, or dated after its end). It moves in the same
    transaction that stores the digest's emails, and only then.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_cursor"
    )
    history_id = models.PositiveBigIntegerField(null=True, blank=True)
    covered_until = models.DateTimeField()
    covered_ids = models.JSONField(default=list, blank=True)
    pending_ids = models.JSONField(default=list, blank=True)
    digest = models.ForeignKey(
        "digests.Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Sync cursor of {self.user} at history {self.history_id}"


class GmailQuota(models.Model):
    """One person's Gmail quota token bucket, shared by every scheduler process.

    Written only by a conditional UPDATE on ``version`` (see digests.quota), so two
    processes spending at once never both take the same units.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gmail_quota"
    )
    tokens = models.FloatField(help_text="Units available at ``stamp``; negative: reserved.")
    stamp = models.FloatField(help_text="Seconds since the epoch of the last update.")
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Gmail quota of {self.user}: {self.tokens:.0f} units"
