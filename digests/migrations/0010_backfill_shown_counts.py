"""Store the shown counts of every digest built before they were stored (0009).

The counting is frozen here as digests.render.counts.digest_counts did it when this was written
(a migration must not follow later changes of the app's code): the listed rows grouped by
thread, each thread's messages in its most urgent class, suspicious ones apart, and "not
listed" the rows only counted plus what the stored ``count_*`` say a digest made before
unlisted rows were stored lacks. Digests not built yet (no ``provider``) have no rows: their
builder stores their counts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import migrations

ORDER = {"low": 0, "medium": 1, "high": 2, "urgent": 3}
CLASSES = ("urgent", "high", "medium", "low")
BATCH = 500


def shown_counts(digest: Any, rows: list[Any]) -> dict[str, int]:
    """The digest's counts as its page showed them when this migration was written."""
    threads: dict[str, list[Any]] = {}
    for row in sorted(rows, key=lambda r: r.rank):
        if row.listed:
            threads.setdefault(row.thread_id or row.gmail_id, []).append(row)
    by_class: Counter[str] = Counter()
    for messages in threads.values():
        if any(m.suspicious for m in messages):
            by_class["suspicious"] += len(messages)
        else:
            by_class[max((m.urgency for m in messages), key=lambda u: ORDER.get(u, -1))] += len(
                messages
            )
    stored_total = sum(getattr(digest, f"count_{name}") for name in CLASSES)
    not_listed = sum(1 for row in rows if not row.listed) + max(0, stored_total - len(rows))
    return {
        **{name: by_class[name] for name in CLASSES},
        "suspicious": by_class["suspicious"],
        "not_listed": not_listed,
    }


def backfill(apps: Any, schema_editor: Any) -> None:
    Digest = apps.get_model("digests", "Digest")
    Email = apps.get_model("digests", "Email")
    db = schema_editor.connection.alias
    todo = Digest.objects.using(db).filter(shown_counts__isnull=True).exclude(provider="")
    fields = ("digest_id", "rank", "gmail_id", "thread_id", "urgency", "suspicious", "listed")
    while batch := list(todo.order_by("pk")[:BATCH]):
        rows: dict[int, list[Any]] = {digest.pk: [] for digest in batch}
        for row in Email.objects.using(db).filter(digest_id__in=list(rows)).only(*fields):
            rows[row.digest_id].append(row)
        for digest in batch:
            digest.shown_counts = shown_counts(digest, rows[digest.pk])
        Digest.objects.using(db).bulk_update(batch, ["shown_counts"])


class Migration(migrations.Migration):
    dependencies = [
        ("digests", "0009_digest_shown_counts"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
