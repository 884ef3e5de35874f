"""Prometheus metrics of Google sign-in tokens."""

from __future__ import annotations

from prometheus_client import Counter

__all__ = ["TOKEN_REFRESHES"]

TOKEN_REFRESHES = Counter(
    "gda_token_refreshes_total",
    "Access token refreshes at Google by outcome: refreshed, invalid_grant, unavailable, refused.",
    ["outcome"],
)
