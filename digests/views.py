"""The person's digests: what is coming, what came, and when they want it.

Thin on purpose: scheduling, building and rendering live in their modules; these views only
read what those modules say and show it in the person's time zone.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digests import scheduling, unsubscribe
from digests.delivery import can_send_from_gmail
from digests.models import Digest, Schedule
from digests.preferences_form import PreferencesForm
from digests.render import digest_view
from digests.schedule_preview import describe

HISTORY_PAGE_SIZE = 20


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    history = Digest.objects.filter(user=user)
    page = Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "connected": scheduling.google_is_connected(user),
        "next_digest_at": scheduling.next_digest_at(user),
        "schedules": [
            {"schedule": s, "words": describe(s.cron), "next_run": scheduling.next_run_of(s)}
            for s in Schedule.objects.filter(user=user)
        ],
        "last_digest": history.first(),
        "page": page,
    }
    return render(request, "digests/dashboard.html", context)


@login_required
@require_POST
def send_now(request: HttpRequest) -> HttpResponse:
    if not scheduling.google_is_connected(request.user):
        messages.error(request, "Connect Google first: a digest needs your Gmail.")
    else:
        scheduling.send_now(request.user)
        messages.success(request, "Your digest is on its way; it will be here in a minute or two.")
    return redirect("digests:dashboard")


@login_required
def digest_detail(request: HttpRequest, digest_id: int) -> HttpResponse:
    digest = get_object_or_404(
        Digest.objects.select_related("user"), pk=digest_id, user=request.user
    )
    view = digest_view(digest, list(digest.emails.order_by("rank")))
    return render(request, "digests/detail.html", {"digest": digest, "view": view})


@login_required
@require_GET
def schedule(request: HttpRequest) -> HttpResponse:
    """The old single-schedule address (linked from emails already sent)."""
    return redirect("digests:schedules")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, "Saved. Your next digest follows the new settings.")
        if form.cleaned_data["send_from_gmail"] and not can_send_from_gmail(user):
            messages.warning(
                request,
                "To send digests from your Gmail, allow it at Google (Account settings); "
                "until then they come from us.",
            )
        return redirect("digests:dashboard")
    return render(
        request, "digests/preferences.html", {"form": form}, status=400 if form.errors else 200
    )


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
