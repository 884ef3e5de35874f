"""Django settings, derived entirely from the typed configuration in gda_site.config.

Nothing here reads the environment directly: every knob an operator may turn is a documented,
validated key of :class:`gda_site.config.Config`.
"""

from __future__ import annotations

import base64
import hashlib
import sys
from datetime import timedelta
from pathlib import Path

import environ

from gda_site.config import DEV_SECRET_KEY, ConfigError, load

BASE_DIR = Path(__file__).resolve().parent.parent

CONFIG, CONFIG_PROBLEMS = load()
# `manage.py check` reports the problems through the system-check framework
# (gda_site.checks); everything else stops here, before any other code runs.
# Exit status 3 is what gunicorn reads as "the app cannot boot": it stops instead of
# respawning workers that would fail the same way forever.
if CONFIG_PROBLEMS and sys.argv[1:2] != ["check"]:
    sys.stderr.write(f"{ConfigError(CONFIG_PROBLEMS)}\n")
    raise SystemExit(3)

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key or DEV_SECRET_KEY
ALLOWED_HOSTS = CONFIG.allowed_hosts
SITE_URL = CONFIG.site_url.rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "gda_site",
    "jobs",
    "accounts",
    "digests",
]

MIDDLEWARE = [
    "gda_site.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gda_site.middleware.LogUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "gda_site.middleware.PrivatePagesNotStoredMiddleware",
    # Last: it answers a locked-out sign-in before any view runs.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # WhiteNoise serves static files in production; with debug on, runserver does.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "gda_site.urls"
WSGI_APPLICATION = "gda_site.wsgi.application"
ASGI_APPLICATION = "gda_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_settings(url: str) -> dict:
    """Parse DATABASE_URL and tune each engine for many concurrent scheduler processes."""
    db = environ.Env.db_url_config(url)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = db["NAME"]
        if name not in ("", ":memory:") and not Path(name).is_absolute():
            db["NAME"] = str(BASE_DIR / name)
        # WAL lets readers and one writer proceed together; IMMEDIATE transactions take the
        # write lock up front so two writers queue on busy_timeout instead of deadlocking
        # into "database is locked".
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        }
        # A file, not Django's default in-memory database, so the real scheduler processes
        # started by tests share it; named after the main file so parallel runs don't collide.
        if db["NAME"] not in ("", ":memory:"):
            main = Path(db["NAME"])
            db["TEST"] = {"NAME": str(main.with_name(f"test-{main.stem}.sqlite3"))}
    # Persistent connections: reconnecting per request or per job made peer job queues 5x
    # slower; health checks replace a connection the server dropped.
    db["CONN_MAX_AGE"] = 600
    db["CONN_HEALTH_CHECKS"] = True
    return db


DATABASES = {"default": database_settings(CONFIG.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": environ.Env.cache_url_config(CONFIG.cache_url)}

vars().update(environ.Env.email_url_config(CONFIG.email_url))
DEFAULT_FROM_EMAIL = CONFIG.email_from
SERVER_EMAIL = CONFIG.email_from

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out username or address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password sign-in: 5 failures lock that username (from anywhere) and, separately, that
# address (for any username) for an hour; a success resets the count for both.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "digests:dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# OAuth state and the PKCE verifier live server-side between redirect and callback.
SESSION_ENGINE = "django.contrib.sessions.backends.db"


def derived_token_key(secret: str) -> str:
    """A stable development key, so debug setups need no extra configuration."""
    digest = hashlib.sha256(("gda-token-key:" + secret).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


TOKEN_ENCRYPTION_KEYS = CONFIG.token_keys or [derived_token_key(SECRET_KEY)]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

if SITE_URL.startswith("https://"):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
# Only our own scripts, styles and images; no inline code anywhere (forms post to ourselves,
# sign-in leaves by redirect). Avatars come from Google's image host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://*.googleusercontent.com"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Nothing on this site needs the browser's powerful features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "interest-cohort", "browsing-topics", "display-capture",
    )
}  # fmt: skip

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One JSON object a line, with the request, job and user the line was written for.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(job_id)s %(user_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        },
    },
    "filters": {
        "redact": {"()": "gda_site.logging.RedactCredentials"},
        "context": {"()": "gda_site.logcontext.ContextFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # Plain text for people at a terminal, JSON lines for log collectors.
            "formatter": "plain" if DEBUG else "json",
            "filters": ["redact", "context"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "googleapiclient.discovery_cache": {"level": "ERROR"},
        # requests-oauthlib logs whole token responses at DEBUG.
        "requests_oauthlib": {"level": "INFO"},
        "oauthlib": {"level": "INFO"},
    },
}
