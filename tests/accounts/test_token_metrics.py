"""Token refreshes are counted for /metrics by outcome."""

import pytest
from prometheus_client import REGISTRY

from accounts import tokens
from tests.accounts.conftest import ADA, linked_account

pytestmark = pytest.mark.django_db


def refreshes(outcome: str) -> float:
    return REGISTRY.get_sample_value("gda_token_refreshes_total", {"outcome": outcome}) or 0.0


def test_a_refresh_is_counted(fake_google):
    account = linked_account(fake_google, expires_in=60)
    before = refreshes("refreshed")
    tokens.refresh(account.pk)
    assert refreshes("refreshed") == before + 1


def test_invalid_grant_is_counted_apart(fake_google):
    account = linked_account(fake_google, expires_in=60)
    fake_google.fake.revoke_refresh_tokens(ADA)
    before = (refreshes("invalid_grant"), refreshes("refreshed"))
    with pytest.raises(tokens.TokenRevoked):
        tokens.refresh(account.pk)
    assert (refreshes("invalid_grant"), refreshes("refreshed")) == (before[0] + 1, before[1])


def test_google_down_is_counted_as_unavailable(fake_google):
    account = linked_account(fake_google, expires_in=60)
    fake_google.fake.inject_fault("token", status=503)
    before = refreshes("unavailable")
    with pytest.raises(tokens.GoogleUnavailable):
        tokens.refresh(account.pk)
    assert refreshes("unavailable") == before + 1
