"""Settings for the test suite: the site's own, with debug-mode configuration defaults.

Tests run without secrets in the environment, so the config layer must take its debug-mode
defaults (development secret key, derived token key); Django itself still runs tests with
DEBUG False. Password hashing is made cheap because factories create many users.
"""

import os

os.environ.setdefault("DEBUG", "true")

from gda_site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
