"""Each runscheduler process keeps a heartbeat row while it runs, and removes it on a stop."""

import datetime as dt
import os
import socket
import threading
import time

import pytest
from django.db import connections
from django.utils import timezone

from jobs import heartbeats
from jobs.models import SchedulerHeartbeat
from jobs.scheduler import Scheduler

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


def test_a_running_scheduler_beats_and_its_row_goes_when_it_stops():
    scheduler = Scheduler(workers=2, poll_interval=0.05, lease_seconds=30)

    def run():
        try:
            scheduler.run()
        finally:
            connections.close_all()  # the loop keeps its connection, as in a real process

    thread = threading.Thread(target=run)
    thread.start()
    try:
        row = wait_for(lambda: SchedulerHeartbeat.objects.filter(owner=scheduler.owner).first())
        assert (row.pid, row.workers) == (os.getpid(), 2)
        assert row.host == socket.gethostname()[:100]
        assert row.version
        first_beat = row.beat_at
        wait_for(lambda: SchedulerHeartbeat.objects.get(owner=scheduler.owner).beat_at > first_beat)
    finally:
        scheduler.request_stop()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert not SchedulerHeartbeat.objects.filter(owner=scheduler.owner).exists()


def test_a_row_deleted_by_staff_comes_back_on_the_next_beat():
    heartbeats.register("host:1:aa", workers=4)
    SchedulerHeartbeat.objects.all().delete()
    heartbeats.beat("host:1:aa", workers=4)
    assert SchedulerHeartbeat.objects.get(owner="host:1:aa").workers == 4


def test_starting_forgets_processes_silent_for_a_day():
    heartbeats.register("dead:1:aa", workers=1)
    SchedulerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(days=2))
    heartbeats.register("new:2:bb", workers=1)
    assert list(SchedulerHeartbeat.objects.values_list("owner", flat=True)) == ["new:2:bb"]


def test_live_schedulers_are_those_that_beat_recently():
    heartbeats.register("a:1:aa", workers=1)
    heartbeats.register("b:2:bb", workers=1)
    SchedulerHeartbeat.objects.filter(owner="b:2:bb").update(
        beat_at=timezone.now() - dt.timedelta(seconds=30)
    )
    live = heartbeats.live_schedulers(dt.timedelta(seconds=10))
    assert [row.owner for row in live] == ["a:1:aa"]
