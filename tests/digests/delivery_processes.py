"""Real ``manage.py runscheduler`` processes that deliver digests through the fake Google and
the SMTP sink, both running in the test process, against the test database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fakegoogle import TEST_CLIENT_ID, TEST_CLIENT_SECRET
from tests.jobs.processes import ROOT, child_database_url

FAST = ["--poll-interval", "0.1", "--lease-seconds", "5", "--workers", "1"]


class DeliveryScheduler:
    def __init__(
        self, log_path: Path, *, google_url: str, email_url: str, kill_at: str = "", **config: str
    ) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("GDA_")}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.digests.settings_delivery",
            DEBUG="true",
            DATABASE_URL=child_database_url(),
            PYTHONPATH=str(ROOT),
            EMAIL_URL=email_url,
            GDA_GOOGLE__FAKE_URL=google_url,
            GDA_GOOGLE__CLIENT_ID=TEST_CLIENT_ID,
            GDA_GOOGLE__CLIENT_SECRET=TEST_CLIENT_SECRET,
            OUTBOX_KILL_AT=kill_at,
            **config,
        )
        self.log_path = log_path
        self._log = log_path.open("w")
        self.popen = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runscheduler", *FAST],
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

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it will not go."""
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(10)
        self._log.close()
