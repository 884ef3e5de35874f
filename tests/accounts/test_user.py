import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from gda_site.serialization import SerializationError
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_lower_cased():
    user = User.objects.create_user("Ada@Example.COM", "pw-123-secret")
    assert user.email == "ada@example.com"
    assert user.check_password("pw-123-secret")


def test_google_only_user_has_unusable_password():
    assert not User.objects.create_user("g@example.com").has_usable_password()


def test_superuser_is_staff():
    admin = User.objects.create_superuser("root@example.com", "x-long-password")
    assert admin.is_staff
    assert admin.is_superuser


def test_email_unique_ignoring_case():
    from django.db import IntegrityError

    UserFactory(email="dup@example.com")
    with pytest.raises(IntegrityError):
        User.objects.create(email="DUP@example.com")


def test_invalid_time_zone_is_refused():
    user = UserFactory.build(timezone="Europe/Atlantis")
    with pytest.raises(ValidationError) as info:
        user.full_clean()
    assert "Europe/Atlantis is not an IANA time zone" in str(info.value)


# Deliberately not in the JSON: identity, secrets and permissions stay on this site.
NOT_EXPORTED = {"id", "password", "last_login", "is_superuser", "is_active", "is_staff"}


def field_values(user: User) -> dict:
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def test_user_round_trip_through_the_database_keeps_every_field():
    user = UserFactory(
        date_joined=dt.datetime(2026, 3, 29, 1, 30, 15, 250, tzinfo=dt.UTC),
    )
    data = user.to_dict()
    assert data["date_joined"] == "2026-03-29T01:30:15.000250+00:00"
    assert "password" not in data
    before = field_values(user)
    user.delete()
    again = User.from_dict(data)
    again.save()
    after = field_values(User.objects.get(pk=again.pk))
    assert set(before) - NOT_EXPORTED == {"email", "name", "timezone", "date_joined"}
    for field in set(before) - NOT_EXPORTED:
        assert after[field] == before[field], field


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": None}, "email: expected a string, got null"),
        (
            {"date_joined": "2026-03-29T01:30:00"},
            "date_joined: expected a date-time with a UTC offset",
        ),
        ({"timezone": "Nowhere/City"}, "timezone: Nowhere/City is not an IANA time zone"),
    ],
)
def test_user_from_dict_names_the_bad_field(change, message):
    data = {**UserFactory.build().to_dict(), **change}
    with pytest.raises(SerializationError) as info:
        User.from_dict(data)
    assert str(info.value).startswith(message)


def test_user_from_dict_missing_field():
    data = UserFactory.build().to_dict()
    del data["date_joined"]
    with pytest.raises(SerializationError, match="date_joined: missing"):
        User.from_dict(data)


def test_json_fields_are_what_to_dict_writes():
    assert tuple(UserFactory.build().to_dict()) == User.JSON_FIELDS


@pytest.mark.parametrize("field", User.JSON_FIELDS)
def test_user_from_dict_requires_every_field(field):
    data = UserFactory.build().to_dict()
    del data[field]
    with pytest.raises(SerializationError, match=rf"^{field}: missing"):
        User.from_dict(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "blue"}, "colour: unknown field"),
        ({"name": "n" * 201}, "name: Ensure this value has at most 200 characters"),
        ({"email": "not-an-address"}, "email: Enter a valid email address."),
        # Dropped by accounts/0005: digest preferences are digests.DigestPreferences rows.
        ({"digest_preferences": {}}, "digest_preferences: unknown field"),
    ],
)
def test_user_from_dict_refuses_what_the_model_refuses(change, message):
    data = {**UserFactory.build().to_dict(), **change}
    with pytest.raises(SerializationError) as info:
        User.from_dict(data)
    assert str(info.value).startswith(message)


def test_user_from_dict_has_no_usable_password():
    assert not User.from_dict(UserFactory.build().to_dict()).has_usable_password()


def test_new_user_gets_the_configured_time_zone(settings):
    digest = dataclasses.replace(settings.CONFIG.digest, default_timezone="Europe/Berlin")
    settings.CONFIG = dataclasses.replace(settings.CONFIG, digest=digest)
    assert User.objects.create_user("tz@example.com").timezone == "Europe/Berlin"


def test_email_is_lower_cased_on_save_and_clean():
    user = User(email="Grace@Example.COM")
    user.clean()
    assert user.email == "grace@example.com"
    user = UserFactory(email="Alan@Example.COM")
    user.refresh_from_db()
    assert user.email == "alan@example.com"


def test_natural_key_ignores_case():
    user = UserFactory(email="ada@example.com")
    assert User.objects.get_by_natural_key("ADA@Example.com") == user


def test_user_added_in_the_admin_can_log_in_with_the_lower_cased_address(client):
    client.force_login(User.objects.create_superuser("root@example.com", "x-long-password"))
    password = "a quite long passphrase 93"
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "Grace@Example.COM", "password1": password, "password2": password},
    )
    assert response.status_code == 302, response.content
    assert User.objects.filter(email="grace@example.com").exists()
    client.logout()
    assert client.login(request=HttpRequest(), email="grace@example.com", password=password)
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "GRACE@example.com", "password": password}
    )
    assert response.status_code == 302
