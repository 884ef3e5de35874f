"""Django settings for the jobs benchmark: the app's own settings on a throw-away database.

Everything the app runs with in production is kept (the jobs engine reads its knobs from the
same typed configuration), with three changes: the database is the benchmark's own
(``BENCH_DATABASE_URL``, never the dev or test database), the peers' apps are installed, and
debug is off, because with debug on Django keeps every query in memory and the workers would
measure that instead of the queue.
"""

from __future__ import annotations

import os

os.environ["DEBUG"] = "false"
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "sqlite:///var/bench-jobs.sqlite3"
)
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 60)
# A fixed Fernet key: the benchmark stores no token, but the app refuses to start without one.
os.environ.setdefault("GDA_TOKEN_KEYS", "YmVuY2gtb25seS1rZXktMDEyMzQ1Njc4OWFiY2RlZmc=")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")

from gda_site.settings import *  # noqa: F403
from gda_site.settings import INSTALLED_APPS, LOGGING

DEBUG = False
INSTALLED_APPS = [
    *INSTALLED_APPS,
    "bench.jobsbench",
    "django_tasks",
    "django_tasks_db",
    "django_q",
]

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# django-q2 with its ORM broker at its fastest setting here: four worker processes, a small
# bulk dequeue, and no success rows (the broker row's deletion is the acknowledgement). Its
# default save_limit=250 prunes the success table after every job and ran at 130 jobs/s.
Q_CLUSTER = {
    "name": "bench",
    "orm": "default",
    "workers": 4,
    "bulk": 10,
    "save_limit": -1,
    "poll": 0.05,
    "timeout": 60,
    "retry": 120,
    "catch_up": False,
    "log_level": "WARNING",
}

# Workers log to files under var/bench-logs: the per-job lines are part of the cost measured.
# procrastinate logs every deferral at INFO, which would drown the driver's progress lines.
LOGGING = {
    **LOGGING,
    "loggers": {**LOGGING["loggers"], "procrastinate": {"level": "WARNING"}},
}

# Persistent connections for every system measured: with Django's default CONN_MAX_AGE=0 each
# job would pay a reconnect, which made the peers' workers five times slower here.
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
