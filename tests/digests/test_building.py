"""The whole pipeline against the running fake Google: read, analyze, rank, store, deliver.

Also what must hold when things go wrong: failures explained in words on the digest, retries
reusing the same digest, and exactly one email per digest (more in test_outbox.py).
"""

import datetime as dt
import math

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from digests import building, gmail, outbox
from digests.bookkeeping import OutboundEmail
from digests.building import build_digest
from digests.delivery import DIGEST_HEADER, NO_SEND_PERMISSION
from digests.models import Digest, Urgency
from fakegoogle import DEMO_EMAIL
from tests.accounts.factories import UserFactory
from tests.digests.conftest import SEND, SIGN_IN_SCOPES, connect_google, set_digest_preferences
from tests.digests.factories import mail

pytestmark = pytest.mark.django_db


def expected_in_period(fake, start: dt.datetime, end: dt.datetime) -> int:
    """What the site default query (in:inbox -category:promotions) finds in the period."""
    lo, hi = start.timestamp() * 1000, end.timestamp() * 1000
    return sum(
        1
        for m in fake.account(DEMO_EMAIL).mailbox.messages.values()
        if "INBOX" in m.label_ids
        and not m.label_ids & {"SPAM", "TRASH", "CATEGORY_PROMOTIONS"}
        and lo <= m.internal_date < hi
    )


def set_preferences(user, **changes):
    set_digest_preferences(user, **changes)


# --- the happy path ---------------------------------------------------------------------------


def test_first_digest_covers_the_last_24_hours_of_the_demo_mailbox(demo_user, fake, mailoutbox):
    now = timezone.now()
    expected = expected_in_period(fake, now - dt.timedelta(hours=24), now)

    digest = build_digest(demo_user, now=now)

    assert expected > 20
    assert digest.status == Digest.Status.SENT
    assert (digest.period_start, digest.period_end) == (now - dt.timedelta(hours=24), now)
    assert sum(digest.counts.values()) == expected
    assert digest.emails.filter(listed=True).count() == min(25, expected)
    assert digest.emails.count() == expected  # the rest stored too, only counted
    assert digest.provider == "extractive"
    # The overview names what needs the reader within a day when anything does.
    assert (
        "need you within a day:" in digest.summary or "needs you within a day:" in digest.summary
    ) == bool(digest.counts["urgent"])
    # The historyId, one list page, one batch of up to 50 gets: Gmail's own prices.
    assert fake.counters["messages.list"] == 1
    assert fake.counters["batch"] == math.ceil(expected / 50)
    assert fake.quota_units.total() == 1 + 5 + 5 * expected
    assert len(mailoutbox) == 1


def test_the_urgent_mail_with_the_nearest_deadline_comes_first(demo_user):
    digest = build_digest(demo_user, now=timezone.now())
    first, *rest = digest.emails.order_by("rank")
    assert first.urgency == Urgency.URGENT

    def earliest(email):
        return min((item["due"] for item in email.action_items if item["due"]), default="9999")

    urgent = [e for e in (first, *rest) if e.urgency == Urgency.URGENT]
    assert len(urgent) >= 3
    assert earliest(first) == min(earliest(e) for e in urgent)
    # Which urgent demo mail leads depends on the hour (the mailbox is dated from now): the
    # budget approval, the press release due within two hours, or, after midnight, yesterday's
    # alert.
    subjects = ("approval", "press release", "security alert")
    assert any(word in first.subject.lower() for word in subjects)
    ranks = [list(Urgency.values).index(e.urgency) for e in [first, *rest]]
    assert ranks == sorted(ranks, reverse=True)


def test_promotions_spam_trash_and_sent_mail_stay_out(demo_user):
    digest = build_digest(demo_user, now=timezone.now())
    for email in digest.emails.all():
        assert "INBOX" in email.labels
        assert not {"CATEGORY_PROMOTIONS", "SPAM", "TRASH"} & set(email.labels)


def test_second_digest_contains_only_the_new_mail(demo_user, fake, mailoutbox):
    first = build_digest(demo_user, now=timezone.now())
    fake.reset_counters()
    fake.add_message(
        DEMO_EMAIL,
        mail(
            "Please call me back today.",
            subject="Call me",
            to=DEMO_EMAIL,
            sender="Kim <kim@x.example>",
        ),
    )

    second = build_digest(demo_user, now=timezone.now())

    assert second.period_start == first.period_end
    assert [e.subject for e in second.emails.all()] == ["Call me"]
    assert sum(second.counts.values()) == 1
    # One history page and one message read: the floor.
    assert fake.quota_units.total() == 2 + 5
    assert fake.counters["messages.list"] == 0
    assert len(mailoutbox) == 2


def test_nothing_new_makes_an_empty_digest_and_no_email(demo_user, fake, mailoutbox):
    build_digest(demo_user, now=timezone.now())
    empty = build_digest(demo_user, now=timezone.now())
    assert empty.status == Digest.Status.EMPTY
    assert empty.summary == "No new messages."
    assert len(mailoutbox) == 1


def test_mail_outside_the_period_is_left_for_another_digest(demo_user, fake):
    now = timezone.now()
    build_digest(demo_user, now=now)
    fake.add_message(
        DEMO_EMAIL,
        mail("Late arrival", subject="Late"),
        internal_date=int((now + dt.timedelta(minutes=10)).timestamp() * 1000),
    )
    fake.add_message(DEMO_EMAIL, mail("On time", subject="On time"))
    digest = build_digest(demo_user, now=now + dt.timedelta(minutes=5))
    assert [e.subject for e in digest.emails.all()] == ["On time"]


def test_our_own_digest_email_is_never_summarized(demo_user, fake, mailoutbox):
    build_digest(demo_user, now=timezone.now())
    [ours] = mailoutbox
    fake.add_message(DEMO_EMAIL, ours.message().as_bytes())  # it lands in their inbox
    assert build_digest(demo_user, now=timezone.now()).status == Digest.Status.EMPTY


def test_a_strangers_mail_with_our_header_is_not_hidden(demo_user, fake):
    build_digest(demo_user, now=timezone.now())
    spoof = mail("Pay now", subject="Invoice", headers={DIGEST_HEADER: "1"})
    fake.add_message(DEMO_EMAIL, spoof)
    digest = build_digest(demo_user, now=timezone.now())
    assert [e.subject for e in digest.emails.all()] == ["Invoice"]


def test_the_users_query_and_max_items_are_used(demo_user):
    set_preferences(demo_user, query="from:northwind.example", max_items=3)
    digest = build_digest(demo_user, now=timezone.now())
    emails = list(digest.emails.filter(listed=True))
    assert len(emails) == 3
    assert sum(digest.counts.values()) == digest.emails.count() > 3
    assert all(e.from_address.endswith("northwind.example") for e in emails)


def test_delivery_turned_off_keeps_the_digest_in_the_ui_only(demo_user, mailoutbox):
    set_preferences(demo_user, deliver_email=False)
    digest = build_digest(demo_user, now=timezone.now())
    assert digest.status == Digest.Status.SENT
    assert digest.delivered_at is None
    assert mailoutbox == []


def test_send_from_gmail_with_permission_sends_through_gmail(fake, mailoutbox):
    user = UserFactory(email=DEMO_EMAIL)
    connect_google(fake, user, [*SIGN_IN_SCOPES, SEND])
    set_preferences(user, send_from_gmail=True)

    digest = build_digest(user, now=timezone.now())

    assert digest.status == Digest.Status.SENT
    assert mailoutbox == []
    assert fake.counters["messages.send"] == 1
    sent = [m for m in fake.account(DEMO_EMAIL).mailbox.messages.values() if "SENT" in m.label_ids]
    assert any(m.parsed[DIGEST_HEADER] == str(digest.pk) for m in sent)


def test_send_from_gmail_without_permission_falls_back_and_says_so(demo_user, fake, mailoutbox):
    set_preferences(demo_user, send_from_gmail=True)
    digest = build_digest(demo_user, now=timezone.now())
    assert digest.status == Digest.Status.SENT
    assert len(mailoutbox) == 1
    assert digest.last_error == NO_SEND_PERMISSION
    assert fake.counters["messages.send"] == 0


# --- failures, retries and idempotence ----------------------------------------------------------


def test_rate_limit_is_explained_with_the_retry_time_in_the_users_zone(demo_user, fake):
    now = timezone.now()
    fake.inject_fault("messages.list", 429, retry_after=300)

    with pytest.raises(gmail.GmailRateLimited):
        build_digest(demo_user, now=now)

    digest = Digest.objects.get(user=demo_user)
    retry_at = timezone.localtime(now + dt.timedelta(seconds=300), demo_user.zone)
    assert digest.status == Digest.Status.FAILED
    assert digest.last_error == f"Google asked us to slow down; we will retry at {retry_at:%H:%M}."


def test_retry_after_a_failure_reuses_the_digest_and_covers_up_to_now(
    demo_user, fake, mailoutbox, no_retry_wait
):
    now = timezone.now()
    fake.inject_fault("messages.list", 500)
    with pytest.raises(gmail.GmailUnavailable):
        build_digest(demo_user, now=now)
    failed = Digest.objects.get(user=demo_user)
    assert (
        failed.last_error == "Gmail is not answering right now; we will try again in a few minutes."
    )

    later = now + dt.timedelta(minutes=3)
    digest = build_digest(demo_user, now=later)

    assert digest.pk == failed.pk
    assert Digest.objects.filter(user=demo_user).count() == 1
    assert digest.status == Digest.Status.SENT
    assert digest.last_error == ""
    assert (digest.period_start, digest.period_end) == (failed.period_start, later)
    assert len(mailoutbox) == 1


def test_revoked_access_is_explained(demo_user, fake):
    fake.revoke_refresh_tokens(DEMO_EMAIL)
    with pytest.raises(gmail.GoogleAccessRevoked):
        build_digest(demo_user, now=timezone.now())
    digest = Digest.objects.get(user=demo_user)
    assert digest.last_error == "Your Google access was revoked: reconnect Google."


def test_failed_email_is_retried_without_reading_gmail_again(demo_user, fake, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.digests.test_building.FailingBackend"
    with pytest.raises(OSError, match="mail server down"):
        build_digest(demo_user, now=timezone.now())
    digest = Digest.objects.get(user=demo_user)
    assert digest.status == Digest.Status.FAILED
    assert digest.delivered_at is None
    assert digest.last_error.startswith("We could not send the digest email")
    listed = digest.emails.count()
    fake.reset_counters()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = build_digest(demo_user, now=timezone.now() + dt.timedelta(minutes=5))

    assert retried.pk == digest.pk
    assert retried.status == Digest.Status.SENT
    assert retried.emails.count() == listed
    assert fake.quota_units.total() == 0
    assert len(django_mail.outbox) == 1


class Killed(BaseException):
    """A hard kill: nothing in the pipeline catches it, as with kill -9."""


def test_a_run_killed_after_the_claim_sends_once_after_the_grace_period(
    demo_user, monkeypatch, mailoutbox
):
    def die(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(outbox.delivery, "send", die)
    with pytest.raises(Killed):
        build_digest(demo_user, now=timezone.now())
    monkeypatch.undo()
    digest = Digest.objects.get(user=demo_user)
    assert digest.outbound_email.state == OutboundEmail.State.SENDING

    with pytest.raises(outbox.AwaitingEvidence):  # too early to tell: the job waits
        build_digest(demo_user, now=timezone.now())
    assert mailoutbox == []

    OutboundEmail.objects.update(sending_since=timezone.now() - dt.timedelta(hours=1))
    rerun = build_digest(demo_user, now=timezone.now())

    assert rerun.pk == digest.pk
    assert rerun.status == Digest.Status.SENT
    assert len(mailoutbox) == 1  # not in the reader's Gmail, so sent now, and only now
    assert mailoutbox[0].extra_headers["Message-ID"] == digest.outbound_email.message_id


def test_rerunning_a_finished_job_sends_nothing_new(demo_user, mailoutbox):
    now = timezone.now()
    build_digest(demo_user, now=now)
    again = build_digest(demo_user, now=now)
    assert again.status == Digest.Status.EMPTY
    assert len(mailoutbox) == 1


def test_a_crash_while_reading_leaves_a_digest_that_the_retry_finishes(
    demo_user, fake, monkeypatch
):
    def broken_connect(user):
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        build_digest(demo_user, now=timezone.now(), connect_gmail=broken_connect)
    digest = Digest.objects.get(user=demo_user)
    assert digest.last_error.startswith("Something went wrong on our side")
    assert build_digest(demo_user, now=timezone.now()).pk == digest.pk


def test_a_message_the_analysis_chokes_on_is_listed_anyway(demo_user, monkeypatch):
    real = building.analyze

    def flaky(message, ctx):
        if "approval" in message.subject:
            raise ValueError("boom")
        return real(message, ctx)

    monkeypatch.setattr(building, "analyze", flaky)
    digest = build_digest(demo_user, now=timezone.now())
    assert digest.status == Digest.Status.SENT
    assert digest.emails.filter(subject__contains="approval", urgency=Urgency.LOW).exists()


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")  # refused: certainly not delivered


def test_a_message_with_nul_bytes_is_stored_without_them(demo_user, fake):
    # Found by the soak: PostgreSQL refuses NUL in text columns, so one such message made
    # the whole digest fail on every retry and its mail never reached a digest.
    raw = (
        b"From: odd@sender.example\r\nTo: demo@example.com\r\nSubject: nul\x00 inside\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nbefore\x00after, reply by Friday"
    )
    stored = fake.add_message(DEMO_EMAIL, raw)

    digest = build_digest(demo_user, now=timezone.now() + dt.timedelta(seconds=1))

    assert digest.status == Digest.Status.SENT
    email = digest.emails.get(gmail_id=stored.id)
    assert email.subject == "nul inside"
    assert "beforeafter, reply by Friday" in email.body_excerpt
    assert "\x00" not in email.snippet
