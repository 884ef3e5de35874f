"""The demo mailbox's digest, built end to end against the fake Google, as a newcomer gets it."""

import pytest
from django.utils import timezone

from digests.building import build_digest
from digests.models import Urgency
from digests.render import render_email

pytestmark = pytest.mark.django_db


def test_the_demo_digest_has_one_card_per_thread_and_low_mail_as_lines(demo_user, mailoutbox):
    digest = build_digest(demo_user, now=timezone.now())
    rows = list(digest.emails.filter(listed=True))
    threads = {row.thread_id for row in rows}
    assert len(threads) < len(rows)  # the demo has a conversation of several messages
    rendered = render_email(digest)

    links = [line for line in rendered.text.splitlines() if "#all/" in line]
    # A thread is a line under "Also arrived" only when none of its messages is above low.
    low = threads - {r.thread_id for r in rows if r.urgency != Urgency.LOW}
    assert len(links) == len(threads) - len(low)  # a card (or a compact card) per thread
    assert sorted(link.rsplit("/", 1)[1] for link in links) == sorted(threads - low)
    also = rendered.text.split("ALSO ARRIVED", 1)[1]
    assert also.count("\n- ") == len(low)  # low threads are one line each
    for thread in low:
        assert rendered.html.count(f"#all/{thread}") == 1  # a line links once; a card twice
    assert "authuser=demo@example.com" in rendered.html
    assert len(rendered.html.encode()) < 100_000
