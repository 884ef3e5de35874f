import datetime as dt

import factory
from django.utils import timezone

from digests.models import Digest, Email, Urgency
from tests.accounts.factories import UserFactory


class DigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Digest

    user = factory.SubFactory(UserFactory)
    period_end = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0))
    period_start = factory.LazyAttribute(lambda d: d.period_end - dt.timedelta(hours=9))
    status = Digest.Status.SENT
    summary = "3 messages, 1 urgent: the contract needs your signature by Friday."
    provider = "extractive"
    count_urgent = 1
    count_low = 2
    reading_seconds = 140


class EmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Email

    digest = factory.SubFactory(DigestFactory)
    rank = factory.Sequence(int)
    gmail_id = factory.Sequence(lambda n: f"{0x18C0000000000000 + n:016x}")
    thread_id = factory.LazyAttribute(lambda e: e.gmail_id)
    from_name = factory.Faker("name")
    from_address = factory.Faker("email")
    to = factory.LazyFunction(lambda: ["me@example.com"])
    cc = factory.LazyFunction(list)
    subject = factory.Faker("sentence", nb_words=6)
    snippet = factory.Faker("sentence", nb_words=14)
    received_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0))
    labels = factory.LazyFunction(lambda: ["INBOX", "UNREAD"])
    body_excerpt = factory.Faker("paragraph")
    attachments = factory.LazyFunction(
        lambda: [{"name": "contract.pdf", "type": "application/pdf", "size": 48213}]
    )
    summary = factory.Faker("sentence")
    urgency = Urgency.HIGH
    action_items = factory.LazyFunction(
        lambda: [{"text": "Sign the contract", "due": "2026-12-04"}]
    )
    reading_seconds = 45
