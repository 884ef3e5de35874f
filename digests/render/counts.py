"""How many messages a digest shows in each class, said one way everywhere.

The email's subject and preheader, the dashboard's history badges and the live card take
their numbers from :func:`digest_counts`; the digest page's header and the email's own header
from :func:`tally` over the threads they show (the email's under its size plan), the same sum,
so they cannot disagree. A class counts the messages of
the threads shown in it (a thread is as urgent as its most urgent message); suspicious mail
is counted apart whatever its class; what is only counted ("not listed": muted, past the most
items, cut for size, or rows a digest made before unlisted mail was stored never had) is its
own number. Together they add up to the digest's total. The analysed-class counts stored on
the digest (``Digest.count_*``, over every message by its analysed class) only give the
total here.

These numbers are stored on the digest when it is built (``Digest.shown_counts``, written by
digests.building.store through :func:`remember`; migration 0010 filled in the older ones), so
the history and the live card (:func:`counts_of`, :func:`counts_by_digest`) read no Email
rows; a digest without them (imported with ``from_dict``) is counted from its rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from digests.models import Digest, Email, Urgency
from digests.render.threads import URGENCY_LABELS, by_thread, thread_urgency

__all__ = [
    "COUNTED_FIELDS",
    "DigestCounts",
    "counts_by_digest",
    "counts_of",
    "digest_counts",
    "remember",
    "tally",
]

# The columns counting reads: enough to group threads and class them, nothing to show.
COUNTED_FIELDS = ("digest_id", "rank", "gmail_id", "thread_id", "urgency", "suspicious", "listed")


@dataclass(frozen=True)
class DigestCounts:
    """Messages shown by class, suspicious ones apart, and those only counted."""

    urgent: int = 0
    high: int = 0
    medium: int = 0
    low: int = 0
    suspicious: int = 0
    not_listed: int = 0

    def to_stored(self) -> dict[str, int]:
        """What ``Digest.shown_counts`` holds: each number by its field's name."""
        return asdict(self)

    @classmethod
    def from_stored(cls, stored: Any) -> DigestCounts | None:
        """The counts ``Digest.shown_counts`` holds; None when there are none (or not these)."""
        names = {field.name for field in fields(cls)}
        if not isinstance(stored, dict) or set(stored) != names:
            return None
        if not all(type(n) is int and n >= 0 for n in stored.values()):
            return None
        return cls(**stored)

    @property
    def total(self) -> int:
        """Every message the digest covers."""
        return self.urgent + self.high + self.medium + self.low + self.suspicious + self.not_listed

    @property
    def entries(self) -> list[tuple[str, int]]:
        """The header's "Urgent 1 · High 0 · Medium 2 · Low 5", then "Suspicious" and "Not
        listed" when not zero."""
        found = [(URGENCY_LABELS[Urgency(u)], getattr(self, u)) for u in reversed(Urgency.values)]
        if self.suspicious:
            found.append(("Suspicious", self.suspicious))
        if self.not_listed:
            found.append(("Not listed", self.not_listed))
        return found

    @property
    def badges(self) -> list[tuple[str, str]]:
        """(css class, words) for what needs a look: "1 urgent", "2 high", "1 suspicious"."""
        found = [("urgent", self.urgent), ("high", self.high), ("suspicious", self.suspicious)]
        return [(name, f"{n} {name}") for name, n in found if n]

    @property
    def headline(self) -> str:
        """ "12 new messages, 1 urgent, 2 high, 1 suspicious": the total and the badges."""
        total = f"{self.total} new message{'s' if self.total != 1 else ''}"
        return ", ".join([total, *(words for _, words in self.badges)])


def tally(shown: Iterable[tuple[str, bool, int]], not_listed: int) -> DigestCounts:
    """The counts of the threads shown, each (urgency, suspicious, messages), and the rest."""
    by_class: Counter[str] = Counter()
    for urgency, suspicious, messages in shown:
        by_class["suspicious" if suspicious else urgency] += messages
    return DigestCounts(
        urgent=by_class[Urgency.URGENT],
        high=by_class[Urgency.HIGH],
        medium=by_class[Urgency.MEDIUM],
        low=by_class[Urgency.LOW],
        suspicious=by_class["suspicious"],
        not_listed=not_listed,
    )


def unlisted(digest: Digest, rows: Sequence[Email]) -> int:
    """Rows only counted, plus what a digest made before unlisted rows were stored lacks."""
    stored_total = sum(digest.counts.values())
    return sum(1 for row in rows if not row.listed) + max(0, stored_total - len(rows))


def digest_counts(digest: Digest, rows: Sequence[Email] | None = None) -> DigestCounts:
    """The digest's counts as its page shows it (nothing cut for size); ``rows`` are its
    stored Email rows (read when not given)."""
    if rows is None:
        rows = list(digest.emails.only(*COUNTED_FIELDS).order_by("rank"))
    shown = [
        (thread_urgency(messages), any(m.suspicious for m in messages), len(messages))
        for messages in by_thread(row for row in rows if row.listed)
    ]
    return tally(shown, unlisted(digest, rows))


def remember(digest: Digest, rows: Sequence[Email]) -> None:
    """Store on ``digest`` (unsaved) the counts of ``rows``, every Email row it is built with."""
    digest.shown_counts = digest_counts(digest, rows).to_stored()


def _has_rows(digest: Digest) -> bool:
    """Only a built digest has Email rows: its builder writes ``provider`` with them (and
    stores its counts then), so one without cannot have any yet."""
    return bool(digest.provider)


def counts_of(digest: Digest) -> DigestCounts:
    """The digest's counts as stored when it was built; else counted from its rows."""
    return counts_by_digest([digest])[digest.pk]


def counts_by_digest(digests: Sequence[Digest]) -> dict[int, DigestCounts]:
    """:func:`counts_of` each digest: the stored ones read no rows, the rest in one query."""
    found: dict[int, DigestCounts] = {}
    missing: dict[int, Digest] = {}
    for digest in digests:
        stored = DigestCounts.from_stored(digest.shown_counts)
        if stored is None:
            missing[digest.pk] = digest
        else:
            found[digest.pk] = stored
    rows: dict[int, list[Email]] = {pk: [] for pk in missing}
    if counted := [pk for pk, digest in missing.items() if _has_rows(digest)]:
        for row in Email.objects.filter(digest__in=counted).only(*COUNTED_FIELDS).order_by("rank"):
            rows[row.digest_id].append(row)
    found.update({pk: digest_counts(digest, rows[pk]) for pk, digest in missing.items()})
    return found
