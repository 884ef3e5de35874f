"""A whole sign-in and digest, logged as production logs: no token, secret or mail text."""

import datetime as dt
import logging

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import GoogleAccount
from digests.models import Email
from fakegoogle import TEST_CLIENT_SECRET
from jobs.scheduler import Scheduler
from tests.accounts.conftest import ADA, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = "The vault combination is written under the blue folder on my desk"


@pytest.fixture
def production_log():
    """Lines as the site's console handler writes them: filters applied, JSON formatted."""
    config = settings.LOGGING
    from pythonjsonlogger.json import JsonFormatter

    from gda_site.logcontext import ContextFilter
    from gda_site.logging import RedactCredentials

    lines: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: lines.append(handler.format(record))
    handler.setFormatter(JsonFormatter(config["formatters"]["json"]["fmt"], timestamp=True))
    handler.addFilter(RedactCredentials())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet = {name: logging.getLogger(name).level for name in config["loggers"]}
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


def test_sign_in_and_a_digest_log_no_secrets_and_no_mail(client, fake_google, production_log):
    fake_google.fake.add_message(
        ADA,
        f"From: Dana <dana@partner.example>\r\nTo: {ADA}\r\nSubject: Desk\r\n\r\n{SENTENCE}.\r\n",
        internal_date=int((timezone.now() - dt.timedelta(hours=1)).timestamp() * 1000),
    )
    sign_in(client)
    assert Scheduler(workers=1, poll_interval=0.05, lease_seconds=30, once=True).run() == 0

    account = GoogleAccount.objects.get()
    assert Email.objects.filter(digest__user=account.user, snippet__contains="vault").exists()
    output = "\n".join(production_log)
    assert "job digest.send" in output  # the capture saw the digest's own lines
    for secret in (account.access_token, account.refresh_token, TEST_CLIENT_SECRET, SENTENCE):
        assert secret not in output
