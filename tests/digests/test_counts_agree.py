"""One digest, one set of numbers: its page's header, its email's subject and preheader and its
history row on the dashboard count the same (digests.render.counts), whatever was stored; the
history and the live card read the counts stored when the digest was built, not its rows."""

import html
import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags

from digests.building import build_digest
from digests.models import Digest
from digests.render import render_email
from digests.render.counts import (
    DigestCounts,
    counts_by_digest,
    counts_of,
    digest_counts,
    remember,
    tally,
)
from digests.views import HISTORY_PAGE_SIZE
from tests.digests import berlin_reader
from tests.digests.conftest import set_digest_preferences
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


# --- the counts stored when a digest is built ---------------------------------------------------


def test_a_built_digest_stores_the_counts_its_page_email_and_history_show(demo_user, fake):
    set_digest_preferences(demo_user, max_items=3)  # some mail only counted: "Not listed"
    digest = build_digest(demo_user, now=timezone.now())
    assert digest.status == Digest.Status.SENT
    stored = DigestCounts.from_stored(Digest.objects.get(pk=digest.pk).shown_counts)
    assert stored == digest_counts(digest)  # counted from its rows, the same
    assert stored.not_listed > 0
    assert stored.total == sum(digest.counts.values())

    client = Client()
    client.force_login(demo_user)
    page = client.get(f"/digests/{digest.pk}/").content.decode()
    assert header_counts(page) == " · ".join(f"{name} {n}" for name, n in stored.entries)
    assert render_email(digest).subject.endswith(": " + stored.headline)
    expected = [words for _, words in stored.badges]
    assert badges(client.get("/digests/").content.decode(), digest.pk) == expected
    assert badges(client.get("/digests/last-digest/").content.decode(), digest.pk) == expected


def test_the_history_and_live_card_show_the_stored_counts(signed_in, digest):
    """They read what was stored (here set apart from the rows on purpose), not the rows."""
    remember(digest, list(digest.emails.all()))
    digest.save(update_fields=["shown_counts"])
    assert counts_of(digest) == digest_counts(digest)
    Digest.objects.filter(pk=digest.pk).update(
        shown_counts=DigestCounts(urgent=4, medium=1).to_stored()
    )
    assert badges(signed_in.get("/digests/").content.decode(), digest.pk) == ["4 urgent"]
    assert badges(signed_in.get("/digests/last-digest/").content.decode(), digest.pk) == [
        "4 urgent"
    ]


def email_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "digests_email" in q["sql"]]


def test_the_dashboard_reads_no_email_rows_for_digests_with_stored_counts(signed_in, user):
    for _ in range(HISTORY_PAGE_SIZE + 2):  # a full page of history and more
        digest = DigestFactory(user=user, count_urgent=1, count_low=0, count_medium=1)
        rows = [
            mail(digest, 0, "Sign the contract", "urgent"),
            mail(digest, 1, "Phish", "medium", suspicious=True),
        ]
        remember(digest, rows)
        digest.save(update_fields=["shown_counts"])
    signed_in.get("/digests/")  # warm caches (session, site)
    with CaptureQueriesContext(connection) as captured:
        page = signed_in.get("/digests/").content.decode()
        live = signed_in.get("/digests/last-digest/").content.decode()
    assert page.count('<span class="badge badge-suspicious">1 suspicious</span>') == 20
    assert '<span class="badge badge-urgent">1 urgent</span>' in live
    assert email_queries(captured) == []


def test_digests_without_stored_counts_are_counted_from_their_rows_in_one_query(
    signed_in, user, digest
):
    """A digest imported with from_dict stores none; one not built yet has no rows to read."""
    assert digest.shown_counts is None
    building = DigestFactory(user=user, provider="", status=Digest.Status.BUILDING)
    with CaptureQueriesContext(connection) as captured:
        found = counts_by_digest([digest, building])
    assert found == {digest.pk: digest_counts(digest), building.pk: DigestCounts(not_listed=3)}
    assert len(email_queries(captured)) == 1
    with CaptureQueriesContext(connection) as captured:
        assert counts_of(building) == DigestCounts(not_listed=3)  # stored count_*, no rows
    assert email_queries(captured) == []
    assert badges(signed_in.get("/digests/").content.decode(), digest.pk) == BADGES


def test_the_migration_stores_the_counts_of_digests_built_before_it(user):
    made = []
    for n, (urgency, suspicious, listed, thread) in enumerate(
        [("urgent", False, True, "a"), ("low", True, True, "b"), ("high", False, True, "a"),
         ("medium", False, False, "c"), ("low", False, True, ""), ("bogus", False, True, "d")]
    ):  # fmt: skip
        digest = DigestFactory(user=user, count_low=n + 3)
        for i in range(n + 1):
            mail(digest, i, f"Mail {i}", urgency, suspicious=suspicious and i == 0,
                 listed=listed or i > 0, thread_id=thread or f"own-{i}")  # fmt: skip
        made.append(digest)
    unbuilt = DigestFactory(user=user, provider="", status=Digest.Status.FAILED)
    migration = importlib.import_module("digests.migrations.0010_backfill_shown_counts")
    migration.backfill(django_apps, SimpleNamespace(connection=connection))
    for digest in made:
        digest.refresh_from_db()
        assert DigestCounts.from_stored(digest.shown_counts) == digest_counts(digest), digest.pk
    unbuilt.refresh_from_db()
    assert unbuilt.shown_counts is None  # its builder stores them


def test_stored_counts_that_are_not_counts_are_counted_again(digest):
    for stored in (None, {}, {"urgent": 1}, {**DigestCounts().to_stored(), "low": -1}, [1, 2]):
        digest.shown_counts = stored
        assert DigestCounts.from_stored(stored) is None
        assert counts_of(digest) == digest_counts(digest)
