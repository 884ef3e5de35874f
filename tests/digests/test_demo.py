"""Demo mode's promise: a newcomer signs in at the fake Google and gets a real digest."""

import html

import pytest

from accounts.models import User
from digests.models import Digest, Urgency
from fakegoogle import DEMO_EMAIL
from jobs.scheduler import Scheduler
from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_newcomer_signs_in_and_gets_a_digest_of_the_demo_mailbox(client, fake, mailoutbox):
    fake.auto_consent = "allow"

    response = sign_in(client)
    assert response.url == "/digests/"
    Scheduler(workers=2, poll_interval=0.05, lease_seconds=30, once=True).run()

    user = User.objects.get(email=DEMO_EMAIL)
    digest = Digest.objects.get(user=user)
    assert digest.status == Digest.Status.SENT
    assert digest.count_urgent >= 1
    assert digest.emails.first().urgency == Urgency.URGENT
    assert [m.to for m in mailoutbox] == [[DEMO_EMAIL]]
    page = html.unescape(client.get("/digests/").content.decode())
    assert "Next digest:" in page
    assert digest.summary[:40] in page
