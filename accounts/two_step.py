"""Two-step password sign-in: a staff member with a confirmed TOTP device also types its code.

The check lives in the sign-in forms (the site's ``/accounts/login/`` and the admin's
``/admin/login/``), after the password was found right, so no session is ever made from a
password alone for someone who set up a device. Devices are django-otp's ``TOTPDevice`` rows,
added and confirmed by staff in the admin; django-otp throttles wrong codes per device
(each failure doubles the wait), on top of django-axes' lockout for wrong passwords.
"""

from __future__ import annotations

from typing import Any

import django_otp
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

ASK = "Two-step sign-in: type your password again with the 6-digit code from your app."
WRONG = "That code is not right (or came too late): type the current one from your app."


class TwoStepMixin(forms.Form):
    """Adds the authenticator code, needed only by those with a confirmed device."""

    otp_token = forms.CharField(
        label="Authenticator code",
        required=False,
        max_length=8,
        help_text="Only if you set up two-step sign-in.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()  # type: ignore[attr-defined]  (set once the password was right)
        if user is not None and django_otp.user_has_device(user):
            token = "".join((cleaned.get("otp_token") or "").split())
            if not token:
                raise forms.ValidationError(ASK, code="otp_needed")
            device = django_otp.match_token(user, token)
            if device is None:
                raise forms.ValidationError(WRONG, code="otp_wrong")
            self.otp_device = device
        return cleaned


class LoginForm(TwoStepMixin, AuthenticationForm):
    """The staff password form on the site's sign-in page."""


class AdminLoginForm(TwoStepMixin, AdminAuthenticationForm):
    """The admin's own sign-in form, with the same second step."""
