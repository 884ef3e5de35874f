"""What goes into a digest (``User.digest_preferences``); when digests come is a Schedule."""

from __future__ import annotations

from typing import Any

from django import forms

from accounts.preferences import clean_preferences

__all__ = ["PreferencesForm"]


class PreferencesForm(forms.Form):
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
        label="Email me the digests I ask for with “Send a digest now”", required=False
    )
    send_from_gmail = forms.BooleanField(
        label="Send digest emails from my own Gmail (asks Google for permission to send)",
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        kwargs.setdefault("initial", clean_preferences(user.digest_preferences))
        super().__init__(*args, **kwargs)

    def save(self) -> Any:
        """Write the preferences; keys this form does not show are kept."""
        data = self.cleaned_data
        preferences = {
            **clean_preferences(self.user.digest_preferences),
            "max_items": data["max_items"],
            "query": data["query"].strip(),
            "deliver_email": data["deliver_email"],
            "send_from_gmail": data["send_from_gmail"],
        }
        self.user.digest_preferences = clean_preferences(preferences)
        self.user.save(update_fields=["digest_preferences"])
        return self.user
