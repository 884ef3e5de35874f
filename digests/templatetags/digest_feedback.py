"""``{% feedback_state email as state %}``: what a digest card says about the reader's presses."""

from __future__ import annotations

from typing import Any

from django import template

from digests.feedback import FeedbackState
from digests.feedback import feedback_state as state_of

register = template.Library()


@register.simple_tag
def feedback_state(email: Any) -> FeedbackState:
    """The notes ("Marked not urgent") and the buttons still offered on this card."""
    return state_of(email)
