"""What the soak found, from the database, the SMTP sink and the fake Google; the table."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

from bench.soakbench.population import Person, due_runs
from bench.soakbench.run import Arrivals


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def collect(
    people: list[Person],
    arrivals: Arrivals,
    received_ids: list[str],
    start: dt.datetime,
    end: dt.datetime,
    closing_at: dt.datetime,
) -> dict[str, Any]:
    """The invariants and figures, read after every process has stopped."""
    from accounts.models import User
    from digests.bookkeeping import OutboundEmail
    from digests.models import Digest, Email
    from digests.scheduling import DIGEST_JOB
    from jobs.models import Job

    users = {u.email: u for u in User.objects.filter(email__in=[p.email for p in people])}
    readable = [p for p in people if p.email not in arrivals.revoked]
    digests = list(Digest.objects.select_related("user"))
    by_user: dict[str, list[Digest]] = {}
    for digest in digests:
        by_user.setdefault(digest.user.email, []).append(digest)
    statuses = Counter(d.status for d in digests)
    scheduled = [d for d in digests if d.created_at < closing_at]

    due = {p.email: due_runs(p, start, end) for p in people}
    due_total = sum(len(runs) for runs in due.values())
    missed = 0  # a due run of a readable person with no digest made after it
    latencies: list[float] = []
    for person in readable:
        made = sorted(
            d.created_at for d in by_user.get(person.email, []) if d.created_at < closing_at
        )
        for run in due[person.email]:
            if not any(created >= run for created in made):
                missed += 1
    for digest in scheduled:
        runs = [r for r in due[digest.user.email] if r <= digest.created_at]
        if runs and digest.delivered_at is not None:
            latencies.append((digest.delivered_at - runs[-1]).total_seconds())

    in_digests: dict[str, Counter[str]] = {}
    for user_email, gmail_id in Email.objects.values_list("digest__user__email", "gmail_id"):
        in_digests.setdefault(user_email, Counter())[gmail_id] += 1
    arrived = reached = hostile_arrived = hostile_reached = late_arrived = late_reached = 0
    unreached: list[str] = []
    for person in readable:
        seen = in_digests.get(person.email, Counter())
        for gmail_id, hostile, late in arrivals.by_email.get(person.email, []):
            arrived += 1
            hostile_arrived += hostile
            late_arrived += late
            if seen[gmail_id]:
                reached += 1
                hostile_reached += hostile
                late_reached += late
            else:
                unreached.append(f"{person.email}/{gmail_id}")
    doubled_in_digests = sum(c - 1 for seen in in_digests.values() for c in seen.values() if c > 1)

    copies = Counter(received_ids)
    outbox = {row.digest_id: row for row in OutboundEmail.objects.all()}
    # Every sent digest, and every empty one ("nothing new", the soak's people ask for it),
    # must have reached the sink.
    owed_email = [d for d in digests if d.status in (Digest.Status.SENT, Digest.Status.EMPTY)]
    never_received = [
        d.pk for d in owed_email if d.pk not in outbox or copies[outbox[d.pk].message_id] == 0
    ]
    unsent_outbox = [r.pk for r in outbox.values() if r.state != OutboundEmail.State.SENT]
    stuck = [d.pk for d in digests if d.status == Digest.Status.BUILDING]

    dead = Counter()
    dead_readable = 0
    for job in Job.objects.filter(status=Job.Status.DEAD).select_related("user"):
        email = job.user.email if job.user else ""
        revoked = email in arrivals.revoked
        dead_readable += not revoked
        reason = (job.last_error or "").splitlines()[0][:70] if job.last_error else "(none)"
        dead[f"{job.type}, {'revoked' if revoked else 'NOT revoked'}: {reason}"] += 1
    pending_digest_jobs = Job.objects.filter(
        type=DIGEST_JOB, schedule="", status__in=[Job.Status.PENDING, Job.Status.RUNNING]
    ).count()
    from accounts.models import GoogleAccount

    reauth = GoogleAccount.objects.filter(status=GoogleAccount.Status.NEEDS_REAUTH)
    reauth_emails = set(reauth.values_list("email", flat=True))
    del users
    return {
        "needs_reauth": len(reauth_emails),
        "needs_reauth_not_revoked": len(reauth_emails - set(arrivals.revoked)),
        "people": len(people),
        "revoked_people": len(arrivals.revoked),
        "due": due_total,
        "built": len(digests),
        "built_scheduled": len(scheduled),
        "built_closing": len(digests) - len(scheduled),
        "sent": statuses.get("sent", 0),
        "empty": statuses.get("empty", 0),
        "failed": statuses.get("failed", 0),
        "building": statuses.get("building", 0),
        "arrived": arrived,
        "reached": reached,
        "unreached_sample": unreached[:10],
        "hostile_arrived": hostile_arrived,
        "hostile_reached": hostile_reached,
        "late_arrived": late_arrived,
        "late_reached": late_reached,
        "doubled_in_digests": doubled_in_digests,
        "emails_received": sum(copies.values()),
        "emails_owed": len(owed_email),
        "duplicate_emails": sum(c - 1 for c in copies.values() if c > 1),
        "lost": len(never_received) + len(unsent_outbox) + len(stuck) + missed,
        "lost_detail": {
            "sent_never_received": len(never_received),
            "outbox_not_sent": len(unsent_outbox),
            "stuck_building": len(stuck),
            "due_run_without_digest": missed,
        },
        "dead_letters": dict(dead),
        "dead_letters_not_revoked": dead_readable,
        "closing_jobs_unfinished": pending_digest_jobs,
        "latency_p50": percentile(latencies, 0.5),
        "latency_p95": percentile(latencies, 0.95),
        "latency_mean": statistics.fmean(latencies) if latencies else 0.0,
    }


def table(figures: dict[str, Any]) -> str:
    """The end-of-soak table; "must" lines name what they must be."""
    f = figures
    speed = f["speed"]
    built = f"{f['built']} ({f['built_scheduled']} + {f['built_closing']})"
    outcomes = f"{f['sent']} / {f['empty']} / {f['failed']} / {f['building']}"
    kinds = f"{f['hostile_reached']}/{f['hostile_arrived']} / "
    kinds += f"{f['late_reached']}/{f['late_arrived']}"
    reauth = f"{f['needs_reauth']} ({f['needs_reauth_not_revoked']})"
    per_digest = f"{f['gmail_requests'] / max(1, f['built']):.1f} / {f['units_per_digest']:.1f}"
    latency = f"{f['latency_p50']:.0f} / {f['latency_p95']:.0f}"
    latency_real = f"{f['latency_p50'] / speed:.1f} / {f['latency_p95'] / speed:.1f}"
    burst = f"{f['built_closing']} / {f['closing_seconds']:.0f} / "
    burst += f"{f['digests_per_process_hour']:.0f}"
    rows: list[tuple[str, object]] = [
        ("people (revoked during the day)", f"{f['people']} ({f['revoked_people']})"),
        ("simulated day", f"{f['sim_start']} .. {f['sim_end']} UTC, x{speed:g}"),
        ("digests due in the day", f["due"]),
        ("digests built (scheduled + closing)", built),
        ("  sent / empty / failed / building", outcomes),
        ("messages arrived (readable people)", f["arrived"]),
        ("messages that reached a digest (must = arrived)", f["reached"]),
        ("  of them hostile / visible late", kinds),
        ("messages in two digests (must be 0)", f["doubled_in_digests"]),
        ("emails owed (sent + nothing new)", f["emails_owed"]),
        ("emails received by the SMTP sink (must = owed)", f["emails_received"]),
        ("duplicate emails received (must be 0)", f["duplicate_emails"]),
        ("digests lost (must be 0)", f"{f['lost']} {f['lost_detail']}"),
        ("SMTP connections dropped after DATA", f["smtp_dropped"]),
        ("schedulers SIGKILLed / crashed", f"{f['kills']} / {f['crashes']}"),
        ("dead letters of people not revoked (must be 0)", f["dead_letters_not_revoked"]),
    ]
    rows += [(f"  dead: {reason}", count) for reason, count in f["dead_letters"].items()]
    rows.append(("accounts needing reconnection (not revoked: must be 0)", reauth))
    for index, kib in enumerate(f["peak_kib"]):
        rows.append((f"peak memory, scheduler {index} (MiB)", f"{kib / 1024:.0f}"))
    rows += [
        ("peak memory, harness + fake Google + sink (MiB)", f"{f['harness_peak_kib'] / 1024:.0f}"),
        ("Gmail requests / quota units per digest", per_digest),
        ("due-to-delivered p50 / p95 (simulated s)", latency),
        ("  in real seconds", latency_real),
        ("closing burst: digests / real s / per process-hour", burst),
        ("scheduler CPU per digest (s)", f"{f['cpu_per_digest']:.3f}"),
        ("wall time (s)", f"{f['wall_seconds']:.0f}"),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
