from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from digests import schedules
from digests.bookkeeping import OutboundEmail
from digests.models import Digest, DigestPreferences, Email, Feedback, Schedule


class ReadOnlyAdmin(admin.ModelAdmin):
    """Digests are made by the scheduler; staff read them, they do not edit them by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class EmailInline(admin.TabularInline):
    model = Email
    fields = ["rank", "urgency", "from_address", "subject", "received_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ["user", "period_end", "status", "provider", "count_urgent", "delivered_at"]
    list_filter = ["status", "provider"]
    search_fields = ["user__email", "summary", "last_error"]
    list_select_related = ["user"]
    date_hierarchy = "period_end"
    inlines = [EmailInline]


@admin.register(Email)
class EmailAdmin(ReadOnlyAdmin):
    list_display = ["subject", "from_address", "urgency", "received_at", "digest"]
    list_filter = ["urgency"]
    search_fields = ["subject", "from_address", "from_name", "gmail_id", "thread_id"]
    list_select_related = ["digest__user"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    """The delivery outbox: what was sent, how, and whether a search in Gmail decided it."""

    list_display = [
        "message_id",
        "recipient",
        "channel",
        "state",
        "attempts",
        "sent_at",
        "found_by_search",
    ]
    list_filter = ["state", "channel", "found_by_search"]
    search_fields = ["message_id", "recipient", "digest__user__email", "failure_reason"]
    list_select_related = ["digest__user"]
    exclude = ["html"]


@admin.register(DigestPreferences)
class DigestPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "summary_length", "empty_policy", "delivery", "max_items"]
    list_filter = ["summary_length", "empty_policy", "delivery"]
    search_fields = ["user__email", "delivery_address"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    """What readers said about listed messages, for tuning the analyzer."""

    list_display = ["created_at", "user", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["user__email", "email__from_address"]
    list_select_related = ["user", "email"]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    """Staff see every schedule and may pause or resume it; the jobs follow."""

    list_display = ["name", "user", "cron", "timezone", "channel", "paused", "paused_by"]
    list_filter = ["paused", "paused_by", "channel"]
    search_fields = ["user__email", "name", "cron"]
    list_select_related = ["user"]
    readonly_fields = ["user", "paused", "paused_by", "paused_reason", "paused_at"]
    fields = ["user", "name", "cron", "timezone", "channel", *readonly_fields[1:]]
    actions = ["pause_by_staff", "resume_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a person makes their own schedules

    def save_model(self, request: HttpRequest, obj: Schedule, form: Any, change: bool) -> None:
        schedules.update_schedule(obj)

    def delete_model(self, request: HttpRequest, obj: Schedule) -> None:
        schedules.delete_schedule(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        for schedule in queryset:
            schedules.delete_schedule(schedule)

    @admin.action(description="Pause the selected schedules (by staff)")
    def pause_by_staff(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        paused = sum(schedules.pause(s, by="staff", reason="Paused by staff") for s in queryset)
        self.message_user(request, f"Paused {paused} schedule(s).")

    @admin.action(description="Resume the selected schedules")
    def resume_selected(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        resumed = sum(schedules.resume(s) for s in queryset)
        self.message_user(request, f"Resumed {resumed} schedule(s).")
