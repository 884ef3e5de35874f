"""The jobs admin: dead letters readable, actions on every row matching the filters."""

import datetime as dt

import pytest
from django.contrib.admin import site as admin_site
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from tests.jobs.conftest import reload

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:jobs_job_changelist")


@pytest.fixture
def jobs(make_users):
    """Three dead letters of two types, one pending job, one running job."""
    users = make_users(5)
    return {
        "dead_a": Job.objects.create(
            type="test.fail", user=users[0], status="dead", retry_count=10,
            last_error="RuntimeError: Gmail said 500", last_traceback="Traceback <b>boom</b>",
        ),
        "dead_b": Job.objects.create(
            type="test.fail", user=users[1], status="dead", retry_count=10,
            last_error="RuntimeError: Gmail said 503",
        ),
        "dead_other": Job.objects.create(
            type="test.permanent", user=users[2], status="dead", retry_count=1,
            last_error="PermanentError: token revoked",
        ),
        "pending": Job.objects.create(type="test.noop", user=users[3]),
        "running": Job.objects.create(
            type="test.noop", user=users[4], status="running", lease_owner="h:1:x"
        ),
    }  # fmt: skip


def act(client, action, query="", selected=(), select_across=False):
    data = {"action": action, "index": "0", ACTION_CHECKBOX_NAME: [str(pk) for pk in selected]}
    if select_across:
        data["select_across"] = "1"
    return client.post(CHANGELIST + query, data, follow=True)


def test_changelist_lists_jobs_with_attempts_and_error(staff_client, jobs):
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "RuntimeError: Gmail said 500" in body
    assert "10/10" in body
    local, domain = jobs["pending"].user.email.split("@")
    assert f"{local}@<wbr>{domain}" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status__exact=dead", {"dead_a", "dead_b", "dead_other"}),
        ("?type=test.fail", {"dead_a", "dead_b"}),
        ("?has_error=yes", {"dead_a", "dead_b", "dead_other"}),
        ("?has_error=no", {"pending", "running"}),
        ("?q=503", {"dead_b"}),
        ("?q=token+revoked", {"dead_other"}),
        ("?q=test.noop", {"pending", "running"}),
    ],
)
def test_filters_and_search(staff_client, jobs, query, expected):
    response = staff_client.get(CHANGELIST + query)
    shown = {job.pk for job in response.context["cl"].result_list}
    assert shown == {jobs[name].pk for name in expected}


def test_search_by_user_email(staff_client, jobs):
    response = staff_client.get(CHANGELIST, {"q": jobs["dead_b"].user.email})
    assert [job.pk for job in response.context["cl"].result_list] == [jobs["dead_b"].pk]


def test_dead_letter_shows_its_traceback_escaped_and_bookkeeping_read_only(staff_client, jobs):
    url = reverse("admin:jobs_job_change", args=[jobs["dead_a"].pk])
    body = staff_client.get(url).content.decode()
    assert "Traceback &lt;b&gt;boom&lt;/b&gt;" in body
    assert "<pre" in body
    assert 'name="payload"' in body
    assert 'name="max_retries"' in body
    for field in ("status", "retry_count", "lease_owner", "next_run", "last_error"):
        assert f'name="{field}"' not in body


def test_staff_cannot_add_jobs_by_hand(staff_client):
    assert staff_client.get(reverse("admin:jobs_job_add")).status_code == 403


def test_requeue_all_matching_the_filter_not_only_the_checked_row(staff_client, jobs):
    response = act(
        staff_client,
        "requeue",
        "?status__exact=dead&type=test.fail",
        selected=[jobs["dead_a"].pk],
        select_across=True,
    )
    assert response.status_code == 200
    assert "Requeued 2 of 2 job(s)." in response.content.decode()
    for name in ("dead_a", "dead_b"):
        row = reload(jobs[name])
        assert (row.status, row.retry_count, row.last_error) == ("pending", 0, "")
        assert row.next_run <= timezone.now()
    assert reload(jobs["dead_other"]).status == "dead"


def test_requeue_only_the_checked_rows_without_select_across(staff_client, jobs):
    act(staff_client, "requeue", "?status__exact=dead", selected=[jobs["dead_a"].pk])
    assert reload(jobs["dead_a"]).status == "pending"
    assert reload(jobs["dead_b"]).status == "dead"


def test_requeue_across_a_search(staff_client, jobs):
    act(staff_client, "requeue", "?q=Gmail", selected=[jobs["dead_a"].pk], select_across=True)
    assert {reload(jobs[n]).status for n in ("dead_a", "dead_b")} == {"pending"}
    assert reload(jobs["dead_other"]).status == "dead"


def test_requeue_says_what_it_left_alone(staff_client, jobs):
    response = act(staff_client, "requeue", "", selected=[jobs["running"].pk], select_across=True)
    body = response.content.decode()
    assert "Requeued 4 of 5 job(s)." in body
    assert "Running jobs" in body
    assert reload(jobs["running"]).status == "running"


def test_run_now_cancel_and_resume_actions(staff_client, jobs):
    pending = jobs["pending"]
    Job.objects.filter(pk=pending.pk).update(next_run=timezone.now() + dt.timedelta(days=1))
    act(staff_client, "run_now", selected=[pending.pk])
    assert reload(pending).next_run <= timezone.now()

    response = act(staff_client, "cancel", "?status__exact=dead", [jobs["dead_b"].pk], True)
    assert "Cancelled 3 of 3 job(s)." in response.content.decode()
    assert Job.objects.filter(status="cancelled").count() == 3

    act(staff_client, "resume", "?status__exact=cancelled", [jobs["dead_b"].pk], True)
    assert Job.objects.filter(status="cancelled").count() == 0


def test_run_now_explains_why_dead_letters_did_not_move(staff_client, jobs):
    response = act(staff_client, "run_now", selected=[jobs["dead_a"].pk])
    assert "0 of 1 job(s) will run now. Only pending jobs can run now" in response.content.decode()


def test_delete_every_matching_dead_letter(staff_client, jobs):
    query = "?status__exact=dead"
    confirm = act(staff_client, "delete_selected", query, [jobs["dead_a"].pk], True)
    assert b"Are you sure" in confirm.content
    staff_client.post(
        CHANGELIST + query,
        {
            "action": "delete_selected",
            "select_across": "1",
            "index": "0",
            ACTION_CHECKBOX_NAME: [str(jobs["dead_a"].pk)],
            "post": "yes",
        },
    )
    assert not Job.objects.filter(status="dead").exists()
    assert Job.objects.count() == 2


def test_admin_needs_staff(client, jobs):
    assert client.get(CHANGELIST).status_code == 302


def test_saving_the_change_form_writes_only_the_edited_fields(jobs, rf):
    """The scheduler claims the job between the admin's read and its save: the save must
    not write back the status, lease and next run it read."""
    model_admin = admin_site._registry[Job]
    request = rf.post("/")
    request.user = get_user_model().objects.create(
        email="s@example.com", is_staff=True, is_superuser=True
    )
    read = Job.objects.get(pk=jobs["pending"].pk)
    read_at = read.updated_at
    claimed_at = timezone.now() + dt.timedelta(minutes=1)
    Job.objects.filter(pk=read.pk).update(
        status="running", lease_owner="h:2:y:1", next_run=claimed_at
    )
    form = model_admin.get_form(request, read, change=True)(
        {"payload": '{"fixed": true}', "max_retries": "3"}, instance=read
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    row = reload(read)
    assert (row.payload, row.max_retries) == ({"fixed": True}, 3)
    assert (row.status, row.lease_owner, row.next_run) == ("running", "h:2:y:1", claimed_at)
    assert row.updated_at > read_at


def test_resume_says_a_job_cancelled_mid_run_waits_for_its_run(staff_client, jobs):
    act(staff_client, "cancel", "", [jobs["running"].pk])
    response = act(staff_client, "resume", "", [jobs["running"].pk])
    assert "Resumed 0 of 1 job(s). Only cancelled jobs resume, once a run in flight" in (
        response.content.decode()
    )
    assert reload(jobs["running"]).status == "cancelled"
