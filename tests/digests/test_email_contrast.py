"""The digest email's text colours meet WCAG AA (4.5:1) on every background they can sit on."""

import re

import pytest

from digests.render import render_email
from tests.digests.test_render import digest, user  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

# The email's page and its cards; a coloured badge's own background is checked with it.
BACKGROUNDS = ("#ffffff", "#f4f6f8")
STYLED = re.compile(r'style="([^"]*)"')


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_why_line_and_the_footer_are_dark_enough(digest):  # noqa: F811
    html = render_email(digest).html
    why = re.search(r'<p style="([^"]*)">Why: ', html)
    footer = re.search(r'<p style="([^"]*)">Sent by Gmail Digest Assistant', html)
    for found in (why, footer):
        assert found is not None
        colour = re.search(r"(?<![-\w])color:(#[0-9a-f]{6})", found.group(1)).group(1)
        assert contrast(colour, "#ffffff") >= 4.5, colour


def test_every_text_colour_in_the_email_meets_aa(digest):  # noqa: F811
    html = render_email(digest).html
    low = []
    for style in STYLED.findall(html):
        text = re.search(r"(?<![-\w])color:(#[0-9a-f]{6})", style)
        if not text:
            continue
        own = re.search(r"background:(#[0-9a-f]{6})", style)
        for background in (own.group(1),) if own else BACKGROUNDS:
            ratio = contrast(text.group(1), background)
            if ratio < 4.5:
                low.append(f"{text.group(1)} on {background}: {ratio:.2f}")
    assert low == []
