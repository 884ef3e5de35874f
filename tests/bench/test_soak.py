"""The short soak (bench/soak.py --short) inside the suite: a compressed day of digests under
faults, four real scheduler processes SIGKILLed in turn, on PostgreSQL; nothing lost or doubled.

The soak needs PostgreSQL whichever leg runs it: it uses the server of DATABASE_URL when that
is a postgres:// URL, else the local one ``make test`` also uses, and a database of its own:
named for this run (two checkouts soaking at once never share one), dropped afterwards even
when the soak fails or is killed at its timeout.
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench.soakbench import database

ROOT = Path(__file__).resolve().parents[2]
LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"

pytestmark = pytest.mark.slow


def soak_database_url() -> str:
    """A database named after the test database plus this run's pid and a random suffix."""
    url = os.environ.get("DATABASE_URL", "")
    base = url if url.startswith("postgres") else LOCAL_SERVER
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "gda"
    name = name if name.startswith("gda_") else f"gda_{name}"
    return database.unique_url(urlunsplit(parts._replace(path=f"/{name}_soak_short")))


@pytest.fixture(scope="module")
def soak_url() -> Iterator[str]:
    """The run's database URL; the database is dropped at the end whatever happened."""
    url = soak_database_url()
    yield url
    database.drop(url)  # the soak drops it too, unless it was killed at the timeout


@pytest.fixture(scope="module")
def figures(tmp_path_factory, soak_url) -> dict:
    out = tmp_path_factory.mktemp("soak")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GDA_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "soak.py"),
            "--short",
            "--database-url",
            soak_url,
            "--json",
            str(out / "soak.json"),
            "--log-dir",
            str(out / "logs"),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return {**json.loads((out / "soak.json").read_text()), "table": result.stdout}


def test_the_table_is_printed(figures, capsys):
    with capsys.disabled():
        print("\n" + figures["table"])
    assert "digests lost (must be 0)" in figures["table"]


def test_every_message_that_arrived_reached_exactly_one_digest(figures):
    assert figures["arrived"] > 100
    assert figures["reached"] == figures["arrived"], figures["unreached_sample"]
    assert figures["doubled_in_digests"] == 0


def test_no_email_is_received_twice_and_no_digest_is_lost(figures):
    assert figures["emails_received"] == figures["emails_owed"] > 0
    assert figures["duplicate_emails"] == 0
    assert figures["lost"] == 0, figures["lost_detail"]


def test_only_the_revoked_people_lose_their_digests(figures):
    assert figures["revoked_people"] >= 1
    assert figures["dead_letters_not_revoked"] == 0, figures["dead_letters"]
    assert figures["needs_reauth_not_revoked"] == 0


def test_the_faults_really_happened(figures):
    assert figures["kills"] >= 5
    assert figures["crashes"] == 0
    assert figures["hostile_arrived"] >= 7  # every hostile shape at least once
    assert figures["hostile_reached"] == figures["hostile_arrived"]
    assert figures["late_reached"] == figures["late_arrived"] > 0
    assert figures["due"] > 0
    assert figures["built_scheduled"] > 0


def test_the_soak_dropped_its_database(figures, soak_url):
    assert not database.exists(soak_url)
