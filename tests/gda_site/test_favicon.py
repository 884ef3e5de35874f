"""A small local favicon: linked from every page and served at /favicon.ico."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_static_icon(client: Client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    assert finders.find("favicon.svg")


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/login/", "/digests/"])
def test_pages_link_the_icon(client: Client, url: str):
    client.force_login(UserFactory())
    content = client.get(url, follow=True).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in content
