"""Feedback on a digest card: it shows on the card, keeps the place, and can be undone."""

import datetime as dt
import html

import pytest
from django.test import Client

from digests.feedback import Feedback, feedback_state, give_feedback, undo_feedback
from digests.models import DigestPreferences
from digests.preferences import add_rule, preferences_for
from tests.accounts.factories import UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db

BOSS = "boss@work.example"


@pytest.fixture
def user():
    return UserFactory(email="reader@example.com", timezone="Europe/Berlin")


@pytest.fixture
def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def email(user):
    digest = DigestFactory(
        user=user,
        period_start=dt.datetime(2026, 12, 6, 16, 0, tzinfo=dt.UTC),
        period_end=dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC),  # Mon 7 Dec 08:00 in Berlin
    )
    return EmailFactory(
        digest=digest, rank=0, urgency="high", listed=True, from_address=BOSS, subject="Budget"
    )


def rules(user) -> tuple[list[str], list[str]]:
    prefs = DigestPreferences.objects.get_or_create(user=user)[0]
    return prefs.vip_senders, prefs.muted_senders


def post(client, email, **data):
    return client.post(f"/digests/emails/{email.pk}/feedback/", data)


def page(client, email) -> str:
    return html.unescape(client.get(f"/digests/{email.digest_id}/").content.decode())


def test_a_press_goes_back_to_the_cards_anchor(signed_in, email):
    response = post(signed_in, email, kind="not_urgent")
    assert response.status_code == 302
    assert response["Location"] == f"/digests/{email.digest_id}/#item-{email.pk}"
    assert f'id="item-{email.pk}"' in page(signed_in, email)


def test_the_card_says_what_was_done_and_offers_undo(signed_in, email):
    before = page(signed_in, email)
    assert "Marked not urgent" not in before
    assert 'value="not_urgent"' in before
    post(signed_in, email, kind="not_urgent")
    after = page(signed_in, email)
    assert "Marked not urgent" in after
    assert 'aria-label="Undo: Marked not urgent"' in after
    assert '<button type="submit" name="kind" value="not_urgent"' not in after  # pressed once


def test_undo_takes_the_press_back(signed_in, email, user):
    post(signed_in, email, kind="not_urgent")
    response = post(signed_in, email, kind="not_urgent", undo="1")
    assert response["Location"].endswith(f"#item-{email.pk}")
    assert not Feedback.objects.filter(email=email).exists()
    assert "Marked not urgent" not in page(signed_in, email)


@pytest.mark.parametrize(("kind", "made"), [("vip", ([BOSS], [])), ("mute", ([], [BOSS]))])
def test_undo_of_a_sender_rule_removes_the_rule(signed_in, email, user, kind, made):
    post(signed_in, email, kind=kind)
    assert rules(user) == made
    post(signed_in, email, kind=kind, undo="1")
    assert rules(user) == ([], [])


def test_undo_drops_the_cached_preferences(user, email):
    give_feedback(user, email, "mute")
    assert preferences_for(user).is_muted_sender(BOSS)
    undo_feedback(user, email, "mute")
    assert not preferences_for(user).is_muted_sender(BOSS)  # the same user object reads anew


def test_undo_keeps_a_rule_another_press_still_asks_for(user, email):
    other = EmailFactory(digest=email.digest, rank=1, from_address=BOSS.upper(), listed=True)
    give_feedback(user, email, "mute")
    give_feedback(user, other, "mute")
    assert undo_feedback(user, email, "mute") is True
    assert rules(user) == ([], [BOSS])
    assert undo_feedback(user, email, "mute") is False  # nothing left to undo here


def test_undo_leaves_other_rules_alone(user, email):
    add_rule(user, "muted_senders", "@spam.example")
    give_feedback(user, email, "mute")
    undo_feedback(user, email, "mute")
    assert rules(user) == ([], ["@spam.example"])


def test_mute_asks_first(signed_in, email):
    text = page(signed_in, email)
    mute = text.index('<details class="feedback-mute">')
    assert "<summary" in text[mute:]
    assert "will no longer be listed in your digests" in text[mute:]
    assert not Feedback.objects.exists()  # opening the page changed nothing


def test_the_state_of_a_card(user, email):
    assert feedback_state(email).kinds == ["not_urgent", "vip", "mute"]
    give_feedback(user, email, "vip")
    state = feedback_state(email)
    assert state.kinds == ["not_urgent"]  # not "mute" beside "always shown": undo first
    assert [(n.kind, n.words) for n in state.notes] == [("vip", f"{BOSS} is always shown")]


def test_undo_is_refused_on_someone_elses_message(signed_in, user):
    theirs = EmailFactory(digest=DigestFactory(user=UserFactory()), from_address=BOSS)
    give_feedback(theirs.digest.user, theirs, "not_urgent")
    assert post(signed_in, theirs, kind="not_urgent", undo="1").status_code == 404
    assert Feedback.objects.filter(email=theirs).count() == 1


def test_always_show_then_mute_leaves_only_the_mute(user, email):
    give_feedback(user, email, "vip")
    assert "mute" not in feedback_state(email).kinds  # one of the two at a time
    give_feedback(user, email, "mute")
    email.refresh_from_db()
    state = feedback_state(email)
    assert [note.kind for note in state.notes] == ["mute"]
    prefs = preferences_for(user)
    assert email.from_address.lower() in prefs.muted_senders
    assert email.from_address.lower() not in prefs.vip_senders
