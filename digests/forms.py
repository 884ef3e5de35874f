"""The schedule form: when digests come, in which zone, how long, and how they are sent.

Most people pick a preset; a custom cron expression is there for the rest and is checked by
the same parser the scheduler uses, so an expression the form accepts is one that runs, and
a refused one shows the parser's own message ("hour: 25 is out of range 0-23").
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction

from accounts.preferences import clean_preferences
from digests.preferences import preferences_for
from jobs.cron import CronError, validate_cron

__all__ = ["PRESETS", "ScheduleForm"]

CUSTOM = "custom"
PRESETS: dict[str, tuple[str, str]] = {
    "weekdays-twice": ("0 8,17 * * 1-5", "Weekdays at 08:00 and 17:00"),
    "daily-morning": ("0 8 * * *", "Every day at 08:00"),
    "weekday-mornings": ("30 7 * * 1-5", "Every weekday morning (07:30)"),
    "work-hours": ("0 9-17 * * 1-5", "Every hour during work hours (weekdays 09:00-17:00)"),
}


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC")
    return [(name, name.replace("_", " ")) for name in names]


def preset_for(schedule: str) -> str:
    normalized = " ".join(schedule.split())
    return next((key for key, (expr, _) in PRESETS.items() if expr == normalized), CUSTOM)


class ScheduleForm(forms.Form):
    preset = forms.ChoiceField(
        label="When",
        choices=[*((key, label) for key, (_, label) in PRESETS.items()), (CUSTOM, "Custom")],
        widget=forms.RadioSelect,
    )
    custom_schedule = forms.CharField(
        label="Custom schedule (cron)",
        required=False,
        max_length=100,
        help_text="Five fields: minute hour day-of-month month day-of-week, e.g. 0 8 * * 1-5",
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        error_messages={
            "invalid_choice": "%(value)s is not a time zone we know: choose an IANA name "
            "such as Europe/Berlin."
        },
    )
    max_items = forms.IntegerField(
        label="Most messages listed", min_value=1, max_value=100, initial=25
    )
    query = forms.CharField(
        label="Gmail search",
        required=False,
        max_length=500,
        help_text="Which mail a digest covers; empty uses the site default.",
    )
    deliver_email = forms.BooleanField(
        label="Email me each digest (it is always kept here)", required=False
    )
    send_from_gmail = forms.BooleanField(
        label="Send it from my own Gmail (asks Google for permission to send)", required=False
    )
    paused = forms.BooleanField(label="Pause scheduled digests", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        preferences = clean_preferences(user.digest_preferences)
        prefs = preferences_for(user)
        preset = preset_for(preferences["schedule"])
        kwargs.setdefault(
            "initial",
            {
                "preset": preset,
                "custom_schedule": preferences["schedule"] if preset == CUSTOM else "",
                "timezone": user.timezone,
                "max_items": prefs.max_items,
                "query": prefs.query,
                "deliver_email": prefs.deliver_email,
                "send_from_gmail": prefs.send_from_gmail,
                "paused": preferences["paused"],
            },
        )
        super().__init__(*args, **kwargs)
        if not self.is_bound and user.timezone == settings.CONFIG.digest.default_timezone:
            # Nobody chose this zone yet: static/js/timezone.js offers the browser's.
            self.fields["timezone"].widget.attrs["data-suggest-browser-zone"] = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        preset = cleaned.get("preset")
        if preset == CUSTOM:
            expr = " ".join(cleaned.get("custom_schedule", "").split())
            if not expr:
                self.add_error("custom_schedule", "Enter a cron expression, or pick a preset.")
            else:
                try:
                    validate_cron(expr)
                except CronError as exc:
                    self.add_error("custom_schedule", f"Not a schedule we can run: {exc}")
                cleaned["schedule"] = expr
        elif preset in PRESETS:
            cleaned["schedule"] = PRESETS[preset][0]
        return cleaned

    def save(self) -> Any:
        """Write the preferences and zone; the caller then syncs the schedule."""
        data = self.cleaned_data
        preferences = {
            **clean_preferences(self.user.digest_preferences),
            "schedule": data["schedule"],
            "paused": data["paused"],
        }
        with transaction.atomic():
            self.user.digest_preferences = clean_preferences(preferences)
            self.user.timezone = data["timezone"]
            self.user.save(update_fields=["digest_preferences", "timezone"])
            prefs = preferences_for(self.user)
            prefs.max_items = data["max_items"]
            prefs.query = data["query"].strip()
            prefs.deliver_email = data["deliver_email"]
            if data["send_from_gmail"]:
                prefs.delivery = prefs.Delivery.GMAIL
            elif prefs.send_from_gmail:
                prefs.delivery = prefs.Delivery.SIGN_IN
            prefs.save()
        return self.user
