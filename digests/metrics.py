"""Prometheus metrics of the digest pipeline: digests, Gmail calls, analysis, delivery."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

__all__ = [
    "ANALYSIS_SECONDS",
    "DELIVERY_VERIFICATIONS",
    "DIGESTS",
    "GMAIL_CALLS",
    "GMAIL_QUOTA_UNITS",
    "SUMMARY_PROVIDER",
]

DIGESTS = Counter(
    "gda_digests_total", "Digests by outcome: built, sent, empty, failed.", ["outcome"]
)
GMAIL_CALLS = Counter(
    "gda_gmail_calls_total", "Gmail API requests by method and HTTP status.", ["method", "status"]
)
GMAIL_QUOTA_UNITS = Counter("gda_gmail_quota_units_total", "Gmail quota units spent.")
SUMMARY_PROVIDER = Counter(
    "gda_summary_messages_total",
    "Messages analysed, by the provider that produced the analysis and whether it was a "
    "fallback to the offline analyzer.",
    ["provider", "fallback"],
)
ANALYSIS_SECONDS = Histogram(
    "gda_analysis_seconds",
    "Offline analysis time per message.",
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.5),
)
DELIVERY_VERIFICATIONS = Counter(
    "gda_delivery_verifications_total",
    "Uncertain sends checked in the recipient's Gmail: found (marked sent) or resent.",
    ["result"],
)
