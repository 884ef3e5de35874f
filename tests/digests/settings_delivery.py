"""Settings for the scheduler processes of the delivery tests: the test settings, plus the
outbox's test-only kill hook (see ``digests.outbox.checkpoint``), taken from the environment.

``OUTBOX_KILL_AT`` is defined here and nowhere else; with debug off it is refused.
"""

import os

from tests.settings import *  # noqa: F403

OUTBOX_KILL_AT = os.environ.get("OUTBOX_KILL_AT", "")
