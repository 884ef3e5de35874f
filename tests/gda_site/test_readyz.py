"""/readyz: ready only with the database, every migration and a live scheduler."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from gda_site import health
from jobs import heartbeats
from jobs.models import SchedulerHeartbeat

pytestmark = pytest.mark.django_db


def test_not_ready_without_a_scheduler_heartbeat(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"] == {"ok": True, "detail": "all applied"}
    assert body["checks"]["schedulers"]["ok"] is False


def test_ready_with_a_live_scheduler(client):
    heartbeats.register("host:1:aa", workers=4)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["schedulers"] == {"ok": True, "detail": "1 live"}


def test_a_stale_heartbeat_does_not_count(client, settings):
    heartbeats.register("host:1:aa", workers=4)
    stale = 3 * settings.CONFIG.scheduler.poll_interval
    SchedulerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(seconds=stale))
    assert client.get("/readyz").status_code == 503


def test_unapplied_migrations_make_it_not_ready(monkeypatch, client):
    monkeypatch.setattr(health, "_migrated", False)
    [(app, last)] = MigrationLoader(connection).graph.leaf_nodes("jobs")  # jobs' newest
    MigrationRecorder(connection).record_unapplied(app, last)
    body = client.get("/readyz").json()
    assert body["checks"]["migrations"] == {"ok": False, "detail": "1 not applied"}
    assert "schedulers" not in body["checks"]


def test_healthz_answers_while_not_ready(client):
    assert client.get("/healthz").json() == {"status": "ok"}
