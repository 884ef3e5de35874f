"""The dashboard's "Last digest" card: what it shows, and whether it is still changing.

A card is live while its digest is being made, waits for a retry or is being tried again: the
page then asks for the card again (static/digests/last_digest.js) until it settles (sent,
empty, failed for good). A failed digest whose retry is running says "Trying again now", not
"Failed": the retry's job is neither pending (progress.retry_state) nor dead yet.
"""

from __future__ import annotations

from typing import Any

from digests import progress
from digests.models import Digest
from digests.render.counts import counts_of
from digests.scheduling import DIGEST_JOB
from jobs.models import Job

__all__ = ["card", "is_live", "trying_again"]


def is_live(digest: Digest | None, retry: dict[str, Any] | None, *, trying: bool = False) -> bool:
    """The digest is being made, or failed and a job will try it again or is trying now."""
    if digest is None:
        return False
    if digest.status == Digest.Status.BUILDING:
        return True
    waiting = bool(retry) and retry["digest_id"] == digest.pk
    return digest.status == Digest.Status.FAILED and (waiting or trying)


def trying_again(user: Any, digest: Digest | None) -> bool:
    """The digest failed and one of the person's digest jobs is running: it resumes it."""
    if digest is None or digest.status != Digest.Status.FAILED:
        return False
    running = Job.objects.filter(user=user, type=DIGEST_JOB, status=Job.Status.RUNNING)
    return running.exists()


def card(user: Any) -> dict[str, Any]:
    """The card's context: the newest digest and its counts (for its history row), its retry
    (``trying``: the id of the failed digest being tried again now), whether access came
    back, and whether it is live."""
    last = Digest.objects.filter(user=user).first()
    retry = progress.retry_state(user)
    trying = trying_again(user, last)
    return {
        "last_digest": last,
        "last_counts": counts_of(last) if last is not None else None,
        "retry": retry,
        "trying": last.pk if trying and last is not None else None,
        "access_back": progress.access_back(user, last),
        "live": is_live(last, retry, trying=trying),
    }
