"""The digest email's size budget: bytes and render time, from 25 to 5,000 messages.

Run it with ``.venv/bin/python bench/render.py`` (no database: the rows are built in memory).

Each case renders one digest with :func:`digests.render.message.render_rows` and prints the
HTML size beside two marks: the same mail rendered with no budget (every card in full, what
the renderer did before) and Gmail's clipping point (about 102 KB; our budget is 100,000
bytes). Also: the plain-text size, how the threads ended up (cards, compact, lines, counted),
how many renderings the binary search needed and the wall time, best of 3.

The goal: the HTML is within the budget on every row.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

# Run as a script, bench/ comes first on the path: put the project first instead.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gda_site.settings")

import django

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from digests.models import Digest, Email, Kind, Urgency  # noqa: E402
from digests.render.budget import HTML_BUDGET  # noqa: E402
from digests.render.message import fit_html, render_rows  # noqa: E402
from digests.render.sections import Plan, digest_view  # noqa: E402

GMAIL_CLIPS_AT = 102 * 1024
ROUNDS = 3
URGENCIES = [Urgency.URGENT] + [Urgency.HIGH] * 3 + [Urgency.MEDIUM] * 4 + [Urgency.LOW] * 12
KINDS = list(Kind.values)
NOW = dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)

# (name, messages, listed, long fields)
CASES = [
    ("ordinary", 25, None, False),
    ("ordinary", 100, None, False),
    ("ordinary", 1000, None, False),
    ("ordinary", 5000, None, False),
    ("long fields", 100, None, True),
    ("long fields", 1000, None, True),
    ("long fields", 5000, None, True),
    ("25 listed + rest counted", 1000, 25, True),
]


def mailbox(n: int, listed: int | None, long: bool) -> tuple[Digest, list[Email]]:
    user = User(pk=1, email="ada@example.com", timezone="Europe/Berlin", date_joined=NOW)
    digest = Digest(pk=1, user=user, period_start=NOW - dt.timedelta(hours=9), period_end=NOW)
    digest.__dict__["mailbox"] = user.email  # no GoogleAccount lookup: no database
    grow = 40 if long else 1
    rows = []
    for i in range(n):
        urgency = URGENCIES[i % len(URGENCIES)]
        setattr(digest, f"count_{urgency}", getattr(digest, f"count_{urgency}") + 1)
        rows.append(
            Email(
                digest=digest,
                rank=i,
                gmail_id=f"m{i:05d}",
                thread_id=f"t{i // 2:05d}" if i % 10 < 2 else f"t{i:05d}",
                from_name=(f"Sender {i} " + "Longname" * grow)[:300],
                from_address=f"sender{i}@example.com",
                subject=f"Subject {i}: the quarterly numbers " + "and more words " * grow,
                summary=f"Summary {i}: please look at the attached figures. " * (4 * grow),
                received_at=NOW - dt.timedelta(minutes=i),
                urgency=urgency,
                reasons=["asks for action (+1)", "deadline within 48 hours (+2)"] * grow,
                suspicious=i % 50 == 0,
                kind=KINDS[i % len(KINDS)],
                listed=listed is None or i < listed,
                action_items=[{"text": "Reply with the figures " * grow, "due": "2026-12-04"}],
            )
        )
    digest.summary = f"{n} new messages. " + "The overview of what matters. " * (3 * grow)
    digest.reading_seconds = 30 * n
    return digest, rows


def unbudgeted_bytes(digest: Digest, rows: list[Email]) -> int:
    view = digest_view(digest, rows, Plan(), pause_url="https://example.com/p/")
    with timezone.override(digest.user.zone):
        html = render_to_string("digests/email.html", {"view": view, "digest": digest})
    return len(html.encode())


def best_time(digest: Digest, rows: list[Email]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        render_rows(digest, rows)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}; budget {HTML_BUDGET:,} B,")
    print(f"Gmail clips at about {GMAIL_CLIPS_AT:,} B; best of {ROUNDS}.\n")
    print(
        "| mailbox | messages | no budget (KB) | HTML (KB) | HTML/clip | text (KB) | "
        "cards / compact / lines / counted | renders | ms | goal |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |")
    met = True
    for name, n, listed, long in CASES:
        digest, rows = mailbox(n, listed, long)
        fitted = fit_html(digest, rows)
        rendered = render_rows(digest, rows)
        view = digest_view(digest, rows, fitted.plan)
        html = len(rendered.html.encode())
        ok = html <= HTML_BUDGET
        met &= ok
        lines = sum(len(group.threads) for group in view.also)
        print(
            f"| {name} | {n:,} | {unbudgeted_bytes(digest, rows) / 1024:,.0f} | "
            f"{html / 1024:.1f} | {html / GMAIL_CLIPS_AT:.2f} | "
            f"{len(rendered.text.encode()) / 1024:.1f} | "
            f"{len(view.full)} / {len(view.compact)} / {lines} / {view.more} msgs | "
            f"{fitted.renders} | {best_time(digest, rows) * 1000:,.0f} | "
            f"{'GOAL MET' if ok else 'OVER BUDGET'} |"
        )
    print(f"\nOverall: {'GOAL MET' if met else 'GOAL NOT MET'} (HTML within the budget everywhere)")


if __name__ == "__main__":
    main()
