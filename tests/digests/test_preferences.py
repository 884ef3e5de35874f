"""Digest preferences as columns, and how each one changes the next digest (real fake Google)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from digests.bookkeeping import OutboundEmail
from digests.building import build_digest
from digests.models import Digest, DigestPreferences, Email, Urgency
from digests.preferences import LENGTHS, normalize_senders, preferences_for
from digests.render import digest_view
from digests.render.sections import sized
from digests.render.threads import TIERS
from digests.shaping import lifted
from fakegoogle import DEMO_EMAIL
from tests.accounts.factories import UserFactory
from tests.digests.conftest import set_digest_preferences
from tests.digests.factories import mail

pytestmark = pytest.mark.django_db


def fresh_digest(user, fake, *messages) -> Digest:
    """A first digest to use up the demo mailbox, then one of ``messages`` only."""
    build_digest(user, now=timezone.now())
    for message, labels in messages:
        fake.add_message(DEMO_EMAIL, message, labels=labels)
    return build_digest(user, now=timezone.now())


NEWSLETTER = mail("This week in gardening.", subject="Garden weekly", sender="news@garden.example")
BOSS = mail("Lunch on Friday?", subject="Lunch", sender="Boss <boss@work.example>")
OTHER = mail("Minutes attached.", subject="Minutes", sender="Kim <kim@work.example>")
INBOX = ("INBOX", "UNREAD")


def test_the_urgency_lift_is_one_class_and_never_below_medium():
    assert [lifted(u) for u in Urgency.values] == ["medium", "high", "urgent", "urgent"]


def test_a_vip_sender_is_one_class_higher_and_listed_past_max_items(demo_user, fake):
    set_digest_preferences(demo_user, vip_senders=["@garden.example"], max_items=1)
    digest = fresh_digest(demo_user, fake, (OTHER, INBOX), (BOSS, INBOX), (NEWSLETTER, INBOX))
    news = digest.emails.get(from_address="news@garden.example")
    assert news.listed
    assert news.urgency != Urgency.LOW
    assert "from a sender you always want to see" in news.reasons
    best = digest.emails.get(rank=0)
    listed = {e.from_address for e in digest.emails.filter(listed=True)}
    assert listed == {best.from_address, "news@garden.example"}


def test_without_the_vip_rule_the_newsletter_stays_low(demo_user, fake):
    digest = fresh_digest(demo_user, fake, (NEWSLETTER, INBOX))
    news = digest.emails.get(from_address="news@garden.example")
    assert news.urgency == Urgency.LOW
    assert "from a sender you always want to see" not in news.reasons


def test_muted_senders_and_labels_are_never_listed_but_counted(demo_user, fake):
    set_digest_preferences(
        demo_user, muted_senders=["@garden.example"], muted_labels=["CATEGORY_FORUMS"]
    )
    digest = fresh_digest(
        demo_user, fake, (NEWSLETTER, INBOX), (OTHER, (*INBOX, "CATEGORY_FORUMS")), (BOSS, INBOX)
    )
    listed = {e.from_address for e in digest.emails.filter(listed=True)}
    assert listed == {"boss@work.example"}
    assert digest.emails.count() == 3
    view = digest_view(digest, list(digest.emails.order_by("rank")))
    assert view.more == 2
    assert view.total == 3


def test_a_short_summary_length_cuts_summaries_and_cards(demo_user, fake):
    digest = build_digest(demo_user, now=timezone.now())
    rows = list(digest.emails.order_by("rank"))
    normal = digest_view(digest, rows)
    set_digest_preferences(demo_user, summary_length="short")
    digest = Digest.objects.get(pk=digest.pk)
    short = digest_view(digest, rows)
    assert len(normal.full) + len(normal.compact) > 3
    assert len(short.full) + len(short.compact) == 3
    longest = max(len(t.summary) for t in short.full + short.compact)
    assert longest <= 120
    # a card's summary is cut at 120 characters, not the normal 600
    lengths = {length: sized(TIERS[0], LENGTHS[length]).summary for length in LENGTHS}
    assert lengths[DigestPreferences.SummaryLength.SHORT] == 120
    assert lengths[DigestPreferences.SummaryLength.NORMAL] == 600


def test_an_empty_digest_is_skipped_by_default(demo_user, fake, mailoutbox):
    build_digest(demo_user, now=timezone.now())
    before = Digest.objects.filter(user=demo_user).count()
    build_digest(demo_user, now=timezone.now())
    build_digest(demo_user, now=timezone.now())
    assert Digest.objects.filter(user=demo_user).count() == before
    assert len(mailoutbox) == 1


def test_an_empty_digest_can_send_nothing_new(demo_user, fake, mailoutbox):
    set_digest_preferences(demo_user, empty_policy="send")
    build_digest(demo_user, now=timezone.now())
    empty = build_digest(demo_user, now=timezone.now())
    assert Digest.objects.get(pk=empty.pk).status == Digest.Status.EMPTY
    assert empty.delivered_at is not None
    assert len(mailoutbox) == 2
    assert "No new mail" in mailoutbox[1].body or "No new" in mailoutbox[1].body


def test_a_confirmed_other_address_receives_the_digest(demo_user, fake, mailoutbox):
    set_digest_preferences(demo_user, delivery="other", delivery_address="me@elsewhere.example")
    build_digest(demo_user, now=timezone.now())
    assert mailoutbox[0].to == ["me@elsewhere.example"]


def test_sender_rules_are_addresses_or_domains():
    assert normalize_senders(" Ada@Example.com, @list.example\n\nada@example.com") == [
        "ada@example.com",
        "@list.example",
    ]
    with pytest.raises(Exception, match="neither an address"):
        normalize_senders("not an address")


def test_a_preferences_row_is_made_with_the_defaults():
    user = UserFactory()
    prefs = preferences_for(user)
    assert (prefs.query, prefs.max_items, prefs.deliver_email) == ("", 25, True)
    assert prefs.empty_policy == DigestPreferences.EmptyPolicy.SKIP
    assert Email.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_json_preferences():
    executor = MigrationExecutor(connection)
    executor.migrate([("digests", "0005_sync_cursor")])
    old = executor.loader.project_state([("digests", "0005_sync_cursor")]).apps
    User = old.get_model("accounts", "User")
    kept = User.objects.create(
        email="kept@example.com",
        digest_preferences={
            "query": "from:boss",
            "max_items": 7,
            "deliver_email": False,
            "send_from_gmail": True,
            "paused": True,
        },
    )
    default = User.objects.create(email="default@example.com", digest_preferences={})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    row = DigestPreferences.objects.get(user_id=kept.pk)
    assert (row.query, row.max_items, row.deliver_email, row.delivery) == (
        "from:boss",
        7,
        False,
        "gmail",
    )
    other = DigestPreferences.objects.get(user_id=default.pk)
    assert (other.query, other.max_items, other.deliver_email, other.delivery) == (
        "",
        25,
        True,
        "sign_in",
    )


@pytest.mark.django_db(transaction=True)
def test_the_dropped_json_column_is_filled_again_when_migrating_back():
    """accounts/0005 drops the column after digests/0006 and 0007 have read it; reversing
    brings it back, and those two migrations write the rows' values into it."""
    before = [("digests", "0005_sync_cursor")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    User = executor.loader.project_state(before).apps.get_model("accounts", "User")
    user = User.objects.create(email="kept@example.com", digest_preferences={"max_items": 7})
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(cursor, "accounts_user")
        assert "digest_preferences" not in {column.name for column in columns}
        DigestPreferences.objects.filter(user_id=user.pk).update(max_items=9, query="is:starred")

        executor = MigrationExecutor(connection)
        executor.migrate(before)
        User = executor.loader.project_state(before).apps.get_model("accounts", "User")
        prefs = User.objects.get(pk=user.pk).digest_preferences
        assert {key: prefs[key] for key in ("query", "max_items", "deliver_email")} == {
            "query": "is:starred",
            "max_items": 9,
            "deliver_email": True,
        }
        assert prefs["send_from_gmail"] is False
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def owe_a_nothing_new(user, settings) -> Digest:
    """A first digest sent, then an empty one whose "nothing new" the mail server refused."""
    set_digest_preferences(user, empty_policy="send")
    build_digest(user, now=timezone.now())
    settings.EMAIL_BACKEND = "tests.digests.test_sync_edges.DownBackend"
    with pytest.raises(ConnectionRefusedError):
        build_digest(user, now=timezone.now())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return Digest.objects.filter(user=user, status=Digest.Status.EMPTY).get()


def test_a_nothing_new_email_that_failed_is_sent_by_the_next_run(
    demo_user, fake, settings, mailoutbox
):
    empty = owe_a_nothing_new(demo_user, settings)
    assert empty.delivered_at is None

    build_digest(demo_user, now=timezone.now())

    empty.refresh_from_db()
    assert empty.delivered_at is not None
    assert empty.outbound_email.state == OutboundEmail.State.SENT
    # The owed "nothing new" is this run's news: no second one for the minutes since.
    assert Digest.objects.filter(user=demo_user, status=Digest.Status.EMPTY).count() == 1
    assert len(mailoutbox) == 2  # the first digest, then the owed "nothing new"
    assert mailoutbox[1].extra_headers["Message-ID"] == empty.outbound_email.message_id


def test_an_empty_run_that_only_stores_queues_no_email(demo_user, fake, mailoutbox):
    set_digest_preferences(demo_user, empty_policy="send")
    build_digest(demo_user, now=timezone.now())
    kept = build_digest(demo_user, now=timezone.now(), deliver=False)  # a web-only run
    assert kept.status == Digest.Status.EMPTY
    assert not OutboundEmail.objects.filter(digest=kept).exists()

    build_digest(demo_user, now=timezone.now())

    assert not OutboundEmail.objects.filter(digest=kept).exists()  # never emailed later
    assert len(mailoutbox) == 2  # the first digest and this run's own "nothing new"


def test_an_owed_nothing_new_is_dropped_when_the_person_chose_to_skip_them(
    demo_user, fake, settings, mailoutbox
):
    owe_a_nothing_new(demo_user, settings)
    set_digest_preferences(demo_user, empty_policy="skip")

    build_digest(demo_user, now=timezone.now())

    assert not Digest.objects.filter(user=demo_user, status=Digest.Status.EMPTY).exists()
    assert len(mailoutbox) == 1  # only the first digest
