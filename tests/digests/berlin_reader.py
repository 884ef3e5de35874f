"""A connected reader in Europe/Berlin and a browser session signed in as them.

Test modules about that reader's pages import both fixtures (``user``, ``signed_in``); they
stand in for the demo user of ``conftest.signed_in`` there.
"""

import pytest

from tests.accounts.factories import GoogleAccountFactory, UserFactory


@pytest.fixture
def user():
    user = UserFactory(timezone="Europe/Berlin")
    GoogleAccountFactory(user=user)
    return user


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client
