"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for delivery tests.

It can misbehave the two ways that make a send's outcome unknown to the client:

* ``drop_after_data = n``: for the next ``n`` messages, store the mail, then drop the
  connection instead of answering 250 (the client sees the connection close).
* ``kill_on_data = pid``: once, when a message's DATA has arrived, store it and SIGKILL the
  client process ``pid`` before answering (a scheduler killed mid-send).

With a :class:`fakegoogle.FakeGoogle`, every message is also delivered into the fake mailbox
of each recipient that is an account there, as Gmail would, so a search finds it.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller

from fakegoogle import FakeGoogle


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes

    @property
    def message_id(self) -> str:
        return str(message_from_bytes(self.content, policy=default_policy)["Message-ID"] or "")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpSink:
    """Start with ``with SmtpSink(fake) as sink:``; ``sink.url`` is an EMAIL_URL."""

    def __init__(self, fake: FakeGoogle | None = None) -> None:
        self.fake = fake
        self.received: list[Received] = []
        self.drop_after_data = 0
        self.kill_on_data: int | None = None
        self._lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def copies(self, message_id: str) -> int:
        """How many times a message with this Message-ID was received."""
        with self._lock:
            return sum(1 for mail in self.received if mail.message_id == message_id)

    def __enter__(self) -> SmtpSink:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """aiosmtpd's hook: the whole message has arrived; store it, then answer or not."""
        content = bytes(envelope.original_content or envelope.content)
        mail = Received(envelope.mail_from, tuple(envelope.rcpt_tos), content)
        with self._lock:
            self.received.append(mail)
            drop, self.drop_after_data = self.drop_after_data > 0, max(0, self.drop_after_data - 1)
            victim, self.kill_on_data = self.kill_on_data, None
        self._deposit(mail)
        if victim is not None:
            os.kill(victim, signal.SIGKILL)
        if drop or victim is not None:
            server.transport.abort()  # stored, never acknowledged
        return "250 Message accepted for delivery"

    def _deposit(self, mail: Received) -> None:
        if self.fake is None:
            return
        known = {account.email.lower() for account in self.fake.accounts}
        for address in mail.rcpt_tos:
            if address.lower() in known:
                self.fake.add_message(address, mail.content)
