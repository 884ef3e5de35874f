"""Not found and server errors answer with the site's own pages, not Django's bare ones."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_missing_digest_is_a_page_of_the_site_with_a_way_back(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get("/digests/999999/")

    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in body
    assert '<a class="button" href="/digests/">Your digests</a>' in body
    assert f"Sign out ({user.email})" in body  # the site's header, signed in
    assert "/static/css/site.css" in body


def test_a_stranger_is_pointed_home(client):
    body = client.get("/no/such/page/").content.decode()

    assert "<h1>Page not found</h1>" in body
    assert '<a class="button" href="/">Home</a>' in body


@pytest.mark.django_db(databases=[])  # the 500 page must render with the database down
def test_a_server_error_says_what_happened_without_the_database():
    response = server_error(RequestFactory().get("/digests/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in body
    assert "your digests and schedules are as they were" in body
    assert "/static/css/site.css" in body
