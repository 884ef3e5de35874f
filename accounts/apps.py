import logging

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # requests-oauthlib logs request bodies and whole token responses (codes, verifiers,
        # access and refresh tokens) at DEBUG. Turning DEBUG logging on to chase a problem
        # must never write tokens to disk, so its debug lines are dropped whatever LOGGING says.
        for name in ("requests_oauthlib", "oauthlib"):
            logger = logging.getLogger(name)
            if logger.level < logging.INFO:  # NOTSET would inherit DEBUG from the root
                logger.setLevel(logging.INFO)
