"""The soak's own PostgreSQL database: a name no other run shares, made fresh, always dropped.

Two checkouts soaking at once on one server must not share a database (one would drop the
other's mid-run), so a run's name ends in its process id and a random suffix. Only names
that start with ``gda_`` and contain ``soak`` are ever dropped or created here.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

__all__ = ["MAX_NAME", "create", "drop", "exists", "name_of", "own_database", "unique_url"]

MAX_NAME = 63  # PostgreSQL cuts identifiers longer than this


def name_of(url: str) -> str:
    """The database name of ``url``; SystemExit unless it is a soak's (gda_..., with 'soak')."""
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("gda_") or "soak" not in name:
        raise SystemExit(f"soak: refusing to touch {name!r}: its name must contain 'soak'")
    return name


def unique_url(url: str) -> str:
    """``url`` with ``_<pid>_<random>`` after its database name, within PostgreSQL's 63."""
    parts = urlsplit(url)
    suffix = f"_{os.getpid()}_{secrets.token_hex(3)}"
    name = parts.path.lstrip("/")[: MAX_NAME - len(suffix)] + suffix
    return urlunsplit(parts._replace(path=f"/{name}"))


def _server(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def create(url: str) -> None:
    """Drop any leftover of the same name, then create the database empty."""
    import psycopg

    name = name_of(url)
    with psycopg.connect(_server(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop(url: str) -> None:
    """Drop the database, closing whatever sessions still use it; nothing if it is gone."""
    import psycopg

    name = name_of(url)
    with psycopg.connect(_server(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def exists(url: str) -> bool:
    import psycopg

    name = name_of(url)
    with psycopg.connect(_server(url), autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return row.fetchone() is not None


@contextmanager
def own_database(url: str, *, keep: bool = False) -> Iterator[str]:
    """Create the database, and drop it on the way out, failure or not (unless ``keep``)."""
    create(url)
    try:
        yield url
    finally:
        if not keep:
            drop(url)
