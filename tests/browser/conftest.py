"""Real Chromium (Debian's, never a downloaded one) driven by Playwright against a live server.

Every page a test visits is checked with axe-core (the npm package's ``axe.min.js``, vendored
in ``vendor/``) and for horizontal scrolling, and photographed into ``var/screenshots/``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from fakegoogle import DEMO_EMAIL
from tests.digests.conftest import fake, google  # noqa: F401  (fixtures)

CHROMIUM = "/usr/bin/chromium"
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROWEST = 360

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser(django_db_setup) -> Iterator[Browser]:
    # Playwright's sync API keeps an event loop running in this thread while the browser
    # lives; the tests' own ORM calls are still plain synchronous code, so Django's guard
    # against async callers is lifted for exactly that long.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings, request) -> str:
    """The live server, with sign-in pointed back at it and the fake Google's demo mailbox."""
    request.getfixturevalue("google")
    settings.SITE_URL = live_server.url
    settings.CONFIG = dataclasses.replace(settings.CONFIG, site_url=live_server.url)
    return live_server.url


@pytest.fixture(params=["desktop", "phone"])
def viewport(request) -> tuple[str, dict[str, int]]:
    return request.param, DESKTOP if request.param == "desktop" else PHONE


@pytest.fixture
def page(browser, viewport) -> Iterator[Page]:
    name, size = viewport
    context = browser.new_context(viewport=size, locale="en-GB", timezone_id="Europe/Berlin")
    page = context.new_page()
    page.viewport_name = name  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern (a script
    # tag would be refused, as it should be).
    page.evaluate(AXE + "\n;undefined")
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    found = json.loads(result)["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in found
        if v["impact"] in {"serious", "critical"}
    ]


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_page(page: Page, name: str) -> None:
    """axe, no horizontal scrolling (also at 360 px on phones), no console errors; a picture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_name  # type: ignore[attr-defined]
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    page.screenshot(path=SCREENSHOTS / f"{slug}-{viewport}.png", full_page=True)
    errors = [e for e in page.console_errors if "Content Security Policy" in e]  # type: ignore[attr-defined]
    assert errors == [], f"{name}: {errors}"
    seen = len(page.console_errors)  # type: ignore[attr-defined]
    assert serious_violations(page) == [], name
    # axe-core itself adds <style> elements to read stylesheets that @import others (the
    # admin's); the page's CSP refuses them, rightly. Those refusals are axe's, not the page's.
    del page.console_errors[seen:]  # type: ignore[attr-defined]
    assert horizontal_overflow(page) <= 0, f"{name} scrolls sideways at {viewport}"
    if viewport == "phone":
        size = page.viewport_size
        page.set_viewport_size({"width": NARROWEST, "height": size["height"]})
        assert horizontal_overflow(page) <= 0, f"{name} scrolls sideways at {NARROWEST} px"
        page.set_viewport_size(size)


def sign_in(page: Page, site: str) -> None:
    """Through the fake Google's consent screen, as a person would."""
    page.goto(site + "/")
    check_page(page, "home")
    page.get_by_role("link", name=re.compile("Sign in", re.I)).first.click()
    check_page(page, "sign in")
    page.get_by_role("link", name=re.compile("Google", re.I)).first.click()
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(re.compile(r"/digests/"))
    assert DEMO_EMAIL in page.content()
