from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from accounts.models import GoogleAccount, User
from accounts.two_step import AdminLoginForm

# Staff with a confirmed TOTP device type its code on the admin's sign-in form too.
admin.site.login_form = AdminLoginForm

# A person's rows elsewhere, by admin URL name only: accounts imports neither app's code.
RELATED_CHANGELISTS = [
    ("Jobs", "admin:jobs_job_changelist"),
    ("Digests", "admin:digests_digest_changelist"),
    ("Schedules", "admin:digests_schedule_changelist"),
]


def related_links(user: User) -> SafeString:
    """Links to the admin lists of this user's jobs, digests and schedules (the ones installed)."""
    links = []
    for label, name in RELATED_CHANGELISTS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append((f"{url}?user__id__exact={user.pk}", label))
    return format_html_join(" · ", '<a href="{}">{}</a>', links)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Read-mostly: staff look people up; people manage their own settings in the app."""

    ordering = ["email"]
    list_display = [
        "email",
        "name",
        "timezone",
        "is_staff",
        "is_active",
        "date_joined",
        "their_rows",
    ]
    list_filter = ["is_staff", "is_active"]
    search_fields = ["email", "name"]
    readonly_fields = ["date_joined", "last_login", "their_rows"]
    fieldsets = [
        (None, {"fields": ["email", "password", "their_rows"]}),
        ("Profile", {"fields": ["name", "timezone"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    # Django's two-box widget labels its icons with aria-label on a bare span, which axe-core
    # reports as serious; a plain multiple select is accessible as it is.
    filter_horizontal: list[str] = []

    @admin.display(description="Their jobs and digests")
    def their_rows(self, user: User) -> SafeString:
        return related_links(user)


@admin.register(GoogleAccount)
class GoogleAccountAdmin(admin.ModelAdmin):
    """For looking up a connection; tokens are never shown, and changes go through the app.

    Editing status or tokens here would skip revocation, pausing digests and the signals, so
    this admin is view-only. A user is deleted from the user admin.
    """

    list_display = ["email", "user", "status", "status_changed_at", "token_expiry"]
    list_filter = ["status"]
    search_fields = ["email", "user__email", "subject"]
    list_select_related = ["user"]
    fields = [
        "user",
        "email",
        "subject",
        "status",
        "status_reason",
        "status_changed_at",
        "scopes",
        "has_refresh_token",
        "token_expiry",
        "gmail_history_id",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields

    @admin.display(boolean=True, description="Refresh token stored")
    def has_refresh_token(self, account: GoogleAccount) -> bool:
        return bool(account.refresh_token_encrypted)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: GoogleAccount | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: GoogleAccount | None = None) -> bool:
        return False
