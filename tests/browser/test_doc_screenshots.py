"""The README's pictures, taken from the running app with the demo mailbox: the dashboard with
three schedules (one paused) and two digests in its history, the welcome digest, and the
schedule editor. Each page is checked like any other; with ``UPDATE_DOC_SCREENSHOTS=1`` the
desktop run also writes them to ``docs/screenshots/`` (a plain test run changes no tracked
file)."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.db.models import F
from playwright.sync_api import Page, expect

from accounts.models import User
from digests import schedules
from digests.models import Digest, Email, Schedule
from digests.render.counts import digest_counts
from digests.scheduling import send_now
from fakegoogle import DEMO_EMAIL
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in
from tests.digests.factories import mail

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ZONE = "Europe/Berlin"  # the browser's, so the dashboard offers no other zone

# A second digest a few hours later: one ask for today, a look-alike phish, a newsletter.
LATER_MAIL = [
    mail(
        "Hi,\n\nCould you approve the March invoice from Kesselhaus Catering (EUR 1,840) "
        "by 15:00 today? Finance closes the month tonight.\n\nThanks,\nMaya",
        subject="Approve the Kesselhaus invoice by 15:00",
        sender="Maya Chen <maya.chen@example.com>",
    ),
    mail(
        "Dear user,\n\nYour mailbox password expires today. Verify your account now or it "
        "will be suspended: http://examp1e-mail-support.com/verify\n\nIT Helpdesk",
        subject="Password expires today: verify your account",
        sender="IT Helpdesk <helpdesk@examp1e-mail-support.com>",
        headers={
            "Authentication-Results": "mx.google.com; spf=fail smtp.mailfrom="
            "examp1e-mail-support.com; dkim=fail; dmarc=fail"
        },
    ),
    mail(
        "This week: shipping small, safe database migrations.",
        subject="The Pragmatic Builder #213",
        sender="The Pragmatic Builder <news@pragmaticbuilder.example>",
        headers={"List-Unsubscribe": "<https://pragmaticbuilder.example/u>"},
    ),
]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def for_docs(page: Page, name: str) -> None:
    """Write the README's copy of this page, on the desktop run when asked for."""
    desktop = page.viewport_name == "desktop"  # type: ignore[attr-defined]
    if desktop and os.environ.get("UPDATE_DOC_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=DOCS / f"{name}.png", full_page=True)


def made_earlier(digest: Digest, hours: int) -> None:
    """Move a digest and its mail back in time, as if made that morning (for the pictures)."""
    back = dt.timedelta(hours=hours)
    Digest.objects.filter(pk=digest.pk).update(
        period_start=F("period_start") - back,
        period_end=F("period_end") - back,
        created_at=F("created_at") - back,
        delivered_at=F("delivered_at") - back,
    )
    Email.objects.filter(digest=digest).update(received_at=F("received_at") - back)


def demo_reader(fake) -> tuple[User, Digest, Digest]:
    """The demo reader in Berlin with three schedules (one paused) and two digests made."""
    user = User.objects.get(email=DEMO_EMAIL)
    schedules.set_zone(user, ZONE)
    schedules.create_schedule(user, name="Mornings", cron="15 7 * * *", timezone=ZONE)
    hours = schedules.create_schedule(
        user, name="Work hours", cron="0 9-17/2 * * 1-5", timezone=ZONE
    )
    schedules.pause(hours, by="you")
    run_due_jobs()  # the welcome digest, of the demo mailbox
    welcome = Digest.objects.get(user=user)
    made_earlier(welcome, hours=6)
    for message in LATER_MAIL:
        fake.add_message(DEMO_EMAIL, message)
    send_now(user)
    run_due_jobs()
    later = Digest.objects.filter(user=user).first()
    assert later.pk != welcome.pk
    assert later.status == Digest.Status.SENT
    return user, welcome, later


def test_the_readme_pictures_show_the_app_as_it_is(page, site, fake):
    sign_in(page, site)
    user, welcome, later = demo_reader(fake)
    assert Schedule.objects.filter(user=user).count() == 3

    page.goto(site + "/digests/")
    rows = page.locator("#history .digest-row")
    expect(rows).to_have_count(2)
    expect(rows.first.locator(".badge")).to_have_text(
        [words for _, words in digest_counts(later).badges]
    )
    expect(page.locator(".zone-offer")).to_be_hidden()
    check_page(page, "docs dashboard")
    for_docs(page, "dashboard")

    page.goto(f"{site}/digests/{welcome.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("new messages")
    check_page(page, "docs digest")
    for_docs(page, "digest")

    page.goto(site + "/digests/schedules/new/")
    page.get_by_label("Name").fill("Evenings")
    page.get_by_label("Every day at").check()
    page.get_by_label("At", exact=True).fill("18:30")
    page.get_by_role("heading", level=1).click()  # no field in focus in the picture
    expect(page.locator("#preview-description")).to_have_text(f"At 18:30 ({ZONE})")
    expect(page.locator("#preview-runs li")).to_have_count(5)
    assert all(re.search(r", 18:30 \(UTC\+0[12]:00\)$", run)
               for run in page.locator("#preview-runs li").all_inner_texts())  # fmt: skip
    check_page(page, "docs schedule editor")
    for_docs(page, "schedule-editor")
