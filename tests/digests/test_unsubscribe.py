"""Pausing digests from the email: signed tokens, one-click POST, a GET that changes nothing."""

import html

import pytest
from django.core import signing
from django.test import Client

from digests import unsubscribe
from digests.schedules import ensure_first_schedule, pause
from digests.scheduling import digest_jobs, sync_digest_jobs
from jobs.transitions import ACTIVE
from tests.accounts.factories import GoogleAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = UserFactory(email="alex@example.com")
    GoogleAccountFactory(user=user)
    ensure_first_schedule(user)
    sync_digest_jobs(user)
    return user


@pytest.fixture
def provider() -> Client:
    """A mail provider's server: no session, no cookies, CSRF checks enforced."""
    return Client(enforce_csrf_checks=True)


def url_of(user) -> str:
    return unsubscribe.unsubscribe_url(user).removeprefix("http://127.0.0.1:8000")


def paused(user) -> bool:
    return unsubscribe.is_paused(user)


def active_jobs(user) -> int:
    return digest_jobs(user).exclude(schedule="").filter(status__in=ACTIVE).count()


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_token_names_the_user_and_what_to_pause(user):
    target = unsubscribe.read_token(unsubscribe.make_token(user))
    assert (target.user, target.what) == (user, "digests")
    assert signing.loads(unsubscribe.make_token(user), salt=unsubscribe.SALT)["u"] == user.pk


def test_a_token_signed_for_something_else_is_refused(user):
    other = signing.dumps({"u": user.pk, "w": "digests", "j": 0}, salt="another.salt")
    with pytest.raises(unsubscribe.BadToken, match="damaged or was not made by us"):
        unsubscribe.read_token(other)


def test_one_click_post_without_csrf_token_pauses(user, provider):
    assert active_jobs(user) == 1
    response = provider.post(url_of(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert paused(user)
    assert active_jobs(user) == 0
    assert "Digests paused" in page(response)
    assert "Resume digests" in page(response)


def test_get_shows_a_confirmation_and_does_not_pause(user, provider):
    response = provider.get(url_of(user))
    assert response.status_code == 200
    assert "Pause digest emails?" in page(response)
    assert f'action="{url_of(user)}"' in page(response)
    assert not paused(user)
    assert active_jobs(user) == 1


def test_pausing_twice_is_the_same_as_once(user, provider):
    first = provider.post(url_of(user))
    second = provider.post(url_of(user))
    assert (first.status_code, second.status_code) == (200, 200)
    assert paused(user)
    assert active_jobs(user) == 0
    assert unsubscribe.pause(user) is False  # nothing left to change


def test_resume_is_a_signed_post_that_restarts_the_schedule(user, provider):
    provider.post(url_of(user))
    resume = url_of(user).removesuffix("/") + "/resume/"
    assert provider.get(resume).status_code == 405  # a link follower cannot resume either
    response = provider.post(resume)
    assert response.status_code == 200
    assert "Digests resumed" in page(response)
    assert not paused(user)
    assert active_jobs(user) == 1


def test_a_tampered_token_is_refused_with_a_clear_page_and_changes_nothing(user, provider):
    url = url_of(user)
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    for method in (provider.get, provider.post):
        response = method(url.replace(token, forged))
        assert response.status_code == 400
        assert "This link does not work" in page(response)
        assert "damaged or was not made by us" in page(response)
    assert not paused(user)


def test_a_token_for_another_user_id_cannot_be_made_by_editing(user, provider):
    victim = UserFactory(email="victim@example.com")
    ensure_first_schedule(victim)
    data = signing.loads(unsubscribe.make_token(user), salt=unsubscribe.SALT)
    unsigned = signing.b64_encode(signing.JSONSerializer().dumps({**data, "u": victim.pk})).decode()
    token = unsubscribe.make_token(user)
    forged = unsigned + token[token.index(":") :]
    assert provider.post(f"/digests/unsubscribe/{forged}/").status_code == 400
    assert not paused(victim)


def test_a_token_of_a_deleted_account_says_so(user, provider):
    url = url_of(user)
    user.delete()
    response = provider.post(url)
    assert response.status_code == 400
    assert "no longer exists" in page(response)


def test_the_link_pauses_every_schedule_and_says_who(user, provider):
    from digests.schedules import create_schedule

    create_schedule(user, name="Evenings", cron="0 19 * * *", timezone="UTC")
    provider.post(url_of(user))
    assert {(s.paused, s.paused_by) for s in user.schedules.all()} == {(True, "unsubscribe link")}
    assert active_jobs(user) == 0


def test_resuming_from_the_link_keeps_a_pause_the_person_made(user, provider):
    from digests.schedules import create_schedule

    mine = create_schedule(user, name="Mine", cron="0 19 * * *", timezone="UTC")
    pause(mine, by="you", reason="holiday")
    provider.post(url_of(user))
    provider.post(url_of(user).removesuffix("/") + "/resume/")
    mine.refresh_from_db()
    assert (mine.paused, mine.paused_by) == (True, "you")
    assert active_jobs(user) == 1  # the first schedule, paused by the link, is back
