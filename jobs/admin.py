"""Staff's view of the jobs table, dead letters first-class.

Actions go through the queryset methods other apps use (requeue, run_now, cancel, resume),
so the admin cannot invent a transition the scheduler does not know. They apply to the
checked rows or, with Django's "Select all N" link, to every row matching the current
filters and search: "requeue every dead letter of type X" is one click.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from gda_site import dates
from jobs.dashboard import dashboard
from jobs.models import Job, SchedulerHeartbeat
from jobs.transitions import JobQuerySet, Status

# Staff may fix a payload or allow more attempts; everything else is the scheduler's.
EDITABLE_FIELDS = ("payload", "max_retries")
# Jobs that will not run again until someone acts: no next run to show.
STOPPED = (Status.DEAD, Status.CANCELLED, Status.SUCCEEDED)


def shown_moment(value: dt.datetime | None) -> SafeString | str:
    """A moment in the house format and the active zone, as the jobs dashboard writes it."""
    if value is None:
        return "—"
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), dates.moment(value))


# The product's name instead of "Django administration" in every staff page's header and title.
admin.site.site_header = "Gmail Digest Assistant"
admin.site.site_title = "Gmail Digest Assistant staff"
admin.site.index_title = "Staff pages"


class HasErrorFilter(admin.SimpleListFilter):
    title = "has error"
    parameter_name = "has_error"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Job]) -> QuerySet[Job]:
        if self.value() == "yes":
            return queryset.exclude(last_error="")
        if self.value() == "no":
            return queryset.filter(last_error="")
        return queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    # Narrow enough for 1,280 px: the schedule and last run are on each job's page.
    list_display = ["type", "user_shown", "status", "next_run_shown", "attempts", "short_error"]
    list_filter = ["status", ("type", admin.AllValuesFieldListFilter), HasErrorFilter]
    search_fields = ["user__email", "type", "last_error"]
    list_select_related = ["user"]
    ordering = ["-updated_at"]
    # Counting a million rows on every page view is the admin's usual slowness.
    show_full_result_count = False
    actions = ["requeue", "run_now", "cancel", "resume"]

    class Media:
        css = {"all": ["admin-extra/jobs.css"]}

    fields = [
        "id",
        "type",
        "user",
        "status",
        "schedule",
        "timezone",
        "next_run_shown",
        "last_run_shown",
        "retry_count",
        "max_retries",
        "payload",
        "last_error",
        "traceback",
        "lease_owner",
        "lease_expires_shown",
        "created_shown",
        "updated_shown",
    ]
    # Transitions happen through actions, so the scheduler's bookkeeping is never edited
    # by hand; staff may fix a payload or allow more attempts before requeueing.
    readonly_fields = [f for f in fields if f not in EDITABLE_FIELDS]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Job, form: ModelForm, change: bool) -> None:
        """Write only what staff edited: a full save would put back the status, lease and
        next run read when the form was posted, undoing a claim or outcome made since."""
        edited = [name for name in form.changed_data if name in EDITABLE_FIELDS]
        obj.save(update_fields=[*edited, "updated_at"])

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.dashboard_view)
        requeue = self.admin_site.admin_view(self.requeue_view)
        return [
            path("dashboard/", view, name="jobs_dashboard"),
            path("<path:object_id>/requeue/", requeue, name="jobs_job_requeue"),
            *super().get_urls(),
        ]

    def requeue_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The change page's Requeue button: the list action, on this one job (POST only)."""
        if request.method != "POST":
            return HttpResponse("Requeue is a POST.", status=405, headers={"Allow": "POST"})
        job = self.get_object(request, unquote(object_id))  # None for a malformed id too
        if job is None:
            raise Http404("No such job.")
        if not self.has_change_permission(request, job):
            raise PermissionDenied
        self.requeue(request, Job.objects.filter(pk=job.pk))
        return HttpResponseRedirect(reverse("admin:jobs_job_change", args=[job.pk]))

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The job's page, with a Requeue button for jobs that are not queued or running."""
        job = self.get_object(request, object_id)
        can_requeue = (
            job is not None
            and job.status not in (Status.PENDING, Status.RUNNING)
            and self.has_change_permission(request, job)
        )
        extra = {**(extra_context or {}), "can_requeue": can_requeue}
        return super().change_view(request, object_id, form_url, extra)

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        """Counts by status and type, dead letters, the oldest due job, the last hour."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "board": dashboard(), "title": "Jobs"}
        return TemplateResponse(request, "admin/jobs/dashboard.html", context)

    @admin.display(description="next run", ordering="next_run")
    def next_run_shown(self, job: Job) -> SafeString | str:
        """The next run, or "—" for a job that will not run again unless staff act."""
        return "—" if job.status in STOPPED else shown_moment(job.next_run)

    @admin.display(description="last run", ordering="last_run")
    def last_run_shown(self, job: Job) -> SafeString | str:
        return shown_moment(job.last_run)

    @admin.display(description="lease expires at")
    def lease_expires_shown(self, job: Job) -> SafeString | str:
        return shown_moment(job.lease_expires_at)

    @admin.display(description="created at")
    def created_shown(self, job: Job) -> SafeString | str:
        return shown_moment(job.created_at)

    @admin.display(description="updated at")
    def updated_shown(self, job: Job) -> SafeString | str:
        return shown_moment(job.updated_at)

    @admin.display(description="user", ordering="user__email")
    def user_shown(self, job: Job) -> SafeString | str:
        """The address, wrapping after its "@" rather than anywhere in a narrow column."""
        if job.user is None:
            return "-"
        local, at, domain = job.user.email.rpartition("@")
        return format_html("{}{}<wbr>{}", local, at, domain) if at else job.user.email

    @admin.display(description="attempts")
    def attempts(self, job: Job) -> str:
        return f"{job.retry_count}/{job.max_attempts}"

    @admin.display(description="last error")
    def short_error(self, job: Job) -> str:
        first_line = job.last_error.splitlines()[0] if job.last_error else ""
        return first_line[:80] + ("…" if len(first_line) > 80 else "")

    @admin.display(description="traceback")
    def traceback(self, job: Job) -> SafeString:
        return format_html('<pre class="gda-traceback">{}</pre>', job.last_traceback)

    def _report(
        self, request: HttpRequest, done: int, matched: int, message: str, note: str
    ) -> None:
        message = message.format(done=done, matched=matched)
        if done < matched:
            message += " " + note
        self.message_user(request, message, messages.SUCCESS if done else messages.WARNING)

    @admin.action(description="Requeue: pending now, retry count 0, error cleared")
    def requeue(self, request: HttpRequest, queryset: JobQuerySet) -> None:
        matched = queryset.count()
        self._report(
            request,
            queryset.requeue(),
            matched,
            "Requeued {done} of {matched} job(s).",
            "Running jobs (cancelled ones too, until their run is over) and one-off jobs whose "
            "twin is already queued were left alone.",
        )

    @admin.action(description="Run now (pending jobs; keeps the retry count)")
    def run_now(self, request: HttpRequest, queryset: JobQuerySet) -> None:
        matched = queryset.count()
        self._report(
            request,
            queryset.run_now(),
            matched,
            "{done} of {matched} job(s) will run now.",
            "Only pending jobs can run now: requeue dead letters, resume cancelled jobs.",
        )

    @admin.action(description="Cancel (running jobs finish but are not rescheduled)")
    def cancel(self, request: HttpRequest, queryset: JobQuerySet) -> None:
        matched = queryset.count()
        self._report(
            request,
            queryset.cancel(),
            matched,
            "Cancelled {done} of {matched} job(s).",
            "Succeeded and already cancelled jobs were left alone.",
        )

    @admin.action(description="Resume cancelled jobs")
    def resume(self, request: HttpRequest, queryset: JobQuerySet) -> None:
        matched = queryset.count()
        self._report(
            request,
            queryset.resume(),
            matched,
            "Resumed {done} of {matched} job(s).",
            "Only cancelled jobs resume, once a run in flight is over; one-off jobs whose twin "
            "is already queued stay.",
        )


@admin.register(SchedulerHeartbeat)
class SchedulerHeartbeatAdmin(admin.ModelAdmin):
    """The runscheduler processes that beat recently; written only by the processes."""

    list_display = ("host", "pid", "version", "workers", "started_shown", "beat_shown")
    ordering = ("host", "pid")

    @admin.display(description="started at", ordering="started_at")
    def started_shown(self, beat: SchedulerHeartbeat) -> SafeString | str:
        return shown_moment(beat.started_at)

    @admin.display(description="beat at", ordering="beat_at")
    def beat_shown(self, beat: SchedulerHeartbeat) -> SafeString | str:
        return shown_moment(beat.beat_at)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
