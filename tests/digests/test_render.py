"""The digest email: sections, one card per thread, links into the right mailbox, headers."""

import datetime as dt
import html as htmllib
import re
from urllib.parse import unquote

import pytest
from django.utils.html import strip_tags

from digests.render import render_email
from digests.render.threads import truncate
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC)  # 08:00 in Berlin
END = dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)  # 17:00 in Berlin
AT = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)


def row(digest, rank, **fields):
    defaults = {
        "urgency": "low",
        "kind": "person",
        "action_items": [],
        "attachments": [],
        "reasons": [],
        "received_at": AT + dt.timedelta(minutes=rank),
    }
    return EmailFactory(digest=digest, rank=rank, **{**defaults, **fields})


@pytest.fixture
def user():
    user = UserFactory(email="alex@example.com", timezone="Europe/Berlin")
    GoogleAccountFactory(user=user, email="alex.work@gmail.example")  # the mailbox
    return user


@pytest.fixture
def digest(user):
    digest = DigestFactory(
        user=user,
        period_start=START,
        period_end=END,
        summary="3 new messages, 1 urgent: Contract (Dana)",
        count_urgent=1,
        count_low=2,
        reading_seconds=150,
    )
    row(
        digest,
        0,
        thread_id="thread-contract",
        from_name="Dana Lee",
        from_address="dana@partner.example",
        subject="Contract <signature> needed",
        summary="Please sign the contract by Friday.",
        urgency="urgent",
        reasons=["asks you to sign", "deadline within 2 days"],
        received_at=AT,
        action_items=[{"text": "Sign the contract", "due": "2026-12-04"}],
    )
    row(
        digest,
        1,
        thread_id="thread-news",
        from_name="",
        from_address="news@x.example",
        subject="Weekly news",
        summary="",
        snippet="All the news.",
        kind="newsletter",
    )
    row(
        digest, 2, thread_id="thread-shop", from_name="Shop", subject="Your receipt", kind="receipt"
    )
    return digest


def text_of(html: str) -> str:
    """What a reader sees: tags gone, entities decoded, a heading ends a line."""
    return htmllib.unescape(strip_tags(html.replace("</h1>", "\n")))


def test_subject_line_counts_in_the_readers_zone(digest):
    assert (
        render_email(digest).subject
        == "Your Gmail digest, Mon 30 Nov 2026, 17:00: 3 new messages, 1 urgent"
    )


def test_header_has_the_period_in_the_readers_zone_and_the_counts(digest):
    rendered = render_email(digest)
    for body in (rendered.text, text_of(rendered.html)):
        assert "Mon 30 Nov 2026, 08:00 \N{EN DASH} 17:00 (Europe/Berlin)" in body
        assert "3 new messages\n" in body  # one thread each: no "in 3 conversations"
        assert "3 new messages, 1 urgent: Contract (Dana)" in body  # the analyzer's overview
    assert "Urgent: 1 · High: 0 · Medium: 0 · Low: 2" in rendered.text


def test_text_version_has_the_full_card_and_the_links(digest, settings):
    text = render_email(digest).text
    assert "[Urgent] Contract <signature> needed" in text
    assert "From: Dana Lee <dana@partner.example>, Mon 30 Nov 2026, 09:15" in text
    assert "- To do: Sign the contract (due Fri 4 Dec 2026)" in text
    assert "Why: asks you to sign; deadline within 2 days" in text
    assert f"{settings.SITE_URL}/digests/{digest.pk}/" in text
    assert f"{settings.SITE_URL}/digests/schedule/" in text
    assert f"{settings.SITE_URL}/digests/unsubscribe/" in text
    assert "&lt;" not in text


def test_html_version_escapes_and_shows_the_same_things(digest, settings):
    html = render_email(digest).html
    assert "Contract &lt;signature&gt; needed" in html
    assert "<signature>" not in html
    assert "(due Fri 4 Dec 2026)" in html
    assert "Why: asks you to sign; deadline within 2 days" in html
    assert f'href="{settings.SITE_URL}/digests/{digest.pk}/"' in html
    assert f'href="{settings.SITE_URL}/digests/schedule/"' in html


def test_low_mail_is_one_line_per_item_under_also_arrived_grouped_by_kind(digest):
    text = render_email(digest).text
    also = text.split("ALSO ARRIVED", 1)[1]
    assert "Receipts · 1\n- Your receipt · Shop" in also
    assert "Newsletters · 1\n- Weekly news · news@x.example" in also
    assert "Contract" not in also
    assert "All the news." not in text  # a low item is a line: no summary, no snippet


def test_gmail_links_open_the_mailbox_the_digest_was_made_of(digest):
    rendered = render_email(digest)
    url = "https://mail.google.com/mail/?authuser=alex.work@gmail.example#all/thread-contract"
    assert url in rendered.text
    assert f'href="{url}"' in rendered.html
    assert "/u/0/" not in rendered.html + rendered.text


def test_the_period_search_link_covers_exactly_the_period(digest):
    text = render_email(digest).text
    [line] = [line for line in text.splitlines() if line.startswith("This period in Gmail:")]
    url = line.split(": ", 1)[1]
    assert url.startswith("https://mail.google.com/mail/?authuser=alex.work@gmail.example#search/")
    search = unquote(url.split("#search/", 1)[1].replace("+", " "))
    assert search.endswith(f"after:{int(START.timestamp())} before:{int(END.timestamp())}")
    assert search.startswith("in:inbox -category:promotions")  # the digest's own query


def test_one_card_per_thread_with_its_count_latest_message_and_highest_urgency(user):
    digest = DigestFactory(
        user=user, period_start=START, period_end=END, count_urgent=0, count_low=0, count_high=3
    )
    row(digest, 0, thread_id="t1", subject="Budget", urgency="high", from_name="Maya",
        summary="Approve the budget.", received_at=AT)  # fmt: skip
    row(digest, 1, thread_id="t1", subject="Re: Budget", urgency="low", from_name="Sam",
        summary="Thanks!", received_at=AT + dt.timedelta(hours=2))  # fmt: skip
    row(digest, 2, thread_id="t2", subject="Other", urgency="high", received_at=AT)
    rendered = render_email(digest)
    assert rendered.text.count("Open in Gmail:") == 2
    assert text_of(rendered.html).count("Open in Gmail") == 2
    assert "[High] Budget (2 messages)" in rendered.text
    assert "Latest: Sam" in rendered.text  # the newest message's sender and time
    assert "Mon 30 Nov 2026, 11:15" in rendered.text
    assert "Approve the budget." in rendered.text  # the important message's summary
    assert "Re: Budget" not in rendered.text
    assert "3 new messages in 2 conversations" in rendered.text


def test_medium_mail_is_a_compact_card(user):
    digest = DigestFactory(
        user=user, period_start=START, period_end=END, count_urgent=0, count_low=0, count_medium=1
    )
    row(digest, 0, urgency="medium", subject="Expense report", from_name="Expensify",
        summary="Submit it by noon.", action_items=[{"text": "Submit it", "due": None}],
        reasons=["deadline tomorrow"])  # fmt: skip
    text = render_email(digest).text
    compact = text.split("WORTH A LOOK", 1)[1]
    assert "Expense report" in compact
    assert "Expensify, Mon 30 Nov 2026, 09:15: Submit it by noon." in compact
    assert "To do" not in text  # compact: no to-dos, no reasons
    assert "Why:" not in text


def test_suspicious_mail_is_badged(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    row(digest, 0, urgency="high", subject="Verify your account", suspicious=True)
    row(digest, 1, urgency="low", subject="Fine", suspicious=False)
    rendered = render_email(digest)
    assert "- [Suspicious] Verify your account" in rendered.text
    assert rendered.text.count("[Suspicious]") == 1
    assert "NEEDS YOUR ATTENTION" not in rendered.text  # not a card to act on
    assert ">Suspicious</span>" in rendered.html


WARNED_HTML = "Suspicious \N{EM DASH} don\N{RIGHT SINGLE QUOTATION MARK}t click"


def test_phishing_from_a_person_has_its_own_section_never_from_people(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    row(digest, 0, subject="Lunch on Friday?", from_name="Kim", kind="person")
    row(
        digest,
        1,
        subject="Your mailbox is full",
        from_name="IT Helpdesk",
        from_address="helpdesk@examp1e.example",
        kind="person",
        suspicious=True,
        reasons=["looks like phishing: look-alike sender, credential or payment bait"],
    )
    rendered = render_email(digest)
    for body in (rendered.text, text_of(rendered.html)):
        people = body.split("From people", 1)[1]
        assert "Lunch on Friday?" in people
        assert "Your mailbox is full" not in people
        heading = "SUSPICIOUS — DON'T CLICK" if body is rendered.text else WARNED_HTML
        warned = body.split(heading, 1)[1]
        assert "Your mailbox is full" in warned.split("From people")[0]
        assert "IT Helpdesk <helpdesk@examp1e.example>" in warned
        assert "look-alike sender" in warned
    assert "SUSPICIOUS — DON'T CLICK" in rendered.text
    assert "Suspicious &mdash; don&rsquo;t click" in rendered.html


def test_unlisted_suspicious_mail_is_counted_apart_from_people(user):
    digest = DigestFactory(
        user=user, period_start=START, period_end=END, count_urgent=0, count_low=4
    )
    row(digest, 0, subject="Listed one", kind="person")
    row(digest, 1, subject="Spoof", kind="person", suspicious=True, listed=False)
    row(digest, 2, subject="Spoof 2", kind="person", suspicious=True, listed=False)
    row(digest, 3, subject="Muted friend", kind="person", listed=False)
    text = render_email(digest).text
    assert "And 3 more: 2 suspicious messages, 1 from people." in text


def test_unlisted_mail_is_counted_by_kind_with_a_search_link(user):
    digest = DigestFactory(
        user=user, period_start=START, period_end=END, count_urgent=0, count_low=139
    )
    row(digest, 0, subject="Listed one", kind="person")
    row(digest, 1, subject="Listed two", kind="receipt")
    kinds = ["newsletter"] * 80 + ["notification"] * 41 + ["person"] * 16
    for i, kind in enumerate(kinds, start=2):
        row(digest, i, subject=f"Unlisted {i}", kind=kind, listed=False)
    rendered = render_email(digest)
    line = "And 137 more: 80 newsletters, 41 notifications, 16 from people."
    assert line in rendered.text
    # The counts are of what is shown (two low lines) and what is not: 139 in all.
    assert "Urgent: 0 · High: 0 · Medium: 0 · Low: 2 · Not listed: 137 ·" in rendered.text
    assert line in text_of(rendered.html)
    assert "Unlisted" not in rendered.text + rendered.html
    assert "See them in Gmail: https://mail.google.com/mail/?authuser=" in rendered.text


def test_mail_not_stored_at_all_is_still_counted(user):
    """Digests made before unlisted rows were stored only have their counts."""
    digest = DigestFactory(
        user=user, period_start=START, period_end=END, count_urgent=0, count_low=5
    )
    row(digest, 0, subject="Only one stored")
    assert "And 4 more: 4 others." in render_email(digest).text


def test_footer_links_schedule_pause_and_the_web_copy(digest, settings):
    html = render_email(digest).html
    footer = html.split("This digest on the web", 1)[1]
    assert "Change schedule" in footer
    assert f'href="{settings.SITE_URL}/digests/unsubscribe/' in footer
    assert "Pause these emails" in footer


def test_list_unsubscribe_headers_name_a_one_click_url_and_a_mailto(digest, settings):
    headers = render_email(digest).headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = [part.strip().strip("<>") for part in headers["List-Unsubscribe"].split(",")]
    assert https.startswith(f"{settings.SITE_URL}/digests/unsubscribe/")
    assert mailto.startswith("mailto:digest@localhost?subject=unsubscribe%20")


def test_the_text_html_and_header_carry_one_pause_link_even_across_a_second(digest, monkeypatch):
    seconds = iter(range(1_800_000_000, 1_800_000_100))
    monkeypatch.setattr("django.core.signing.time.time", lambda: next(seconds))  # a slow render

    email = render_email(digest)

    link = re.search(r"(\S+/digests/unsubscribe/\S+)", email.text).group(1)
    assert f'href="{link}"' in email.html
    assert email.headers["List-Unsubscribe"].startswith(f"<{link}>")


def test_truncate_cuts_at_a_word_and_collapses_whitespace():
    assert truncate("a  b\n c", 10) == "a b c"
    assert truncate("word " * 100, 23) == "word word word word…"
    assert truncate(" " * 500 + "tail", 10) == "tail"  # whitespace first, text far behind
    assert len(truncate("x" * 10_000_000, 50)) == 50


def test_a_row_with_malformed_action_items_still_renders(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    broken = [{"text": "Pay", "due": "not a date"}, "a string", {"due": "2026-12-04"}]
    row(digest, 0, urgency="urgent", subject="Odd one", action_items=broken)
    text = render_email(digest).text
    assert "[Urgent] Odd one" in text
    assert "- To do: Pay\n" in text  # kept, without the date it could not read


def test_a_period_over_midnight_names_both_days(user):
    digest = DigestFactory(user=user, period_start=END, period_end=END + dt.timedelta(hours=15))
    row(digest, 0, subject="Overnight")
    assert "Mon 30 Nov 2026, 17:00 \N{EN DASH} Tue 1 Dec 2026, 08:00 (Europe/Berlin)" in (
        render_email(digest).text
    )


def test_strangers_names_and_subjects_are_bidi_isolated(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    EmailFactory(digest=digest, from_name="عمر الفاروق", subject="חשבונית מס", urgency="high")
    html = render_email(digest).html
    assert "<bdi>חשבונית מס</bdi>" in html
    assert "<bdi>عمر الفاروق</bdi>" in html


def test_an_item_with_a_stated_time_shows_it_beside_the_date(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    row(
        digest,
        0,
        urgency="urgent",
        subject="Press release",
        action_items=[
            {"text": "Check the product quotes", "due": "2026-12-04", "time": "15:00"},
            {"text": "Send the logo", "due": "2026-12-04", "time": "25:99"},
        ],
    )
    rendered = render_email(digest)
    assert "- To do: Check the product quotes (due Fri 4 Dec 2026, 15:00)" in rendered.text
    assert "(due Fri 4 Dec 2026, 15:00)" in rendered.html
    assert "- To do: Send the logo (due Fri 4 Dec 2026)" in rendered.text  # a broken time: none


def test_a_cards_to_dos_come_soonest_first_undated_last(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    items = [
        {"text": "Sign the contract", "due": "2026-12-04", "time": None},
        {"text": "Say hello to Priya", "due": None, "time": None},
        {"text": "Send the invoice", "due": "2026-12-02", "time": "17:00"},
    ]
    row(digest, 0, urgency="high", subject="Contract", action_items=items)
    text = render_email(digest).text
    order = [text.index(t) for t in ("Send the invoice", "Sign the contract", "Say hello")]
    assert order == sorted(order)


def test_a_cards_summary_does_not_repeat_the_subject_it_sits_under(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    summary = "Your electricity bill is due on 12 December (CityPower): Direct debit is off."
    row(digest, 0, urgency="high", subject="Re: Your electricity bill is due on 12 December",
        summary=summary)  # fmt: skip
    text = render_email(digest).text
    assert "Direct debit is off." in text
    assert "(CityPower): Direct debit" not in text


def test_a_to_do_leaves_out_the_subject_its_card_is_titled_with(user):
    digest = DigestFactory(user=user, period_start=START, period_end=END)
    items = [
        {"text": "Send the signed contract (re: Acme renewal - contract)", "due": None},
        {"text": "Call Priya (re: Budget)", "due": None},
    ]
    row(digest, 0, urgency="high", subject="Re: Acme renewal - contract", action_items=items)
    text = render_email(digest).text
    assert "- To do: Send the signed contract\n" in text
    assert "- To do: Call Priya (re: Budget)" in text
