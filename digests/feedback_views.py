"""A reader's press on a digest card ("Not urgent", "Always show", "Mute") and its undo.

Thin: digests.feedback records and undoes; the answer goes back to the card's own anchor, so
the page does not jump to the top, and the card shows what was done with an Undo button.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from digests.feedback import Feedback, give_feedback, undo_feedback
from digests.models import Email


def card_url(email: Email) -> str:
    """The digest page, scrolled to this message's card."""
    return reverse("digests:detail", args=[email.digest_id]) + f"#item-{email.pk}"


@login_required
@require_POST
def feedback(request: HttpRequest, email_id: int) -> HttpResponse:
    """Record (or, with ``undo``, take back) one kind of feedback on one listed message."""
    email = get_object_or_404(Email, pk=email_id, digest__user=request.user)
    kind = request.POST.get("kind", "")
    if kind not in Feedback.Kind.values:
        return HttpResponse("Unknown feedback.", status=400, content_type="text/plain")
    if request.POST.get("undo"):
        undo_feedback(request.user, email, kind)
    else:
        give_feedback(request.user, email, kind)
    return HttpResponseRedirect(card_url(email))
