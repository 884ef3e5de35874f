"""The size budget: any mailbox renders under 100 KB of HTML, with the same plain text."""

import datetime as dt

import pytest
from django.utils import timezone

from digests.models import Email, Kind, Urgency
from digests.render import HTML_BUDGET, render_email
from digests.render.budget import Fitted, fit, plans
from digests.render.sections import Plan
from tests.accounts.factories import UserFactory
from tests.digests.factories import DigestFactory

pytestmark = pytest.mark.django_db

URGENCIES = [Urgency.URGENT, Urgency.HIGH, Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW, Urgency.LOW]
KINDS = list(Kind.values)


def long_mailbox(n: int, *, listed: int | None = None, words: int = 400):
    """``n`` messages with very long fields, the first ``listed`` of them listed."""
    digest = DigestFactory(user=UserFactory(email="big@example.com"), count_urgent=0, count_low=0)
    now = timezone.now().replace(microsecond=0)
    rows = []
    for i in range(n):
        urgency = URGENCIES[i % len(URGENCIES)]
        setattr(digest, f"count_{urgency}", getattr(digest, f"count_{urgency}") + 1)
        rows.append(
            Email(
                digest=digest,
                rank=i,
                gmail_id=f"m{i:05d}",
                thread_id=f"t{i:05d}",
                from_name=(f"Sender number {i} " + "Longname" * 40)[:300],  # the column holds 300
                from_address=f"sender{i}@example.com",
                subject=f"Subject {i} " + "very long subject words " * 40,
                snippet="snippet " * 100,
                summary=f"Summary {i} " + "this summary goes on and on " * words,
                received_at=now - dt.timedelta(minutes=i),
                urgency=urgency,
                reasons=["a reason that is long " * 20] * 6,
                suspicious=i % 7 == 0,
                kind=KINDS[i % len(KINDS)],
                listed=listed is None or i < listed,
                action_items=[{"text": "Do this long thing " * 30, "due": "2026-12-04"}] * 8,
                attachments=[{"name": "a.pdf", "type": "application/pdf", "size": 1}] * 3,
            )
        )
    digest.summary = "An overview that is far too long. " * 500
    digest.save()
    Email.objects.bulk_create(rows)
    return digest


def test_a_thousand_long_messages_stay_under_the_budget_with_a_text_alternative():
    digest = long_mailbox(1000)
    rendered = render_email(digest)
    assert len(rendered.html.encode()) < 100_000
    assert HTML_BUDGET <= 100_000
    assert "Subject 0 " in rendered.html  # the most important mail is still there
    assert "Subject 0 " in rendered.text
    # what did not fit is counted, not lost
    assert "more: " in rendered.text
    assert rendered.text.count("Subject ") == rendered.html.count("Subject ")


def test_the_same_mailbox_with_unlisted_rows_fits_and_counts_every_message():
    digest = long_mailbox(1000, listed=100)
    rendered = render_email(digest)
    assert len(rendered.html.encode()) < 100_000
    shown = rendered.text.count("Subject ")
    counted = int(rendered.text.split("And ", 1)[1].split(" more", 1)[0])
    assert shown + counted == 1000


def test_fields_are_cut_before_any_card_is_dropped():
    digest = long_mailbox(20, words=200)
    full = render_email(digest, budget=10_000_000)
    assert len(full.html.encode()) > 30_000  # the probe is big enough to need cutting
    tight = render_email(digest, budget=25_000)
    assert len(tight.html.encode()) <= 25_000
    assert tight.text.count("Open in Gmail:") == full.text.count("Open in Gmail:")
    assert "…" in tight.text


def test_cards_below_the_first_five_drop_to_lines_then_the_tail_to_counts():
    digest = long_mailbox(200, words=20)
    rendered = render_email(digest, budget=40_000)
    assert len(rendered.html.encode()) <= 40_000
    assert "ALSO ARRIVED" in rendered.text
    # The first five threads keep their forms: high, high in full, a medium compact; the
    # urgent first one is suspicious (every seventh is), so it is listed apart.
    cards, rest = rendered.text.split("NEEDS YOUR ATTENTION", 1)[1].split("WORTH A LOOK", 1)
    assert cards.count("Open in Gmail:") == 2
    compact, rest = rest.split("SUSPICIOUS — DON'T CLICK", 1)
    warned, also = rest.split("ALSO ARRIVED", 1)
    assert "Subject 3 " in compact
    assert "- [Suspicious] Subject 0 " in warned
    assert "- [Urgent] Subject 6 " in also  # the next urgent one became a line
    assert "more: " in rendered.text  # and the tail is counted


def test_fit_returns_the_fullest_plan_that_fits():
    ladder = plans(demotable=10, threads=20)
    sizes = {plan: 1000 - 10 * i for i, plan in enumerate(ladder)}
    fitted = fit(ladder, lambda p: "x" * sizes[p], budget=900)
    assert len(fitted.rendered) <= 900
    assert sizes[ladder[ladder.index(fitted.plan) - 1]] > 900
    assert fitted.renders <= 7  # a binary search over 33 plans, not a walk
    assert fit(ladder, lambda p: "x", budget=10) == Fitted(Plan(), "x", 1)


def test_plans_that_show_more_threads_than_could_fit_are_skipped():
    ladder = plans(demotable=10, threads=20, most_shown=5)
    assert ladder[0] == Plan(tier=2, to_line=10, to_count=15)
    assert ladder[-1] == Plan(tier=2, to_line=10, to_count=20)
    assert plans(demotable=10, threads=20, most_shown=50) == plans(demotable=10, threads=20)
