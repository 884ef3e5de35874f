"""Fixed-window rate limits kept in the cache: "at most N per key per window".

The counts live in Django's cache, so they are shared by every process only when the cache
is (``cache_url`` pointing at Redis or Memcached); with the default local-memory cache each
process counts on its own, which still bounds what one process lets through.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

__all__ = ["client_address", "hit", "wait"]


def _window(scope: str, key: str, window: int, now: float | None) -> tuple[str, int]:
    """The cache key of the window ``now`` falls in, and the seconds until that window ends."""
    at = int(time.time() if now is None else now)
    start = at - at % window
    return f"ratelimit:{scope}:{key}:{start}", start + window - at


def hit(scope: str, key: str, *, limit: int, window: int, now: float | None = None) -> int:
    """Count one hit; returns 0 when allowed, else the seconds until the window ends."""
    name, left = _window(scope, key, window, now)
    cache.add(name, 0, timeout=window + 1)
    try:
        count = cache.incr(name)
    except ValueError:  # evicted between add and incr: count this hit as the first
        cache.set(name, 1, timeout=window + 1)
        count = 1
    return 0 if count <= limit else left


def wait(scope: str, key: str, *, limit: int, window: int, now: float | None = None) -> int:
    """Count nothing; returns 0 when one more hit would be allowed, else the seconds until."""
    name, left = _window(scope, key, window, now)
    return 0 if (cache.get(name) or 0) < limit else left


def client_address(request: HttpRequest) -> str:
    """The peer address Django sees (a trusted proxy's, unless it rewrites REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
