"""Run the fake on loopback, in a background thread (tests) or in the foreground (demo)."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from socketserver import ThreadingMixIn
from types import TracebackType
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from fakegoogle.app import make_wsgi_app
from fakegoogle.state import FakeGoogle

logger = logging.getLogger("fakegoogle")


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a hung client must never keep a test run alive
    allow_reuse_address = True


class _ThreadingWSGIServerV6(_ThreadingWSGIServer):
    address_family = socket.AF_INET6


class _QuietHandler(WSGIRequestHandler):
    """Access lines go to the "fakegoogle" logger at DEBUG instead of stderr."""

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


def ensure_loopback(host: str) -> None:
    """Refuse anything but loopback: the fake hands out tokens to whoever asks."""
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(
            f"fakegoogle only binds to loopback (127.0.0.1, ::1 or localhost), not {host!r}"
        )


class RunningFakeGoogle:
    """A started server: ``base_url`` for the clients, ``fake`` for the test, ``stop()``."""

    def __init__(self, fake: FakeGoogle, httpd: WSGIServer, thread: threading.Thread) -> None:
        self.fake = fake
        self._httpd = httpd
        self._thread = thread
        host, port = httpd.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else str(host)
        self.base_url = f"http://{host}:{port}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningFakeGoogle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<RunningFakeGoogle {self.base_url}>"


def serve(
    fake: FakeGoogle | None = None, host: str = "127.0.0.1", port: int = 0
) -> RunningFakeGoogle:
    """Start serving ``fake``; port 0 picks a free port.

    Without a fake, serve the demo: a new FakeGoogle whose demo@example.com account holds the
    shipped mailbox, with the consent screen shown (no auto-consent).
    """
    ensure_loopback(host)
    if fake is None:
        fake = FakeGoogle()
        fake.load_demo_mailbox()
    server_class = _ThreadingWSGIServerV6 if ":" in host else _ThreadingWSGIServer
    httpd = make_server(
        host, port, make_wsgi_app(fake), server_class=server_class, handler_class=_QuietHandler
    )
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, name="fakegoogle", daemon=True
    )
    thread.start()
    return RunningFakeGoogle(fake, httpd, thread)
