"""IDOR and CSRF for every view: the URL list is walked, so a new view without a case fails.

Each named route outside the admin is in exactly one group:

* ``CSRF_CASES``: changes state on POST. Signed in with ``Client(enforce_csrf_checks=True)``,
  a POST without the token is 403 and no row anywhere changes; the same POST through a client
  that skips the check does change something (so the forged request was a real one).
* ``READ_ONLY``: a POST, even one that skips the CSRF check, changes no row.
* ``SIGNED_TOKEN``: CSRF-exempt on purpose (RFC 8058 one-click from mail providers): the
  signed token in the URL is the authority, and an altered token changes nothing.
* ``OAUTH``: Google's answer, guarded by the ``state`` of the sign-in this browser started.

Every route with an object id (in its path or, for the send-now status, in its query) has
``IDOR_CASES``: signed in as one person, another person's object is 404 and no row changes.
The Django admin is Django's own (staff only, its own CSRF and permission checks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from digests import unsubscribe
from digests.models import DigestPreferences
from digests.preference_changes import confirmation_token
from digests.schedules import create_schedule, pause
from digests.scheduling import DIGEST_JOB
from jobs.models import Job
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.digests.conftest import fake, google  # noqa: F401  (fixtures: revocation goes there)
from tests.digests.factories import DigestFactory, EmailFactory
from tests.digests.test_preference_views import form_data
from tests.digests.test_schedule_views import editor

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password


@dataclass
class World:
    """Me (signed in), them (another person), and a staff member who signs in by password."""

    me: Any
    them: Any
    staff: Any
    objects: dict[str, Any] = field(default_factory=dict)


def person(email: str, *, with_send_now: bool = False) -> tuple[Any, dict[str, Any]]:
    """A connected person: a running and a paused schedule, a digest, one of its emails."""
    user = UserFactory(email=email)
    GoogleAccountFactory(user=user)
    running = create_schedule(user, name="Mornings", cron="0 8 * * *", timezone="UTC")
    paused = create_schedule(user, name="Evenings", cron="0 18 * * *", timezone="UTC")
    pause(paused, by="you")
    digest = DigestFactory(user=user)
    email = EmailFactory(digest=digest, from_address=f"someone@{email.split('@')[1]}")
    objects = {"schedule": running, "paused": paused, "digest": digest, "email": email}
    if with_send_now:
        objects["job"] = Job.objects.enqueue(DIGEST_JOB, user=user, payload={"manual": True})
    return user, objects


@pytest.fixture
def world(google) -> World:  # noqa: F811
    me, mine = person("me@mine.example")
    them, theirs = person("them@theirs.example", with_send_now=True)
    staff = UserFactory(email="staff@mine.example", is_staff=True)
    DigestPreferences.objects.update_or_create(
        user=me, defaults={"pending_address": "other@mine.example"}
    )
    objects = {
        **{f"my_{k}": v for k, v in mine.items()},
        **{f"their_{k}": v for k, v in theirs.items()},
    }
    objects["confirm_token"] = confirmation_token(me, "other@mine.example")
    return World(me, them, staff, objects)


def snapshot() -> dict[str, list[str]]:
    """Every row of every table, to show that a refused request changed nothing at all."""
    return {
        model._meta.label: sorted(repr(row) for row in model.objects.values_list())
        for model in apps.get_models()
    }


@dataclass(frozen=True)
class Case:
    route: str
    args: Callable[[World], list[Any]] = lambda w: []
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    query: Callable[[World], dict[str, str]] = lambda w: {}
    method: str = "post"
    signed_in: bool = True

    def url(self, world: World) -> str:
        return reverse(self.route, args=self.args(world))

    def send(self, client: Client, world: World) -> Any:
        if self.method == "get":
            return client.get(self.url(world), self.query(world))
        return client.post(self.url(world), self.data(world))

    def client(self, world: World, *, enforce_csrf_checks: bool) -> Client:
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        if self.signed_in:
            client.force_login(world.me)
        return client

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.route}"


def mine(key: str) -> Callable[[World], list[Any]]:
    return lambda w: [w.objects[f"my_{key}"].pk]


def theirs(key: str) -> Callable[[World], list[Any]]:
    return lambda w: [w.objects[f"their_{key}"].pk]


CSRF_CASES = [
    Case(
        "accounts:login",
        data=lambda w: {"username": w.staff.email, "password": PASSWORD},
        signed_in=False,
    ),
    Case("accounts:logout"),
    Case("accounts:google_disconnect"),
    Case("accounts:delete_account", data=lambda w: {"confirm": w.me.email}),
    Case("digests:send_now"),
    Case("digests:schedule_new", data=lambda w: editor(name="Forged")),
    Case("digests:schedule_edit", args=mine("schedule"), data=lambda w: editor(name="Forged")),
    Case("digests:schedule_delete", args=mine("schedule")),
    Case("digests:schedule_pause", args=mine("schedule")),
    Case("digests:schedule_resume", args=mine("paused")),
    Case("digests:preferences", data=lambda w: form_data(max_items="3")),
    Case("digests:set_zone", data=lambda w: {"timezone": "Asia/Tokyo"}),
    Case("digests:feedback", args=mine("email"), data=lambda w: {"kind": "mute"}),
    Case("digests:confirm_address", args=lambda w: [w.objects["confirm_token"]], signed_in=False),
]

IDOR_CASES = [
    Case("digests:detail", args=theirs("digest"), method="get"),
    Case("digests:schedule_edit", args=theirs("schedule"), method="get"),
    Case("digests:schedule_edit", args=theirs("schedule"), data=lambda w: editor(name="Mine")),
    Case("digests:schedule_delete", args=theirs("schedule")),
    Case("digests:schedule_pause", args=theirs("schedule")),
    Case("digests:schedule_resume", args=theirs("paused")),
    Case("digests:feedback", args=theirs("email"), data=lambda w: {"kind": "mute"}),
    Case(
        "digests:send_now_status",
        method="get",
        query=lambda w: {"job": str(w.objects["their_job"].pk)},
    ),
]

READ_ONLY = {
    "home",
    "healthz",
    "readyz",
    "metrics",
    "favicon",
    "accounts:settings",
    "accounts:google_start",
    "accounts:google_reconnect",
    "accounts:google_grant",
    "digests:dashboard",
    "digests:detail",
    "digests:send_now_status",
    "digests:last_digest",
    "digests:schedule",
    "digests:schedules",
    "digests:schedule_preview",
    "digests:query_count",
}
READ_ONLY_ARGS: dict[str, Callable[[World], list[Any]]] = {
    "accounts:google_grant": lambda w: ["send"],
    "digests:detail": mine("digest"),
}
SIGNED_TOKEN = {"digests:unsubscribe", "digests:resume"}
OAUTH = {"accounts:google_callback"}


def routes(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, str]:
    """Every named route outside the admin, by qualified name, with its pattern."""
    found: dict[str, str] = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            nested = routes(entry, inner)
            found.update({name: str(entry.pattern) + p for name, p in nested.items()})
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = str(entry.pattern)
    return found


# --- the walk: every view is in a group, every object id has an IDOR case -----------------------


def test_every_route_is_in_exactly_one_group():
    groups = [{c.route for c in CSRF_CASES}, READ_ONLY, SIGNED_TOKEN, OAUTH]
    named = set(routes())
    for route in named:
        assert sum(route in group for group in groups) == 1, f"{route}: give it a case here"
    assert set().union(*groups) <= named  # no case for a route that is gone


def test_every_route_with_an_object_id_has_an_idor_case():
    with_ids = {name for name, pattern in routes().items() if "<int:" in pattern}
    assert with_ids  # the walk found the id routes
    assert with_ids | {"digests:send_now_status"} == {c.route for c in IDOR_CASES}
    methods = {(c.route, c.method) for c in IDOR_CASES}
    for case in CSRF_CASES:  # every state change on an id is tried on someone else's id
        if case.route in with_ids:
            assert (case.route, "post") in methods, case.route


# --- the cases -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CSRF_CASES, ids=str)
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(world, case):
    client = case.client(world, enforce_csrf_checks=True)
    before = snapshot()
    response = case.send(client, world)
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("case", CSRF_CASES, ids=str)
def test_the_same_post_with_csrf_unchecked_does_change_something(world, case):
    """The forged request above was a real one: only the token was missing."""
    client = case.client(world, enforce_csrf_checks=False)
    before = snapshot()
    response = case.send(client, world)
    assert response.status_code in {200, 302}, response.content[:300]
    assert snapshot() != before


@pytest.mark.parametrize("case", IDOR_CASES, ids=str)
def test_another_persons_object_is_not_found_and_unchanged(world, case):
    client = case.client(world, enforce_csrf_checks=False)
    before = snapshot()
    response = case.send(client, world)
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("route", sorted(READ_ONLY))
def test_a_read_only_view_changes_nothing_even_on_post(world, route):
    client = Client()  # no CSRF check: only the view itself stands between a POST and the data
    client.force_login(world.me)
    before = snapshot()
    args = READ_ONLY_ARGS.get(route, lambda w: [])(world)
    client.post(reverse(route, args=args))
    assert snapshot() == before


@pytest.mark.parametrize("route", sorted(SIGNED_TOKEN))
def test_a_signed_token_view_is_exempt_on_purpose_and_an_altered_token_changes_nothing(
    world, route
):
    token = unsubscribe.make_token(world.me)
    assert resolve(reverse(route, args=[token])).func.csrf_exempt is True
    client = Client(enforce_csrf_checks=True)  # a mail provider: no cookie, no CSRF token
    before = snapshot()
    for altered in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "forged"):
        assert client.post(reverse(route, args=[altered])).status_code == 400
    assert snapshot() == before


def test_a_google_answer_to_a_sign_in_this_browser_did_not_start_changes_nothing(world):
    client = Client()
    client.get(reverse("accounts:google_start"))  # a sign-in of this browser is pending
    before = snapshot()
    response = client.get(reverse("accounts:google_callback"), {"state": "forged", "code": "x"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    after = snapshot()
    assert after.pop("sessions.Session") != before.pop("sessions.Session")  # that sign-in ended
    assert after == before
