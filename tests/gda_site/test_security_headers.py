"""CSP without inline code, Permissions-Policy, and private pages never stored by caches."""

import re
from pathlib import Path

import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Email bodies carry their styles inline (mail clients drop stylesheets); no browser applies
# the site's CSP to them.
EMAIL_TEMPLATES = {"email.html"}


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_pages_carry_a_strict_content_security_policy(client):
    policy = directives(client.get("/")["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_no_template_of_the_site_has_inline_scripts_or_styles():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if path.name in EMAIL_TEMPLATES:
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=", text):
            offenders.append(str(path.relative_to(TEMPLATES)))
        if re.search(r"\son[a-z]+=", text):  # onclick= and friends are inline script too
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []


def test_powerful_browser_features_are_denied(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_private_pages_are_not_stored(client):
    client.force_login(UserFactory())
    cache_control = client.get("/digests/")["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_public_pages_may_be_cached(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
