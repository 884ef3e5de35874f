import datetime as dt

import factory
from django.utils import timezone

from accounts.google_client import REQUIRED_SCOPES
from accounts.models import GoogleAccount, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Faker("name")
    timezone = "Europe/Berlin"
    password = factory.django.Password("correct horse battery staple")


class GoogleAccountFactory(factory.django.DjangoModelFactory):
    """A connected account. Its tokens are made up: pass real ones from the fake Google
    (``fake.issue_tokens``) when the test talks to it."""

    class Meta:
        model = GoogleAccount

    user = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: str(100_000_000_000_000_000_000 + n))
    email = factory.LazyAttribute(lambda account: account.user.email)
    scopes = factory.LazyFunction(lambda: list(REQUIRED_SCOPES))
    access_token = factory.Sequence(lambda n: f"ya29.factory-access-{n}")
    refresh_token = factory.Sequence(lambda n: f"1//factory-refresh-{n}")
    token_expiry = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=1))
