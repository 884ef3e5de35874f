"""Job types for the tests. Runs are recorded by appending a line to a file named in the
payload: appends of one short line are atomic, so many processes can share the file."""

from __future__ import annotations

import os
import time

from jobs.models import Job
from jobs.registry import PermanentError, RetryLater, register


def _record(job: Job, event: str = "ran") -> None:
    path = job.payload.get("record_to")
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"{job.pk} {os.getpid()} {event}\n")


@register("test.noop")
def noop(job: Job) -> None:
    """The benchmark's job: does nothing, so only the engine is measured."""


@register("test.record")
def record(job: Job) -> None:
    _record(job)


@register("test.sleep")
def sleep(job: Job) -> None:
    _record(job, "started")
    time.sleep(job.payload["seconds"])
    _record(job)


@register("test.fail")
def fail(job: Job) -> None:
    _record(job)
    raise RuntimeError(f"failure number {job.retry_count + 1}")


@register("test.permanent")
def permanent(job: Job) -> None:
    _record(job)
    raise PermanentError("token revoked by the user")


@register("test.retry_later")
def retry_later(job: Job) -> None:
    _record(job)
    raise RetryLater(job.payload.get("seconds", 60))


@register("test.retry_later_counted")
def retry_later_counted(job: Job) -> None:
    _record(job)
    raise RetryLater(0, "upstream still busy", counts_attempt=True)


@register("test.broken_retry")
def broken_retry(job: Job) -> None:
    """A handler that tampers with RetryLater: the scheduler must survive it."""
    exc = RetryLater(1)
    exc.seconds = float("inf")
    raise exc
