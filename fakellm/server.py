"""Run the fake LLM on loopback in a background thread (tests, benches) or in the foreground."""

from __future__ import annotations

from fakegoogle.loopback import LoopbackServer
from fakellm.app import make_wsgi_app
from fakellm.state import FakeLLM


class RunningFakeLLM(LoopbackServer):
    """A started server: ``base_url`` (with /v1) for OpenAI clients, ``root_url`` for Anthropic."""

    def __init__(self, fake: FakeLLM, host: str, port: int) -> None:
        super().__init__(make_wsgi_app(fake), host, port, "fakellm")
        self.fake = fake
        self.base_url = self.root_url + "/v1"

    def stop(self) -> None:
        self.fake.stopping.set()  # hung and dripping replies end now
        super().stop()


def serve(fake: FakeLLM | None = None, host: str = "127.0.0.1", port: int = 0) -> RunningFakeLLM:
    """Start serving ``fake`` (a well-behaved one if None); port 0 picks a free port."""
    return RunningFakeLLM(fake or FakeLLM(), host, port)
