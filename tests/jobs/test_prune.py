"""Retention: the jobs.prune system job."""

import datetime as dt

import pytest
from django.utils import timezone

from jobs import jobs as system_jobs
from jobs.models import Job

pytestmark = pytest.mark.django_db


def aged(user, status, days, **fields):
    job = Job.objects.create(type="test.noop", user=user, status=status, **fields)
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(days=days))
    return job


def test_prune_deletes_only_what_is_past_its_retention(make_users, settings, monkeypatch):
    monkeypatch.setattr(system_jobs, "CHUNK", 2)  # several chunks
    users = make_users(12)
    succeeded_days = settings.CONFIG.scheduler.succeeded_retention_days  # 7
    dead_days = settings.CONFIG.scheduler.dead_retention_days  # 90
    old_succeeded = [aged(u, "succeeded", succeeded_days + 1) for u in users[:5]]
    keep = [
        aged(users[5], "succeeded", succeeded_days - 1),
        aged(users[6], "dead", dead_days - 1),
        aged(users[7], "cancelled", 1000),
        aged(users[8], "pending", 1000, schedule="@daily"),
    ]
    old_dead = [
        aged(users[9], "dead", dead_days + 1),
        aged(users[10], "dead", dead_days + 1, schedule="@daily"),
    ]
    system_jobs.prune(Job(type="jobs.prune"))
    remaining = set(Job.objects.values_list("pk", flat=True))
    assert remaining == {job.pk for job in keep}
    assert not remaining & {job.pk for job in old_succeeded + old_dead}


def test_ensure_system_jobs_is_idempotent():
    system_jobs.ensure_system_jobs()
    system_jobs.ensure_system_jobs()
    prune = Job.objects.get(type="jobs.prune")
    assert (prune.user_id, prune.schedule) == (None, "17 * * * *")
    assert prune.next_run.minute == 17
