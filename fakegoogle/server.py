"""Run the fake on loopback, in a background thread (tests) or in the foreground (demo)."""

from __future__ import annotations

from fakegoogle.app import make_wsgi_app
from fakegoogle.loopback import LoopbackServer
from fakegoogle.state import FakeGoogle


class RunningFakeGoogle(LoopbackServer):
    """A started server: ``base_url`` for the clients, ``fake`` for the test, ``stop()``."""

    def __init__(self, fake: FakeGoogle, host: str, port: int) -> None:
        super().__init__(make_wsgi_app(fake), host, port, "fakegoogle")
        self.fake = fake
        self.base_url = self.root_url


def serve(
    fake: FakeGoogle | None = None, host: str = "127.0.0.1", port: int = 0
) -> RunningFakeGoogle:
    """Start serving ``fake``; port 0 picks a free port.

    Without a fake, serve the demo: a new FakeGoogle whose demo@example.com account holds the
    shipped mailbox, with the consent screen shown (no auto-consent).
    """
    if fake is None:
        fake = FakeGoogle()
        fake.load_demo_mailbox()
    return RunningFakeGoogle(fake, host, port)
