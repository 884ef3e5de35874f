"""Two-step staff sign-in: with a confirmed TOTP device, the password alone opens nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_step import ASK, WRONG
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factory's
SIGN_INS = ["accounts:login", "admin:login"]


@pytest.fixture
def staff():
    return UserFactory(email="root@example.com", is_staff=True)


def device_of(user, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=confirmed)


def code_of(device: TOTPDevice) -> str:
    number = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(number).zfill(device.digits)


def sign_in(client: Client, url: str, **extra: str):
    return client.post(
        reverse(url), {"username": "root@example.com", "password": PASSWORD, **extra}
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", SIGN_INS)
def test_without_a_device_the_password_is_enough(client, staff, url):
    assert sign_in(client, url).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("url", SIGN_INS)
def test_an_unconfirmed_device_asks_nothing_yet(client, staff, url):
    device_of(staff, confirmed=False)
    assert sign_in(client, url).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("url", SIGN_INS)
def test_with_a_device_the_password_alone_asks_for_the_code(client, staff, url):
    device_of(staff)
    response = sign_in(client, url)
    assert response.status_code == 200
    assert ASK in response.content.decode()
    assert 'autocomplete="one-time-code"' in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("url", SIGN_INS)
def test_a_wrong_code_is_refused(client, staff, url):
    device = device_of(staff)
    wrong = str((int(code_of(device)) + 1) % 1_000_000).zfill(6)
    response = sign_in(client, url, otp_token=wrong)
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("url", SIGN_INS)
def test_the_current_code_signs_in(client, staff, url):
    device = device_of(staff)
    assert sign_in(client, url, otp_token=code_of(device)).status_code == 302
    assert signed_in(client)


def test_a_used_code_does_not_work_twice(staff):
    device = device_of(staff)
    code = code_of(device)
    first, second = Client(), Client()
    assert sign_in(first, "accounts:login", otp_token=code).status_code == 302
    assert WRONG in sign_in(second, "accounts:login", otp_token=code).content.decode()
    assert not signed_in(second)


def test_after_a_wrong_code_even_the_right_one_waits(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # seconds after the first failure, then doubling
    device = device_of(staff)
    sign_in(client, "accounts:login", otp_token="000000" if code_of(device) != "000000" else "1")
    response = sign_in(client, "accounts:login", otp_token=code_of(device))
    assert WRONG in response.content.decode()
    assert not signed_in(client)


def test_a_wrong_password_never_reaches_the_code(client, staff):
    device = device_of(staff)
    response = client.post(
        reverse("accounts:login"),
        {"username": staff.email, "password": "wrong", "otp_token": code_of(device)},
    )
    assert ASK not in response.content.decode()
    assert not signed_in(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
