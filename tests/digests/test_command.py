"""``manage.py digest``: one digest now, with progress; dry runs store and send nothing."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from digests.bookkeeping import SyncCursor
from digests.models import Digest, Email
from fakegoogle import DEMO_EMAIL
from tests.digests.conftest import set_digest_preferences
from tests.digests.factories import mail

pytestmark = pytest.mark.django_db


def digest_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("digest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_shows_the_next_digest_and_stores_and_sends_nothing(demo_user, mailoutbox):
    out, _ = digest_command(DEMO_EMAIL, "--dry-run")

    lines = out.splitlines()
    assert lines[0] == "listing"
    assert any(line.startswith("fetching ") for line in lines)
    fetched = [line for line in lines if line.startswith("fetching ")][-1].split()[1]
    done, total = fetched.split("/")
    assert done == total != "0"
    assert any(line.startswith("analysing ") for line in lines)
    assert lines[-1].startswith("dry run: ")
    assert "nothing stored or sent" in lines[-1]
    assert Digest.objects.count() == Email.objects.count() == 0
    assert not SyncCursor.objects.exists()
    assert mailoutbox == []


def test_json_prints_the_digest_and_every_email_with_progress_on_stderr(demo_user, fake):
    set_digest_preferences(demo_user, max_items=10)
    out, err = digest_command(DEMO_EMAIL, "--dry-run", "--json")

    data = json.loads(out)
    assert data["status"] == "building"
    assert sum(data["counts"].values()) == len(data["emails"]) > 10
    assert sum(1 for email in data["emails"] if email["listed"]) == 10
    assert {"gmail_id", "kind", "urgency", "listed"} <= set(data["emails"][0])
    assert err.splitlines()[0] == "listing"


def test_a_stored_run_says_where_the_digest_is_and_sends_only_when_asked(demo_user, mailoutbox):
    out, _ = digest_command(DEMO_EMAIL)

    digest = Digest.objects.get()
    assert out.splitlines()[-1].endswith(f"http://127.0.0.1:8000/digests/{digest.pk}/")
    assert f"digest {digest.pk}: " in out
    assert digest.status == Digest.Status.SENT
    assert "not emailed" in digest.last_error
    assert mailoutbox == []
    assert SyncCursor.objects.get().digest == digest


def test_send_emails_it_with_rendering_and_sending_steps(demo_user, mailoutbox):
    out, _ = digest_command(DEMO_EMAIL, "--send")
    lines = out.splitlines()
    assert lines.index("rendering 1/1") < lines.index("sending 1/1")
    assert len(mailoutbox) == 1
    assert Digest.objects.get().last_error == ""


def test_a_dry_run_after_a_digest_shows_only_what_is_new(demo_user, fake):
    digest_command(DEMO_EMAIL)
    fake.add_message(DEMO_EMAIL, mail("Call me", subject="Call me", to=DEMO_EMAIL))

    out, _ = digest_command(DEMO_EMAIL, "--dry-run", "--json")

    assert [e["subject"] for e in json.loads(out)["emails"]] == ["Call me"]


def test_since_reads_from_that_instant(demo_user, fake):
    since = (timezone.now() - dt.timedelta(hours=2)).isoformat()
    out, _ = digest_command(DEMO_EMAIL, "--dry-run", "--json", "--since", since)
    data = json.loads(out)
    assert data["period_start"] == dt.datetime.fromisoformat(since).isoformat()
    assert all(e["received_at"] >= since for e in data["emails"])
    assert 0 < len(data["emails"]) < 25


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody@example.com"], "no user with email 'nobody@example.com'"),
        ([DEMO_EMAIL, "--since", "yesterday"], "--since: expected an ISO 8601 date-time"),
        ([DEMO_EMAIL, "--since", "2026-11-30T08:00"], "has no UTC offset"),
        ([DEMO_EMAIL, "--dry-run", "--send"], "--dry-run sends nothing"),
    ],
)
def test_bad_input_is_a_clear_error(demo_user, args, message):
    with pytest.raises(CommandError, match=message):
        digest_command(*args)


def test_a_gmail_failure_is_explained_in_words(demo_user, fake):
    fake.inject_fault("*", 429, times=None, retry_after=600)
    with pytest.raises(CommandError, match="Google asked us to slow down"):
        digest_command(DEMO_EMAIL, "--dry-run")
