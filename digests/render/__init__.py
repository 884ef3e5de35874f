"""The digest as an email (HTML within a size budget, with a plain-text twin) and as a page.

The email and the web page show the same sections, made by the same view-model functions
(:mod:`digests.render.sections`); times are in the reader's zone: a digest read at 08:00 in
Berlin must not say a mail came at 06:58.
"""

from digests.render.budget import HTML_BUDGET
from digests.render.message import RenderedEmail, render_email, subject_line
from digests.render.sections import DigestView, Plan, digest_view, reading_minutes
from digests.render.threads import ThreadView, threads

__all__ = [
    "HTML_BUDGET",
    "DigestView",
    "Plan",
    "RenderedEmail",
    "ThreadView",
    "digest_view",
    "reading_minutes",
    "render_email",
    "subject_line",
    "threads",
]
