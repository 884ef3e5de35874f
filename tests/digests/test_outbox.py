"""The delivery outbox in one process: rendered once, a stable Message-ID, and every unknown
outcome decided by looking in the reader's Gmail (the fake Google) before sending again.

The same cases with real scheduler processes killed mid-send are in test_outbox_processes.py.
"""

import dataclasses
import datetime as dt
import re
import smtplib
import socket
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from digests import delivery, gmail, outbox
from digests.bookkeeping import OutboundEmail
from digests.building import build_digest
from digests.delivery import DIGEST_HEADER, NO_SEND_PERMISSION
from digests.models import Digest
from digests.render import render_email
from fakegoogle import DEMO_EMAIL
from tests.accounts.factories import UserFactory
from tests.digests.conftest import (
    SEND,
    SIGN_IN_SCOPES,
    connect_google,
    replace_config,
    set_digest_preferences,
)
from tests.digests.smtp_sink import SmtpSink
from tests.jobs.processes import wait_for

pytestmark = pytest.mark.django_db

State = OutboundEmail.State


@pytest.fixture
def sink(fake, settings):
    """A real SMTP server on loopback that drops what it receives into the fake Gmail."""
    with SmtpSink(fake) as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = running.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield running


@pytest.fixture
def no_grace(settings):
    replace_config(settings, "delivery", verify_grace_seconds=0)


def in_gmail(fake, message_id: str, email: str = DEMO_EMAIL) -> list:
    mailbox = fake.account(email).mailbox
    return [m for m in list(mailbox.messages.values()) if m.parsed["Message-ID"] == message_id]


def gmail_user(fake):
    user = UserFactory(email=DEMO_EMAIL)
    connect_google(fake, user, [*SIGN_IN_SCOPES, SEND])
    set_digest_preferences(user, send_from_gmail=True)
    return user


# --- what is stored and sent --------------------------------------------------------------


def test_the_email_is_stored_once_and_sent_with_its_message_id(demo_user, mailoutbox, settings):
    digest = build_digest(demo_user, now=timezone.now())

    row = digest.outbound_email
    assert (row.state, row.channel, row.attempts) == (State.SENT, "email", 1)
    assert re.fullmatch(rf"<digest-{digest.pk}-[0-9a-f]{{16}}@127\.0\.0\.1>", row.message_id)
    assert row.sent_at == digest.delivered_at
    [sent] = mailoutbox
    assert sent.to == [DEMO_EMAIL]
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    assert sent.subject == row.subject == render_email(digest).subject
    assert sent.extra_headers["Message-ID"] == row.message_id
    assert sent.extra_headers[DIGEST_HEADER] == str(digest.pk)
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    [(html, kind)] = sent.alternatives
    assert (html, kind) == (row.html, "text/html")
    assert sent.body == row.text


def test_headers_the_renderer_adds_are_stored_and_sent(demo_user, mailoutbox, monkeypatch):
    @dataclass(frozen=True)
    class WithHeaders:
        subject: str
        text: str
        html: str
        headers: dict = field(default_factory=dict)

    def render(digest):
        plain = render_email(digest)
        unsubscribe = {"List-Unsubscribe": "<https://gda.example/u/abc>"}
        return WithHeaders(plain.subject, plain.text, plain.html, unsubscribe)

    monkeypatch.setattr(outbox, "render_email", render)
    digest = build_digest(demo_user, now=timezone.now())

    assert digest.outbound_email.headers["List-Unsubscribe"] == "<https://gda.example/u/abc>"
    assert mailoutbox[0].extra_headers["List-Unsubscribe"] == "<https://gda.example/u/abc>"
    assert mailoutbox[0].extra_headers[DIGEST_HEADER] == str(digest.pk)


def test_send_from_gmail_without_the_permission_goes_by_email_and_says_so(demo_user, mailoutbox):
    set_digest_preferences(demo_user, send_from_gmail=True)
    digest = build_digest(demo_user, now=timezone.now())
    assert (digest.outbound_email.channel, digest.outbound_email.note) == (
        "email",
        NO_SEND_PERMISSION,
    )
    assert digest.last_error == NO_SEND_PERMISSION
    assert len(mailoutbox) == 1


def test_send_from_gmail_keeps_gmails_id_and_our_message_id(fake, mailoutbox):
    user = gmail_user(fake)
    digest = build_digest(user, now=timezone.now())

    row = digest.outbound_email
    [copy] = in_gmail(fake, row.message_id)
    assert "SENT" in copy.label_ids
    assert (row.channel, row.provider_id, row.sender) == ("gmail", copy.id, DEMO_EMAIL)
    assert mailoutbox == []


# --- retries resume from the stored row ------------------------------------------------------


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_refused_send_is_failed_and_the_retry_sends_the_stored_email(
    demo_user, settings, mailoutbox, monkeypatch
):
    settings.EMAIL_BACKEND = "tests.digests.test_outbox.RefusingBackend"
    with pytest.raises(ConnectionRefusedError):
        build_digest(demo_user, now=timezone.now())
    row = OutboundEmail.objects.get()
    assert (row.state, row.attempts) == (State.FAILED, 1)
    assert row.failure_reason == "ConnectionRefusedError: mail server down"

    def must_not_render(digest):
        raise AssertionError("a retry rendered the email again")

    monkeypatch.setattr(outbox, "render_email", must_not_render)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    digest = build_digest(demo_user, now=timezone.now())

    row.refresh_from_db()
    assert (row.state, row.attempts, digest.status) == (State.SENT, 2, Digest.Status.SENT)
    [sent] = mailoutbox
    assert (sent.extra_headers["Message-ID"], sent.body) == (row.message_id, row.text)


def test_a_claim_can_be_taken_only_once(demo_user):
    digest = Digest.objects.create(
        user=demo_user,
        period_start=timezone.now() - dt.timedelta(hours=1),
        period_end=timezone.now(),
        provider="extractive",
    )
    row = outbox.queue(digest)
    stale = OutboundEmail.objects.get(pk=row.pk)  # a second run that read the same row

    first = outbox._claim(row)
    second = outbox._claim(stale)

    assert first is not None
    assert second is None
    assert outbox.queue(digest).pk == row.pk  # queueing again returns the same row
    row.refresh_from_db()
    assert (row.state, row.claim, row.attempts) == (State.SENDING, first, 1)


# --- unknown outcomes, decided by evidence ---------------------------------------------------


def test_smtp_dropping_after_data_is_found_in_gmail_and_not_sent_again(demo_user, fake, sink):
    sink.drop_after_data = 1
    with pytest.raises(outbox.AwaitingEvidence) as waiting:
        build_digest(demo_user, now=timezone.now())
    assert waiting.value.seconds == 120  # delivery.verify_grace_seconds
    row = OutboundEmail.objects.get()
    assert row.state == State.SENDING

    with pytest.raises(outbox.AwaitingEvidence) as again:  # still inside the grace period
        build_digest(demo_user, now=timezone.now())
    assert 0 < again.value.seconds <= 120
    assert fake.counters["messages.list"] == 1  # only the digest's own read so far

    OutboundEmail.objects.update(sending_since=timezone.now() - dt.timedelta(minutes=3))
    digest = build_digest(demo_user, now=timezone.now())

    row.refresh_from_db()
    assert (row.state, row.found_by_search, row.attempts) == (State.SENT, True, 1)
    assert digest.status == Digest.Status.SENT
    assert sink.copies(row.message_id) == 1
    assert len(in_gmail(fake, row.message_id)) == 1


def test_smtp_dropping_before_the_mail_is_kept_is_sent_again(demo_user, fake, sink, no_grace):
    sink.fake = None  # the server lost it: nothing reaches Gmail
    sink.drop_after_data = 1
    with pytest.raises(outbox.AwaitingEvidence):
        build_digest(demo_user, now=timezone.now())
    sink.fake = fake
    row = OutboundEmail.objects.get()

    build_digest(demo_user, now=timezone.now())

    row.refresh_from_db()
    assert (row.state, row.found_by_search, row.attempts) == (State.SENT, False, 2)
    assert len(in_gmail(fake, row.message_id)) == 1  # the one that arrived
    assert sink.copies(row.message_id) == 2  # the lost one and the resend


def test_the_verification_searches_rfc822msgid_anywhere(demo_user, fake, sink, no_grace):
    sink.drop_after_data = 1
    with pytest.raises(outbox.AwaitingEvidence):
        build_digest(demo_user, now=timezone.now())
    row = OutboundEmail.objects.get()
    [copy] = in_gmail(fake, row.message_id)
    copy.label_ids.clear()
    copy.label_ids.add("SPAM")  # Gmail filed it as spam: delivered all the same

    build_digest(demo_user, now=timezone.now())

    row.refresh_from_db()
    assert (row.state, row.found_by_search) == (State.SENT, True)
    assert sink.copies(row.message_id) == 1


def test_mail_to_an_address_we_cannot_read_is_sent_again_at_least_once(fake, sink, no_grace):
    user = UserFactory(email="alex@elsewhere.example")
    account = connect_google(fake, UserFactory(email=DEMO_EMAIL))
    account.user = user  # signed in with the demo Gmail, digests go to another address
    account.save()
    sink.drop_after_data = 1
    with pytest.raises(outbox.AwaitingEvidence):
        build_digest(user, now=timezone.now())
    row = OutboundEmail.objects.get()
    searched = fake.counters["messages.list"]

    build_digest(user, now=timezone.now())

    row.refresh_from_db()
    assert (row.state, row.found_by_search, row.attempts) == (State.SENT, False, 2)
    assert fake.counters["messages.list"] == searched  # nothing we could search
    assert sink.copies(row.message_id) == 2  # the same Message-ID twice: clients dedupe


def test_gmail_answering_after_the_timeout_is_found_in_sent(fake, settings, mailoutbox):
    replace_config(settings, "gmail", http_timeout_seconds=0.3)
    replace_config(settings, "delivery", verify_grace_seconds=1)
    user = gmail_user(fake)
    fake.inject_fault("messages.send", status=None, delay=0.8)

    with pytest.raises(outbox.AwaitingEvidence) as waiting:
        build_digest(user, now=timezone.now())
    assert waiting.value.seconds == 1
    row = OutboundEmail.objects.get()
    assert row.state == State.SENDING

    wait_for(lambda: in_gmail(fake, row.message_id), 10, "Gmail to finish the slow send")
    OutboundEmail.objects.update(sending_since=timezone.now() - dt.timedelta(seconds=2))
    digest = build_digest(user, now=timezone.now())

    row.refresh_from_db()
    [copy] = in_gmail(fake, row.message_id)
    assert (row.state, row.found_by_search, row.provider_id) == (State.SENT, True, copy.id)
    assert fake.counters["messages.send"] == 1
    assert digest.status == Digest.Status.SENT


def test_gmail_refusing_the_send_is_failed_not_unknown(fake):
    user = gmail_user(fake)
    fake.inject_fault("messages.send", status=400, reason="invalidArgument")
    with pytest.raises(gmail.GmailRequestRejected):
        build_digest(user, now=timezone.now())
    row = OutboundEmail.objects.get()
    assert row.state == State.FAILED
    assert row.failure_reason.startswith("GmailSendRejected: Gmail refused the request (HTTP 400)")
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.FAILED
    assert digest.last_error.startswith("Gmail refused to send the digest from your Gmail (")


@pytest.mark.parametrize(
    ("exc", "unknown"),
    [
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True),
        (TimeoutError("timed out"), True),
        (ConnectionResetError(), True),
        (gmail.GmailUnavailable("timed out"), True),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPRecipientsRefused({}), False),
        (ConnectionRefusedError(), False),
        (socket.gaierror(), False),
        (gmail.GmailRateLimited(30), False),
        (gmail.GmailRequestRejected(400, "bad"), False),
        (ValueError("a bug before sending"), False),
    ],
)
def test_which_failures_leave_the_outcome_unknown(exc, unknown):
    assert delivery.outcome_unknown(exc) is unknown


# --- the test-only kill hook ---------------------------------------------------------------


def test_the_kill_hook_is_refused_with_debug_off(settings):
    settings.OUTBOX_KILL_AT = "after_claim"
    settings.CONFIG = dataclasses.replace(settings.CONFIG, debug=False)
    with pytest.raises(ImproperlyConfigured, match="tests only"):
        outbox.checkpoint("after_send")
