"""Log hygiene: credentials that travel in URLs never reach a log line.

The OAuth callback carries a one-time authorization ``code`` in its query string, and the
development server (and most access logs) print request lines whole. The code is useless
without our PKCE verifier, but a credential is a credential.
"""

from __future__ import annotations

import logging
import re

_CREDENTIAL_IN_URL = re.compile(
    r"(?P<name>[?&](?:code|token|access_token|refresh_token|id_token)=)[^&\s\"']+"
)


def redact(text: str) -> str:
    return _CREDENTIAL_IN_URL.sub(r"\g<name>[hidden]", text)


class RedactCredentials(logging.Filter):
    """Rewrites the message and its string arguments before any handler formats them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True
