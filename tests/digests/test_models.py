import datetime as dt
import json
import zoneinfo
from pathlib import Path

import pytest

from accounts.models import User
from digests.models import Digest, Email
from gda_site.serialization import SerializationError
from tests.accounts.factories import UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def field_values(instance: Digest | Email) -> dict:
    """Every column but the primary key, which JSON deliberately does not carry.

    Datetimes are compared in UTC: Python never finds an ambiguous local time (02:30 on the
    night clocks go back) equal to a time in another zone, even at the same instant.
    """
    values = {}
    for field in instance._meta.concrete_fields:
        if not field.primary_key:
            value = getattr(instance, field.attname)
            values[field.attname] = value.astimezone(dt.UTC) if is_datetime(value) else value
    return values


def is_datetime(value: object) -> bool:
    return isinstance(value, dt.datetime)


def test_email_round_trip_through_the_database_keeps_every_field():
    email = EmailFactory(rank=3, received_at=dt.datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN))
    data = email.to_dict()
    assert data["received_at"] == "2026-10-25T02:30:00+02:00"
    before = field_values(email)
    email.delete()
    again = Email.from_dict(data)
    again.digest = email.digest
    again.save()
    assert field_values(Email.objects.get(pk=again.pk)) == before


def test_email_link_points_at_the_gmail_thread():
    email = EmailFactory(thread_id="18c2a1b3c4d5e6f7")
    assert email.gmail_url.endswith("#all/18c2a1b3c4d5e6f7")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"urgency": "whenever"},
            "urgency: expected one of low, medium, high, urgent, got 'whenever'",
        ),
        (
            {"received_at": "2026-10-25 02:30"},
            "received_at: expected a date-time with a UTC offset",
        ),
        ({"received_at": "yesterday"}, "received_at: expected an ISO 8601 date-time"),
        ({"reading_seconds": "45"}, "reading_seconds: expected an integer, got a string"),
        ({"reading_seconds": True}, "reading_seconds: expected an integer, got true or false"),
        ({"to": ["a@x", 5]}, "to[1]: expected a string, got an integer"),
        ({"attachments": [{"name": "a", "type": "b"}]}, "attachments[0].size: missing"),
        (
            {"action_items": [{"text": "x", "due": "Friday"}]},
            "action_items[0].due: expected an ISO 8601 date",
        ),
    ],
)
def test_email_from_dict_names_the_bad_field(change, message):
    data = {**EmailFactory.build().to_dict(), **change}
    with pytest.raises(SerializationError) as info:
        Email.from_dict(data)
    assert str(info.value).startswith(message)


def test_email_from_dict_missing_required_field():
    data = EmailFactory.build().to_dict()
    del data["gmail_id"]
    with pytest.raises(SerializationError, match="gmail_id: missing"):
        Email.from_dict(data)


def test_digest_round_trip_through_the_database_keeps_every_field():
    digest = DigestFactory(
        delivered_at=dt.datetime(2026, 11, 2, 8, 0, 5, tzinfo=dt.UTC),
        created_at=dt.datetime(2026, 11, 2, 7, 59, 58, 123456, tzinfo=BERLIN),
        count_high=4,
        count_medium=3,
        last_error="Gmail answered 503 once",
    )
    data = digest.to_dict()
    assert data["counts"] == {"low": 2, "medium": 3, "high": 4, "urgent": 1}
    before = field_values(digest)
    digest.delete()
    again = Digest.from_dict(data)
    again.save()
    assert field_values(Digest.objects.get(pk=again.pk)) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "lost"}, "status: expected one of building, sent, failed, empty"),
        ({"user": "nobody@example.com"}, "user: no user with email 'nobody@example.com'"),
        ({"counts": {"critical": 1}}, "counts.critical: unknown urgency"),
        (
            {"period_start": "2026-11-02T08:00:00"},
            "period_start: expected a date-time with a UTC offset",
        ),
        ({"period_start": "2099-01-01T00:00:00+00:00"}, "period_end: is before period_start"),
    ],
)
def test_digest_from_dict_names_the_bad_field(change, message):
    data = {**DigestFactory().to_dict(), **change}
    with pytest.raises(SerializationError) as info:
        Digest.from_dict(data)
    assert str(info.value).startswith(message)


def test_digest_counts_property():
    digest = DigestFactory.build(count_urgent=2, count_high=1, count_medium=0, count_low=5)
    assert digest.counts == {"low": 5, "medium": 0, "high": 1, "urgent": 2}


def test_digest_from_dict_keeps_created_at_on_save():
    data = DigestFactory().to_dict()
    Digest.objects.all().delete()
    data["created_at"] = "2026-11-02T08:00:00+00:00"
    digest = Digest.from_dict(data)
    digest.save()
    digest.refresh_from_db()
    assert digest.created_at == dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)


def test_email_rank_survives_the_round_trip():
    data = EmailFactory(rank=7).to_dict()
    assert data["rank"] == 7
    assert Email.from_dict(data).rank == 7


def test_digest_bad_count_is_named_with_its_path():
    data = DigestFactory().to_dict()
    data["counts"]["urgent"] = "x"
    with pytest.raises(SerializationError) as info:
        Digest.from_dict(data)
    assert info.value.field == "counts.urgent"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "blue"}, "colour: unknown field"),
        ({"gmail_id": "x" * 500}, "gmail_id: Ensure this value has at most 64 characters"),
        ({"from_address": "a" * 400}, "from_address: Ensure this value has at most 320"),
        ({"reading_seconds": -5}, "reading_seconds: expected an integer >= 0, got -5"),
        ({"rank": -1}, "rank: expected an integer >= 0, got -1"),
        (
            {"attachments": [{"name": "a", "type": "b", "size": 1}, {"name": "c", "type": "d"}]},
            "attachments[1].size: missing",
        ),
        (
            {
                "attachments": [{"name": "a", "type": "b", "size": 1}] * 2
                + [{"name": "a", "type": "b", "size": -3}]
            },
            "attachments[2].size: expected an integer >= 0, got -3",
        ),
        (
            {"attachments": [{"name": "a", "type": "b", "size": 1, "sha": "f00"}]},
            "attachments[0].sha: unknown field",
        ),
        ({"action_items": [{"text": "Sign"}]}, "action_items[0].due: missing"),
        ({"action_items": [{"text": "Sign", "due": None, "who": "me"}]}, "action_items[0].who"),
    ],
)
def test_email_from_dict_refuses_what_the_model_refuses(change, message):
    data = {**EmailFactory.build().to_dict(), **change}
    with pytest.raises(SerializationError) as info:
        Email.from_dict(data)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize("field", Email.JSON_FIELDS)
def test_email_from_dict_requires_every_field(field):
    data = EmailFactory.build().to_dict()
    del data[field]
    with pytest.raises(SerializationError, match=rf"^{field}: missing"):
        Email.from_dict(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "blue"}, "colour: unknown field"),
        ({"reading_seconds": -1}, "reading_seconds: expected an integer >= 0, got -1"),
        (
            {"counts": {"low": 1, "medium": 0, "high": 0, "urgent": -2}},
            "counts.urgent: expected an integer >= 0, got -2",
        ),
        ({"counts": {"low": 1, "medium": 0, "high": 0}}, "counts.urgent: missing"),
        ({"provider": "p" * 65}, "provider: Ensure this value has at most 64 characters"),
        ({"created_at": None}, "created_at: expected a string, got null"),
    ],
)
def test_digest_from_dict_refuses_what_the_model_refuses(change, message):
    data = {**DigestFactory().to_dict(), **change}
    with pytest.raises(SerializationError) as info:
        Digest.from_dict(data)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize("field", Digest.JSON_FIELDS)
def test_digest_from_dict_requires_every_field(field):
    data = DigestFactory().to_dict()
    del data[field]
    with pytest.raises(SerializationError, match=rf"^{field}: missing"):
        Digest.from_dict(data)


def test_json_fields_are_what_to_dict_writes():
    assert tuple(EmailFactory.build().to_dict()) == Email.JSON_FIELDS
    assert tuple(DigestFactory.build().to_dict()) == Digest.JSON_FIELDS


EXAMPLES = Path(__file__).parent / "examples"


def example(name: str) -> dict:
    """The README's JSON examples (copied there verbatim), so the documentation cannot drift."""
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def test_user_example_round_trips_unchanged():
    user = User.from_dict(example("user"))
    user.save()
    assert User.objects.get(pk=user.pk).to_dict() == example("user")


def test_digest_example_round_trips_unchanged():
    UserFactory(email=example("digest")["user"])
    digest = Digest.from_dict(example("digest"))
    digest.save()
    assert Digest.objects.get(pk=digest.pk).to_dict() == example("digest")


def test_email_example_round_trips_unchanged():
    email = Email.from_dict(example("email"))
    assert email.to_dict() == example("email")  # the offset written is the one read
    email.digest = DigestFactory()
    email.save()
    saved = Email.objects.get(pk=email.pk).to_dict()
    assert saved == {**example("email"), "received_at": "2026-11-30T08:15:00+00:00"}
