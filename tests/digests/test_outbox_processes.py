"""Exactly one digest email, with real scheduler processes killed at each step of a send.

Each test starts ``runscheduler`` against the test database, with Gmail served by the fake
Google and mail by the SMTP sink (both in this process; the sink puts what it receives in the
reader's fake Gmail, as real delivery would). A process is stopped at an exact step by
SIGKILL: by the sink when DATA arrives, or by the outbox's test-only ``OUTBOX_KILL_AT`` hook.
A second process takes the job over once the lease expires, and the outcome is counted where
the mail arrives.
"""

import signal

import pytest
from django.utils import timezone

from digests.bookkeeping import OutboundEmail
from digests.building import build_digest
from digests.models import Digest
from digests.scheduling import send_now
from fakegoogle import DEMO_EMAIL
from jobs.models import Job
from tests.accounts.factories import UserFactory
from tests.digests.conftest import SEND, SIGN_IN_SCOPES, connect_google, set_digest_preferences
from tests.digests.delivery_processes import DeliveryScheduler
from tests.digests.smtp_sink import SmtpSink
from tests.jobs.processes import wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

GRACE = "3"  # delivery.verify_grace_seconds in the children


@pytest.fixture
def sink(fake):
    with SmtpSink(fake) as running:
        yield running


@pytest.fixture
def start(google, sink, tmp_path):
    started = []

    def start(kill_at: str = "", **config: str) -> DeliveryScheduler:
        process = DeliveryScheduler(
            tmp_path / f"scheduler-{len(started)}.log",
            google_url=google.base_url,
            email_url=sink.url,
            kill_at=kill_at,
            **{
                "GDA_DELIVERY__VERIFY_GRACE_SECONDS": GRACE,
                # Sends give up before the grace period ends (the configuration insists).
                "GDA_DELIVERY__SMTP_TIMEOUT_SECONDS": "2",
                "GDA_GMAIL__HTTP_TIMEOUT_SECONDS": "2",
                **config,
            },
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def copies_in_gmail(fake, message_id: str, label: str) -> int:
    mailbox = fake.account(DEMO_EMAIL).mailbox
    return sum(
        1
        for m in list(mailbox.messages.values())
        if m.parsed["Message-ID"] == message_id and label in m.label_ids
    )


def outbox_row() -> OutboundEmail:
    return OutboundEmail.objects.get()


def wait_until_sent(job: Job, *processes: DeliveryScheduler) -> OutboundEmail:
    def done() -> bool:
        row = OutboundEmail.objects.filter(state=OutboundEmail.State.SENT).first()
        return row is not None and Job.objects.get(pk=job.pk).status == "succeeded"

    try:
        wait_for(done, 90, "the digest to be sent and the job to succeed")
    except AssertionError as exc:
        logs = "\n".join(p.log for p in processes)
        raise AssertionError(f"{exc}\n{logs}") from None
    return outbox_row()


def killed_then_taken_over(job, start, **kill):
    victim = start(**kill)
    assert victim.wait(60) == -signal.SIGKILL, victim.log
    assert outbox_row().state == OutboundEmail.State.SENDING
    survivor = start()
    return wait_until_sent(job, victim, survivor)


def assert_exactly_once(row, sink, fake):
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.SENT
    assert digest.delivered_at == row.sent_at
    assert sink.copies(row.message_id) == 1
    assert copies_in_gmail(fake, row.message_id, "INBOX") == 1
    assert len(sink.received) == 1


def test_killed_after_the_claim_before_sending(demo_user, fake, sink, start):
    job = send_now(demo_user)
    row = killed_then_taken_over(job, start, kill_at="after_claim")

    assert_exactly_once(row, sink, fake)
    assert (row.attempts, row.found_by_search) == (2, False)  # not found, so sent again


def test_killed_by_the_smtp_server_after_it_stored_the_mail_before_250(
    demo_user, fake, sink, start
):
    job = send_now(demo_user)
    victim = start()
    sink.kill_on_data = victim.pid
    assert victim.wait(60) == -signal.SIGKILL, victim.log
    assert outbox_row().state == OutboundEmail.State.SENDING
    row = wait_until_sent(job, victim, start())

    assert_exactly_once(row, sink, fake)
    assert (row.attempts, row.found_by_search) == (1, True)  # found, never sent again


def test_smtp_connection_dropped_after_data_without_a_kill(demo_user, fake, sink, start):
    sink.drop_after_data = 1
    job = send_now(demo_user)
    row = wait_until_sent(job, start())

    assert_exactly_once(row, sink, fake)
    assert (row.attempts, row.found_by_search) == (1, True)


def test_killed_after_sending_before_the_status_write(demo_user, fake, sink, start):
    job = send_now(demo_user)
    row = killed_then_taken_over(job, start, kill_at="after_send")

    assert_exactly_once(row, sink, fake)
    assert (row.attempts, row.found_by_search) == (1, True)


def test_gmail_send_answering_after_the_client_timeout(fake, sink, start):
    user = UserFactory(email=DEMO_EMAIL)
    connect_google(fake, user, [*SIGN_IN_SCOPES, SEND])
    set_digest_preferences(user, send_from_gmail=True)
    fake.inject_fault("messages.send", status=None, delay=1.5)  # answers after 1.5 s

    job = send_now(user)
    row = wait_until_sent(job, start(GDA_GMAIL__HTTP_TIMEOUT_SECONDS="0.5"))

    assert fake.counters["messages.send"] == 1
    assert copies_in_gmail(fake, row.message_id, "SENT") == 1
    assert (row.channel, row.attempts, row.found_by_search) == ("gmail", 1, True)
    assert row.provider_id
    assert sink.received == []


def test_killed_after_storing_an_empty_digest_its_nothing_new_email_still_comes(
    demo_user, fake, sink, start
):
    set_digest_preferences(demo_user, empty_policy="send")
    build_digest(demo_user, now=timezone.now())  # in this process: the mail so far is read
    job = send_now(demo_user)
    victim = start(kill_at="after_store")
    assert victim.wait(60) == -signal.SIGKILL, victim.log
    killed = Digest.objects.get(status=Digest.Status.EMPTY)
    assert killed.delivered_at is None
    assert killed.outbound_email.state == OutboundEmail.State.QUEUED  # stored with the digest

    survivor = start()

    def all_delivered() -> bool:
        empty = Digest.objects.filter(status=Digest.Status.EMPTY)
        done = Job.objects.get(pk=job.pk).status == "succeeded"
        return done and not empty.filter(delivered_at__isnull=True).exists()

    wait_for(all_delivered, 90, "the retried job to succeed with every empty digest delivered")
    killed.refresh_from_db()
    assert killed.delivered_at is not None
    assert sink.copies(killed.outbound_email.message_id) == 1, victim.log + survivor.log
    assert len(sink.received) == 1  # and no second "nothing new" from the retried run
