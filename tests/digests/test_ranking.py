"""Ranking: urgency, then deadline, directness, flags, person over machine, recency; stable."""

import datetime as dt

from digests.models import Urgency
from digests.parsing import parse_message
from digests.ranking import rank
from digests.summarize import ActionItem, Analysis
from tests.digests.factories import ME, gmail_message, mail

T0 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def message(gmail_id, *, minutes=0, to=ME, cc=None, labels=("INBOX",), sender="Dana <d@x.example>"):
    resource = gmail_message(
        mail(to=to, cc=cc, sender=sender),
        received=T0 + dt.timedelta(minutes=minutes),
        labels=labels,
        gmail_id=gmail_id,
    )
    return parse_message(resource)


def analysis(urgency=Urgency.LOW, due=None):
    return Analysis(
        summary="s", urgency=urgency, action_items=(ActionItem("x", due),) if due else ()
    )


def order(pairs):
    messages = [m for m, _ in pairs]
    analyses = {m.gmail_id: a for m, a in pairs}
    return [r.message.gmail_id for r in rank(messages, analyses, me=ME)]


def test_urgency_comes_first():
    assert order(
        [
            (message("low", minutes=9), analysis(Urgency.LOW)),
            (message("urgent"), analysis(Urgency.URGENT)),
            (message("high"), analysis(Urgency.HIGH)),
            (message("medium"), analysis(Urgency.MEDIUM)),
        ]
    ) == ["urgent", "high", "medium", "low"]


def test_soonest_deadline_first_and_deadlines_before_none():
    assert order(
        [
            (message("none", minutes=5), analysis(Urgency.HIGH)),
            (message("later"), analysis(Urgency.HIGH, due=dt.date(2026, 12, 9))),
            (message("sooner"), analysis(Urgency.HIGH, due=dt.date(2026, 12, 1))),
        ]
    ) == ["sooner", "later", "none"]


def test_direct_mail_before_copies_before_lists():
    assert order(
        [
            (message("list", to="team@x.example", minutes=3), analysis()),
            (message("cc", to="boss@x.example", cc=ME, minutes=2), analysis()),
            (message("to"), analysis()),
        ]
    ) == ["to", "cc", "list"]


def test_important_and_starred_before_plain():
    assert order(
        [
            (message("plain", minutes=3), analysis()),
            (message("both", labels=("INBOX", "IMPORTANT", "STARRED")), analysis()),
            (message("starred", labels=("INBOX", "STARRED"), minutes=1), analysis()),
        ]
    ) == ["both", "starred", "plain"]


def test_person_before_machine_then_newest_first():
    assert order(
        [
            (message("bot", sender="CI <noreply@ci.example>", minutes=9), analysis()),
            (message("old"), analysis()),
            (message("new", minutes=5), analysis()),
        ]
    ) == ["new", "old", "bot"]


def test_ties_keep_the_given_order():
    pairs = [(message(f"m{i}"), analysis()) for i in range(5)]
    assert order(pairs) == [f"m{i}" for i in range(5)]


def test_breakdown_explains_the_position():
    m = message("x", cc=ME, to="team@x.example", labels=("INBOX", "IMPORTANT"))
    ranked = rank([m], {"x": analysis(Urgency.HIGH, due=dt.date(2026, 12, 1))}, me=ME)[0]
    assert ranked.breakdown.urgency == 2
    assert ranked.breakdown.deadline == dt.date(2026, 12, 1)
    assert ranked.breakdown.explain() == [
        "urgency high",
        "deadline 2026-12-01",
        "copied to you",
        "1 of IMPORTANT/STARRED",
        "from a person",
        "received 2026-11-30T08:00:00+00:00",
    ]
