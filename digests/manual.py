"""One digest built by hand (``manage.py digest``): now, with progress, optionally a dry run.

A dry run reads and analyses exactly what the next digest would cover (or everything since
``--since``), and stores nothing: no Digest row, no Email rows, the sync cursor untouched,
nothing sent. A stored run is the real pipeline (``build_digest``); without ``send`` the
digest is kept on the web only and finished, so the next scheduled digest starts after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from digests import gmail
from digests.building import (
    ConnectGmail,
    Progress,
    apply_content,
    build_digest,
    collect,
    email_row,
    next_period_start,
)
from digests.finishing import UNFINISHED
from digests.models import Digest, Email
from digests.sync import no_progress

__all__ = ["AwaitingDelivery", "ManualRun", "digest_json", "dry_run", "find_user", "run"]

NOT_EMAILED = "Built by manage.py digest and kept on the web only (not emailed)."


@dataclass
class ManualRun:
    """What a hand-made digest came to: the digest (unsaved for a dry run) and its emails."""

    digest: Digest
    emails: list[Email] = field(default_factory=list)
    stored: bool = False

    @property
    def url(self) -> str:
        if not self.stored:
            return ""
        path = reverse("digests:detail", args=[self.digest.pk])
        return settings.CONFIG.site_url.rstrip("/") + path


class AwaitingDelivery(RuntimeError):
    """A built digest is waiting for its email; a web-only run must not finish it."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        reason = f" (last try: {digest.last_error})" if digest.last_error else ""
        super().__init__(
            f"digest {digest.pk} is built and waiting to be emailed{reason}. Run with --send "
            "to deliver it now, or let the scheduler retry; nothing was changed."
        )


class UnknownUser(LookupError):
    """No person with that email address."""


def find_user(email: str) -> Any:
    """The person by login or Google address, case-insensitively."""
    users = get_user_model().objects
    user = users.filter(email__iexact=email.strip()).first()
    if user is None:
        user = users.filter(google_account__email__iexact=email.strip()).first()
    if user is None:
        raise UnknownUser(f"no user with email {email!r}")
    return user


def dry_run(
    user: Any,
    *,
    now: datetime,
    since: datetime | None = None,
    connect_gmail: ConnectGmail = gmail.connect,
    progress: Progress = no_progress,
) -> ManualRun:
    """The next digest as it would be, stored nowhere and sent to no one."""
    start = since or next_period_start(user, now)
    digest = Digest(
        user=user, period_start=start, period_end=max(now, start), status=Digest.Status.BUILDING
    )
    collected = collect(digest, connect_gmail(user), progress, since=since, dedupe=since is None)
    apply_content(digest, collected)
    emails = [
        email_row(digest, i, item, listed=i < collected.max_items)
        for i, item in enumerate(collected.ranked)
    ]
    return ManualRun(digest, emails, stored=False)


def run(
    user: Any,
    *,
    now: datetime,
    send: bool,
    since: datetime | None = None,
    connect_gmail: ConnectGmail = gmail.connect,
    progress: Progress = no_progress,
) -> ManualRun:
    """A real digest now; emailed only with ``send``.

    Without ``send``, a digest that is built and still owes its email (a scheduled one whose
    delivery failed) is refused with :class:`AwaitingDelivery`: finishing it on the web only
    would swallow that email.
    """
    if not send and (owed := owed_digest(user)) is not None:
        raise AwaitingDelivery(owed)
    digest = build_digest(
        user, now=now, connect_gmail=connect_gmail, progress=progress, deliver=send, since=since
    )
    if not send:
        keep_on_web_only(digest)
    return ManualRun(digest, list(digest.emails.order_by("rank")), stored=True)


def owed_digest(user: Any) -> Digest | None:
    """The person's built digest that is not finished yet (its email still owed), if any."""
    unfinished = Digest.objects.filter(user=user, status__in=UNFINISHED).exclude(provider="")
    return unfinished.order_by("-created_at").first()


def keep_on_web_only(digest: Digest) -> None:
    """Finish a built digest without email (it stays in the web UI)."""
    if digest.status in UNFINISHED and digest.provider:
        Digest.objects.filter(pk=digest.pk, status__in=UNFINISHED).update(
            status=Digest.Status.SENT, last_error=NOT_EMAILED
        )
        digest.refresh_from_db()


def digest_json(result: ManualRun) -> dict[str, Any]:
    """Digest.to_dict() with its emails (all of them, listed or only counted)."""
    data = result.digest.to_dict()
    data["id"] = result.digest.pk
    data["url"] = result.url
    data["emails"] = [email.to_dict() for email in result.emails]
    return data
