"""``manage.py rotatekeys``: re-encrypt every stored Google token under the newest key.

Rotating a key: put the new key first in ``token_keys`` (keep the old ones after it), deploy,
run this, then remove the old keys. Every listed key decrypts, so the site keeps working
throughout.

- Progress: one line per batch, "1200/5000 rows".
- Resumable: rows already under the newest key are skipped, so an interrupted run is simply
  started again.
- Safe while the site runs: each row is written with an UPDATE conditional on the ciphertext
  that was read. If a token refresh changed the row in between, the row is read again: the
  refresh wrote its new access token under the newest key already, but may have kept the old
  refresh token ciphertext.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts import crypto
from accounts.models import GoogleAccount

COLUMNS = ("access_token_encrypted", "refresh_token_encrypted")
ATTEMPTS_PER_ROW = 5


class Command(BaseCommand):
    help = "Re-encrypt every stored Google token under the newest key in token_keys."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Rows read and written per transaction (default 500).",
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch_size}.")
        total = GoogleAccount.objects.count()
        seen = rotated = 0
        unreadable: list[int] = []
        last_pk = 0
        while True:
            rows = list(
                GoogleAccount.objects.filter(pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", *COLUMNS)[:batch_size]
            )
            if not rows:
                break
            with transaction.atomic():
                for pk, *ciphertexts in rows:
                    try:
                        rotated += rotate_row(pk, dict(zip(COLUMNS, ciphertexts, strict=True)))
                    except crypto.DecryptionError:
                        unreadable.append(pk)
            seen += len(rows)
            last_pk = rows[-1][0]
            self.stdout.write(f"{seen}/{max(total, seen)} rows")
        current = seen - rotated - len(unreadable)
        self.stdout.write(f"Re-encrypted {rotated} rows; {current} already current.")
        if unreadable:
            shown = ", ".join(map(str, unreadable[:20])) + (" ..." if len(unreadable) > 20 else "")
            raise CommandError(
                f"{len(unreadable)} rows could not be decrypted with any key in token_keys "
                f"(GoogleAccount ids {shown}). Was a key removed too early? Put it back and run "
                "rotatekeys again, or disconnect those accounts so the people sign in again."
            )


def rotate_row(pk: int, ciphertexts: dict[str, str]) -> int:
    """Rotate one row; 1 if it was rewritten, 0 if it was current or has gone."""
    for _attempt in range(ATTEMPTS_PER_ROW):
        stale = {
            column: value for column, value in ciphertexts.items() if crypto.needs_rotation(value)
        }
        if not stale:
            return 0
        fresh = {column: crypto.rotate(value) for column, value in stale.items()}
        if GoogleAccount.objects.filter(pk=pk, **stale).update(**fresh):
            return 1
        # Changed under us (a token refresh, a disconnect): look again.
        current = GoogleAccount.objects.filter(pk=pk).values(*COLUMNS).first()
        if current is None:
            return 0
        ciphertexts = current
    raise CommandError(f"GoogleAccount {pk} kept changing while being rotated; run again.")
