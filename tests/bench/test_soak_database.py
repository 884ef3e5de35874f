"""The soak's database: a name of its own per run, dropped even when the soak fails."""

import contextlib
import os
from urllib.parse import urlsplit

import psycopg
import pytest

from bench.soakbench import database
from bench.soakbench.options import DEFAULT_DATABASE, parse
from tests.bench.test_soak import soak_database_url


def test_two_runs_never_share_a_name():
    first, second = database.unique_url(DEFAULT_DATABASE), database.unique_url(DEFAULT_DATABASE)

    assert first != second
    assert database.name_of(first).startswith(f"gda_soak_bench_{os.getpid()}_")
    assert urlsplit(first).netloc == urlsplit(DEFAULT_DATABASE).netloc


def test_a_long_name_is_cut_before_its_suffix_not_after():
    url = database.unique_url("postgres://h/gda_soak_" + "x" * 80)

    name = database.name_of(url)
    assert len(name) == database.MAX_NAME
    assert name.endswith(f"_{os.getpid()}_" + name.rsplit("_", 1)[1])


def test_the_bench_picks_a_fresh_name_unless_told_one():
    assert parse([]).database_url != parse([]).database_url
    given = "postgres://h/gda_soak_mine"
    assert parse(["--database-url", given]).database_url == given


def test_only_a_soaks_database_is_ever_touched():
    with pytest.raises(SystemExit, match="must contain 'soak'"):
        database.drop("postgres://postgres@127.0.0.1:5432/gda_test")


@pytest.fixture
def server_url() -> str:
    url = soak_database_url()
    server = urlsplit(url)._replace(path="/postgres").geturl()
    try:
        psycopg.connect(server, connect_timeout=2).close()
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server to make a database on")
    return url


def failing_soak(url: str, sessions: list[psycopg.Connection]) -> None:
    with database.own_database(url):
        # A session left open, as a killed scheduler's would be: the drop must not wait on it.
        sessions.append(psycopg.connect(url))
        raise RuntimeError("the soak failed")


def test_the_database_is_dropped_when_the_soak_fails(server_url):
    sessions: list[psycopg.Connection] = []
    with pytest.raises(RuntimeError, match="the soak failed"):
        failing_soak(server_url, sessions)

    assert len(sessions) == 1  # it was there, and in use
    assert not database.exists(server_url)
    with contextlib.suppress(psycopg.Error):
        sessions[0].close()


def test_keep_leaves_it_for_a_look(server_url):
    try:
        with database.own_database(server_url, keep=True):
            pass
        assert database.exists(server_url)
    finally:
        database.drop(server_url)
