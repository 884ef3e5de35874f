"""Digest and Email admin pages render for staff, who read but never add or change them."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.digests.factories import EmailFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("root@example.com", "x-long-password"))
    return client


@pytest.fixture
def email():
    return EmailFactory(subject="Contract to sign", digest__user__email="ada@example.com")


def test_digest_list_search_and_page_render(staff_client, email):
    listing = staff_client.get(reverse("admin:digests_digest_changelist"))
    assert listing.status_code == 200
    assert b"ada@example.com" in listing.content
    found = staff_client.get(reverse("admin:digests_digest_changelist"), {"q": "nobody@"})
    assert b"ada@example.com" not in found.content
    page = staff_client.get(reverse("admin:digests_digest_change", args=[email.digest.pk]))
    assert page.status_code == 200
    assert b"Contract to sign" in page.content  # the emails inline


def test_email_list_search_and_page_render(staff_client, email):
    EmailFactory(subject="Lunch on Friday?", digest=email.digest)
    found = staff_client.get(reverse("admin:digests_email_changelist"), {"q": "contract"})
    assert found.status_code == 200
    assert b"Contract to sign" in found.content
    assert b"Lunch on Friday?" not in found.content
    page = staff_client.get(reverse("admin:digests_email_change", args=[email.pk]))
    assert page.status_code == 200
    assert b"Contract to sign" in page.content


@pytest.mark.parametrize("model", ["digest", "email"])
def test_digests_and_emails_cannot_be_added_in_the_admin(staff_client, model):
    assert staff_client.get(reverse(f"admin:digests_{model}_add")).status_code == 403


def test_digest_cannot_be_changed_in_the_admin(staff_client, email):
    url = reverse("admin:digests_digest_change", args=[email.digest.pk])
    assert staff_client.post(url, {"summary": "edited"}).status_code == 403
    email.digest.refresh_from_db()
    assert email.digest.summary != "edited"


def test_email_cannot_be_changed_in_the_admin(staff_client, email):
    url = reverse("admin:digests_email_change", args=[email.pk])
    assert staff_client.post(url, {"subject": "edited"}).status_code == 403
    email.refresh_from_db()
    assert email.subject == "Contract to sign"


def test_preferences_and_feedback_lists_render(staff_client, email):
    from digests.feedback import give_feedback
    from digests.preferences import preferences_for

    user = email.digest.user
    give_feedback(user, email, "mute")
    prefs = preferences_for(user)
    listing = staff_client.get(reverse("admin:digests_digestpreferences_changelist"))
    assert b"ada@example.com" in listing.content
    page = staff_client.get(reverse("admin:digests_digestpreferences_change", args=[prefs.pk]))
    assert email.from_address.encode() in page.content  # the mute rule the feedback made
    feedback = staff_client.get(reverse("admin:digests_feedback_changelist"))
    assert feedback.status_code == 200
    assert b"mute" in feedback.content


@pytest.fixture
def ada_schedule():
    from digests.schedules import create_schedule
    from tests.accounts.factories import GoogleAccountFactory, UserFactory

    user = UserFactory(email="ada@example.com")
    GoogleAccountFactory(user=user)
    return create_schedule(user, name="Mornings", cron="0 8 * * *", timezone="UTC")


def test_staff_pause_a_schedule_and_its_job_goes(staff_client, ada_schedule):
    from jobs.models import Job

    listing = staff_client.get(reverse("admin:digests_schedule_changelist"))
    assert b"Mornings" in listing.content
    response = staff_client.post(
        reverse("admin:digests_schedule_changelist"),
        {"action": "pause_by_staff", "_selected_action": [ada_schedule.pk]},
    )
    assert response.status_code == 302
    ada_schedule.refresh_from_db()
    assert (ada_schedule.paused, ada_schedule.paused_by) == (True, "staff")
    assert not Job.objects.filter(type="digest.send").exists()

    staff_client.post(
        reverse("admin:digests_schedule_changelist"),
        {"action": "resume_selected", "_selected_action": [ada_schedule.pk]},
    )
    ada_schedule.refresh_from_db()
    assert ada_schedule.paused is False
    assert Job.objects.filter(type="digest.send", status="pending").count() == 1
