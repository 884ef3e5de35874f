"""Waiting between Gmail retries: exponential backoff with jitter, Retry-After honoured, and a
bounded total wait per digest run (beyond it the job is rescheduled instead)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from digests.gmail_errors import GmailError, GmailRateLimited, GmailUnavailable

__all__ = ["RetryBudget", "is_retryable"]

BACKOFF_BASE = 1.0  # seconds before the first retry (before jitter)
BACKOFF_CAP = 32.0


def is_retryable(error: BaseException) -> bool:
    """Rate limits and transient trouble are worth another try; nothing else is."""
    return isinstance(error, GmailRateLimited | GmailUnavailable)


@dataclass
class RetryBudget:
    """How long one run may still wait for Gmail, and the backoff between tries."""

    total_wait: float
    sleep: Callable[[float], None]
    jitter: Callable[[], float] = random.random
    waited: float = 0.0
    streak: int = 0  # failed tries in a row, for the exponent

    def backoff(self) -> float:
        """Exponential, with "equal jitter": half fixed, half random."""
        step = min(BACKOFF_CAP, BACKOFF_BASE * 2**self.streak)
        return step / 2 + step / 2 * self.jitter()

    def pause(self, errors: Iterable[GmailError]) -> None:
        """Sleep before retrying after ``errors``, or raise when the budget cannot cover it."""
        errors = list(errors)
        limited = [e.retry_after for e in errors if isinstance(e, GmailRateLimited)]
        wait = max([self.backoff(), *limited])
        if self.waited + wait > self.total_wait:
            raise give_up(errors, wait)
        self.sleep(wait)
        self.waited += wait
        self.streak += 1

    def succeeded(self) -> None:
        self.streak = 0


def give_up(errors: list[GmailError], wait: float) -> GmailError:
    """The error to end the run with: a rate limit wins (its delay for the job), then 5xx."""
    limited = [e for e in errors if isinstance(e, GmailRateLimited)]
    if limited:
        retry_after = max(e.retry_after for e in limited)
        return GmailRateLimited(max(retry_after, wait), str(limited[0]))
    return errors[0]
