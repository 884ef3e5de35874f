"""The staff pages in Chromium: the admin index, jobs dashboard, jobs list and a user's page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from accounts.two_step import ASK
from tests.accounts.factories import GoogleAccountFactory, UserFactory
from tests.accounts.test_two_step import code_of, device_of
from tests.browser.conftest import check_page
from tests.digests.factories import DigestFactory
from tests.jobs.factories import DeadJobFactory, JobFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long staff password, typed"


def test_staff_pages_pass_axe_and_fit_a_phone(page, site):
    root = User.objects.create_superuser("root@example.com", PASSWORD)
    device = device_of(root)  # two-step sign-in: the password alone is not enough
    ada = UserFactory(email="ada.with.a.rather.long.address@example.com", name="Ada Lovelace")
    GoogleAccountFactory(user=ada)
    DigestFactory(user=ada)
    JobFactory(user=ada, type="digest.send", schedule="0 8 * * 1-5")
    DeadJobFactory(user=ada, type="digest.send", last_error="GmailError: " + "quota " * 40)

    page.goto(site + reverse("admin:index"))
    check_page(page, "admin sign in")
    page.locator("#id_username").fill("root@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.get_by_text(ASK)).to_be_visible()
    check_page(page, "admin sign in, code asked")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Authenticator code").fill(code_of(device))
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("heading", name="Staff pages")).to_be_visible()
    check_page(page, "admin index")

    page.goto(site + reverse("admin:jobs_dashboard"))
    expect(page.get_by_text("GmailError: quota")).to_be_visible()
    check_page(page, "admin jobs dashboard")

    page.goto(site + reverse("admin:jobs_job_changelist"))
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    check_page(page, "admin jobs list")
    # An address wraps after its "@", never inside its domain (it was "exa/mple.c/om").
    domain_lines = page.locator("#result_list td.field-user_shown").first.evaluate(
        "cell => { const r = document.createRange(); r.selectNodeContents(cell.lastChild);"
        " return r.getClientRects().length; }"
    )
    assert domain_lines == 1, "the address's domain is broken across lines"
    if page.viewport_name == "desktop":  # type: ignore[attr-defined]
        error = page.locator("#result_list td.field-short_error").first.bounding_box()
        assert error is not None
        assert error["x"] + error["width"] <= 1280, "the last error is off-screen at 1280 px"

    page.goto(site + reverse("admin:accounts_user_change", args=[ada.pk]))
    check_page(page, "admin user")
    page.locator("#user_form").get_by_role("link", name="Jobs", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    page.go_back()
    page.locator("#user_form").get_by_role("link", name="Digests", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    check_page(page, "admin digests of a user")
