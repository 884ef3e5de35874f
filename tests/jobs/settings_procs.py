"""Settings for scheduler processes started by the tests: the project's, plus test job types.

The children read the test database through DATABASE_URL (see ``processes.py``) and import
``tests.jobs.procapp.jobs`` through the normal handler discovery.
"""

from gda_site.settings import *  # noqa: F403
from gda_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.procapp"]
