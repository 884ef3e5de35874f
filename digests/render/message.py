"""The digest email: subject, HTML within the size budget, the same content as plain text,
and the headers that let people pause it from their mail client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from digests import unsubscribe
from digests.models import Digest, Email
from digests.render import dates
from digests.render.budget import HTML_BUDGET, LEAST_BYTES_SHOWN, Fitted, fit, plans
from digests.render.counts import DigestCounts, digest_counts
from digests.render.sections import DigestView, Plan, demotable, digest_view
from digests.render.threads import threads

__all__ = ["RenderedEmail", "fit_html", "render_email", "render_rows", "subject_line"]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def subject_line(digest: Digest, counts: DigestCounts | None = None) -> str:
    """ "Your Gmail digest, Mon 30 Nov 2026, 17:00: 12 new messages, 1 urgent, 1 suspicious"."""
    counts = digest_counts(digest) if counts is None else counts
    return f"Your Gmail digest, {dates.day_time(digest.period_end, digest.zone)}: {counts.headline}"


def _render(template: str, view: DigestView, counts: DigestCounts) -> str:
    """``counts`` are the digest's as its page shows them, for the preheader."""
    context = {"view": view, "digest": view.digest, "digest_counts": counts}
    with timezone.override(view.digest.zone):
        return render_to_string(template, context)


def render_email(digest: Digest, *, budget: int = HTML_BUDGET) -> RenderedEmail:
    """Render once; the HTML is the fullest plan that stays within ``budget`` bytes."""
    return render_rows(digest, list(digest.emails.order_by("rank")), budget=budget)


def fit_html(
    digest: Digest,
    rows: Sequence[Email],
    *,
    budget: int = HTML_BUDGET,
    pause_url: str = "",
    counts: DigestCounts | None = None,
) -> Fitted:
    """The fullest plan for ``rows`` whose HTML is at most ``budget`` bytes."""
    pause_url = pause_url or unsubscribe.unsubscribe_url(digest.user)
    counts = digest_counts(digest, rows) if counts is None else counts
    listed = threads(row for row in rows if row.listed)

    def html_for(plan: Plan) -> str:
        view = digest_view(digest, rows, plan, pause_url=pause_url)
        return _render("digests/email.html", view, counts)

    ladder = plans(demotable(listed), len(listed), most_shown=budget // LEAST_BYTES_SHOWN)
    return fit(ladder, html_for, budget)


def render_rows(
    digest: Digest, rows: Sequence[Email], *, budget: int = HTML_BUDGET
) -> RenderedEmail:
    """The email of ``digest`` made of ``rows`` (its stored Email rows, in rank order)."""
    # One token for the text, the HTML and the headers: a token made a second later differs.
    token = unsubscribe.make_token(digest.user)
    pause_url = unsubscribe.unsubscribe_url(digest.user, token)
    counts = digest_counts(digest, rows)  # the subject's and the preheader's, as on the page
    fitted = fit_html(digest, rows, budget=budget, pause_url=pause_url, counts=counts)
    view = digest_view(digest, rows, fitted.plan, pause_url=pause_url)
    text = _render("digests/email.txt", view, counts)
    return RenderedEmail(
        subject_line(digest, counts),
        text,
        fitted.rendered,
        unsubscribe.list_unsubscribe_headers(digest.user, token),
    )
