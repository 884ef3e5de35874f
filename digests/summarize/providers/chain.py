"""The provider chain: each remote provider refines what the ones before it left, per message.

A message a provider fails on, leaves out or never gets (over the budget) goes on to the next
provider and, at the end, keeps its offline analysis: no message is ever dropped.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings

from digests.parsing import ParsedMessage
from digests.summarize.providers.anthropic_messages import ANTHROPIC
from digests.summarize.providers.batching import Batch, plan_batches
from digests.summarize.providers.deadline import call_with_deadline
from digests.summarize.providers.guard import refine
from digests.summarize.providers.openai_chat import COMPATIBLE, OPENAI
from digests.summarize.providers.prompt import is_automated, looks_like_injection
from digests.summarize.providers.remote import Remote
from digests.summarize.providers.schema import Answer
from digests.summarize.types import Analysis, DigestSummary, ProviderError, SummaryContext
from gda_site.config import SummaryConfig

logger = logging.getLogger(__name__)

LOCAL = "extractive"  # the offline analysis as is: ends every chain
PROVIDERS: dict[str, Remote] = {remote.name: remote for remote in (OPENAI, ANTHROPIC, COMPATIBLE)}
WITHHELD = "not shown to the summary model: the mail addresses instructions to an AI"
WITHHELD_NOTE = "message(s) not sent to any model: they address instructions to an AI"


@dataclass
class Outcome:
    """What one provider made of the messages it was given."""

    analyses: dict[str, Analysis] = field(default_factory=dict)
    overview: str = ""  # only when one call covered every message
    notes: list[str] = field(default_factory=list)


def summarize(
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    *,
    config: SummaryConfig | None = None,
) -> DigestSummary:
    """Run the chain over ``messages`` (the ones the digest lists).

    ``analyses`` holds the offline analysis of every message; the rest pass through, so
    counts cover the whole period. ``provider`` names every provider that analyzed a
    message, in chain order ("openai+extractive" when some kept the offline analysis).
    """
    config = config or settings.CONFIG.summary
    remotes = _remotes(config.providers)
    if not messages or not remotes:
        return DigestSummary(LOCAL, dict(analyses))
    result = dict(analyses)
    notes: list[str] = []
    used: list[str] = []
    overview = ""
    pending = _withhold_injections(messages, result, notes)
    withheld = len(pending) < len(messages)
    for remote in remotes:
        if not pending:
            break
        outcome = run_remote(remote, pending, result, ctx, config)
        notes.extend(f"{remote.name}: {note}" for note in outcome.notes)
        if outcome.analyses:
            used.append(remote.name)
            result.update(outcome.analyses)
            if len(outcome.analyses) == len(messages):
                overview = outcome.overview
        pending = [m for m in pending if m.gmail_id not in outcome.analyses]
    if pending or withheld or not used:
        used.append(LOCAL)
    return DigestSummary("+".join(used), result, overview, notes)


def _withhold_injections(
    messages: Sequence[ParsedMessage], result: dict[str, Analysis], notes: list[str]
) -> list[ParsedMessage]:
    """The messages a model may see; the others get a reason saying why not, and a note."""
    kept = []
    for message in messages:
        if not looks_like_injection(message):
            kept.append(message)
            continue
        local = result[message.gmail_id]
        result[message.gmail_id] = replace(local, reasons=(*local.reasons, WITHHELD))
    if withheld := len(messages) - len(kept):
        notes.append(f"{withheld} {WITHHELD_NOTE}")
    return kept


def _remotes(names: Sequence[str]) -> list[Remote]:
    """The remote providers before the first "extractive", in order."""
    found = []
    for name in names:
        if name == LOCAL:
            break
        found.append(PROVIDERS[name])
    return found


def run_remote(
    remote: Remote,
    messages: Sequence[ParsedMessage],
    analyses: dict[str, Analysis],
    ctx: SummaryContext,
    config: SummaryConfig,
) -> Outcome:
    """One provider over ``messages``: batched, ``concurrency`` calls at a time, each bounded."""
    if problem := remote.problem(config):
        logger.warning("summary provider %s skipped: %s", remote.name, problem)
        return Outcome(notes=[problem])
    batches, left_out = plan_batches(messages, analyses, ctx, config)
    outcome = Outcome()
    if left_out:
        outcome.notes.append(
            f"{len(left_out)} message(s) past the budget of {config.token_budget} tokens"
        )
    workers = max(1, min(config.concurrency, len(batches)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="summary") as pool:
        futures = [pool.submit(ask_batch, remote, batch, config) for batch in batches]
    by_id = {m.gmail_id: m for m in messages}
    for number, (batch, future) in enumerate(zip(batches, futures, strict=True), start=1):
        where = f"call {number} of {len(batches)}: " if len(batches) > 1 else ""
        try:
            answer = future.result()
        except ProviderError as exc:
            logger.warning("summary provider %s failed: %s%s", remote.name, where, exc)
            outcome.notes.append(f"{where}{exc}")
            continue
        except Exception as exc:  # a bug or an SDK surprise must not cost the digest
            problem = f"unexpected {unexpected(exc)}"
            logger.error("summary provider %s failed: %s%s", remote.name, where, problem)
            outcome.notes.append(f"{where}{problem}")
            continue
        for item_id, entry in answer.entries.items():
            gmail_id = batch.gmail_id(item_id)
            outcome.analyses[gmail_id] = refine(
                analyses[gmail_id], entry, remote.name, automated=is_automated(by_id[gmail_id])
            )
        if missing := len(batch.gmail_ids) - len(answer.entries):
            outcome.notes.append(f"{where}the answer left out {missing} message(s)")
        if len(batches) == 1:
            outcome.overview = answer.overview
    return outcome


def unexpected(exc: Exception) -> str:
    """The exception's class and where it was raised: enough to debug, no message (mail)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{exc.__class__.__name__}{where}"


def ask_batch(remote: Remote, batch: Batch, config: SummaryConfig) -> Answer:
    """One call under one deadline for all of it: connect, send, every byte of the answer."""
    client = remote.connect(config)
    try:
        return call_with_deadline(
            lambda: remote.ask(client, batch.request, config), config.timeout, abort=client.close
        )
    finally:
        client.close()
