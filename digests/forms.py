"""The schedule editor: a name, when (a preset or an advanced cron field), zone and channel.

Most people pick a preset; the cron field is there for the rest and is checked by the same
parser the scheduler uses, so an expression the form accepts is one that runs, and a refused
one shows the parser's own message ("hour: 25 is out of range 0-23.") next to the field.
The live preview (views.schedule_preview) runs this same form, so it shows the same errors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from digests.schedule_model import Channel, Schedule
from digests.schedule_preview import MIN_GAP, canonical_zone, shortest_gap
from digests.textsafety import display_line
from jobs.cron import CronError, validate_cron

__all__ = ["PRESETS", "ScheduleForm", "clean_zone", "cron_for", "preset_for"]

CUSTOM = "custom"
PRESETS = {
    "daily": "Every day at",
    "weekdays": "Weekdays at",
    "hours": "Every N hours within working hours (weekdays)",
    "weekly": "Weekly on",
    CUSTOM: "Advanced (cron)",
}
WEEKDAYS = [
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
    ("0", "Sunday"),
]
HOURS = [(str(h), f"{h:02d}:00") for h in range(24)]
_PATTERNS = {
    "daily": re.compile(r"^(?P<m>\d{1,2}) (?P<h>\d{1,2}(?:,\d{1,2})*) \* \* \*$"),
    "weekdays": re.compile(r"^(?P<m>\d{1,2}) (?P<h>\d{1,2}(?:,\d{1,2})*) \* \* 1-5$"),
    "weekly": re.compile(r"^(?P<m>\d{1,2}) (?P<h>\d{1,2}(?:,\d{1,2})*) \* \* (?P<d>[0-6])$"),
    "hours": re.compile(r"^0 (?P<start>\d{1,2})-(?P<end>\d{1,2})/(?P<n>\d{1,2}) \* \* 1-5$"),
}


def cron_for(data: dict[str, Any]) -> str:
    """The cron expression a preset and its fields stand for."""
    preset = data["preset"]
    if preset == CUSTOM:
        return " ".join(data.get("cron", "").split())
    if preset == "hours":
        return f"0 {data['start_hour']}-{data['end_hour']}/{data['every_hours']} * * 1-5"
    times = data["at"]
    day = {"daily": "*", "weekdays": "1-5", "weekly": data.get("weekday", "1")}[preset]
    hours = ",".join(str(at.hour) for at in times)
    return f"{times[0].minute} {hours} * * {day}"


def parse_times(value: str) -> list[dt.time]:
    """ "08:00, 17:00" -> the times, sorted and once each; ValidationError in words."""
    times = set()
    for part in re.split(r"[,;\s]+", value.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2}))?", part)
        if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
            raise forms.ValidationError(f"{part} is not a time: write it like 08:00 or 17:30.")
        times.add(dt.time(int(match[1]), int(match[2] or 0)))
    if not times:
        raise forms.ValidationError("Enter a time such as 08:00.")
    if len({at.minute for at in times}) > 1:
        raise forms.ValidationError(
            "The times of one schedule share their minutes (08:00, 17:00 or 08:30, 17:30): "
            "add another schedule for the others."
        )
    return sorted(times)


def preset_for(cron: str) -> dict[str, Any]:
    """The editor's initial fields for a saved expression: a preset when one fits."""
    expr = " ".join(cron.split())
    for preset, pattern in _PATTERNS.items():
        match = pattern.match(expr)
        if not match:
            continue
        found = match.groupdict()
        if preset == "hours":
            return {
                "preset": preset,
                "start_hour": found["start"],
                "end_hour": found["end"],
                "every_hours": int(found["n"]),
            }
        hours = [int(h) for h in found["h"].split(",")]
        if int(found["m"]) < 60 and all(h < 24 for h in hours) and hours == sorted(set(hours)):
            at = ", ".join(f"{h:02d}:{int(found['m']):02d}" for h in hours)
            initial = {"preset": preset, "at": at}
            return {**initial, "weekday": found["d"]} if "d" in found else initial
    return {"preset": CUSTOM, "cron": expr}


def clean_zone(value: str) -> str:
    """A zone name as typed, in its own spelling ("europe/berlin" -> "Europe/Berlin")."""
    name = canonical_zone(value)
    if name is None:
        raise forms.ValidationError(
            f"{value.strip()} is not a time zone we know: pick one from the list, "
            "e.g. Europe/Berlin."
        )
    return name


class ScheduleForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        initial="My digest",
        error_messages={"required": "Give the schedule a name, e.g. Mornings."},
    )
    preset = forms.ChoiceField(
        label="When", choices=list(PRESETS.items()), widget=forms.RadioSelect, initial="weekdays"
    )
    at = forms.CharField(
        label="At",
        required=False,
        initial="08:00",
        max_length=120,
        help_text="One or more times, e.g. 08:00, 17:00.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "08:00, 17:00"}),
    )
    weekday = forms.ChoiceField(label="On", choices=WEEKDAYS, required=False, initial="1")
    every_hours = forms.IntegerField(
        label="Every (hours)",
        min_value=1,
        max_value=12,
        required=False,
        initial=2,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), "Enter how many hours apart, 1 to 12."
        ),
    )
    start_hour = forms.ChoiceField(label="From", choices=HOURS, required=False, initial="9")
    end_hour = forms.ChoiceField(label="Until", choices=HOURS, required=False, initial="17")
    cron = forms.CharField(
        label="Cron expression",
        required=False,
        max_length=60,
        help_text="Five fields: minute hour day-of-month month day-of-week, e.g. 30 9-17 * * 1-5",
    )
    timezone = forms.CharField(
        label="Time zone",
        max_length=64,
        help_text="Type to search, e.g. Berlin or New York.",
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    channel = forms.ChoiceField(
        label="Delivery", choices=Channel.choices, widget=forms.RadioSelect, initial="email"
    )

    def __init__(self, *args: Any, user: Any, instance: Schedule | None = None, **kwargs: Any):
        self.user = user
        self.instance = instance
        if instance is not None:
            initial = {
                "name": instance.name,
                "timezone": instance.timezone,
                "channel": instance.channel,
                **preset_for(instance.cron),
            }
        else:
            initial = {"timezone": user.timezone}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if instance is None and not self.is_bound:
            # A new schedule: static/js/timezone.js offers the browser's zone.
            self.fields["timezone"].widget.attrs["data-suggest-browser-zone"] = ""

    def clean_timezone(self) -> str:
        return clean_zone(self.cleaned_data["timezone"])

    def clean_name(self) -> str:
        """No bidi controls (U+202E would show it reversed) or other controls."""
        return display_line(self.cleaned_data["name"], 80)

    def clean_at(self) -> list[dt.time] | None:
        value = self.cleaned_data["at"]
        return parse_times(value) if value.strip() else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        preset = cleaned.get("preset")
        if preset is None:
            return cleaned
        if preset in ("daily", "weekdays", "weekly") and cleaned.get("at") is None:
            if "at" not in self.errors:
                self.add_error("at", "Enter a time such as 08:00.")
            return cleaned
        if preset == "weekly" and not cleaned.get("weekday"):
            self.add_error("weekday", "Pick a day of the week.")
            return cleaned
        if preset == "hours":
            if not cleaned.get("every_hours"):
                if "every_hours" not in self.errors:
                    self.add_error("every_hours", "Enter how many hours apart, 1 to 12.")
                return cleaned
            if int(cleaned.get("start_hour") or 0) > int(cleaned.get("end_hour") or 0):
                self.add_error("end_hour", "The end of working hours comes after the start.")
                return cleaned
        expr = cron_for(cleaned)
        if preset == CUSTOM and not expr:
            self.add_error("cron", "Enter a cron expression, or pick a preset.")
            return cleaned
        try:
            validate_cron(expr)
        except CronError as exc:
            self.add_error(
                "cron" if preset == CUSTOM else "preset", f"Not a schedule we can run: {exc}"
            )
            return cleaned
        if too_close := self._too_close(expr, cleaned.get("timezone")):
            self.add_error("cron" if preset == CUSTOM else "preset", too_close)
            return cleaned
        cleaned["cron_expression"] = expr
        return cleaned

    @staticmethod
    def _too_close(expr: str, zone: str | None) -> str:
        """Why runs this close are refused, or "" when they are far enough apart."""
        gap = shortest_gap(expr, zone or "UTC")
        if gap is None or gap >= MIN_GAP:
            return ""
        minutes = int(gap.total_seconds() // 60)
        least = int(MIN_GAP.total_seconds() // 60)
        return (
            f"This runs {minutes} minute{'s' if minutes != 1 else ''} apart: digests of one "
            f"schedule come at least {least} minutes apart, so each has new mail to show and "
            "your inbox is not flooded. Use fewer times, or the hourly preset."
        )

    def schedule_fields(self) -> dict[str, Any]:
        """What to save on the Schedule row."""
        data = self.cleaned_data
        return {
            "name": data["name"].strip() or "My digest",
            "cron": data["cron_expression"],
            "timezone": data["timezone"],
            "channel": data["channel"],
        }
