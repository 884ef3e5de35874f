"""A loopback stand-in for LLM APIs: OpenAI chat completions and Anthropic messages.

The official ``openai`` and ``anthropic`` SDKs talk to it over HTTP, so the providers are
tested through the same code as production; replies are scripted, faults included (see
README.md).
"""

from fakellm.replies import Reply, answer, drip, error, hang, text
from fakellm.server import RunningFakeLLM, serve
from fakellm.state import FakeLLM, LlmRequest

__all__ = [
    "FakeLLM",
    "LlmRequest",
    "Reply",
    "RunningFakeLLM",
    "answer",
    "drip",
    "error",
    "hang",
    "serve",
    "text",
]
