"""The user and Google account admin pages render for staff and never show tokens."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import GoogleAccountFactory, UserFactory

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
