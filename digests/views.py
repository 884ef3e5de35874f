"""The person's digests: what is coming, what came, and when they want it.

Thin on purpose: scheduling, building and rendering live in their modules; these views only
read what those modules say and show it in the person's time zone.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digests import last_digest, next_digest, progress, scheduling, unsubscribe
from digests.history import history_rows
from digests.models import Digest
from digests.render import digest_view

HISTORY_PAGE_SIZE = 20


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    history = Digest.objects.filter(user=user)
    page = Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **next_digest.upcoming(user),
        **last_digest.card(user),
        "send_now": progress.send_now_status(user),
        "page": page,
        "history": history_rows(page),
    }
    return render(request, "digests/dashboard.html", context)


@login_required
@require_GET
@never_cache
def last_digest_card(request: HttpRequest) -> HttpResponse:
    """The "Last digest" card with its history row and the "Next digest" line, for the
    dashboard to swap in (static/digests/last_digest.js)."""
    context = {**last_digest.card(request.user), **next_digest.upcoming(request.user)}
    return render(request, "digests/_last_digest_live.html", context)


@login_required
@require_POST
def send_now(request: HttpRequest) -> HttpResponse:
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not scheduling.google_is_connected(request.user):
        text, status = "Connect Google first: a digest needs your Gmail.", 409
    else:
        try:
            job, new = progress.start_send_now(request.user)
        except progress.SendNowRefused as refused:
            if wants_json:
                return JsonResponse(refused.as_json(), status=429)
            text, status = str(refused), 429
        else:
            if wants_json:
                return JsonResponse(progress.send_now_status(request.user, job.pk))
            text, status = (
                (
                    "Your digest is on its way; it will be here in a minute or two."
                    if new
                    else "A digest is already being made: here is how far it got."
                ),
                200,
            )
    if wants_json:
        return JsonResponse({"state": "refused", "label": text}, status=status)
    (messages.success if status == 200 else messages.error)(request, text)
    return redirect("digests:dashboard")


@login_required
@require_GET
def send_now_status(request: HttpRequest) -> JsonResponse:
    job_id = request.GET.get("job", "")
    try:
        job = uuid.UUID(job_id) if job_id else None
    except ValueError:
        return JsonResponse({"error": "job must be a job id"}, status=400)
    status = progress.send_now_status(request.user, job)
    if job_id and status["state"] == "idle":
        raise Http404("No such job of yours.")
    return JsonResponse(status)


@login_required
def digest_detail(request: HttpRequest, digest_id: int) -> HttpResponse:
    digest = get_object_or_404(
        Digest.objects.select_related("user"), pk=digest_id, user=request.user
    )
    # The feedback set is prefetched: each card shows its presses (digests.feedback).
    view = digest_view(digest, list(digest.emails.order_by("rank").prefetch_related("feedback")))
    retry = progress.retry_state(request.user)
    context = {"digest": digest, "view": view, "retry": retry}
    return render(request, "digests/detail.html", context)


@login_required
@require_GET
def schedule(request: HttpRequest) -> HttpResponse:
    """The old single-schedule address (linked from emails already sent)."""
    return redirect("digests:schedules")


def _unsubscribe_page(
    request: HttpRequest, token: str, *, done: str = "", status: int = 200
) -> HttpResponse:
    target = unsubscribe.read_token(token)
    context = {
        "token": token,
        "email": target.user.email,
        "paused": unsubscribe.is_paused(target.user),
        "done": done,
    }
    return render(request, "digests/unsubscribe.html", context, status=status)


def _bad_token(request: HttpRequest, error: unsubscribe.BadToken) -> HttpResponse:
    return render(request, "digests/unsubscribe.html", {"error": str(error)}, status=400)


# Exempt on purpose: the signed token in the URL is the authority (RFC 8058 one-click POSTs
# come from mail providers' servers, with no cookie and no CSRF token). GET never pauses.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            unsubscribe.pause(unsubscribe.read_token(token).user)
            return _unsubscribe_page(request, token, done="paused")
        return _unsubscribe_page(request, token)
    except unsubscribe.BadToken as error:
        return _bad_token(request, error)


@csrf_exempt
@require_POST
def resume_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        unsubscribe.resume(unsubscribe.read_token(token).user)
        return _unsubscribe_page(request, token, done="resumed")
    except unsubscribe.BadToken as error:
        return _bad_token(request, error)
