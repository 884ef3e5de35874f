"""One digest, one set of numbers: its page's header, its email's subject and preheader and its
history row on the dashboard count the same (digests.render.counts), whatever was stored."""

import html
import re

import pytest
from django.utils.html import strip_tags

from digests.render import render_email
from digests.render.counts import DigestCounts, counts_by_digest, digest_counts, tally
from tests.digests import berlin_reader
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db
user, signed_in = berlin_reader.user, berlin_reader.signed_in  # the Berlin reader's fixtures

HEADER = "Urgent 1 · High 1 · Medium 0 · Low 1 · Suspicious 1 · Not listed 1"
BADGES = ["1 urgent", "1 high", "1 suspicious"]


def mail(digest, rank, subject, urgency, **fields):
    defaults = {"kind": "person", "action_items": [], "reasons": [], "attachments": []}
    return EmailFactory(
        digest=digest, rank=rank, subject=subject, urgency=urgency, **{**defaults, **fields}
    )


@pytest.fixture
def digest(user):
    """Built counting the phishing as urgent (2 urgent stored); the page shows it apart."""
    digest = DigestFactory(
        user=user,
        summary="Two things need you within a day.",
        count_urgent=2,
        count_high=1,
        count_medium=1,
        count_low=1,
    )
    mail(digest, 0, "Sign the contract", "urgent")
    mail(digest, 1, "Your account will be closed today", "urgent", suspicious=True)
    mail(digest, 2, "Budget review", "high")
    mail(digest, 3, "Weekly news", "low", kind="newsletter")
    mail(digest, 4, "Muted sender", "medium", listed=False)
    return digest


def text(markup: str) -> str:
    """What a reader sees: tags gone, entities decoded, whitespace folded."""
    return " ".join(html.unescape(strip_tags(markup)).split())


def header_counts(page: str) -> str:
    """The counts line under the digest page's heading."""
    line = text(page).split("Urgent ", 1)[1].split(" about", 1)[0]
    return ("Urgent " + line).rstrip(" ·")


def badges(page: str, digest_id: int) -> list[str]:
    """The count badges of one history row (the status badge is a ``status``, not a badge)."""
    row = re.search(rf'<article class="card digest-row" id="digest-{digest_id}">.*?</article>',
                    page, re.S)  # fmt: skip
    assert row, page
    return re.findall(r'<span class="badge badge-\w+">([^<]*)</span>', row.group(0))


def preheader(email_html: str) -> str:
    return text(re.search(r'<div style="display:none;[^"]*">(.*?)</div>', email_html).group(1))


def test_page_email_and_history_say_the_same_numbers(signed_in, digest):
    page = signed_in.get(f"/digests/{digest.pk}/").content.decode()
    assert header_counts(page) == HEADER
    assert "5 new messages" in text(page)

    email = render_email(digest)
    assert email.subject.endswith(": 5 new messages, 1 urgent, 1 high, 1 suspicious")
    assert preheader(email.html) == "1 urgent, 1 high, 1 suspicious · " + digest.summary
    assert f"{HEADER} · about" in text(email.html)  # the email's own header, uncut here
    assert HEADER.replace(" 1", ": 1").replace(" 0", ": 0") in email.text

    dashboard = signed_in.get("/digests/").content.decode()
    assert badges(dashboard, digest.pk) == BADGES
    live = signed_in.get("/digests/last-digest/").content.decode()
    assert badges(live, digest.pk) == BADGES


def test_the_one_function_adds_up_to_the_total(digest):
    counts = digest_counts(digest)
    assert counts == DigestCounts(urgent=1, high=1, low=1, suspicious=1, not_listed=1)
    assert counts.total == sum(digest.counts.values()) == 5
    assert counts.entries[-2:] == [("Suspicious", 1), ("Not listed", 1)]
    assert counts.headline == "5 new messages, 1 urgent, 1 high, 1 suspicious"
    assert counts_by_digest([digest]) == {digest.pk: counts}


def test_a_thread_counts_its_messages_in_its_most_urgent_class(user):
    digest = DigestFactory(user=user, count_urgent=0, count_medium=1, count_low=1)
    mail(digest, 0, "Expenses", "medium", thread_id="t1")
    mail(digest, 1, "Re: Expenses", "low", thread_id="t1")
    assert digest_counts(digest) == DigestCounts(medium=2)
    assert digest_counts(digest).badges == []
    assert digest_counts(digest).headline == "2 new messages"


def test_older_digests_count_what_they_never_stored_as_not_listed(user):
    digest = DigestFactory(user=user, count_urgent=1, count_low=9)
    mail(digest, 0, "Sign the contract", "urgent")
    assert digest_counts(digest) == DigestCounts(urgent=1, not_listed=9)


def test_tally_counts_suspicious_mail_apart_whatever_its_class():
    shown = [("urgent", True, 2), ("urgent", False, 1), ("low", False, 3)]
    assert tally(shown, 4) == DigestCounts(urgent=1, low=3, suspicious=2, not_listed=4)


def test_the_dashboard_reads_the_history_counts_in_a_fixed_number_of_queries(
    signed_in, user, django_assert_max_num_queries
):
    for _ in range(5):
        digest = DigestFactory(user=user)
        mail(digest, 0, "Sign the contract", "urgent")
        mail(digest, 1, "Phish", "urgent", suspicious=True)
    signed_in.get("/digests/")  # warm caches (session, site)
    with django_assert_max_num_queries(30) as captured:
        page = signed_in.get("/digests/").content.decode()
    assert page.count('<span class="badge badge-suspicious">1 suspicious</span>') == 5
    assert sum("digests_email" in q["sql"] for q in captured.captured_queries) <= 2
