"""The preferences page, the Gmail search check, the address confirmation and item feedback.

Thin: the form validates, digests.preference_changes saves, digests.feedback records.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digests import preference_changes, schedules, scheduling
from digests.delivery import can_send_from_gmail
from digests.forms import clean_zone
from digests.preference_forms import PreferencesForm, QueryRejected, QueryUnchecked
from digests.preferences import preferences_for
from digests.schedule_preview import zone_options


def _matching_words(count: int) -> str:
    more = "or more " if count >= preference_changes.MATCH_LIMIT else ""
    return f"{count} {more}message{'s' if count != 1 else ''} in the last 7 days match this search."


UNCHECKED_WORDS = (
    "Gmail did not answer in time, so your search could not be checked: it is saved as "
    "typed. If Gmail refuses it, your next digest says so; you can check it again here later."
)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    connected = scheduling.google_is_connected(user)

    def count(query: str) -> int:
        return preference_changes.count_matching(user, query)

    checker = count if connected else None
    form = PreferencesForm(
        request.POST or None, prefs=preferences_for(user), count_matching=checker
    )
    if request.method == "POST" and form.is_valid():
        sent_to = preference_changes.save_preferences(user, form.cleaned_data)
        messages.success(request, "Saved. Your next digest follows these preferences.")
        if form.matching is not None:
            messages.info(request, _matching_words(form.matching))
        if form.unchecked:
            messages.warning(request, UNCHECKED_WORDS)
        if sent_to:
            messages.info(request, f"We sent a confirmation link to {sent_to}.")
        if form.cleaned_data["delivery"] == "gmail" and not can_send_from_gmail(user):
            messages.warning(
                request,
                "To send digests from your Gmail, allow it at Google (Account settings); "
                "until then they come from us.",
            )
        return redirect("digests:preferences")
    context = {
        "form": form,
        "prefs": preferences_for(user),
        "connected": connected,
        "zones": zone_options(),
    }
    return render(request, "digests/preferences.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def set_zone(request: HttpRequest) -> HttpResponse:
    """The dashboard's "use my browser's zone" button: the person's zone, and their schedules'."""
    try:
        name = clean_zone(request.POST.get("timezone", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("digests:preferences")
    moved = schedules.set_zone(request.user, name)
    also = f" {moved} schedule{'s' if moved != 1 else ''} moved with it." if moved else ""
    messages.success(request, f"Your time zone is now {name}.{also}")
    return redirect("digests:dashboard")


@login_required
@require_GET
def query_count(request: HttpRequest) -> JsonResponse:
    query = " ".join(request.GET.get("q", "").split())
    if not query or len(query) > 500:
        return JsonResponse({"error": "Give a search of 1 to 500 characters."}, status=400)
    if not scheduling.google_is_connected(request.user):
        return JsonResponse({"error": "Connect Google first."}, status=409)
    try:
        count = preference_changes.count_matching(request.user, query)
    except QueryRejected as exc:
        return JsonResponse({"error": f"Gmail refused this search: {exc}"}, status=400)
    except QueryUnchecked:
        return JsonResponse({"error": "Gmail is not answering; try again later."}, status=503)
    return JsonResponse({"count": count, "words": _matching_words(count)})


@require_http_methods(["GET", "POST"])
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the address and a button (mail scanners follow links); POST confirms."""
    try:
        if request.method == "POST":
            address = preference_changes.confirm_address(token)
            return render(request, "digests/confirm_address.html", {"done": address})
        _, address = preference_changes.read_confirmation(token)
    except preference_changes.AddressLinkInvalid as exc:
        return render(request, "digests/confirm_address.html", {"error": str(exc)}, status=400)
    return render(request, "digests/confirm_address.html", {"address": address})
