"""A fresh fake LLM server per test."""

from tests.fakellm.support import llm

__all__ = ["llm"]
