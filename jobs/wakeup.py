"""Waking sleeping schedulers when work becomes due, instead of waiting for the next poll.

On PostgreSQL, code that makes a job due sends ``NOTIFY gda_jobs`` after its transaction
commits, and every scheduler LISTENs on a dedicated connection: "run now" starts within
milliseconds on any host. Everywhere (SQLite included) schedulers in the same process are
woken through an in-process event, and the others fall back to their poll interval.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connections, transaction

CHANNEL = "gda_jobs"
logger = logging.getLogger("jobs")

_subscribers: set[threading.Event] = set()
_subscribers_lock = threading.Lock()


def subscribe(event: threading.Event) -> None:
    with _subscribers_lock:
        _subscribers.add(event)


def unsubscribe(event: threading.Event) -> None:
    with _subscribers_lock:
        _subscribers.discard(event)


def wake_local() -> None:
    with _subscribers_lock:
        events = list(_subscribers)
    for event in events:
        event.set()


def notify(using: str = "default") -> None:
    """Wake schedulers now: a lost notification only costs a poll interval, never a job."""
    wake_local()
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")
    except DatabaseError:
        logger.warning("could not NOTIFY %s; schedulers will poll", CHANNEL, exc_info=True)


def notify_on_commit(using: str = "default") -> None:
    """Wake schedulers once the caller's transaction commits (at once outside one).

    One wake-up per transaction is enough: enqueueing 5,000 jobs in one transaction sends
    one NOTIFY, not 5,000. If the savepoint that registered it rolls back, Django drops the
    callback and the next call registers a new one.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        notify(using)
        return
    callback = _wake_callbacks.setdefault(using, functools.partial(notify, using))
    if not any(func is callback for _, func, _ in connection.run_on_commit):
        transaction.on_commit(callback, using=using)


_wake_callbacks: dict[str, Callable[[], None]] = {}


class Listener:
    """A thread that LISTENs on its own autocommit connection and calls ``wake`` on NOTIFY.

    The connection is separate from Django's because LISTEN needs a session that is never
    inside a transaction and never handed to other code. If the database goes away the
    thread reconnects; meanwhile the scheduler's poll interval keeps jobs moving.
    """

    def __init__(self, wake: Callable[[], None], using: str = "default") -> None:
        self.wake = wake
        self.params = _connection_params(using)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="jobs-listen", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        while not self.stopped.is_set():
            try:
                with psycopg.connect(**self.params, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    # Anything enqueued while we were not listening is picked up now.
                    self.wake()
                    while not self.stopped.is_set():
                        for _ in conn.notifies(timeout=0.25):
                            self.wake()
            except psycopg.Error:
                logger.warning("LISTEN %s failed; retrying in 5 s", CHANNEL, exc_info=True)
                self.stopped.wait(5)


def _connection_params(using: str) -> dict[str, Any]:
    params = connections[using].get_connection_params()
    # Django's connection pool options are not connect() arguments.
    params.pop("pool", None)
    return params
