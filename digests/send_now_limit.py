"""How many "send now" digests one person may start in an hour, and when they may again.

The count is a fixed window per clock hour in the cache (gda_site.ratelimit), at most
``digest.send_now_per_hour``. The dashboard asks :func:`reached` before anyone presses, so it
can say when the button works again instead of letting each press be refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from digests.render import dates
from gda_site import ratelimit

__all__ = ["Limit", "count", "reached"]

SCOPE = "send_now"
WINDOW = 3600  # seconds: the limit is per clock hour


@dataclass(frozen=True)
class Limit:
    """The person has started as many as an hour allows; ``until`` is when they may again."""

    until: datetime
    seconds: int
    label: str

    def as_json(self) -> dict[str, Any]:
        """The shape the dashboard's script reads (static/digests/send_now.js)."""
        return {"until": self.until.isoformat(), "seconds": self.seconds, "label": self.label}


def reached(user: Any, at: datetime | None = None) -> Limit | None:
    """The limit if one more press now would be refused, else None; counts nothing."""
    at = at or timezone.now()
    per_hour = settings.CONFIG.digest.send_now_per_hour
    wait = ratelimit.wait(SCOPE, str(user.pk), limit=per_hour, window=WINDOW, now=at.timestamp())
    return _limit(user, per_hour, at, wait)


def count(user: Any, at: datetime | None = None) -> Limit | None:
    """Count one press; the limit if it was one too many (nothing may start), else None."""
    at = at or timezone.now()
    per_hour = settings.CONFIG.digest.send_now_per_hour
    wait = ratelimit.hit(SCOPE, str(user.pk), limit=per_hour, window=WINDOW, now=at.timestamp())
    return _limit(user, per_hour, at, wait)


def _limit(user: Any, per_hour: int, at: datetime, wait: int) -> Limit | None:
    if not wait:
        return None
    # The window ends on a whole second: count from the second the window was read at.
    until = datetime.fromtimestamp(int(at.timestamp()), UTC) + timedelta(seconds=wait)
    label = (
        f"You have asked for {per_hour} digest{'s' if per_hour != 1 else ''} this hour, the "
        f"most we make in an hour. You can send another digest at "
        f"{dates.moment(until, user.zone)}."
    )
    return Limit(until=until, seconds=wait, label=label)
