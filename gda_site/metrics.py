"""``/metrics``: Prometheus text from every process, plus what only the database knows.

Counters and histograms are defined next to the code they count (``jobs.metrics``,
``accounts.metrics``, ``digests.metrics``). With ``PROMETHEUS_MULTIPROC_DIR`` set (as the
deployment files do for gunicorn and every ``runscheduler``), each process writes its values
to files there and a scrape adds them up; without it (development, tests) the values of this
process are served. Gauges about the jobs table are read from the database at scrape time,
so any web worker answers for the whole deployment.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpRequest
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from jobs.heartbeats import live_schedulers
from jobs.models import Job
from jobs.transitions import Status

__all__ = ["DatabaseCollector", "exposition", "may_read"]


class DatabaseCollector(Collector):
    """Jobs by status and type, the oldest due job's lag, dead letters, live schedulers."""

    def collect(self) -> Iterator[Metric]:
        jobs = GaugeMetricFamily("gda_jobs", "Jobs by status and type.", labels=["status", "type"])
        rows = Job.objects.values("status", "type").annotate(n=Count("id")).order_by()
        dead = 0
        for row in rows:
            jobs.add_metric([row["status"], row["type"]], row["n"])
            dead += row["n"] if row["status"] == Status.DEAD else 0
        yield jobs
        yield GaugeMetricFamily("gda_dead_letters", "Jobs that will not be retried.", value=dead)
        now = timezone.now()
        oldest = Job.objects.filter(status=Status.PENDING, next_run__lte=now).aggregate(
            oldest=Min("next_run")
        )["oldest"]
        lag = (now - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "gda_claim_lag_seconds", "Age of the oldest job that is due and not claimed.", lag
        )
        within = timedelta(seconds=2 * settings.CONFIG.scheduler.poll_interval)
        yield GaugeMetricFamily(
            "gda_live_schedulers",
            "runscheduler processes whose heartbeat is newer than two poll intervals.",
            value=live_schedulers(within).count(),
        )


def exposition() -> bytes:
    """The scrape body: every process's metrics and the database gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    database = CollectorRegistry()
    database.register(DatabaseCollector())
    return body + generate_latest(database)


def may_read(request: HttpRequest) -> bool:
    """The configured bearer token, or a request from an allowed address."""
    config = settings.CONFIG.metrics
    header = request.headers.get("Authorization", "")
    if config.token and header.startswith("Bearer "):
        return hmac.compare_digest(header.removeprefix("Bearer ").encode(), config.token.encode())
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in config.allowed_ips)
