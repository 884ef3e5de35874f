"""The dashboard's "Next digest" line and the schedules under it: what is coming, and when.

The page shows it at load and static/digests/last_digest.js takes it again with the "Last
digest" card (the same poll, /digests/last-digest/), so it stays true without a reload when a
digest is delivered or its time passes. ``next_digest_in`` tells the script how many seconds
are left (negative once due), so it asks again just after that time instead of at its next
minute.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from digests.schedule_states import schedule_rows
from digests.scheduling import google_is_connected, next_digest_at

__all__ = ["upcoming"]


def upcoming(user: Any, now: datetime | None = None) -> dict[str, Any]:
    """The context of templates/digests/_next_digest.html: whether Google is connected, the
    next digest (in its schedule's zone) and the seconds until it, and each schedule's row."""
    at = next_digest_at(user)
    left = None if at is None else int((at - (now or timezone.now())).total_seconds())
    return {
        "connected": google_is_connected(user),
        "next_digest_at": at,
        "next_digest_in": left,
        "schedules": schedule_rows(user),
    }
