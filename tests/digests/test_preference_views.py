"""The preferences page, the Gmail search check, address confirmation and item feedback."""

import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from digests.building import build_digest
from digests.models import DigestPreferences, Email, Feedback
from digests.preferences import preferences_for
from fakegoogle import DEMO_EMAIL
from tests.accounts.factories import UserFactory
from tests.digests.factories import DigestFactory, EmailFactory

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**changes) -> dict:
    data = {
        "query": "",
        "max_items": "25",
        "vip_senders": "",
        "muted_senders": "",
        "muted_labels": "",
        "summary_length": "normal",
        "empty_policy": "skip",
        "deliver_email": "on",
        "delivery": "sign_in",
        "other_address": "",
    }
    data.update(changes)
    return data


def fresh(user) -> DigestPreferences:
    return DigestPreferences.objects.get_or_create(user=user)[0]


def test_the_page_needs_sign_in_and_shows_the_form(client, signed_in):
    assert client.get("/digests/preferences/").status_code == 302
    response = signed_in.get("/digests/preferences/")
    assert response.status_code == 200
    assert "<legend>Summary length</legend>" in page(response)


def test_saving_writes_the_columns(signed_in, demo_user):
    response = signed_in.post(
        "/digests/preferences/",
        form_data(
            vip_senders="Boss@Work.example\n@family.example",
            muted_senders="news@garden.example",
            muted_labels="CATEGORY_FORUMS",
            summary_length="short",
            empty_policy="send",
            max_items="9",
        ),
    )
    assert response.status_code == 302
    prefs = fresh(demo_user)
    assert prefs.vip_senders == ["boss@work.example", "@family.example"]
    assert prefs.muted_senders == ["news@garden.example"]
    assert prefs.muted_labels == ["CATEGORY_FORUMS"]
    assert (prefs.summary_length, prefs.empty_policy, prefs.max_items) == ("short", "send", 9)


def test_a_bad_sender_rule_is_refused_and_nothing_saved(signed_in, demo_user):
    response = signed_in.post("/digests/preferences/", form_data(vip_senders="boss at work"))
    assert response.status_code == 400
    assert "neither an address" in page(response)
    assert preferences_for(demo_user).vip_senders == []


def test_gmails_own_error_is_shown_for_a_bad_query(signed_in, demo_user):
    response = signed_in.post("/digests/preferences/", form_data(query="after:someday"))
    assert response.status_code == 400
    text = page(response)
    assert "Gmail refused this search" in text
    assert "after:someday" in text
    assert fresh(demo_user).query == ""


def test_a_good_query_is_saved_with_its_count_of_the_last_7_days(signed_in, demo_user, fake):
    week = timezone.now().timestamp() * 1000 - 7 * 86400 * 1000
    expected = sum(
        1
        for m in fake.account(DEMO_EMAIL).mailbox.messages.values()
        if "INBOX" in m.label_ids and not m.label_ids & {"SPAM", "TRASH"} and m.internal_date > week
    )
    response = signed_in.post("/digests/preferences/", form_data(query="in:inbox"), follow=True)
    assert f"{expected} messages in the last 7 days match this search." in page(response)
    assert fresh(demo_user).query == "in:inbox"
    counted = signed_in.get("/digests/preferences/query-count/", {"q": "in:inbox"}).json()
    assert counted["count"] == expected
    refused = signed_in.get("/digests/preferences/query-count/", {"q": "older_than:soon"})
    assert refused.status_code == 400
    assert "Gmail refused" in refused.json()["error"]


def test_another_address_needs_its_confirmation_link(signed_in, demo_user, mailoutbox, client):
    signed_in.post(
        "/digests/preferences/", form_data(delivery="other", other_address="me@elsewhere.example")
    )
    prefs = fresh(demo_user)
    assert (prefs.delivery, prefs.pending_address) == ("sign_in", "me@elsewhere.example")
    assert mailoutbox[0].to == ["me@elsewhere.example"]
    link = re.search(r"http://\S+/digests/preferences/confirm/\S+/", mailoutbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert "Send Gmail digests to" in page(client.get("/" + path))
    assert fresh(demo_user).delivery == "sign_in"  # a GET (a mail scanner) confirms nothing
    assert "Confirmed" in page(client.post("/" + path))
    prefs = fresh(demo_user)
    assert (prefs.delivery, prefs.delivery_address, prefs.pending_address) == (
        "other",
        "me@elsewhere.example",
        "",
    )
    assert client.post("/" + path).status_code == 400  # used up
    assert client.get("/digests/preferences/confirm/forged/").status_code == 400


def test_preferences_post_needs_csrf(demo_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_user)
    assert client.post("/digests/preferences/", form_data(max_items="3")).status_code == 403
    assert preferences_for(demo_user).max_items == 25


# --- the digest page: why and feedback --------------------------------------------------


def test_the_digest_page_has_the_why_disclosure_and_feedback(signed_in, demo_user):
    digest = build_digest(demo_user, now=timezone.now())
    text = page(signed_in.get(f"/digests/{digest.pk}/"))
    flagged = digest.emails.filter(listed=True, urgency__in=["urgent", "high"]).exclude(reasons=[])
    assert flagged.exists()
    assert '<details class="why">' in text
    for reason in flagged.first().reasons:
        assert f"<li>{reason}</li>" in text
    assert text.count('value="mute"') >= flagged.count()


@pytest.mark.parametrize(
    ("kind", "vip", "muted"),
    [("vip", ["boss@work.example"], []), ("mute", [], ["boss@work.example"]),
     ("not_urgent", [], [])],
)  # fmt: skip
def test_feedback_is_stored_and_becomes_a_rule(signed_in, demo_user, kind, vip, muted):
    email = EmailFactory(digest=DigestFactory(user=demo_user), from_address="Boss@work.example")
    response = signed_in.post(f"/digests/emails/{email.pk}/feedback/", {"kind": kind})
    assert response.status_code == 302
    assert Feedback.objects.filter(user=demo_user, email=email, kind=kind).count() == 1
    prefs = preferences_for(demo_user)
    assert (prefs.vip_senders, prefs.muted_senders) == (vip, muted)


def test_mute_after_vip_moves_the_sender(signed_in, demo_user):
    email = EmailFactory(digest=DigestFactory(user=demo_user), from_address="boss@work.example")
    signed_in.post(f"/digests/emails/{email.pk}/feedback/", {"kind": "vip"})
    signed_in.post(f"/digests/emails/{email.pk}/feedback/", {"kind": "mute"})
    prefs = fresh(demo_user)
    assert (prefs.vip_senders, prefs.muted_senders) == ([], ["boss@work.example"])


def test_feedback_on_another_users_email_is_404(signed_in, demo_user):
    theirs = EmailFactory(digest=DigestFactory(user=UserFactory()))
    response = signed_in.post(f"/digests/emails/{theirs.pk}/feedback/", {"kind": "mute"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()
    assert preferences_for(demo_user).muted_senders == []


def test_feedback_needs_post_csrf_and_a_known_kind(signed_in, demo_user):
    email = EmailFactory(digest=DigestFactory(user=demo_user))
    url = f"/digests/emails/{email.pk}/feedback/"
    assert signed_in.get(url).status_code == 405
    assert signed_in.post(url, {"kind": "delete"}).status_code == 400
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo_user)
    assert strict.post(url, {"kind": "mute"}).status_code == 403
    assert not Feedback.objects.exists()
    assert Email.objects.filter(pk=email.pk).exists()


@pytest.mark.parametrize("typed", ["0", "101", "", "ten"])
def test_a_count_out_of_range_is_refused_in_words(signed_in, demo_user, typed):
    response = signed_in.post("/digests/preferences/", form_data(max_items=typed))

    assert response.status_code == 400
    assert "Enter how many messages a digest lists, from 1 to 100." in page(response)
    assert "Ensure this value" not in page(response)
    assert preferences_for(demo_user).max_items == 25
