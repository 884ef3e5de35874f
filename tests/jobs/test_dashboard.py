"""The jobs dashboard in the admin: counts, dead letters, the oldest due job, the last hour."""

import datetime as dt

import pytest
from django.utils import timezone

from jobs.dashboard import dashboard
from jobs.models import Job, SchedulerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(make_users):
    ada, bob, cy = make_users(3)
    now = timezone.now()
    due = Job.objects.enqueue("test.record", user=ada)
    Job.objects.filter(pk=due.pk).update(next_run=now - dt.timedelta(minutes=7))
    later = Job.objects.enqueue("test.record", user=bob)
    Job.objects.filter(pk=later.pk).update(next_run=now + dt.timedelta(hours=1))
    dead = Job.objects.enqueue("test.fail", user=cy)
    Job.objects.filter(pk=dead.pk).update(
        status=Job.Status.DEAD,
        last_error="RuntimeError: failure number 10",
        last_run=now - dt.timedelta(minutes=5),
    )
    ok = Job.objects.enqueue("test.sleep", user=ada)
    Job.objects.filter(pk=ok.pk).update(
        status=Job.Status.SUCCEEDED, last_run=now - dt.timedelta(minutes=30)
    )
    old = Job.objects.enqueue("test.sleep", user=bob)
    Job.objects.filter(pk=old.pk).update(
        status=Job.Status.SUCCEEDED, last_run=now - dt.timedelta(hours=3)
    )
    return {"due": due, "dead": dead}


def test_counts_by_type_and_status(jobs):
    board = dashboard()
    pending = board.statuses.index("pending")
    counts = {kind: (values, total) for kind, values, total in board.counts}
    assert counts["test.record"][0][pending] == 2
    assert counts["test.record"][1] == 2
    assert board.totals[board.statuses.index("succeeded")] == 2
    assert board.dead_total == 1
    assert board.total == Job.objects.count() == 5


def test_oldest_due_job_and_its_lag(jobs):
    board = dashboard()
    assert board.oldest_due.pk == jobs["due"].pk
    assert dt.timedelta(minutes=7) <= board.lag < dt.timedelta(minutes=8)


def test_the_last_hour(jobs):
    board = dashboard()
    assert (board.ran_last_hour, board.failed_last_hour) == (2, 1)


def test_staff_see_the_page_with_dead_letters_and_their_errors(jobs, admin_client):
    response = admin_client.get("/admin/jobs/job/dashboard/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "RuntimeError: failure number 10" in content
    assert f"/admin/jobs/job/{jobs['dead'].pk}/change/" in content
    assert "Dead letters (1)" in content
    assert "<td>5</td></tr></tfoot>" in content  # the grand total closes the totals row


def test_the_jobs_list_links_to_it(admin_client):
    assert b"/admin/jobs/job/dashboard/" in admin_client.get("/admin/jobs/job/").content


def test_people_who_are_not_staff_are_sent_to_sign_in(client, django_user_model):
    client.force_login(django_user_model.objects.create(email="ada@example.com"))
    response = client.get("/admin/jobs/job/dashboard/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def beat_at(at: dt.datetime) -> SchedulerHeartbeat:
    return SchedulerHeartbeat.objects.create(
        owner="vm:42:x", host="vm", pid=42, version="1", workers=4, started_at=at, beat_at=at
    )


def test_a_scheduler_that_just_checked_in_beat_just_now(admin_client):
    beat_at(timezone.now())
    content = admin_client.get("/admin/jobs/job/dashboard/").content.decode()
    assert "(vm pid 42, beat just now)" in content
    assert "0 minutes" not in content


def test_an_older_beat_says_how_long_ago(admin_client):
    beat_at(timezone.now() - dt.timedelta(minutes=5, seconds=10))
    content = admin_client.get("/admin/jobs/job/dashboard/").content.decode()
    assert "(vm pid 42, beat 5\xa0minutes ago)" in content
