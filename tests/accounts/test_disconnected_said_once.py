"""A disconnected Google account is said once a page, always as "Reconnect Google"."""

import pytest

from accounts.models import GoogleAccount
from tests.accounts.factories import GoogleAccountFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [GoogleAccount.Status.REVOKED, "needs_reauth"])
@pytest.mark.parametrize("url", ["/accounts/", "/digests/"])
def test_one_reconnect_button_one_wording(client, status, url):
    account = GoogleAccountFactory(status=status)
    client.force_login(account.user)
    content = client.get(url).content.decode()
    assert content.count("Reconnect Google") == 1
    assert content.count("digests are paused") <= 1
    assert "Connect Google<" not in content


def test_the_account_page_says_it_in_its_card_not_in_a_banner(client):
    account = GoogleAccountFactory(status=GoogleAccount.Status.REVOKED)
    client.force_login(account.user)
    content = client.get("/accounts/").content.decode()
    assert 'class="banner"' not in content
    assert "Your digests are paused until you reconnect." in content


def test_other_pages_keep_the_banner(client):
    account = GoogleAccountFactory(status=GoogleAccount.Status.REVOKED)
    client.force_login(account.user)
    content = client.get("/digests/preferences/").content.decode()
    assert 'class="banner"' in content
    assert content.count("Reconnect Google") == 1
