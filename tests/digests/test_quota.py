"""The per-person Gmail quota bucket: refill, reservations, waits, and several processes."""

import os
import subprocess
import sys

import pytest
from django.utils import timezone

from digests.bookkeeping import GmailQuota
from digests.building import build_digest
from digests.quota import QuotaLimiter, reserve
from tests.accounts.factories import UserFactory
from tests.digests.conftest import connect_google, replace_config
from tests.digests.factories import mail
from tests.jobs.processes import ROOT, child_database_url


class Clock:
    """Virtual time: sleeping moves it forward, nothing really waits."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.django_db
def test_a_full_bucket_spends_without_waiting_then_waits_for_the_refill():
    user = UserFactory()
    clock = Clock()
    assert reserve(user.pk, 500, per_minute=600, clock=clock) == 0.0
    assert GmailQuota.objects.get(user=user).tokens == 100
    # 300 more than there is: at 10 units a second that is 20 s to wait.
    assert reserve(user.pk, 300, per_minute=600, clock=clock) == pytest.approx(20.0)
    clock.now += 80  # the 200 owed, then a full bucket (it holds a minute's worth at most)
    assert reserve(user.pk, 600, per_minute=600, clock=clock) == 0.0


@pytest.mark.django_db
def test_two_limiters_of_one_person_share_the_bucket():
    user = UserFactory()
    clock = Clock()
    first = QuotaLimiter(user.pk, 600, clock=clock, sleep=clock.sleep)
    second = QuotaLimiter(user.pk, 600, clock=clock, sleep=clock.sleep)
    first(400)
    second(400)  # only 200 left: waits 20 s for the other 200
    assert clock.slept == [pytest.approx(20.0)]
    assert second.waited == pytest.approx(20.0)
    assert first.waited == 0


@pytest.mark.django_db
def test_people_have_buckets_of_their_own():
    ada, bob = UserFactory(), UserFactory()
    clock = Clock()
    assert reserve(ada.pk, 600, per_minute=600, clock=clock) == 0.0
    assert reserve(bob.pk, 600, per_minute=600, clock=clock) == 0.0


@pytest.mark.django_db(transaction=True)
def test_processes_spending_at_once_never_spend_the_same_units():
    user = UserFactory()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GDA_")}
    env.update(DEBUG="true", DATABASE_URL=child_database_url(), PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "tests.digests.quota_worker", str(user.pk), "40", "10", "600"]
    workers = [subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE) for _ in range(4)]
    outputs = [w.communicate(timeout=120)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0, 0]
    # 1,600 units from a bucket of 600 at a frozen clock: exactly 1,000 in debt, whatever
    # the interleaving. A lost update would leave more.
    assert GmailQuota.objects.get(user=user).tokens == pytest.approx(600 - 1600)
    assert GmailQuota.objects.get(user=user).version == 160 - 1
    assert all(float(out) >= 0 for out in outputs)


@pytest.mark.django_db
def test_a_large_mailbox_is_slowed_not_failed(fake, settings):
    fake.add_account("big@example.com")
    user = UserFactory(email="big@example.com")
    connect_google(fake, user)
    for n in range(60):
        fake.add_message("big@example.com", mail(f"n{n}", subject=f"Bulk {n}"))
    now = timezone.now()
    replace_config(settings, "gmail", quota_units_per_minute=100, batch_size=10)
    clock = Clock(now.timestamp())

    def connect(person):
        from digests import gmail

        return gmail.connect(person, sleep=clock.sleep, clock=clock)

    digest = build_digest(user, now=now, connect_gmail=connect)

    assert digest.emails.count() == 60
    # 1 (profile) + 5 (list) + 300 (reads) units at 100 a minute, 100 of them at once.
    assert sum(clock.slept) == pytest.approx((306 - 100) * 60 / 100)
    assert fake.quota_units.total() == 306
