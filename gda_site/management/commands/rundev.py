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
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gda_site.config import KEYS

FAKE_GOOGLE_PORT = 8765


class Command(BaseCommand):
    help = "Run the web app and the scheduler (and the fake Google in demo mode) together."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Web app address.")
        parser.add_argument("--no-scheduler", action="store_true", help="Web app only.")

    def handle(self, *args: Any, addr: str, no_scheduler: bool, **options: Any) -> None:
        config = settings.CONFIG
        demo = not config.google_client_configured and not config.google.fake_url
        if demo and not config.debug:
            raise CommandError(
                "No Google OAuth client is configured, and the demo's fake Google needs "
                "DEBUG=true. Set google.client_id and google.client_secret for a real run."
            )
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if config.site_url == KEYS["site_url"].default and addr.startswith("127.0.0.1:"):
            # Google sends the browser back to site_url: make it where we actually listen.
            env["GDA_SITE_URL"] = f"http://{addr}"
        fake = None
        if demo:
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

        try:
            fake = serve(port=FAKE_GOOGLE_PORT)
        except OSError:
            # Taken (another checkout's demo?): any port will do, the children are told.
            fake = serve(port=0)
        self.stdout.write(
            self.style.WARNING(
                f"No Google OAuth client configured: demo mode with the fake Google at "
                f"{fake.base_url} (sign in as the demo user; mail is made up)."
            )
        )
        return fake
