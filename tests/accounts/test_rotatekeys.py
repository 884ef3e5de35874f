"""manage.py rotatekeys: progress, resumable, safe beside a running site."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from accounts import crypto
from accounts.management.commands.rotatekeys import rotate_row
from accounts.models import GoogleAccount
from tests.accounts.factories import GoogleAccountFactory

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture
def old_rows(settings) -> list[GoogleAccount]:
    """Five accounts encrypted under the old key, then the new key put first."""
    settings.TOKEN_ENCRYPTION_KEYS = [OLD_KEY]
    rows = GoogleAccountFactory.create_batch(5)
    settings.TOKEN_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    return rows


def rotatekeys(*args: str) -> str:
    out = StringIO()
    call_command("rotatekeys", *args, stdout=out)
    return out.getvalue()


def ciphertexts() -> list[tuple[str, str]]:
    return list(
        GoogleAccount.objects.order_by("pk").values_list(
            "access_token_encrypted", "refresh_token_encrypted"
        )
    )


def test_every_row_ends_under_the_newest_key(old_rows, settings):
    clear = {row.pk: (row.access_token, row.refresh_token) for row in old_rows}

    rotatekeys()

    settings.TOKEN_ENCRYPTION_KEYS = [NEW_KEY]  # the old key can go now
    for before in old_rows:
        after = GoogleAccount.objects.get(pk=before.pk)
        assert (after.access_token, after.refresh_token) == clear[before.pk]
        assert after.access_token_encrypted != before.access_token_encrypted


def test_progress_is_printed_per_batch(old_rows):
    output = rotatekeys("--batch-size", "2")
    assert output.splitlines() == [
        "2/5 rows",
        "4/5 rows",
        "5/5 rows",
        "Re-encrypted 5 rows; 0 already current.",
    ]


def test_second_run_has_nothing_to_do(old_rows):
    rotatekeys()
    before = ciphertexts()

    assert rotatekeys().splitlines()[-1] == "Re-encrypted 0 rows; 5 already current."
    assert ciphertexts() == before


def test_interrupted_run_resumes_where_it_stopped(old_rows):
    for account in old_rows[:2]:  # as if a first run had died after two rows
        rotate_row(
            account.pk,
            {
                "access_token_encrypted": account.access_token_encrypted,
                "refresh_token_encrypted": account.refresh_token_encrypted,
            },
        )

    assert rotatekeys().splitlines()[-1] == "Re-encrypted 3 rows; 2 already current."
    assert not any(crypto.needs_rotation(value) for row in ciphertexts() for value in row)


def test_row_refreshed_meanwhile_is_not_overwritten(old_rows):
    # The command read the row, then a token refresh wrote a new access token (under the
    # new key) before the command wrote: the refresh wins, the old refresh token still rotates.
    account = old_rows[0]
    snapshot = {
        "access_token_encrypted": account.access_token_encrypted,
        "refresh_token_encrypted": account.refresh_token_encrypted,
    }
    GoogleAccount.objects.filter(pk=account.pk).update(
        access_token_encrypted=crypto.encrypt("ya29.refreshed-meanwhile")
    )

    assert rotate_row(account.pk, snapshot) == 1

    after = GoogleAccount.objects.get(pk=account.pk)
    assert after.access_token == "ya29.refreshed-meanwhile"
    assert after.refresh_token == account.refresh_token
    assert not crypto.needs_rotation(after.refresh_token_encrypted)


def test_row_deleted_meanwhile_is_skipped(old_rows):
    account = old_rows[0]
    snapshot = {"access_token_encrypted": account.access_token_encrypted}
    account.delete()
    assert rotate_row(account.pk, snapshot) == 0


def test_disconnected_accounts_without_tokens_are_skipped(settings):
    GoogleAccountFactory(access_token="", refresh_token="")
    assert rotatekeys().splitlines()[-1] == "Re-encrypted 0 rows; 1 already current."


def test_rows_no_key_can_open_are_named_and_the_rest_rotated(old_rows, settings):
    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    lost = GoogleAccountFactory()
    settings.TOKEN_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]

    out = StringIO()
    with pytest.raises(CommandError, match=rf"1 rows could not .* \(GoogleAccount ids {lost.pk}\)"):
        call_command("rotatekeys", stdout=out)

    assert "Re-encrypted 5 rows; 0 already current." in out.getvalue()

    assert all(
        not crypto.needs_rotation(value)
        for row in GoogleAccount.objects.exclude(pk=lost.pk).values_list(
            "access_token_encrypted", "refresh_token_encrypted"
        )
        for value in row
    )


def test_bad_batch_size_is_named():
    with pytest.raises(CommandError, match="--batch-size must be at least 1, not 0"):
        rotatekeys("--batch-size", "0")
