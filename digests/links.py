"""Links into the reader's own Gmail: a thread, or the search for a digest's period.

People signed into several Google accounts have them numbered in sign-in order, so
``/mail/u/0/`` opens whichever came first. ``authuser=<address>`` opens the mailbox the
digest was made of, whatever its number.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any
from urllib.parse import quote

from accounts.models import GoogleAccount

__all__ = ["gmail_search_url", "gmail_thread_url", "mailbox_address", "period_search"]

GMAIL = "https://mail.google.com/mail/"


def mailbox_address(user: Any) -> str:
    """The Gmail address the mail was sent to, which may differ from the login address."""
    account = GoogleAccount.objects.filter(user=user).only("email").first()
    return account.email if account and account.email else user.email


def _account(mailbox: str) -> str:
    return f"{GMAIL}?authuser={quote(mailbox, safe='@')}"


def gmail_thread_url(mailbox: str, thread_id: str) -> str:
    return f"{_account(mailbox)}#all/{quote(thread_id, safe='')}"


def period_search(start: datetime, end: datetime, query: str = "") -> str:
    """Gmail's search for mail received in [start, end), widened to whole seconds."""
    bounds = f"after:{math.floor(start.timestamp())} before:{math.ceil(end.timestamp())}"
    return f"{query.strip()} {bounds}".strip()


def gmail_search_url(mailbox: str, search: str) -> str:
    return f"{_account(mailbox)}#search/{quote(search, safe=':').replace('%20', '+')}"
