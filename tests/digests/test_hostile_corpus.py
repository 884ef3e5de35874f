"""The hostile corpus: every case parses safely alone, and all of them make one digest that
goes out, end to end through the fake Google, on whichever database the suite runs on."""

import datetime as dt

import pytest
from django.utils import timezone

from digests.building import build_digest
from digests.models import Digest
from digests.parsing import MAX_BODY_CHARS, PARTIAL_NOTE, parse_message
from digests.textsafety import BIDI_CONTROLS
from tests.accounts.factories import UserFactory
from tests.digests.conftest import connect_google, set_digest_preferences
from tests.digests.hostile_corpus import CASES, RLO

HOSTILE = "hostile@example.com"


def test_the_corpus_is_large_and_its_names_unique():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


def shown_fields(message) -> list[str]:
    attachment_names = [attachment.name for attachment in message.attachments]
    return [message.from_name, message.subject, message.snippet, *attachment_names]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_case_parses_into_safe_text(case):
    resource = {"id": "18c0000000000001", "threadId": "18c0000000000001", **case.build()}
    resource.setdefault("internalDate", "1796000000000")

    message = parse_message(resource)

    assert message.gmail_id == "18c0000000000001"
    text = [*shown_fields(message), message.body, message.from_address, *message.to, *message.cc]
    text += [*message.labels, *message.headers.values()]
    assert not any("\x00" in value for value in text)
    for value in text:
        value.encode("utf-8")  # raises on a lone surrogate
    assert not any(set(BIDI_CONTROLS) & set(value) for value in shown_fields(message))
    assert len(message.body) <= MAX_BODY_CHARS
    assert len(message.to) <= 200
    assert (message.note == PARTIAL_NOTE) is case.partial
    for secret in case.absent:
        assert secret not in message.body + message.snippet


@pytest.mark.django_db
def test_every_hostile_message_is_listed_in_a_digest_that_goes_out(fake, mailoutbox):
    user = UserFactory(email=HOSTILE, timezone="Asia/Tokyo")
    set_digest_preferences(user, max_items=100)
    fake.add_account(HOSTILE)
    connect_google(fake, user)
    now = timezone.now()
    arrived = int((now - dt.timedelta(hours=1)).timestamp() * 1000)
    ids = {
        case.name: fake.add_resource(HOSTILE, case.build(), internal_date=arrived + n).id
        for n, case in enumerate(CASES)
    }

    digest = build_digest(user, now=now)

    assert digest.status == Digest.Status.SENT
    assert len(mailoutbox) == 1
    rows = {email.gmail_id: email for email in digest.emails.all()}
    assert set(rows) == set(ids.values())
    assert all(row.listed for row in rows.values())  # max_items=100 lists every one
    for case in CASES:
        row = rows[ids[case.name]]
        assert row.summary, case.name
        assert (PARTIAL_NOTE in row.summary) is case.partial, case.name
        stored = [row.subject, row.from_name, row.summary, row.body_excerpt, row.snippet]
        assert not any(secret in value for secret in case.absent for value in stored), case.name
        assert not any(set(BIDI_CONTROLS) & set(value) for value in stored), case.name
    sent = mailoutbox[0]
    assert RLO not in sent.body
    assert all(RLO not in str(content) for content, _ in sent.alternatives)
