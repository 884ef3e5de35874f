"""What a reader told us about one listed message, kept for the analyzer to learn from.

"Always show this sender" and "mute this sender" also become a VIP or mute rule at once
(digests.preferences); "not urgent" is only stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from digests.preferences import add_rule

__all__ = ["Feedback", "give_feedback"]


class Feedback(models.Model):
    class Kind(models.TextChoices):
        NOT_URGENT = "not_urgent", "Not urgent"
        VIP = "vip", "Always show this sender"
        MUTE = "mute", "Mute this sender"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_feedback"
    )
    email = models.ForeignKey("digests.Email", on_delete=models.CASCADE, related_name="feedback")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        app_label = "digests"
        indexes = [models.Index(fields=["user", "created_at"], name="digests_feedback_user_idx")]

    def __str__(self) -> str:
        return f"{self.kind} on email {self.email_id}"


RULES = {Feedback.Kind.VIP: "vip_senders", Feedback.Kind.MUTE: "muted_senders"}


def give_feedback(user: Any, email: Any, kind: str) -> Feedback:
    """Store the feedback and, for VIP or mute, add the sender's rule in the same transaction."""
    kind = Feedback.Kind(kind)
    with transaction.atomic():
        if kind in RULES and email.from_address:
            add_rule(user, RULES[kind], email.from_address)
        return Feedback.objects.create(user=user, email=email, kind=kind)
