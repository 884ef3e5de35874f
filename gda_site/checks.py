"""System checks: configuration problems reported by ``manage.py check``.

Settings refuse to load with a bad configuration, except under ``manage.py check``, where the
problems land here so they are listed in the format every Django operator already knows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def check_configuration(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            str(problem), hint="See the configuration reference in README.md.", id="gda.E001"
        )
        for problem in getattr(settings, "CONFIG_PROBLEMS", [])
    ]
