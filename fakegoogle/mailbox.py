"""The demo mailbox shipped with the project, made fresh at every load.

``fixtures/demo_mailbox/*.eml`` are real RFC 822 files (written by
``fixtures/generate_demo_mailbox.py``). Each carries two private headers that are stripped on
load: ``X-Fake-Labels`` (Gmail label ids) and ``X-Fake-Minutes-Ago`` (how long before the load
the mail arrived). The ``Date`` header is rewritten to match, keeping the sender's time zone, so
the demo always shows recent mail. Parts that must stay current also use placeholders, replaced
before parsing: ``{{day:+1d}}`` ("Tuesday 3 June") and ``{{ics:+1d@10:00}}`` (an iCalendar UTC
timestamp such as ``20250603T100000Z``).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

DEMO_EMAIL = "demo@example.com"
DEMO_NAME = "Alex Morgan"
FIXTURE_DIR = Path(__file__).parent / "fixtures" / "demo_mailbox"

_PLACEHOLDER = re.compile(rb"\{\{(day|ics):([+-]\d+)d(?:@(\d\d):(\d\d))?\}\}")
_PRIVATE_HEADER = re.compile(rb"^X-Fake-([\w-]+):[ \t]*(.*?)\r?\n", re.MULTILINE)
_DATE_HEADER = re.compile(rb"^Date:[ \t]*(.*?)(\r?\n)", re.MULTILINE)


@dataclass(frozen=True)
class FixtureMessage:
    name: str
    raw: bytes
    labels: frozenset[str]
    internal_date: int  # ms since the epoch


def demo_messages(owner: str = DEMO_EMAIL, now: datetime | None = None) -> list[FixtureMessage]:
    """Every fixture message, oldest first, addressed to ``owner`` and dated relative to now."""
    now = now or datetime.now(UTC)
    messages = [_render(path, owner, now) for path in sorted(FIXTURE_DIR.glob("*.eml"))]
    return sorted(messages, key=lambda message: message.internal_date)


def _render(path: Path, owner: str, now: datetime) -> FixtureMessage:
    raw = path.read_bytes()
    head, separator, body = raw.partition(b"\n\n")
    found = _PRIVATE_HEADER.findall(head + b"\n")
    private = {name.decode().lower(): value.decode() for name, value in found}
    try:
        labels = frozenset(private["labels"].split())
        minutes_ago = float(private["minutes-ago"])
    except KeyError as exc:
        raise ValueError(f"{path.name}: missing X-Fake-{exc.args[0].title()} header") from None
    head = _PRIVATE_HEADER.sub(b"", head + b"\n").rstrip(b"\n")
    # A stable few seconds per file, so timestamps do not all land on whole minutes.
    arrived = now - timedelta(minutes=minutes_ago, seconds=zlib.crc32(path.name.encode()) % 60)
    head = _DATE_HEADER.sub(lambda match: _redate(match, arrived), head, count=1)
    raw = _PLACEHOLDER.sub(lambda match: _fill(match, now), head + separator + body)
    if owner != DEMO_EMAIL:
        raw = raw.replace(DEMO_EMAIL.encode(), owner.encode())
    raw = re.sub(rb"\r?\n", b"\r\n", raw)
    return FixtureMessage(path.name, raw, labels, int(arrived.timestamp() * 1000))


def _redate(match: re.Match[bytes], arrived: datetime) -> bytes:
    zone = parsedate_to_datetime(match.group(1).decode()).tzinfo or UTC
    return b"Date: " + format_datetime(arrived.astimezone(zone)).encode() + match.group(2)


def _fill(match: re.Match[bytes], now: datetime) -> bytes:
    kind, offset, hour, minute = (group.decode() if group else None for group in match.groups())
    day = now + timedelta(days=int(offset or 0))
    if kind == "day":
        return f"{day:%A} {day.day} {day:%B}".encode()
    moment = day.replace(hour=int(hour or 0), minute=int(minute or 0), second=0, microsecond=0)
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}".encode()
