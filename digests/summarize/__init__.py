"""What each message says, how urgent it is and what the reader must do by when.

Two layers. :func:`analyze` is local, deterministic and always works: a one-line summary of
what the mail is about and why, an urgency class with the reasons that produced it (a model
over signals, ``urgency_model.json``, refitted by ``make train``), action items with due dates
and times resolved in the reader's time zone, a phishing flag and a reading time.
:func:`summarize` then runs the provider chain from ``settings.CONFIG.summary.providers``: a
remote model (``openai``, ``anthropic``) may rewrite the summaries, urgencies and action items
of the listed messages; any timeout, error or output that does not match the schema falls
through to the next provider, and ``extractive`` (the local analysis as is) ends every chain,
so a digest never fails for want of a model.

One concern a module, imported one way: ``types``, ``patterns`` <- ``sentences`` <-
``calendar_math`` <- ``date_phrases`` <- ``dates`` <- ``notices``, ``cues``, ``objects``,
``duty_objects`` <- ``rewrite``, ``phrasing``, ``obligations``, ``ask_dates`` <- ``item_dates``
<- ``mail_dates``, ``listing``, ``conjoined``, ``fallback``, ``duty_asks`` <- ``actions``;
``authenticity``, ``envelope``, ``mail_kinds`` <- ``signals`` <- ``model`` <- ``urgency``;
``summary``, ``overview`` and ``providers`` beside them; this module puts them together.
"""

from __future__ import annotations

from dataclasses import replace

from digests.parsing import ParsedMessage
from digests.summarize.actions import find_action_items
from digests.summarize.authenticity import Authenticity, check_authenticity
from digests.summarize.dates import Deadline, resolve_deadline, resolve_due
from digests.summarize.fallback import fallback_item
from digests.summarize.mail_dates import mail_deadline, subject_deadline
from digests.summarize.notices import invitation_item, is_machine, person_behind
from digests.summarize.overview import count_by_urgency, write_overview
from digests.summarize.providers import PROVIDERS, parse_provider_output, summarize
from digests.summarize.sentences import new_text, split_sentences
from digests.summarize.signals import compute_signals
from digests.summarize.summary import extractive_summary, write_summary
from digests.summarize.topics import subject_topic, with_context
from digests.summarize.types import (
    MAX_ACTION_ITEMS,
    URGENCY_ORDER,
    ActionItem,
    Analysis,
    DigestSummary,
    ProviderError,
    SummaryContext,
    reading_seconds,
)
from digests.summarize.urgency import asks_nothing, classify_urgency

__all__ = [
    "MAX_ACTION_ITEMS",
    "PROVIDERS",
    "URGENCY_ORDER",
    "ActionItem",
    "Analysis",
    "Deadline",
    "DigestSummary",
    "ProviderError",
    "SummaryContext",
    "analyze",
    "check_authenticity",
    "classify_urgency",
    "clear_caches",
    "count_by_urgency",
    "extractive_summary",
    "features_for",
    "find_action_items",
    "invitation_item",
    "parse_provider_output",
    "reading_seconds",
    "resolve_deadline",
    "resolve_due",
    "split_sentences",
    "summarize",
    "write_overview",
    "write_summary",
]


def _read(
    message: ParsedMessage, ctx: SummaryContext
) -> tuple[Authenticity, list[ActionItem], dict[str, float], bool]:
    """Authenticity, action items, signals, and whether a machine sent it."""
    authenticity = check_authenticity(message, ctx.me)
    # An invitation comes from Google's calendar robot on behalf of a person who wants an
    # answer: it is weighed like a person's mail, not like a notification.
    invitation = message.calendar is not None and message.calendar.method not in {"CANCEL", "REPLY"}
    automated = is_machine(message) and not invitation
    items = (
        []
        if authenticity.suspicious
        else find_action_items(message, ctx.zone, automated=automated, me=ctx.me)
    )
    # "Review für #4821 - heute vor 18 Uhr?": find_action_items gives the subject's deadline
    # to the asks that have none and may borrow one.
    subject = subject_deadline(message, ctx.zone) if not automated else None
    extra: list[Deadline] = []
    if subject is not None and items:
        extra.append(subject)
    asks = items
    behind = automated and not authenticity.suspicious and person_behind(message, ctx.me)
    if behind:
        # A colleague writing through a tool or to a team list asks like a person ("Please
        # mark your unavailable weeks in the sheet"): the urgency weighs their asks and the
        # digest lists them.
        items = asks = find_action_items(message, ctx.zone, automated=False, me=ctx.me)
    signals = compute_signals(
        message,
        asks,
        ctx,
        authenticity,
        extra,
        machine=automated and not behind,
        read_nearest_date=lambda: mail_deadline(message, ctx.zone),
    )
    return authenticity, items, signals, automated


def clear_caches() -> None:
    """Forget memoized texts and dates (the benchmark times each message from cold)."""
    from digests.summarize import (
        asks,
        authenticity,
        dates,
        datewords,
        people,
        sentences,
        summary,
        topics,
    )

    asks.is_ask.cache_clear()
    people._parsed.cache_clear()
    dates._resolve.cache_clear()
    datewords.words_of.cache_clear()
    sentences._clean.cache_clear()
    sentences._split.cache_clear()
    authenticity.is_lookalike.cache_clear()
    authenticity._imitates_brand.cache_clear()
    topics.subject_topic.cache_clear()
    topics.topic_object.cache_clear()
    summary._norm.cache_clear()


def features_for(message: ParsedMessage, ctx: SummaryContext) -> dict[str, float]:
    """The signals the urgency model sees for this message (what ``make train`` fits on)."""
    return _read(message, ctx)[2]


def _due_by_now(item: ActionItem, message: ParsedMessage, ctx: SummaryContext) -> ActionItem:
    """An item due on the day a mail came, without a time, is due on the day it is read.

    A key exposed at 23:10 and read in the next morning's digest is to revoke that morning,
    not "overdue since yesterday".
    """
    received = message.received_at.astimezone(ctx.zone).date()
    today = ctx.now.astimezone(ctx.zone).date()
    if item.due == received and item.time is None and today > received:
        return replace(item, due=today)
    return item


def analyze(message: ParsedMessage, ctx: SummaryContext) -> Analysis:
    """Urgency with reasons, action items, a one-line summary: local and deterministic."""
    authenticity, items, signals, automated = _read(message, ctx)
    urgency, reasons = classify_urgency(signals, authenticity)
    if asks_nothing(signals):
        items = []
    # The invitation's own item is added after classifying: its date is the event, which
    # the signals already weigh, not a deadline to count a second time.
    if (invitation := invitation_item(message, ctx.zone)) and len(items) < MAX_ACTION_ITEMS:
        items.append(invitation)
    if not items and (fallback := fallback_item(message, signals, urgency, ctx.zone)):
        items.append(fallback)
    # Each item names what it is about, to be read alone in a list of to-dos ("Register via
    # the link in the Learning portal (re: Zendesk admin training)"); a card leaves out the
    # subject it is shown under.
    topic = subject_topic(message.subject)
    named = (
        replace(_due_by_now(i, message, ctx), text=with_context(i.text, topic, always=True))
        for i in items
    )
    return Analysis(
        summary=write_summary(message, ctx.zone, items, automated=automated),
        urgency=urgency,
        reasons=reasons,
        action_items=tuple(named),
        reading_seconds=reading_seconds(new_text(message) or message.body),
        suspicious=authenticity.suspicious,
    )
