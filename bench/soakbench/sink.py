"""The soak's SMTP server: tests' aiosmtpd sink, dropping a share of connections after DATA."""

from __future__ import annotations

import random
from typing import Any

from fakegoogle import FakeGoogle
from tests.digests.smtp_sink import SmtpSink


class DroppingSink(SmtpSink):
    """Stores every mail; with ``drop_rate`` closes the connection instead of answering 250."""

    def __init__(self, fake: FakeGoogle, drop_rate: float, seed: int) -> None:
        super().__init__(fake)
        self.drop_rate = drop_rate
        self.dropped = 0
        self._random = random.Random(seed)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self._random.random() < self.drop_rate:
            self.drop_after_data = 1  # aiosmtpd runs handlers on one loop: no race
            self.dropped += 1
        return await super().handle_DATA(server, session, envelope)
