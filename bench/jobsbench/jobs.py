"""The benchmark's job types, found by the engine's autodiscovery like any app's ``jobs.py``."""

from __future__ import annotations

from bench.jobsbench.probe import report_start
from jobs.models import Job
from jobs.registry import register

NOOP = "bench.noop"
PROBE = "bench.probe"


@register(NOOP)
def noop(job: Job) -> None:
    """One user's digest with nothing inside: what is left is the engine's cost per job."""


@register(PROBE)
def probe(job: Job) -> None:
    report_start(job.payload["key"])
