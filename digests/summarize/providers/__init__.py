"""Remote summary providers through the official SDKs, and the chain that falls back per message.

``prompt`` (the rubric, untrusted mail as JSON strings), ``schema`` (the answer's JSON schema,
checked again here), ``batching`` (token budgets), ``guard`` (how far a model may overrule the
offline analysis), ``deadline`` (one deadline per call), ``openai_chat`` and
``anthropic_messages`` (the SDK calls), ``chain`` (:func:`summarize`).
"""

from digests.summarize.providers.chain import LOCAL, PROVIDERS, run_remote, summarize
from digests.summarize.providers.schema import Answer, Entry, answer_schema, parse_answer_text

parse_provider_output = parse_answer_text  # the name digests.summarize exports

__all__ = [
    "LOCAL",
    "PROVIDERS",
    "Answer",
    "Entry",
    "answer_schema",
    "parse_answer_text",
    "parse_provider_output",
    "run_remote",
    "summarize",
]
