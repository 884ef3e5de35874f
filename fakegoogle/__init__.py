"""A loopback stand-in for Google's OAuth server and the Gmail API (see README.md).

The real google-auth-oauthlib and google-api-python-client talk to it over HTTP, so tests and
the demo exercise the same code paths as production without ever reaching the internet.
"""

from fakegoogle.mailbox import DEMO_EMAIL
from fakegoogle.server import RunningFakeGoogle, serve
from fakegoogle.state import TEST_CLIENT_ID, TEST_CLIENT_SECRET, FakeGoogle

__all__ = [
    "DEMO_EMAIL",
    "TEST_CLIENT_ID",
    "TEST_CLIENT_SECRET",
    "FakeGoogle",
    "RunningFakeGoogle",
    "serve",
]
