"""/metrics: who may read it, the database gauges, and counts from every process."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from jobs import heartbeats
from jobs.models import Job
from tests.digests.conftest import replace_config
from tests.jobs.processes import SchedulerProcess

pytestmark = pytest.mark.django_db


def sample(body: str, name: str, **labels: str) -> float | None:
    """The value of one sample in Prometheus text, or None when it is not there."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in body.splitlines():
        match = re.match(r"^([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if not match or match.group(1) != name:
            continue
        found = ",".join(sorted((match.group(2) or "").split(","))) if match.group(2) else ""
        if found == wanted:
            return float(match.group(3))
    return None


def test_loopback_may_read_without_a_token(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")


def test_other_addresses_are_refused_without_the_token(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_the_bearer_token_opens_it_from_anywhere(client, settings):
    replace_config(settings, "metrics", token="s3cret-token")
    ok = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer s3cret-token"}
    )
    wrong = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer guess"}
    )
    assert (ok.status_code, wrong.status_code) == (200, 403)


def test_allowed_networks_are_configurable(client, settings):
    replace_config(settings, "metrics", allowed_ips=["10.0.0.0/8"])
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_database_gauges(client, django_user_model):
    user = django_user_model.objects.create(email="ada@example.com")
    overdue = Job.objects.enqueue("test.record", user=user)
    Job.objects.filter(pk=overdue.pk).update(next_run=timezone.now() - dt.timedelta(minutes=5))
    dead = Job.objects.enqueue("test.fail", user=user)
    Job.objects.filter(pk=dead.pk).update(status=Job.Status.DEAD)
    heartbeats.register("host:1:aa", workers=4)

    body = client.get("/metrics").content.decode()

    assert sample(body, "gda_jobs", status="pending", type="test.record") == 1
    assert sample(body, "gda_jobs", status="dead", type="test.fail") == 1
    assert sample(body, "gda_dead_letters") == 1
    assert 299 <= sample(body, "gda_claim_lag_seconds") < 400
    assert sample(body, "gda_live_schedulers") == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_counts_from_a_runscheduler_process_reach_the_scrape(
    client, django_user_model, tmp_path, monkeypatch
):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    (tmp_path / "metrics").mkdir()
    users = [django_user_model.objects.create(email=f"u{i}@example.com") for i in range(3)]
    for user in users:  # one pending one-off job per (user, type)
        Job.objects.enqueue("test.record", user=user, payload={"record_to": str(tmp_path / "r")})
    Job.objects.enqueue("test.fail", user=users[0], payload={"record_to": str(tmp_path / "r")})

    process = SchedulerProcess(["--once"], tmp_path / "scheduler.log")
    assert process.wait() == 1  # the failing job makes --once exit 1

    body = client.get("/metrics").content.decode()
    assert sample(body, "gda_job_runs_total", outcome="succeeded", type="test.record") == 3
    assert sample(body, "gda_job_runs_total", outcome="failed", type="test.fail") == 1
    assert sample(body, "gda_job_duration_seconds_count", type="test.record") == 3
