"""The schedules page: list, create, edit, delete, pause, resume, and the live preview.

Thin on purpose: digests.schedules saves and keeps the jobs in step, digests.forms checks
input, digests.schedule_preview says what a schedule means. Another person's schedule is a
404, never a 403, so ids reveal nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digests import schedules
from digests.forms import ScheduleForm
from digests.render.dates import day_time
from digests.schedule_model import PausedBy, Schedule
from digests.schedule_preview import describe, next_runs, offset_label, zone_options
from digests.schedule_states import schedule_rows
from digests.scheduling import google_is_connected

PREVIEW_RUNS = 5
NOT_PREVIEWED = ("name", "channel")  # not part of when a schedule runs


def _own(request: HttpRequest, schedule_id: int) -> Schedule:
    return get_object_or_404(Schedule, pk=schedule_id, user=request.user)


@login_required
@require_GET
def schedule_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": schedule_rows(request.user),
        "connected": google_is_connected(request.user),
    }
    return render(request, "digests/schedules.html", context)


def _editor(request: HttpRequest, instance: Schedule | None) -> HttpResponse:
    form = ScheduleForm(request.POST or None, user=request.user, instance=instance)
    if request.method == "POST" and form.is_valid():
        if instance is None:
            schedules.create_schedule(request.user, **form.schedule_fields())
            messages.success(request, "Schedule added.")
        else:
            schedules.update_schedule(instance, **form.schedule_fields())
            messages.success(request, "Schedule saved.")
        return redirect("digests:schedules")
    context = {"form": form, "schedule": instance, "zones": zone_options()}
    return render(
        request, "digests/schedule_edit.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_new(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, schedule_id: int) -> HttpResponse:
    return _editor(request, _own(request, schedule_id))


@login_required
@require_POST
def schedule_delete(request: HttpRequest, schedule_id: int) -> HttpResponse:
    schedule = _own(request, schedule_id)
    schedules.delete_schedule(schedule)
    messages.success(request, f"Deleted “{schedule.name}”.")
    return redirect("digests:schedules")


@login_required
@require_POST
def schedule_pause(request: HttpRequest, schedule_id: int) -> HttpResponse:
    schedule = _own(request, schedule_id)
    schedules.pause(schedule, by=PausedBy.YOU, reason="Paused on the schedules page")
    messages.success(request, f"Paused “{schedule.name}”.")
    return redirect("digests:schedules")


@login_required
@require_POST
def schedule_resume(request: HttpRequest, schedule_id: int) -> HttpResponse:
    schedule = _own(request, schedule_id)
    schedules.resume(schedule)
    messages.success(request, f"Resumed “{schedule.name}”.")
    return redirect("digests:schedules")


@login_required
@require_GET
def schedule_preview(request: HttpRequest) -> JsonResponse:
    """The editor's fields in, words and the next runs out; or the errors, by field."""
    form = ScheduleForm(request.GET, user=request.user)
    form.is_valid()
    # The fields that make the schedule; the page leaves the others' messages as the last
    # save wrote them ("This field is required." by an emptied name stays until saved again).
    checked = [name for name in form.fields if name not in NOT_PREVIEWED]
    errors = {name: [str(e) for e in form.errors[name]] for name in checked if name in form.errors}
    if errors or "cron_expression" not in form.cleaned_data:
        # 200, not 400: a half-typed schedule is an answer the page shows, not a failed request.
        return JsonResponse({"ok": False, "errors": errors, "checked": checked})
    cron = form.cleaned_data["cron_expression"]
    zone = form.cleaned_data["timezone"]
    runs = next_runs(cron, zone, PREVIEW_RUNS, after=timezone.now())
    return JsonResponse(
        {
            "ok": True,
            "checked": checked,
            "cron": cron,
            "description": f"{describe(cron)} ({zone})",
            "next_runs": [
                {
                    "at": run.isoformat(),
                    "label": f"{day_time(run, run.tzinfo)} ({offset_label(run)})",
                }
                for run in runs
            ],
        }
    )
