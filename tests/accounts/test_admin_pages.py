"""The user and Google account admin pages render for staff and never show tokens."""

import pytest
from django.urls import reverse

from accounts.models import User
from digests.models import Digest, Schedule
from jobs.models import Job
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import DigestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("root@example.com", "x-long-password"))
    return client


def test_user_list_search_and_change_pages_render(staff_client):
    user = UserFactory(email="ada@example.com", name="Ada Lovelace")
    UserFactory(email="bob@example.com")
    listing = staff_client.get(reverse("admin:accounts_user_changelist"))
    assert listing.status_code == 200
    assert b"bob@example.com" in listing.content
    found = staff_client.get(reverse("admin:accounts_user_changelist"), {"q": "lovelace"})
    assert b"ada@example.com" in found.content
    assert b"bob@example.com" not in found.content
    page = staff_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert page.status_code == 200
    assert b"Ada Lovelace" in page.content


def test_google_account_pages_never_show_tokens(staff_client):
    account = GoogleAccountFactory(
        user=UserFactory(email="ada@example.com"),
        access_token="ya29.secret-access",
        refresh_token="1//secret-refresh",
    )
    pages = [
        staff_client.get(reverse("admin:accounts_googleaccount_changelist")),
        staff_client.get(reverse("admin:accounts_googleaccount_changelist"), {"q": "ada@"}),
        staff_client.get(reverse("admin:accounts_googleaccount_change", args=[account.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        assert b"ada@example.com" in page.content
        for secret in (
            "ya29.secret-access",
            "1//secret-refresh",
            account.access_token_encrypted,
            account.refresh_token_encrypted,
        ):
            assert secret.encode() not in page.content


def test_google_account_admin_is_view_only(staff_client):
    account = GoogleAccountFactory()
    url = reverse("admin:accounts_googleaccount_change", args=[account.pk])
    assert staff_client.post(url, {"status": "revoked"}).status_code == 403
    assert staff_client.get(reverse("admin:accounts_googleaccount_add")).status_code == 403
    account.refresh_from_db()
    assert account.status == "connected"


def test_a_users_page_and_row_link_to_their_jobs_digests_and_schedules(staff_client):
    ada, bob = UserFactory(email="ada@example.com"), UserFactory(email="bob@example.com")
    for person in (ada, bob):
        Job.objects.enqueue(f"report.{person.email[:3]}", user=person)
        DigestFactory(user=person)
        Schedule.objects.create(user=person, name=f"Sched {person.email[:3]}", cron="0 8 * * *",
                                timezone="UTC")  # fmt: skip
    filter_ = f"?user__id__exact={ada.pk}"
    expected = {
        reverse("admin:jobs_job_changelist") + filter_: Job,
        reverse("admin:digests_digest_changelist") + filter_: Digest,
        reverse("admin:digests_schedule_changelist") + filter_: Schedule,
    }
    change = staff_client.get(reverse("admin:accounts_user_change", args=[ada.pk]))
    listing = staff_client.get(reverse("admin:accounts_user_changelist"))
    for url in expected:
        assert f'href="{url.replace("&", "&amp;")}"'.encode() in change.content
        assert f'href="{url}"'.encode() in listing.content

    for url, model in expected.items():
        page = staff_client.get(url)
        assert page.status_code == 200, url
        shown = {row.user_id for row in page.context["cl"].result_list}
        assert shown == {ada.pk}, model.__name__
        assert model.objects.filter(user=bob).exists()
