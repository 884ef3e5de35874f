"""A WSGI app served on loopback in a daemon thread: what both fakes (Google, LLM) run on."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from socketserver import ThreadingMixIn
from types import TracebackType
from typing import IO, Any, Self
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import WSGIApplication


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a hung client or reply must never keep a test run alive
    allow_reuse_address = True


class _ThreadingWSGIServerV6(_ThreadingWSGIServer):
    address_family = socket.AF_INET6


class _LogWriter:
    """wsgiref reports a client that hung up as a traceback on stderr: log it at DEBUG."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def write(self, text: str) -> int:
        if text.strip():
            self._logger.debug("%s", text.rstrip())
        return len(text)

    def flush(self) -> None:
        pass


def _quiet_handler(logger: logging.Logger) -> type[WSGIRequestHandler]:
    """A request handler whose access lines and tracebacks go to ``logger`` at DEBUG."""

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("%s " + format, self.address_string(), *args)

        def get_stderr(self) -> IO[str]:
            return _LogWriter(logger)  # type: ignore[return-value]

    return QuietHandler


def ensure_loopback(host: str, name: str) -> None:
    """Refuse anything but loopback: a fake hands out tokens and answers to whoever asks."""
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(
            f"{name} only binds to loopback (127.0.0.1, ::1 or localhost), not {host!r}"
        )


class LoopbackServer:
    """A started server: ``root_url`` to reach it, ``stop()`` (or ``with``) to end it."""

    def __init__(self, app: WSGIApplication, host: str, port: int, name: str) -> None:
        ensure_loopback(host, name)
        server_class = _ThreadingWSGIServerV6 if ":" in host else _ThreadingWSGIServer
        handler_class = _quiet_handler(logging.getLogger(name))
        self._httpd = make_server(
            host, port, app, server_class=server_class, handler_class=handler_class
        )
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name=name, daemon=True
        )
        self._thread.start()
        bound_host, bound_port = self._httpd.server_address[:2]
        bound = f"[{bound_host}]" if ":" in str(bound_host) else str(bound_host)
        self.root_url = f"http://{bound}:{bound_port}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.root_url}>"
