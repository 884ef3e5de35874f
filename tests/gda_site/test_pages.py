import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_invites_sign_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Sign in with Google" in response.content
    assert b"/static/css/site.css" in response.content


def test_home_sends_signed_in_users_to_their_digests(client):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/digests/"


def test_healthz_answers_from_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_admin_needs_staff(client):
    client.force_login(UserFactory())
    assert client.get("/admin/").status_code == 302
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
