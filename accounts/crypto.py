"""Authenticated encryption of Google tokens at rest, under rotating keys.

Fernet (AES-128-CBC plus HMAC-SHA256) refuses any ciphertext that was tampered with, and
MultiFernet gives the rotation rule the configuration promises: the first key of
``settings.TOKEN_ENCRYPTION_KEYS`` encrypts, every listed key decrypts. Rotating is therefore
three steps: put a new key first, run ``manage.py rotatekeys``, then drop the old key.

Ciphertexts are stored as ASCII strings (Fernet tokens are url-safe base64), so a database
dump shows ``gAAAAA...`` and never a token.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(Exception):
    """A stored value no configured key can open: a key was dropped too early, or tampering."""


@lru_cache(maxsize=8)
def _ciphers(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise DecryptionError("settings.TOKEN_ENCRYPTION_KEYS is empty: no key to encrypt with.")
    fernets = [Fernet(key) for key in keys]
    return MultiFernet(fernets), fernets[0]


def _current() -> tuple[MultiFernet, Fernet]:
    # Keyed by the keys themselves, so tests that override the setting get fresh ciphers.
    return _ciphers(tuple(settings.TOKEN_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    """Encrypt under the newest key."""
    return _current()[0].encrypt(plaintext.encode()).decode("ascii")


def decrypt(ciphertext: str) -> str:
    """Decrypt with whichever configured key made ``ciphertext``."""
    try:
        return _current()[0].decrypt(ciphertext.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError(
            "A stored Google token cannot be decrypted with any key in token_keys: was a key "
            "removed before `manage.py rotatekeys` finished?"
        ) from None


def needs_rotation(ciphertext: str) -> bool:
    """True unless the newest key alone opens ``ciphertext`` (empty values never need it)."""
    if not ciphertext:
        return False
    try:
        _current()[1].decrypt(ciphertext.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return True
    return False


def rotate(ciphertext: str) -> str:
    """Re-encrypt under the newest key; raises DecryptionError if no key opens it."""
    try:
        return _current()[0].rotate(ciphertext.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError(
            "A stored Google token cannot be decrypted with any key in token_keys, so it "
            "cannot be rotated."
        ) from None
