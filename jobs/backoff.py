"""How long a failed job waits before its next attempt.

``delay = min(CAP, n**4 + 15 + jitter * 10 * (n + 1))`` seconds, where ``n`` is the number
of failures before this one (0 after the first failure) and ``jitter`` is uniform in [0, 1).

This is Sidekiq's polynomial: the first retries come quickly (15-25 s), so a blip costs
little, and later ones spread out fast, so an upstream that is down for hours is not
hammered. The jitter spreads jobs that failed together (an outage) so they do not come
back as one wave. With the default of 10 attempts the 9 waits add up to between 8,907 s
and 9,357 s (about 2 h 28 min to 2 h 36 min) before the job is dead; the cap only matters
for jobs allowed many more attempts.
"""

from __future__ import annotations

CAP_SECONDS = 6 * 3600


def retry_delay(failures_before: int, jitter: float) -> float:
    """Seconds to wait after a failure; pure, so the schedule can be tested exactly."""
    if failures_before < 0:
        raise ValueError(f"failures_before must be >= 0, got {failures_before}")
    if not 0.0 <= jitter < 1.0:
        raise ValueError(f"jitter must be in [0, 1), got {jitter}")
    n = failures_before
    return min(float(CAP_SECONDS), n**4 + 15 + jitter * 10 * (n + 1))


def total_span(attempts: int, jitter: float) -> float:
    """Seconds from the first failure to the last attempt, for ``attempts`` attempts."""
    return sum(retry_delay(n, jitter) for n in range(attempts - 1))
