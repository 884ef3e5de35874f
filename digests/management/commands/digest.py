"""``manage.py digest EMAIL [--dry-run] [--since ISO] [--send] [--json]``: one digest, now.

Prints progress (listing, fetching n/N, analysing, storing, rendering, sending) and where the
result is.
``--dry-run`` stores and sends nothing and leaves the sync cursor alone; ``--since`` reads
from that instant instead of where the last digest ended; ``--send`` emails the digest
(otherwise it is kept on the web only); ``--json`` prints the digest and its emails as JSON
(progress then goes to stderr).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from digests import gmail, outbox
from digests.finishing import describe_failure
from digests.manual import (
    AwaitingDelivery,
    ManualRun,
    UnknownUser,
    digest_json,
    dry_run,
    find_user,
    run,
)


def parse_since(value: str) -> datetime:
    """An ISO 8601 instant; one without an offset is refused (which zone would it be?)."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since: expected an ISO 8601 date-time, got {value!r}") from None
    if when.tzinfo is None:
        raise CommandError(f"--since: {value!r} has no UTC offset (e.g. 2026-11-30T08:00+01:00)")
    return when


class Command(BaseCommand):
    help = "Build one person's digest now, with progress; --dry-run to only look."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the person's login or Google address")
        parser.add_argument(
            "--dry-run", action="store_true", help="store nothing, send nothing, move no cursor"
        )
        parser.add_argument("--since", type=parse_since, help="read mail from this ISO instant")
        parser.add_argument("--send", action="store_true", help="email the digest as well")
        parser.add_argument("--json", action="store_true", help="print the digest as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"] and options["send"]:
            raise CommandError("--dry-run sends nothing: leave out --send")
        try:
            user = find_user(options["email"])
        except UnknownUser as exc:
            raise CommandError(str(exc)) from None
        out = self.stderr if options["json"] else self.stdout
        last: dict[str, tuple[int, int]] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if last.get(stage) == (done, total):
                return
            last[stage] = (done, total)
            out.write(f"{stage} {done}/{total}" if total else stage)

        now = timezone.now()
        try:
            if options["dry_run"]:
                result = dry_run(user, now=now, since=options["since"], progress=progress)
            else:
                result = run(
                    user, now=now, send=options["send"], since=options["since"], progress=progress
                )
        except gmail.GmailError as exc:
            raise CommandError(describe_failure(exc, user, now)) from exc
        except AwaitingDelivery as exc:
            raise CommandError(str(exc)) from exc
        except outbox.AwaitingEvidence as exc:
            raise CommandError(
                f"The last send may have worked; the scheduler looks for it in Gmail in "
                f"{exc.seconds:g} s before sending again. Nothing was sent twice."
            ) from exc
        if options["json"]:
            self.stdout.write(json.dumps(digest_json(result), indent=2, ensure_ascii=False))
        out.write(summary_line(result))


def summary_line(result: ManualRun) -> str:
    """Where the result is, in one line."""
    digest = result.digest
    total = len(result.emails)
    listed = sum(1 for email in result.emails if email.listed)
    what = f"{total} message(s), {listed} listed, status {digest.status}"
    if not result.stored:
        return f"dry run: {what}; nothing stored or sent"
    note = f" ({digest.last_error})" if digest.last_error else ""
    return f"digest {digest.pk}: {what}{note}; {result.url}"
