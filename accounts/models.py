from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.timezone import now

from accounts import crypto
from gda_site import serialization as js


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "%(value)s is not an IANA time zone name such as Europe/Berlin.",
            params={"value": value},
        ) from None


def default_timezone() -> str:
    """Read at creation time, so the configured default applies without a migration."""
    return settings.CONFIG.digest.default_timezone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)  # None gives an unusable password: Google sign-in only
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        """Case-insensitive, so signing in as Ada@Example.com finds ada@example.com."""
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who receives digests. The email address is the login (lower-cased)."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    timezone = models.CharField(
        max_length=64, default=default_timezone, validators=[validate_timezone]
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=now)

    objects = UserManager()

    JSON_FIELDS = ("email", "name", "timezone", "date_joined")

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Forms that skip clean() (and code calling save() directly) still store the login
        # lower-cased; the case-insensitive unique constraint relies on one spelling.
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def to_dict(self) -> dict[str, Any]:
        """Public fields only: never the password hash or permissions."""
        return {
            "email": self.email,
            "name": self.name,
            "timezone": self.timezone,
            "date_joined": js.iso(self.date_joined),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> User:
        """An unsaved user without a usable password (they sign in with Google or reset it).

        Raises SerializationError naming the first bad field.
        """
        js.reject_unknown(data, cls.JSON_FIELDS)
        user = cls(
            email=js.get(data, "email", str),
            name=js.get(data, "name", str),
            timezone=js.get(data, "timezone", str),
            date_joined=js.get_datetime(data, "date_joined"),
        )
        user.set_unusable_password()
        js.validate_model(user)
        return user


class GoogleAccount(models.Model):
    """A user's link to one Google account, with the OAuth tokens encrypted at rest.

    The token columns hold Fernet ciphertext only (see accounts.crypto); the ``access_token``
    and ``refresh_token`` properties are the only way to the clear text. Code that needs to
    call Gmail does not touch them either: it asks ``accounts.tokens.credentials_for()``,
    which refreshes under a row lock so two workers never overwrite each other's tokens.
    """

    class Status(models.TextChoices):
        CONNECTED = "connected"
        NEEDS_REAUTH = "needs_reauth", "Needs reconnecting"
        REVOKED = "revoked", "Disconnected"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="google_account")
    subject = models.CharField(
        max_length=255, unique=True, help_text="Google's stable account id (the OpenID 'sub')."
    )
    email = models.EmailField(help_text="The Google account's address when last seen.")
    scopes = models.JSONField(default=list, blank=True, help_text="Scopes Google granted.")
    access_token_encrypted = models.TextField(blank=True, editable=False)
    refresh_token_encrypted = models.TextField(blank=True, editable=False)
    token_expiry = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONNECTED)
    status_changed_at = models.DateTimeField(default=now)
    status_reason = models.CharField(max_length=300, blank=True)
    gmail_history_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Last Gmail history id read, for incremental sync."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"

    @property
    def access_token(self) -> str:
        return crypto.decrypt(self.access_token_encrypted) if self.access_token_encrypted else ""

    @access_token.setter
    def access_token(self, value: str) -> None:
        self.access_token_encrypted = crypto.encrypt(value) if value else ""

    @property
    def refresh_token(self) -> str:
        return crypto.decrypt(self.refresh_token_encrypted) if self.refresh_token_encrypted else ""

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self.refresh_token_encrypted = crypto.encrypt(value) if value else ""

    @property
    def is_connected(self) -> bool:
        return self.status == self.Status.CONNECTED

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def set_status(self, status: str, reason: str = "") -> None:
        """Record a status change with its time and reason (unsaved)."""
        self.status = status
        self.status_reason = reason[:300]
        self.status_changed_at = now()
