"""Fixed-window rate limits kept in the cache: "at most N per key per window".

The counts live in Django's cache, so they are shared by every process only when the cache
is (``cache_url`` pointing at Redis or Memcached); with the default local-memory cache each
process counts on its own, which still bounds what one process lets through.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

__all__ = ["client_address", "hit"]


def hit(scope: str, key: str, *, limit: int, window: int) -> int:
    """Count one hit; returns 0 when allowed, else the seconds until the window ends."""
    now = int(time.time())
    start = now - now % window
    name = f"ratelimit:{scope}:{key}:{start}"
    cache.add(name, 0, timeout=window + 1)
    try:
        count = cache.incr(name)
    except ValueError:  # evicted between add and incr: count this hit as the first
        cache.set(name, 1, timeout=window + 1)
        count = 1
    return 0 if count <= limit else start + window - now


def client_address(request: HttpRequest) -> str:
    """The peer address Django sees (a trusted proxy's, unless it rewrites REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
