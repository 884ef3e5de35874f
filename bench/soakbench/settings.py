"""Django settings for the soak (harness and ``runscheduler`` children): the test settings on
the soak's own PostgreSQL database, the compressed clock installed before any app loads, and
Django's query log off (debug stays on in the typed config, which the fake Google needs).
"""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "true")

from bench.soakbench import clock

clock.install()

from tests.digests.settings_delivery import *  # noqa: E402, F403
from tests.digests.settings_delivery import INSTALLED_APPS  # noqa: E402

DEBUG = False  # no per-connection query log: peak memory is the app's, not Django's
INSTALLED_APPS = [*INSTALLED_APPS, "bench.soakbench"]
