"""The outbox admin pages render for staff, who read but never add or change them."""

import pytest
from django.urls import reverse

from accounts.models import User
from digests import outbox
from tests.digests.factories import EmailFactory

pytestmark = pytest.mark.django_db


def test_outbox_list_search_and_page_render(client):
    client.force_login(User.objects.create_superuser("root@example.com", "x-long-password"))
    email = EmailFactory(subject="Contract to sign", digest__user__email="ada@example.com")
    row = outbox.queue(email.digest)

    found = client.get(reverse("admin:digests_outboundemail_changelist"), {"q": "ada@"})
    assert found.status_code == 200
    assert row.message_id.encode().replace(b"<", b"&lt;").replace(b">", b"&gt;") in found.content
    missing = client.get(reverse("admin:digests_outboundemail_changelist"), {"q": "nobody@"})
    assert b"ada@example.com" not in missing.content
    page = client.get(reverse("admin:digests_outboundemail_change", args=[row.pk]))
    assert page.status_code == 200
    assert b"queued" in page.content
    assert client.get(reverse("admin:digests_outboundemail_add")).status_code == 403
