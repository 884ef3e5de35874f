"""``{% google_banner %}``: the "Reconnect Google" banner, shown on every page that needs it."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import Context

from accounts.models import GoogleAccount

register = template.Library()


@register.inclusion_tag("accounts/banner.html", takes_context=True)
def google_banner(context: Context) -> dict[str, Any]:
    user = context.get("user")
    status = None
    if user is not None and user.is_authenticated:
        status = GoogleAccount.objects.filter(user=user).values_list("status", flat=True).first()
    return {"status": status}
