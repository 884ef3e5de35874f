"""`manage.py rundev`: the whole product on one machine, for `make run`.

Starts the web app and the scheduler as child processes and, when no Google OAuth client is
configured, the local fake Google with its demo mailbox (in this process, on loopback), wired
into both children through ``GDA_GOOGLE__FAKE_URL``. Ctrl-C or SIGTERM stops everything:
the children get SIGTERM (the scheduler finishes its running jobs) and we wait for them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

FAKE_GOOGLE_PORT = 8765


class Command(BaseCommand):
    help = "Run the web app and the scheduler (and the fake Google in demo mode) together."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Web app address.")
        parser.add_argument("--no-scheduler", action="store_true", help="Web app only.")

    def handle(self, *args: Any, addr: str, no_scheduler: bool, **options: Any) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        fake = None
        if not settings.CONFIG.google_client_configured and not settings.CONFIG.google.fake_url:
            fake = self.start_fake_google()
            env["GDA_GOOGLE__FAKE_URL"] = fake.base_url

        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        children = [subprocess.Popen([*manage, "runserver", addr, "--noreload"], env=env)]
        if not no_scheduler:
            children.append(subprocess.Popen([*manage, "runscheduler"], env=env))
        self.stdout.write(f"Gmail Digest Assistant is running on http://{addr}/ (Ctrl-C stops)")

        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.2)
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    child.kill()
            if fake is not None:
                fake.stop()
        failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM)]
        if failed and not stopping:
            raise SystemExit(1)

    def start_fake_google(self) -> Any:
        from fakegoogle.server import serve

        fake = serve(port=FAKE_GOOGLE_PORT)
        self.stdout.write(
            self.style.WARNING(
                f"No Google OAuth client configured: demo mode with the fake Google at "
                f"{fake.base_url} (sign in as the demo user; mail is made up)."
            )
        )
        return fake
