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
from digests.render.sections import DigestView, Plan, demotable, digest_view
from digests.render.threads import threads

__all__ = ["RenderedEmail", "fit_html", "render_email", "render_rows", "subject_line"]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def subject_line(digest: Digest) -> str:
    total = sum(digest.counts.values())
    words = f"{total} new message{'s' if total != 1 else ''}"
    if digest.count_urgent:
        words += f", {digest.count_urgent} urgent"
    return f"Your Gmail digest, {dates.day_time(digest.period_end, digest.zone)}: {words}"


def _render(template: str, view: DigestView) -> str:
    with timezone.override(view.digest.zone):
        return render_to_string(template, {"view": view, "digest": view.digest})


def render_email(digest: Digest, *, budget: int = HTML_BUDGET) -> RenderedEmail:
    """Render once; the HTML is the fullest plan that stays within ``budget`` bytes."""
    return render_rows(digest, list(digest.emails.order_by("rank")), budget=budget)


def fit_html(
    digest: Digest, rows: Sequence[Email], *, budget: int = HTML_BUDGET, pause_url: str = ""
) -> Fitted:
    """The fullest plan for ``rows`` whose HTML is at most ``budget`` bytes."""
    pause_url = pause_url or unsubscribe.unsubscribe_url(digest.user)
    listed = threads(row for row in rows if row.listed)

    def html_for(plan: Plan) -> str:
        return _render("digests/email.html", digest_view(digest, rows, plan, pause_url=pause_url))

    ladder = plans(demotable(listed), len(listed), most_shown=budget // LEAST_BYTES_SHOWN)
    return fit(ladder, html_for, budget)


def render_rows(
    digest: Digest, rows: Sequence[Email], *, budget: int = HTML_BUDGET
) -> RenderedEmail:
    """The email of ``digest`` made of ``rows`` (its stored Email rows, in rank order)."""
    # One token for the text, the HTML and the headers: a token made a second later differs.
    token = unsubscribe.make_token(digest.user)
    pause_url = unsubscribe.unsubscribe_url(digest.user, token)
    fitted = fit_html(digest, rows, budget=budget, pause_url=pause_url)
    text = _render("digests/email.txt", digest_view(digest, rows, fitted.plan, pause_url=pause_url))
    return RenderedEmail(
        subject_line(digest),
        text,
        fitted.rendered,
        unsubscribe.list_unsubscribe_headers(digest.user, token),
    )
