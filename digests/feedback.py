"""What a reader told us about one listed message, kept for the analyzer to learn from.

"Always show this sender" and "mute this sender" also become a VIP or mute rule at once
(digests.preferences); "not urgent" is only stored. Each can be undone from the card: the row
goes, and so does the rule it made unless another press of the same kind still asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from digests.preferences import DigestPreferences, add_rule, forget_cached

__all__ = ["Feedback", "FeedbackState", "feedback_state", "give_feedback", "undo_feedback"]


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
_OPPOSITE = {Feedback.Kind.VIP: Feedback.Kind.MUTE, Feedback.Kind.MUTE: Feedback.Kind.VIP}


def give_feedback(user: Any, email: Any, kind: str) -> Feedback:
    """Store the feedback and, for VIP or mute, add the sender's rule in the same transaction."""
    kind = Feedback.Kind(kind)
    with transaction.atomic():
        if kind in RULES and email.from_address:
            add_rule(user, RULES[kind], email.from_address)  # which also lifts the other rule
            # "Always show" then "Mute" (or back): the later press stands, the earlier is gone
            Feedback.objects.filter(
                user=user, kind=_OPPOSITE[kind], email__from_address__iexact=email.from_address
            ).delete()
        return Feedback.objects.create(user=user, email=email, kind=kind)


# What the card says after a press; {sender} is the message's sender.
NOTES = {
    Feedback.Kind.NOT_URGENT: "Marked not urgent",
    Feedback.Kind.VIP: "{sender} is always shown",
    Feedback.Kind.MUTE: "{sender} is muted from the next digest on",
}


@dataclass(frozen=True)
class Note:
    """One press the card shows, with what to post to undo it."""

    kind: str
    words: str


@dataclass(frozen=True)
class FeedbackState:
    """What a card shows: the presses standing on this message, and the buttons still to press."""

    notes: list[Note]
    kinds: list[str]  # the feedback kinds still offered, in button order


def feedback_state(email: Any) -> FeedbackState:
    """The notes and remaining buttons of one listed message (uses a prefetched feedback set)."""
    given = {row.kind for row in email.feedback.all()}
    sender = email.from_address or "This sender"
    offered = [
        k
        for k in Feedback.Kind
        if k not in given and (k not in RULES or (email.from_address and _OPPOSITE[k] not in given))
    ]
    notes = [Note(k, NOTES[k].format(sender=sender)) for k in Feedback.Kind if k in given]
    return FeedbackState(notes=notes, kinds=[str(k) for k in offered])


def undo_feedback(user: Any, email: Any, kind: str) -> bool:
    """Take back the newest press of ``kind`` on this message and its rule; False if none."""
    kind = Feedback.Kind(kind)
    with transaction.atomic():
        row = Feedback.objects.filter(user=user, email=email, kind=kind).order_by("-pk").first()
        if row is None:
            return False
        row.delete()
        if kind in RULES and email.from_address:
            _drop_rule(user, RULES[kind], kind, email.from_address)
    return True


def _drop_rule(user: Any, field: str, kind: str, address: str) -> None:
    """Remove the sender's rule unless a standing press of the same kind still asks for it."""
    address = address.strip().lower()
    standing = Feedback.objects.filter(user=user, kind=kind, email__from_address__iexact=address)
    if standing.exists():
        return
    prefs = DigestPreferences.objects.select_for_update().filter(user=user).first()
    if prefs is None or address not in getattr(prefs, field):
        return
    setattr(prefs, field, [rule for rule in getattr(prefs, field) if rule != address])
    prefs.save(update_fields=[field, "updated_at"])
    forget_cached(user)
