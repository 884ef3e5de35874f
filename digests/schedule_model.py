"""``Schedule``: when one of a person's digests comes, in which zone, and whether it is paused.

A person may have several. "Paused" lives here and nowhere else: who paused it (the person,
the unsubscribe link in an email, Google going away, staff), why and when. The digest job
rows follow from these rows (digests.scheduling), never the other way round.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from digests.textsafety import display_line
from jobs.models import validate_schedule, validate_timezone


class PausedBy(models.TextChoices):
    NOBODY = "", "nobody"
    YOU = "you", "you"
    UNSUBSCRIBE = "unsubscribe link", "the unsubscribe link"
    GOOGLE = "Google disconnected", "Google disconnected"
    STAFF = "staff", "staff"


class Channel(models.TextChoices):
    EMAIL = "email", "By email, and kept here"
    WEB = "web", "Only here, no email"


class Schedule(models.Model):
    PausedBy = PausedBy
    Channel = Channel

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedules"
    )
    name = models.CharField(max_length=80)
    cron = models.CharField(
        max_length=80,
        validators=[validate_schedule],
        help_text="Five-field cron expression, read in the schedule's time zone.",
    )
    timezone = models.CharField(max_length=64, validators=[validate_timezone])
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    paused = models.BooleanField(default=False)
    paused_by = models.CharField(
        max_length=32, choices=PausedBy.choices, default=PausedBy.NOBODY, blank=True
    )
    paused_reason = models.CharField(max_length=300, blank=True, default="")
    paused_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(paused=False, paused_by="", paused_at__isnull=True)
                | (Q(paused=True, paused_at__isnull=False) & ~Q(paused_by="")),
                name="digests_schedule_paused_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cron}, {self.timezone})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = display_line(self.name, 80)  # no bidi tricks, whatever path saves it
        super().save(*args, **kwargs)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)
