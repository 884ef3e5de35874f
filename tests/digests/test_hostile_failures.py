"""The hostile-mail failures measured on main, one test each: all failed there, all pass now.

Only public names that main had too are used (parse_message, build_digest, the fake's
add_message), so running this file against main shows each failure. The time bounds are
generous hang detectors, not speed measurements (those are in bench/hostile.py).
"""

import base64
import threading
from email.message import EmailMessage

import pytest
from django.utils import timezone

from digests.building import build_digest
from digests.models import Digest
from digests.parsing import parse_message
from digests.schedules import ensure_first_schedule
from digests.scheduling import sync_digest_schedule
from jobs.models import Job
from jobs.scheduler import Scheduler
from tests.accounts.factories import UserFactory
from tests.digests.conftest import connect_google
from tests.digests.factories import gmail_message

HOSTILE = "hostile@example.com"
RLO = "\u202e"
PREHEADER = "Last chance: 70% off everything in store"


def finishes_within(seconds: float, run):
    """``run()``'s result, failing the test if it has not returned after ``seconds``."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(run()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"still running after {seconds} s"
    return result[0]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def resource(payload: dict) -> dict:
    return {
        "id": "18c0000000000001",
        "threadId": "18c0000000000001",
        "labelIds": ["INBOX"],
        "snippet": "",
        "internalDate": "1796000000000",
        "payload": payload,
    }


def text_payload(body: bytes, headers: dict[str, str]) -> dict:
    return {
        "mimeType": "text/plain",
        "filename": "",
        "headers": [{"name": name, "value": value} for name, value in headers.items()],
        "body": {"size": len(body), "data": b64(body)},
    }


def invitation(dtstart: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Kenji Sato <kenji@partner.example>"
    message["To"] = HOSTILE
    message["Subject"] = "Planning"
    message.set_content("You are invited.")
    ics = "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nSUMMARY:Planning\n"
    ics += f"{dtstart}\nEND:VEVENT\nEND:VCALENDAR\n"
    message.add_alternative(ics, subtype="calendar")
    return message


@pytest.fixture
def hostile_user(fake):
    user = UserFactory(email=HOSTILE, timezone="Asia/Tokyo")
    fake.add_account(HOSTILE)
    connect_google(fake, user)
    return user


def deliver(fake, message) -> None:
    fake.add_message(HOSTILE, message)


# --- one bad message used to stop the digest for good -------------------------------------------


@pytest.mark.django_db
def test_a_nul_byte_neither_stops_the_digest_nor_reaches_the_database(hostile_user, fake):
    deliver(
        fake,
        b"From: Dana <dana@partner.example>\r\nTo: hostile@example.com\r\n"
        b"Subject: Invoice\x00 attached\r\n\r\nPlease pay\x00 the invoice by Friday.\r\n",
    )

    digest = build_digest(hostile_user, now=timezone.now())

    assert digest.status == Digest.Status.SENT
    email = digest.emails.get()
    assert email.subject == "Invoice attached"
    assert "\x00" not in email.body_excerpt + email.summary + email.snippet


@pytest.mark.django_db
def test_an_invitation_in_year_1_in_tokyo_does_not_stop_the_digest(hostile_user, fake):
    deliver(fake, invitation("DTSTART;TZID=Asia/Tokyo:00010101T000000"))

    digest = build_digest(hostile_user, now=timezone.now())

    assert digest.status == Digest.Status.SENT
    assert digest.emails.get().subject == "Planning"


@pytest.mark.django_db(transaction=True)
def test_hostile_mail_never_kills_the_recurring_digest_job(hostile_user, fake):
    deliver(fake, invitation("DTSTART;TZID=Asia/Tokyo:00010101T000000"))
    deliver(fake, b"From: x@y.example\r\nSubject: nul\x00\r\n\r\nbody\x00\r\n")
    ensure_first_schedule(hostile_user)
    job = sync_digest_schedule(hostile_user)
    Job.objects.filter(pk=job.pk).run_now()

    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()

    job.refresh_from_db()
    assert (job.status, job.retry_count) == (Job.Status.PENDING, 0)
    assert Digest.objects.get(user=hostile_user).emails.count() == 2


# --- parsing that raised or hung ------------------------------------------------------------------


def test_a_200k_character_from_header_without_at_parses_at_once():
    payload = text_payload(b"Hello.", {"From": "a" * 200_000, "Subject": "Hi"})

    message = finishes_within(10, lambda: parse_message(resource(payload)))

    assert message.from_address == ""
    assert message.subject == "Hi"


def test_mime_nested_1000_levels_deep_parses_without_recursion():
    node = text_payload(b"Deep down.", {"Content-Type": "text/plain"})
    for _ in range(1_000):
        node = {"mimeType": "multipart/mixed", "headers": [], "body": {}, "parts": [node]}
    node["headers"] = [{"name": "Subject", "value": "Deep"}]

    message = parse_message(resource(node))

    assert message.subject == "Deep"
    assert any("nested" in problem for problem in message.problems)


def test_a_charset_name_holding_nul_falls_back_to_utf8():
    payload = text_payload(
        "Grüße aus Köln.".encode(), {"Content-Type": "text/plain; charset=utf\x00-8"}
    )

    assert parse_message(resource(payload)).body == "Grüße aus Köln."


def test_a_20_mb_body_is_read_only_up_to_the_cap():
    payload = text_payload(b"All work and no play. " * 950_000, {"Subject": "Big"})

    message = finishes_within(30, lambda: parse_message(resource(payload)))

    assert 200_000 < len(message.body) <= 256_000
    assert message.body.startswith("All work and no play.")


# --- what the reader is shown -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_right_to_left_override_never_reaches_the_email(hostile_user, fake, mailoutbox):
    message = EmailMessage()
    message["From"] = f"Billing{RLO} <billing@vendor.example>"
    message["To"] = HOSTILE
    message["Subject"] = f"Invoice {RLO}fdp.exe"
    message.set_content("Your invoice is attached.")
    deliver(fake, message)

    digest = build_digest(hostile_user, now=timezone.now())

    assert digest.emails.get().subject == "Invoice fdp.exe"
    sent = mailoutbox[0]
    assert RLO not in sent.subject + sent.body
    assert all(RLO not in str(content) for content, _ in sent.alternatives)


def test_a_hidden_preheader_never_becomes_the_body():
    markup = (
        '<html><body><div style="display:none;max-height:0;overflow:hidden">'
        f"{PREHEADER}</div><p>Your order 1234 has shipped and arrives on Friday.</p></body></html>"
    )
    message = EmailMessage()
    message["From"] = "Shop <news@shop.example>"
    message["Subject"] = "Your order"
    message.set_content(markup, subtype="html")

    parsed = parse_message(gmail_message(message))

    assert PREHEADER not in parsed.body
    assert parsed.body == "Your order 1234 has shipped and arrives on Friday."


@pytest.mark.django_db
def test_a_hidden_preheader_never_becomes_the_summary(hostile_user, fake):
    message = EmailMessage()
    message["From"] = "Shop <news@shop.example>"
    message["To"] = HOSTILE
    message["Subject"] = "Your order"
    message.set_content(
        f'<span class="preheader" style="font-size:0">{PREHEADER}</span>'
        "<p>Your order 1234 has shipped and arrives on Friday.</p>",
        subtype="html",
    )
    deliver(fake, message)

    email = build_digest(hostile_user, now=timezone.now()).emails.get()

    assert PREHEADER not in email.summary
    assert "shipped" in email.summary


@pytest.mark.django_db
def test_a_preheader_in_gmails_snippet_never_becomes_the_summary(hostile_user, fake):
    """An image-only newsletter: nothing to summarize but the snippet, which starts with the
    preheader (Gmail's snippets include hidden text, and so do the fake's)."""
    message = EmailMessage()
    message["From"] = "Shop <news@shop.example>"
    message["To"] = HOSTILE
    message["Subject"] = "Our winter collection"
    padding = "&zwnj;&nbsp;" * 30
    message.set_content(
        f'<div style="display:none">{PREHEADER}{padding}</div>'
        '<a href="https://shop.example"><img src="https://shop.example/winter.png"></a>'
        "<p>View online</p>",
        subtype="html",
    )
    deliver(fake, message)

    email = build_digest(hostile_user, now=timezone.now()).emails.get()

    assert PREHEADER not in email.summary
    assert PREHEADER not in email.snippet
