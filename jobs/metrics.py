"""The jobs engine's Prometheus metrics, counted in whichever process runs the job."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

__all__ = ["JOB_DURATION", "JOB_RUNS"]

JOB_RUNS = Counter(
    "gda_job_runs_total", "Job runs by type and how they ended.", ["type", "outcome"]
)
JOB_DURATION = Histogram(
    "gda_job_duration_seconds",
    "How long a job's handler ran, by type.",
    ["type"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
