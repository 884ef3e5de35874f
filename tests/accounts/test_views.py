"""Small behaviours of the account views that need no Google."""

import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_started_on_another_loopback_name_moves_to_the_site_host(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    response = client.get("/accounts/google/start/?next=/digests/", HTTP_HOST="localhost:8000")

    assert response.status_code == 302
    assert response.url == "http://127.0.0.1:8000/accounts/google/start/?next=/digests/"


def test_sign_in_on_the_site_host_is_not_redirected_to_itself(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    response = client.get("/accounts/google/start/", HTTP_HOST="127.0.0.1:8000")

    # Handled here (no Google client is configured in tests: the explaining page).
    assert response.status_code == 503
    assert "Location" not in response


def test_sign_out_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/digests/").status_code == 302  # back to the sign-in page


def test_sign_out_needs_post(client):
    client.force_login(UserFactory())
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/digests/").status_code == 200
