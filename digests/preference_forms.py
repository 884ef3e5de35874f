"""The preferences form: what a digest holds (query, VIP and muted, length, empty policy) and
where it goes. The Gmail query is checked by Gmail itself, so a refused query shows Gmail's
own message and saves nothing; when Gmail cannot answer at once, it is saved unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from digests.forms import clean_zone
from digests.preferences import (
    DigestPreferences,
    normalize_labels,
    normalize_senders,
)

__all__ = ["PreferencesForm", "QueryRejected", "QueryUnchecked"]


class QueryRejected(Exception):
    """Gmail refused the search; the message is Gmail's."""


class QueryUnchecked(Exception):
    """Gmail could not check the search now (busy, down, slow or access lost)."""


CountMatching = Callable[[str], int]

LINES_HELP = "One per line: an address (ada@example.com) or a whole domain (@example.com)."


class PreferencesForm(forms.Form):
    timezone = forms.CharField(
        label="Your time zone",
        required=False,
        max_length=64,
        help_text="Type to search, e.g. Berlin or New York. New schedules start in it, and "
        "schedules in your old zone move with it.",
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    query = forms.CharField(
        label="Gmail search",
        required=False,
        max_length=500,
        help_text="Gmail's own search words, e.g. in:inbox -category:promotions. "
        "Empty: the site's default.",
    )
    max_items = forms.IntegerField(
        label="Most messages listed",
        min_value=1,
        max_value=100,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            "Enter how many messages a digest lists, from 1 to 100.",
        ),
    )
    vip_senders = forms.CharField(
        label="VIP senders (always listed, one urgency higher)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LINES_HELP,
    )
    muted_senders = forms.CharField(
        label="Muted senders (never listed, only counted)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LINES_HELP,
    )
    muted_labels = forms.CharField(
        label="Muted Gmail labels",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line, as Gmail names them, e.g. CATEGORY_FORUMS.",
    )
    summary_length = forms.ChoiceField(
        label="Summary length",
        choices=DigestPreferences.SummaryLength.choices,
        widget=forms.RadioSelect,
    )
    empty_policy = forms.ChoiceField(
        label="When nothing new arrived",
        choices=DigestPreferences.EmptyPolicy.choices,
        widget=forms.RadioSelect,
    )
    deliver_email = forms.BooleanField(
        label="Email me the digest (it is always kept here)", required=False
    )
    delivery = forms.ChoiceField(
        label="Where it goes", choices=DigestPreferences.Delivery.choices, widget=forms.RadioSelect
    )
    other_address = forms.EmailField(
        label="Other address",
        required=False,
        help_text="We send it a link to confirm; digests go there once it is confirmed.",
    )

    def __init__(
        self, *args: Any, prefs: DigestPreferences, count_matching: CountMatching | None, **kw: Any
    ) -> None:
        self.prefs = prefs
        self.count_matching = count_matching
        self.matching: int | None = None
        self.unchecked = False  # Gmail could not check the search: it is saved as typed
        kw.setdefault(
            "initial",
            {
                "timezone": prefs.user.timezone,
                "query": prefs.query,
                "max_items": prefs.max_items,
                "vip_senders": "\n".join(prefs.vip_senders),
                "muted_senders": "\n".join(prefs.muted_senders),
                "muted_labels": "\n".join(prefs.muted_labels),
                "summary_length": prefs.summary_length,
                "empty_policy": prefs.empty_policy,
                "deliver_email": prefs.deliver_email,
                "delivery": prefs.delivery,
                "other_address": prefs.pending_address or prefs.delivery_address,
            },
        )
        super().__init__(*args, **kw)

    def clean_timezone(self) -> str:
        """Empty keeps the zone as it is."""
        value = self.cleaned_data["timezone"]
        return clean_zone(value) if value.strip() else ""

    def clean_vip_senders(self) -> list[str]:
        return normalize_senders(self.cleaned_data["vip_senders"])

    def clean_muted_senders(self) -> list[str]:
        return normalize_senders(self.cleaned_data["muted_senders"])

    def clean_muted_labels(self) -> list[str]:
        return normalize_labels(self.cleaned_data["muted_labels"])

    def clean_query(self) -> str:
        query = " ".join(self.cleaned_data["query"].split())
        if query and self.count_matching is not None:
            try:
                self.matching = self.count_matching(query)
            except QueryRejected as exc:
                raise ValidationError(f"Gmail refused this search: {exc}") from None
            except QueryUnchecked:
                self.unchecked = query != self.prefs.query
        return query

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("delivery") == DigestPreferences.Delivery.OTHER
            and not cleaned.get("other_address")
            and "other_address" not in self.errors  # "Enter a valid email address." says it
        ):
            self.add_error("other_address", "Enter the address the digests should go to.")
        both = set(cleaned.get("vip_senders") or []) & set(cleaned.get("muted_senders") or [])
        if both:
            self.add_error("muted_senders", f"Both VIP and muted: {', '.join(sorted(both))}.")
        return cleaned
