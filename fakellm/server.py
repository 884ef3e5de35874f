"""Run the fake LLM on loopback in a background thread (tests, benches) or in the foreground."""

from __future__ import annotations

import ipaddress
import logging
import threading
from socketserver import ThreadingMixIn
from types import TracebackType
from typing import IO, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from fakellm.app import make_wsgi_app
from fakellm.state import FakeLLM

logger = logging.getLogger("fakellm")


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a hung reply must never keep a test run alive
    allow_reuse_address = True


class _LogWriter:
    """wsgiref reports a client that hung up as a traceback on stderr: log it at DEBUG."""

    def write(self, text: str) -> int:
        if text.strip():
            logger.debug("%s", text.rstrip())
        return len(text)

    def flush(self) -> None:
        pass


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def get_stderr(self) -> IO[str]:
        return _LogWriter()  # type: ignore[return-value]


def ensure_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"fakellm only binds to loopback (127.0.0.1 or localhost), not {host!r}")


class RunningFakeLLM:
    """A started server: ``base_url`` (with /v1) for OpenAI clients, ``root_url`` for Anthropic."""

    def __init__(self, fake: FakeLLM, httpd: WSGIServer, thread: threading.Thread) -> None:
        self.fake = fake
        self._httpd = httpd
        self._thread = thread
        host, port = httpd.server_address[:2]
        self.root_url = f"http://{host}:{port}"
        self.base_url = self.root_url + "/v1"

    def stop(self) -> None:
        self.fake.stopping.set()  # hung and dripping replies end now
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningFakeLLM:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<RunningFakeLLM {self.base_url}>"


def serve(fake: FakeLLM | None = None, host: str = "127.0.0.1", port: int = 0) -> RunningFakeLLM:
    """Start serving ``fake`` (a well-behaved one if None); port 0 picks a free port."""
    ensure_loopback(host)
    fake = fake or FakeLLM()
    httpd = make_server(
        host,
        port,
        make_wsgi_app(fake),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, name="fakellm", daemon=True
    )
    thread.start()
    return RunningFakeLLM(fake, httpd, thread)
