"""The scheduler loop behind ``manage.py runscheduler``.

One thread (the loop) claims due jobs up to the number of free workers and hands them to a
ThreadPoolExecutor; finished jobs come back through a queue and the loop writes their
outcomes in batches. A heartbeat thread renews the leases of everything in flight with one
statement per beat, so a long job is never taken over while its process lives, and a
killed process's jobs are taken over by the others within a lease period. On PostgreSQL a
listener thread turns NOTIFY into an immediate wake-up; otherwise the loop polls.

Database connections: the loop and the heartbeat keep theirs (persistent connections are
what make a scheduler fast); each worker tidies its connections around every job the way
Django does around a request, and closes them when the pool shuts down.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import random
import threading
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import DatabaseError, close_old_connections, connections, transaction
from django.db.models import Q
from django.utils.timezone import now

from gda_site import logcontext
from jobs import heartbeats, metrics, outcomes, wakeup
from jobs.claim import claim, lease_owner_name, release, renew_leases
from jobs.models import Job
from jobs.registry import PermanentError, RetryLater, get_handler
from jobs.transitions import Status

logger = logging.getLogger("jobs")
STATS_INTERVAL = 60.0


@dataclass
class Result:
    """What a worker reports back; the loop turns it into a transition."""

    job: Job
    outcome: str  # succeeded | failed | dead | retry_later
    duration: float
    error: str = ""
    traceback: str = ""
    retry_seconds: float = 0.0
    counts_attempt: bool = False


@dataclass
class Stats:
    succeeded: int = 0
    failed: int = 0
    dead: int = 0
    retry_later: int = 0
    discarded: int = 0
    taken_over: int = 0
    since: float = field(default_factory=time.monotonic)

    @property
    def processed(self) -> int:
        return self.succeeded + self.failed + self.dead + self.retry_later


def run_job(job: Job) -> Result:
    """Run one handler and classify how it ended; never raises."""
    close_old_connections()
    started = time.monotonic()
    error = tb = ""
    retry_seconds = 0.0
    counts_attempt = False
    try:
        with logcontext.bind(job_id=job.pk, user_id=job.user_id):
            get_handler(job.type)(job)
    except RetryLater as exc:
        outcome, retry_seconds = "retry_later", exc.seconds
        counts_attempt = exc.counts_attempt
        if counts_attempt:
            error = f"{type(exc).__name__}: {exc}"
    except PermanentError as exc:
        outcome, error = "dead", f"{type(exc).__name__}: {exc}"
    except Exception as exc:
        outcome, error, tb = "failed", f"{type(exc).__name__}: {exc}", traceback.format_exc()
    else:
        outcome = "succeeded"
    finally:
        close_old_connections()
    return Result(
        job, outcome, time.monotonic() - started, error, tb, retry_seconds, counts_attempt
    )


def transition(result: Result, at: datetime) -> dict[str, Any]:
    """The row's new values. ``at`` is one time for a whole batch, so that outcomes setting
    the same values (all one-off successes, say) are written by one statement."""
    job = result.job
    if result.outcome == "succeeded":
        return outcomes.succeeded(job, at)
    if result.outcome == "retry_later":
        return outcomes.retry_later(
            job, at, result.retry_seconds, counts_attempt=result.counts_attempt, error=result.error
        )
    if result.outcome == "dead":
        return outcomes.dead(job, at, result.error)
    return outcomes.failed(job, at, result.error, result.traceback, random.random())


Unrecorded = tuple[Future[Result], Result, dict[str, Any]]


class Scheduler:
    def __init__(
        self,
        *,
        workers: int,
        poll_interval: float,
        lease_seconds: float,
        grace: float = 30.0,
        once: bool = False,
        exit_when_idle: bool = False,
        using: str = "default",
    ) -> None:
        self.workers = workers
        self.poll_interval = poll_interval
        self.lease_seconds = lease_seconds
        self.grace = grace
        self.once = once
        self.exit_when_idle = exit_when_idle
        self.using = using
        self.owner = lease_owner_name()
        self._claims = itertools.count(1)
        self.stats = Stats()
        self.total = Stats()
        self.abandoned = 0  # jobs still running when we had to give up waiting
        self._abandoned_jobs: list[Job] = []
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._forced = threading.Event()
        self._running: dict[Future[Result], Job] = {}
        self._done: collections.deque[Future[Result]] = collections.deque()
        self._unrecorded: list[Unrecorded] = []
        self._worker_threads = 0
        self._last_reap = float("-inf")
        self._last_beat = float("-inf")
        self._executor: ThreadPoolExecutor

    # --- control, safe to call from signal handlers -------------------------------------

    def request_stop(self) -> None:
        """First call: stop claiming and drain. Second call: give up waiting at once."""
        if self._stopping.is_set():
            self._forced.set()
        self._stopping.set()
        self._wake.set()

    # --- the loop -----------------------------------------------------------------------

    def run(self) -> int:
        """Run until stopped (or idle) and return the exit status.

        0 when every job that was running finished (a SIGTERM stop included); 1 if a job
        failed in --once mode, or if jobs were abandoned: still running when ``grace`` ran
        out or a second signal came. Abandoned jobs keep their leases, renewed no more, so
        no other process starts them while their handlers still run in this one; the caller
        calls :meth:`hand_back` as the very last thing before the process exits.
        """
        logger.info(
            "scheduler %s: %d workers, lease %gs, poll %gs",
            self.owner,
            self.workers,
            self.lease_seconds,
            self.poll_interval,
        )
        wakeup.subscribe(self._wake)
        listener = None
        if connections[self.using].vendor == "postgresql" and not self.once:
            listener = wakeup.Listener(self._wake.set, self.using)
            listener.start()
        heartbeat_stop = threading.Event()
        heartbeat = threading.Thread(
            target=self._heartbeat, args=(heartbeat_stop,), name="jobs-heartbeat", daemon=True
        )
        heartbeat.start()
        executor = self._executor = ThreadPoolExecutor(
            self.workers, thread_name_prefix="jobs-worker", initializer=self._worker_started
        )
        try:
            self._loop(now() if self.once else None)
            self._drain()
        finally:
            with contextlib.suppress(DatabaseError):
                heartbeats.unregister(self.owner, using=self.using)
            if not self.abandoned:
                self._close_worker_connections(executor)
            executor.shutdown(wait=not self.abandoned, cancel_futures=True)
            heartbeat_stop.set()
            heartbeat.join(timeout=5)
            if listener is not None:
                listener.stop()
            wakeup.unsubscribe(self._wake)
            self._log_stats(self.total, "total")
        if self.abandoned:
            return 1
        failed = self.total.failed + self.total.dead
        return 1 if self.once and failed else 0

    def _loop(self, due_before: datetime | None) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self._reap_if_due()
                batch = self._take_finished()
                # Outcomes and the next claim share a transaction: one commit (one WAL
                # flush on PostgreSQL, one write lock on SQLite) per turn of the loop.
                with transaction.atomic(using=self.using):
                    self._beat_if_due()
                    written = self._write(batch)
                    claimed = claim(
                        f"{self.owner}:{next(self._claims)}",
                        self.workers - len(self._running) + len(batch),
                        self.lease_seconds,
                        due_before=due_before,
                        using=self.using,
                    )
                self._forget(batch, written)
                for job in claimed:
                    self._submit(job)
                self._log_stats_if_due()
                if not claimed and not self._running and self._idle(due_before):
                    return
            except DatabaseError:
                logger.exception("database error; retrying in %gs", self.poll_interval)
                connections[self.using].close()
                self._stopping.wait(self.poll_interval)
                continue
            self._wake.wait(self.poll_interval)

    def _beat_if_due(self) -> None:
        """Our process row, beaten by the loop itself: a stuck loop stops the heartbeat."""
        if time.monotonic() - self._last_beat >= self.poll_interval:
            heartbeats.beat(self.owner, workers=self.workers, using=self.using)
            self._last_beat = time.monotonic()

    def _idle(self, due_before: datetime | None) -> bool:
        """--once: nothing left that was due at start. --exit-when-idle: nothing due or
        running anywhere (so a dead peer's jobs are taken over before we leave)."""
        if self.once:
            return True
        if not self.exit_when_idle:
            return False
        busy = Q(status=Status.RUNNING) | Q(status=Status.PENDING, next_run__lte=now())
        return not Job.objects.using(self.using).filter(busy).exists()

    def _submit(self, job: Job) -> None:
        future = self._executor.submit(run_job, job)
        self._running[future] = job
        future.add_done_callback(self._finished)

    def _finished(self, future: Future[Result]) -> None:
        if not future.cancelled():
            self._done.append(future)
            self._wake.set()

    def _record_finished(self) -> None:
        batch = self._take_finished()
        self._forget(batch, self._write(batch))

    def _take_finished(self) -> list[Unrecorded]:
        """Move finished jobs to the outcomes waiting to be written, and return those.

        They stay there until a write commits, so a database error loses no outcome.
        """
        at = now()
        while self._done:
            future = self._done.popleft()
            result = _result_of(future, self._running[future])
            try:
                values = transition(result, at)
            except Exception as exc:
                # One odd row (a bad zone, a date out of range) must not stop the scheduler.
                result.outcome, result.error = "dead", f"cannot record the outcome: {exc!r}"
                values = outcomes.dead(result.job, at, result.error)
            self._unrecorded.append((future, result, values))
        return list(self._unrecorded)

    def _write(self, batch: list[Unrecorded]) -> int:
        if not batch:
            return 0
        return outcomes.record(
            [(result.job, values) for _, result, values in batch], using=self.using
        )

    def _forget(self, batch: list[Unrecorded], written: int) -> None:
        """After the commit: free the workers' slots, count and log."""
        if not batch:
            return
        self._unrecorded = self._unrecorded[len(batch) :]
        for future, result, values in batch:
            del self._running[future]
            self._count_and_log(result, values)
        if written < len(batch):
            discarded = len(batch) - written
            self.stats.discarded += discarded
            self.total.discarded += discarded
            logger.warning(
                "%d outcome(s) discarded: the jobs were cancelled, requeued or taken over "
                "while running",
                discarded,
            )

    def _reap_if_due(self) -> None:
        if time.monotonic() - self._last_reap < self.poll_interval:
            return
        self._last_reap = time.monotonic()
        taken = outcomes.reap_expired(using=self.using)
        if taken:
            self.stats.taken_over += taken
            self.total.taken_over += taken
            logger.warning("took over %d job(s) whose worker was lost (lease expired)", taken)

    def _drain(self) -> None:
        """Graceful stop: release what has not started, wait ``grace`` for the rest."""
        unstarted = [job for future, job in list(self._running.items()) if future.cancel()]
        for future in [f for f in self._running if f.cancelled()]:
            del self._running[future]
        logger.info(
            "stopping: released %d unstarted job(s), waiting up to %gs for %d running",
            len(unstarted),
            self.grace,
            len(self._running),
        )
        deadline = time.monotonic() + self.grace
        try:
            release(unstarted, using=self.using)
            while self._running and not self._forced.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._wake.wait(min(remaining, 0.5))
                self._wake.clear()
                self._record_finished()
            self._record_finished()
        except DatabaseError:
            logger.exception("database error while stopping")
        if self._running:
            self._abandoned_jobs = list(self._running.values())
            self.abandoned = len(self._abandoned_jobs)
            logger.warning(
                "abandoning %d running job(s); they are handed back as the process exits",
                self.abandoned,
            )

    def hand_back(self) -> int:
        """Release the abandoned jobs' leases without counting an attempt: the run was cut
        short by a stop, not failed by the job, so deploys cannot walk a healthy long job
        to the dead letters. Due at once for any scheduler, hence called only when our
        handlers are about to die with the process (``os._exit`` right after)."""
        try:
            return release(self._abandoned_jobs, using=self.using)
        except DatabaseError:
            logger.exception("could not hand jobs back; their leases expire on their own")
            return 0

    # --- threads ------------------------------------------------------------------------

    def _heartbeat(self, stop: threading.Event) -> None:
        try:
            while not stop.wait(self.lease_seconds / 3):
                # A snapshot: the loop adds and removes jobs meanwhile.
                running = list(self._running.copy().values())
                if not running:
                    continue
                try:
                    renew_leases(running, self.lease_seconds, using=self.using)
                except DatabaseError:
                    logger.exception("could not renew leases")
                    connections[self.using].close()
        finally:
            connections.close_all()

    def _worker_started(self) -> None:
        self._worker_threads += 1

    def _close_worker_connections(self, executor: ThreadPoolExecutor) -> None:
        """Close each worker thread's connections in that thread.

        ThreadPoolExecutor has an initializer but no finalizer, so one closing task per
        thread is submitted, held at a barrier until every thread has taken one.
        """
        count = self._worker_threads
        if not count:
            return
        barrier = threading.Barrier(count)

        def close() -> None:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)
            connections.close_all()

        wait_for([executor.submit(close) for _ in range(count)], timeout=10)

    # --- bookkeeping --------------------------------------------------------------------

    def _count_and_log(self, result: Result, values: dict[str, Any]) -> None:
        job = result.job
        status = values["status"]
        if result.outcome == "succeeded" and status != Status.DEAD:
            kind = "succeeded"
        elif result.outcome == "retry_later" and status != Status.DEAD:
            kind = "retry_later"
        elif status == Status.DEAD:
            kind = "dead"
        else:
            kind = "failed"
        for stats in (self.stats, self.total):
            setattr(stats, kind, getattr(stats, kind) + 1)
        metrics.JOB_RUNS.labels(job.type, kind).inc()
        metrics.JOB_DURATION.labels(job.type).observe(result.duration)
        detail = ""
        if result.error:
            # The exception's class only: messages may carry secrets; staff read the full
            # error and traceback in the admin.
            detail = " error=" + result.error.split(":", 1)[0]
        if status == Status.PENDING:
            detail += f" next_run={values['next_run'].isoformat(timespec='seconds')}"
        with logcontext.bind(job_id=job.pk, user_id=job.user_id):
            logger.info(
                "job %s id=%s user=%s attempt=%d/%d %.1fms %s%s",
                job.type,
                job.pk,
                job.user_id or "-",
                job.retry_count + 1,
                job.max_attempts,
                result.duration * 1000,
                kind,
                detail,
            )

    def _log_stats_if_due(self) -> None:
        if time.monotonic() - self.stats.since >= STATS_INTERVAL:
            self._log_stats(self.stats, "last minute")
            self.stats = Stats()

    def _log_stats(self, stats: Stats, label: str) -> None:
        seconds = max(time.monotonic() - stats.since, 1e-9)
        logger.info(
            "stats (%s): %d jobs in %.0fs (%.1f/s) succeeded=%d failed=%d dead=%d "
            "retry_later=%d discarded=%d taken_over=%d in_flight=%d/%d",
            label,
            stats.processed,
            seconds,
            stats.processed / seconds,
            stats.succeeded,
            stats.failed,
            stats.dead,
            stats.retry_later,
            stats.discarded,
            stats.taken_over,
            len(self._running),
            self.workers,
        )


def _result_of(future: Future[Result], job: Job) -> Result:
    """A handler that escaped run_job (SystemExit, say) still counts as a failure."""
    try:
        return future.result()
    except BaseException as exc:
        tb = "".join(traceback.format_exception(exc))
        return Result(job, "failed", 0.0, f"{type(exc).__name__}: {exc}", tb)
