"""Settings for scheduler processes started by the tests: the test settings, plus test job
types.

The children find the test database through DATABASE_URL (see ``processes.py``) and import
``tests/jobs/procapp/jobs.py`` through the normal handler discovery.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.procapp"]
