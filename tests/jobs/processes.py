"""Starting real ``manage.py runscheduler`` processes against the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def child_database_url() -> str:
    """The database pytest-django created, as a URL the children's settings understand."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{settings['NAME']}"


class SchedulerProcess:
    def __init__(self, args: list[str], log_path: Path) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("GDA_")}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.jobs.settings_procs",
            DEBUG="true",
            DATABASE_URL=child_database_url(),
            PYTHONPATH=str(ROOT),
        )
        self.log_path = log_path
        self._log = log_path.open("w")
        self.popen = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runscheduler", *args],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def log(self) -> str:
        return self.log_path.read_text()

    def wait(self, timeout: float = 60) -> int:
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"scheduler did not exit in {timeout}s:\n{self.log}") from None
        finally:
            self._log.close()

    def signal(self, signum: int) -> None:
        os.kill(self.popen.pid, signum)

    def wait_until_started(self, timeout: float = 30) -> None:
        wait_for(lambda: " workers, lease " in self.log, timeout, f"start-up:\n{self.log}")

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait(10)
        self._log.close()


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)
