"""Start-up behaviour of real `manage.py` processes with good and bad configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3Uq0Yw8m1q5m0n5bq9nNfHq3yJ6l6d0T2xv2m3bq7E="


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GDA_")}
    clean.pop("DEBUG", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, "DATABASE_URL": "sqlite:///var/test-startup.sqlite3", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_bad_config_stops_start_up_with_every_problem():
    result = manage(
        "migrate", "--check", DEBUG="true", GDA_GMAIL__BATCH_SIZE="500", GDA_SCHEDULER__WORKERS="0"
    )
    assert result.returncode == 3  # gunicorn stops rather than respawning workers
    assert "Traceback" not in result.stderr
    assert (
        "gmail.batch_size: expected an integer 1..100, got 500 (from GDA_GMAIL__BATCH_SIZE)"
        in result.stderr
    )
    assert (
        "scheduler.workers: expected an integer 1..64, got 0 (from GDA_SCHEDULER__WORKERS)"
        in result.stderr
    )


def test_check_reports_config_problems_as_system_check_errors():
    result = manage("check", DEBUG="true", GDA_GMAIL__BATCH_SIZE="500")
    assert result.returncode == 1
    assert "(gda.E001) gmail.batch_size: expected an integer 1..100, got 500" in result.stderr


def test_production_without_secrets_refuses_to_start():
    result = manage("migrate", "--check", DEBUG="false")
    assert result.returncode == 3
    assert "secret_key: expected a random string of 50+ characters" in result.stderr
    assert "token_keys: expected at least one Fernet key" in result.stderr


@pytest.mark.parametrize("database", ["sqlite:///var/test-startup.sqlite3"])
def test_deploy_check_is_clean_with_production_settings(database):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="t0p-Secret-for-the-deploy-check-only-7f3a9c1e5b2d8a4c6e0f",
        GDA_TOKEN_KEYS=GOOD_KEY,
        GDA_SITE_URL="https://gda.example.com",
        GDA_ALLOWED_HOSTS="gda.example.com",
        DATABASE_URL=database,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
