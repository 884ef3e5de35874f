"""A job's admin page: a Requeue button, no next run for stopped jobs, the product's name."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jobs.models import Job, SchedulerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead(make_users):
    [user] = make_users(1)
    return Job.objects.create(
        type="test.fail", user=user, status="dead", retry_count=10,
        last_error="RuntimeError: Gmail said 500",
    )  # fmt: skip


def change_url(job: Job) -> str:
    return reverse("admin:jobs_job_change", args=[job.pk])


def requeue_url(job: Job) -> str:
    return reverse("admin:jobs_job_requeue", args=[job.pk])


def test_a_dead_letters_page_has_a_requeue_button_posting_to_its_own_address(staff_client, dead):
    body = staff_client.get(change_url(dead)).content.decode()
    assert f'action="{requeue_url(dead)}"' in body
    assert '<button type="submit">Requeue</button>' in body


def test_the_button_requeues_like_the_list_action_and_says_so(staff_client, dead):
    response = staff_client.post(requeue_url(dead), follow=True)
    assert response.redirect_chain == [(change_url(dead), 302)]
    dead.refresh_from_db()
    assert (dead.status, dead.retry_count, dead.last_error) == ("pending", 0, "")
    assert "Requeued 1 of 1 job(s)." in response.content.decode()


def test_requeue_leaves_a_running_job_alone_and_says_why(staff_client, make_users):
    [user] = make_users(1)
    running = Job.objects.create(type="test.noop", user=user, status="running", lease_owner="h")
    assert "Requeue</button>" not in staff_client.get(change_url(running)).content.decode()
    response = staff_client.post(requeue_url(running), follow=True)
    running.refresh_from_db()
    assert running.status == "running"
    assert "Requeued 0 of 1 job(s). Running jobs" in response.content.decode()


def test_requeue_is_a_post_with_csrf(client, dead):
    staff = get_user_model().objects.create(email="s@example.com", is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get(requeue_url(dead)).status_code == 405
    client.handler.enforce_csrf_checks = True
    assert client.post(requeue_url(dead)).status_code == 403
    dead.refresh_from_db()
    assert dead.status == "dead"


def test_requeue_needs_staff(client, dead):
    response = client.post(requeue_url(dead))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    dead.refresh_from_db()
    assert dead.status == "dead"


@pytest.mark.parametrize("status", ["dead", "cancelled", "succeeded"])
def test_a_stopped_job_shows_no_next_run(staff_client, make_users, status):
    [user] = make_users(1)
    job = Job.objects.create(type="test.noop", user=user, status=status)
    listing = staff_client.get(reverse("admin:jobs_job_changelist")).content.decode()
    assert '<td class="field-next_run_shown">—</td>' in listing
    page = staff_client.get(change_url(job)).content.decode()
    assert '<div class="readonly">—</div>' in page


def test_a_pending_job_shows_its_next_run(staff_client, make_users):
    [user] = make_users(1)
    Job.objects.create(type="test.noop", user=user)
    listing = staff_client.get(reverse("admin:jobs_job_changelist")).content.decode()
    assert '<td class="field-next_run_shown">—</td>' not in listing


def test_admin_pages_carry_the_products_name_and_plurals_are_spelled(staff_client):
    body = staff_client.get(reverse("admin:index")).content.decode()
    assert "Django administration" not in body
    assert "<title>Staff pages | Gmail Digest Assistant staff</title>" in body
    assert '<a href="/admin/">Gmail Digest Assistant</a>' in body
    assert SchedulerHeartbeat._meta.verbose_name_plural == "scheduler processes"
    assert "Scheduler processes" in body


def test_requeue_of_a_malformed_id_is_not_found(staff_client):
    assert staff_client.post("/admin/jobs/job/abc/requeue/").status_code == 404
