"""The Schedule model, and the migration that makes Schedule rows of the old JSON."""

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from digests.models import Schedule
from tests.accounts.factories import UserFactory

OTHERS = [("accounts", "0003_timezone_default_from_config"), ("jobs", "0002_scheduler_heartbeat")]
BEFORE = [("digests", "0006_preferences"), *OTHERS]
AFTER = [("digests", "0007_schedules"), *OTHERS]


@pytest.mark.django_db
def test_a_user_can_have_several_schedules_with_the_same_cron():
    user = UserFactory()
    for name in ("A", "B"):
        Schedule.objects.create(user=user, name=name, cron="0 8 * * *", timezone="UTC")
    assert [s.name for s in user.schedules.all()] == ["A", "B"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"paused": True},  # paused by nobody, at no time
        {"paused": False, "paused_by": "you", "paused_at": None},
        {"paused": True, "paused_by": "", "paused_at": "now"},
    ],
)
def test_paused_is_stored_with_who_and_when_or_not_at_all(fields):
    fields = {k: timezone.now() if v == "now" else v for k, v in fields.items()}
    with pytest.raises(IntegrityError):
        Schedule.objects.create(
            user=UserFactory(), name="x", cron="0 8 * * *", timezone="UTC", **fields
        )


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migration_turns_the_json_schedule_into_rows_and_keeps_the_data():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    GoogleAccount = old.get_model("accounts", "GoogleAccount")
    Job = old.get_model("jobs", "Job")
    prefs = {"query": "is:starred", "max_items": 9, "deliver_email": True}
    ada = User.objects.create(
        email="ada@example.com",
        timezone="Europe/London",
        digest_preferences={**prefs, "schedule": "30 7 * * 1-5", "paused": False},
    )
    bob = User.objects.create(
        email="bob@example.com",
        timezone="Asia/Tokyo",
        digest_preferences={"schedule": "0 9 * * *", "paused": True, "deliver_email": False},
    )
    cy = User.objects.create(
        email="cy@example.com", timezone="UTC", digest_preferences={"paused": True}
    )
    GoogleAccount.objects.create(
        user=cy, subject="cy", email="cy@example.com", digests_paused_by_us=True
    )
    current = Job.objects.create(
        user=ada,
        type="digest.send",
        schedule="30 7 * * 1-5",
        timezone="Europe/London",
        payload={"manual": False},
    )
    Job.objects.create(
        user=ada, type="digest.send", schedule="0 6 * * *", status="cancelled"
    )  # an earlier schedule's leftover
    send_now = Job.objects.create(user=ada, type="digest.send", payload={"manual": True})
    refresh = Job.objects.create(user=ada, type="token_refresh", schedule="1-59/10 * * * *")

    try:
        new = migrate(AFTER)
        Schedule_ = new.get_model("digests", "Schedule")
        NewUser = new.get_model("accounts", "User")
        NewJob = new.get_model("jobs", "Job")

        a = Schedule_.objects.get(user_id=ada.pk)
        assert (a.cron, a.timezone, a.channel, a.paused) == (
            "30 7 * * 1-5",
            "Europe/London",
            "email",
            False,
        )
        b = Schedule_.objects.get(user_id=bob.pk)
        assert (b.cron, b.timezone, b.channel) == ("0 9 * * *", "Asia/Tokyo", "web")
        assert (b.paused, b.paused_by) == (True, "you")
        assert b.paused_at is not None
        c = Schedule_.objects.get(user_id=cy.pk)
        assert (c.cron, c.paused, c.paused_by) == ("0 8,17 * * 1-5", True, "Google disconnected")

        assert NewUser.objects.get(pk=ada.pk).digest_preferences == prefs
        assert "paused" not in NewUser.objects.get(pk=bob.pk).digest_preferences

        digest_jobs = NewJob.objects.filter(user_id=ada.pk, type="digest.send")
        assert {(j.pk, j.schedule) for j in digest_jobs.exclude(schedule="")} == {
            (current.pk, f"30 7 * * 1-5 #schedule-{a.pk}")
        }
        assert NewJob.objects.get(pk=current.pk).payload == {"manual": False, "schedule_id": a.pk}
        assert NewJob.objects.filter(pk__in=[send_now.pk, refresh.pk]).count() == 2
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migration_back_restores_the_json():
    migrate(BEFORE)
    new = migrate(AFTER)
    User = new.get_model("accounts", "User")
    Schedule_ = new.get_model("digests", "Schedule")
    user = User.objects.create(email="dee@example.com", timezone="UTC", digest_preferences={})
    Schedule_.objects.create(
        user=user,
        name="x",
        cron="0 7 * * *",
        timezone="UTC",
        paused=True,
        paused_by="you",
        paused_at=timezone.now(),
    )
    try:
        old = migrate(BEFORE)
        prefs = old.get_model("accounts", "User").objects.get(pk=user.pk).digest_preferences
        assert (prefs["schedule"], prefs["paused"]) == ("0 7 * * *", True)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
