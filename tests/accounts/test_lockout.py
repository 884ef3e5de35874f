"""Password sign-in locks after repeated failures per account and per address (django-axes)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factory's


def attempt(client, email, password, address="198.51.100.7"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client):
    UserFactory(email="root@example.com", is_staff=True)
    codes = [attempt(client, "root@example.com", f"guess {i}").status_code for i in range(5)]
    assert codes == [200] * 4 + [429]  # the fifth failure locks

    response = attempt(client, "root@example.com", PASSWORD)

    assert response.status_code == 429
    assert b"Sign-in locked for an hour" in response.content
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_every_address(client):
    UserFactory(email="root@example.com", is_staff=True)
    for i in range(5):
        attempt(client, "root@example.com", "wrong", address=f"203.0.113.{i}")
    assert attempt(client, "root@example.com", PASSWORD, "192.0.2.1").status_code == 429


def test_an_address_that_guesses_many_accounts_is_locked(client):
    UserFactory(email="ada@example.com")
    for i in range(5):
        attempt(client, f"nobody{i}@example.com", "wrong")
    assert attempt(client, "ada@example.com", PASSWORD).status_code == 429
    assert attempt(client, "ada@example.com", PASSWORD, "192.0.2.1").status_code == 302


def test_a_success_before_the_limit_resets_the_count(client):
    UserFactory(email="ada@example.com")
    for _ in range(4):
        attempt(client, "ada@example.com", "wrong")
    assert attempt(client, "ada@example.com", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "ada@example.com", "wrong")
    assert attempt(client, "ada@example.com", PASSWORD).status_code == 302


def test_the_admin_login_is_locked_too(client):
    UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "root@example.com", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "root@example.com", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.usefixtures("fake_google")
def test_google_sign_in_starts_are_limited_per_address(client):
    codes = [client.get("/accounts/google/start/").status_code for _ in range(35)]
    assert codes.count(302) == 30
    assert codes[30:] == [429] * 5
    limited = client.get("/accounts/google/start/")
    assert int(limited["Retry-After"]) > 0
    assert b"Too many sign-in attempts" in limited.content
    assert Session.objects.count() <= 1  # one browser: one session, whatever the hits


@pytest.mark.usefixtures("fake_google")
def test_anonymous_hits_without_cookies_make_at_most_the_limit_of_sessions():
    for _ in range(40):
        Client().get("/accounts/google/start/")  # a new cookie-less client each time
    assert Session.objects.count() == 30
