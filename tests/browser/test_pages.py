"""The signed-in pages in real Chromium, at 1280x900 and 390x844: axe, layout, pictures."""

import re

import pytest

from digests.models import Digest
from jobs.scheduler import Scheduler
from tests.browser.conftest import check_page, sign_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def run_due_jobs() -> None:
    Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run()


def test_a_newcomer_signs_in_gets_a_digest_and_walks_every_page(page, site):
    sign_in(page, site)
    check_page(page, "dashboard, first visit")
    run_due_jobs()  # the welcome digest
    digest = Digest.objects.get()

    page.reload()
    check_page(page, "dashboard")
    page.get_by_role("link", name=re.compile("digest", re.I)).first.click()
    page.goto(f"{site}/digests/{digest.pk}/")
    check_page(page, "digest")
    assert digest.emails.first().subject in page.content()

    page.goto(site + "/digests/schedules/")
    check_page(page, "schedules")
    page.goto(site + "/digests/preferences/")
    check_page(page, "preferences")
    page.goto(site + "/accounts/")
    check_page(page, "account")
    page.goto(site + "/accounts/google/disconnect/")
    check_page(page, "disconnect")
    page.goto(site + "/accounts/delete/")
    check_page(page, "delete account")


def test_a_dead_link_lands_on_a_page_of_the_site(page, site):
    sign_in(page, site)
    response = page.goto(site + "/digests/999999/")

    assert response is not None
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    check_page(page, "not found")
    page.get_by_role("link", name="Your digests").last.click()
    page.wait_for_url(re.compile(r"/digests/$"))
