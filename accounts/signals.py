"""What happens to a user's Google connection, for apps that depend on accounts.

The digests app schedules and stops digest jobs from these, so accounts never imports digests
(dependencies point one way: digests -> accounts -> jobs).

Every signal is sent with ``sender=GoogleAccount`` and the keyword arguments ``user`` and
``account``, inside the database transaction that changed the account: a receiver's writes
commit or roll back together with the change. Receivers must not call the network.

- ``google_connected``: a sign-in or reconnect left the account connected with a refresh
  token. Also ``created=True`` the first time this Google account is linked, and
  ``reconnected=True`` when it comes back from needs_reauth or revoked.
- ``google_needs_reauth``: Google refused the refresh token (``invalid_grant``); ``reason``
  says what Google answered. Digests pauses the schedules on receipt.
- ``google_disconnected``: the user disconnected Google; tokens are deleted and the
  token refresh cancelled; digests pauses the schedules ("Google disconnected").
"""

from django.dispatch import Signal

google_connected = Signal()
google_needs_reauth = Signal()
google_disconnected = Signal()
