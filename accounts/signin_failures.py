"""Every way a Google sign-in can fail, and what the person is told about it.

Each failure has a ``kind`` (its key in :data:`FAILURES`) and a page's worth of words: a
title, a message that says what happened and what to do, and the label of the way forward.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Failure:
    title: str
    message: str
    action: str = "Try again"


FAILURES: dict[str, Failure] = {
    "not_configured": Failure(
        "Sign-in with Google is not set up",
        "This site has no Google OAuth client configured yet. Ask its administrator to follow "
        "the set-up steps in the README.",
        "Back to sign-in",
    ),
    "state_missing": Failure(
        "This sign-in has expired",
        "We could not find the sign-in you started: it may have expired, or Google's answer "
        "was opened in another browser. Nothing was changed.",
    ),
    "state_mismatch": Failure(
        "This sign-in did not match",
        "Google's answer belongs to a different sign-in than the one this browser started, "
        "so we stopped for your safety. Nothing was changed.",
    ),
    "verifier_missing": Failure(
        "This sign-in is incomplete",
        "Part of the sign-in we keep for you was missing, so we could not finish it safely. "
        "Nothing was changed.",
    ),
    "access_denied": Failure(
        "You cancelled at Google",
        "Without your permission we cannot read your inbox, so no account was made and "
        "nothing was stored. You can sign in whenever you are ready.",
        "Sign in with Google",
    ),
    "scope_denied": Failure(
        "Gmail access was not granted",
        "Digests need permission to read your Gmail. Please sign in again and leave the "
        "Gmail box ticked on Google's consent screen. Nothing was stored.",
    ),
    "invalid_grant": Failure(
        "This sign-in link was already used or has expired",
        "Google refused the sign-in code: it can be used only once and only for a few "
        "minutes. Please start again.",
    ),
    "google_unavailable": Failure(
        "Google is not answering",
        "We could not reach Google to finish signing you in. This is usually brief: please "
        "try again in a minute.",
    ),
    "google_error": Failure(
        "Google could not complete the sign-in",
        "Google answered with an error we did not expect. Please try again; if it keeps "
        "happening, tell the site's administrator.",
    ),
    "no_refresh_token": Failure(
        "Google did not grant offline access",
        "Digests are made while you are away, which needs Google's offline access, and "
        "Google did not grant it. Please sign in again and allow access on Google's screen.",
    ),
    "email_unverified": Failure(
        "Your Google email address is not verified",
        "We link accounts by verified email only. Verify your address in your Google "
        "Account, then sign in again.",
    ),
    "account_conflict": Failure(
        "This email belongs to another Google account",
        "An account here with this email address is linked to a different Google account. "
        "Sign in with that Google account instead.",
    ),
    "wrong_account": Failure(
        "That is a different Google account",
        "You chose a different Google account than the one linked to your account here. "
        "Please choose the linked account on Google's screen. Nothing was changed.",
    ),
    "staff_account": Failure(
        "Staff accounts sign in with their password",
        "This email belongs to a staff account here, and staff accounts never sign in with "
        "Google: a Google account is not proof enough for staff rights. Use the password "
        "sign-in instead. Nothing was changed.",
        "Sign in with a password",
    ),
    "inactive": Failure(
        "This account is disabled",
        "Your account on this site has been disabled. Contact the site's administrator.",
        "Back to the home page",
    ),
}


class SignInError(Exception):
    """A sign-in that cannot finish: ``kind`` names why, ``failure`` says it to the person.

    ``restart`` holds the options the sign-in was begun with (``begin()``'s keyword
    arguments), so the way forward can start the same sign-in again.
    """

    def __init__(self, kind: str, detail: str = "", restart: Mapping[str, Any] | None = None):
        if kind not in FAILURES:
            raise ValueError(f"Unknown sign-in failure kind {kind!r}")
        self.kind = kind
        self.detail = detail  # for logs and staff; never a token
        self.restart = dict(restart or {})
        super().__init__(f"{kind}: {detail}" if detail else kind)

    @property
    def failure(self) -> Failure:
        return FAILURES[self.kind]
