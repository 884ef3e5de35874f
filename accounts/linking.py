"""Create or link the local user and their Google account from a successful sign-in.

All or nothing: every check (a different Google account, the wrong person, a disabled or staff
account, no refresh token) happens inside one transaction before anything is written.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from accounts import connection
from accounts.models import GoogleAccount, User
from accounts.signin_failures import SignInError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Grant:
    """What one successful sign-in learned from Google."""

    subject: str
    email: str
    name: str
    scopes: list[str]
    access_token: str
    refresh_token: str
    expiry: datetime | None

    def __repr__(self) -> str:  # tokens stay out of logs and error pages
        return f"Grant(subject={self.subject!r}, email={self.email!r})"


@sensitive_variables()
def link(grant: Grant, restart: Mapping[str, Any]) -> tuple[User, GoogleAccount, bool, bool]:
    """Create or update the user and their Google account; say if new and if reconnected."""
    with transaction.atomic():
        account = (
            GoogleAccount.objects.select_for_update()
            .select_related("user")
            .filter(subject=grant.subject)
            .first()
        )
        user = account.user if account else User.objects.filter(email__iexact=grant.email).first()
        if account is None and user is not None and hasattr(user, "google_account"):
            if user.google_account.subject != grant.subject:
                raise SignInError("account_conflict", f"user {user.pk} has another sub", restart)
            # Another tab's callback committed this very account between our two reads.
            account = GoogleAccount.objects.select_for_update().get(pk=user.google_account.pk)
        expected = restart.get("expected_user_id")
        if expected is not None and (user is None or user.pk != expected):
            raise SignInError("wrong_account", f"expected user {expected}", restart)
        if user is not None and not user.is_active:
            raise SignInError("inactive", f"user {user.pk} is inactive", restart)
        if user is not None and expected is None and (user.is_staff or user.is_superuser):
            # Owning a Google address must never grant staff rights: staff use the password
            # form (and link Google, if they want digests, while signed in with it).
            raise SignInError("staff_account", f"user {user.pk} is staff", restart)
        refresh_token = grant.refresh_token
        if not refresh_token and account is not None and account.is_connected:
            refresh_token = account.refresh_token  # Google sends one only on first consent
        if not refresh_token:
            raise SignInError("no_refresh_token", restart=restart)

        created = user is None
        if user is None:
            user = User.objects.create_user(grant.email, name=grant.name)
        previous_status = account.status if account else None
        if account is None:
            account = GoogleAccount(user=user, subject=grant.subject)
        account.email = grant.email
        account.scopes = grant.scopes
        account.access_token = grant.access_token
        account.refresh_token = refresh_token
        account.token_expiry = grant.expiry
        if previous_status != GoogleAccount.Status.CONNECTED:
            account.set_status(GoogleAccount.Status.CONNECTED, "signed in with Google")
        account.save()
        reconnected = connection.connected(
            account, created=previous_status is None, previous=previous_status
        )
    logger.info(
        "Google sign-in: user %s, account %s, %s",
        user.pk,
        account.pk,
        "new user" if created else f"was {previous_status or 'not linked'}",
    )
    return user, account, created, reconnected
