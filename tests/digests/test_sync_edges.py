"""Coverage and delivery edges an independent review of issue 7 found: future-dated mail, a
--since run, an operator looking at a digest awaiting delivery, a 403 that is not the query."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from digests.bookkeeping import OutboundEmail
from digests.building import build_digest
from digests.models import Digest
from tests.digests.test_sync import ADA, ada, deliver, gmail_ids  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_mail_with_a_far_future_internal_date_lands_in_the_next_digest(ada, fake):  # noqa: F811
    """Gmail's internalDate follows the Date header for imported/appended mail: spam dated
    2037 is normal. It must land in exactly one digest, not wait for its date."""
    now = timezone.now()
    build_digest(ada, now=now)
    future = deliver(fake, "Dated next year", now + dt.timedelta(days=365))

    digests = [build_digest(ada, now=now + dt.timedelta(hours=h)) for h in (1, 2, 3)]

    shown = [gmail_ids(d) for d in digests]
    assert [i for ids in shown for i in ids].count(future.id) == 1, shown


def test_manage_digest_without_send_does_not_swallow_a_scheduled_digest_awaiting_delivery(
    ada,  # noqa: F811
    fake,
    mailoutbox,
    settings,
):
    """A scheduled digest is built but its delivery failed (mail server down). An operator
    then runs ``manage.py digest EMAIL`` to look. The scheduled email must still go out."""
    now = timezone.now()
    deliver(fake, "Important", now - dt.timedelta(minutes=5))
    settings.EMAIL_BACKEND = "tests.digests.test_sync_edges.DownBackend"
    with pytest.raises(ConnectionRefusedError):
        build_digest(ada, now=now)
    scheduled = Digest.objects.get(user=ada)
    assert scheduled.status == Digest.Status.FAILED
    assert scheduled.provider

    with pytest.raises(CommandError, match=r"waiting to be emailed.*--send"):
        call_command("digest", ADA)  # must not finish it "kept on the web only"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    build_digest(ada, now=now + dt.timedelta(minutes=10))  # the job's retry
    row = OutboundEmail.objects.get(digest=scheduled)
    assert row.state == OutboundEmail.State.SENT, (
        f"scheduled digest marked {Digest.objects.get(pk=scheduled.pk).status!r} "
        f"({Digest.objects.get(pk=scheduled.pk).last_error!r}) but its email is {row.state!r}"
    )


from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402


class DownBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_since_run_does_not_drop_mail_the_cursor_left_pending(ada, fake, settings):  # noqa: F811
    """``manage.py digest --since`` replaces the cursor (history id and pending ids): mail the
    cap left for later, dated before ``since``, then reaches no digest."""
    from tests.digests.conftest import replace_config

    replace_config(settings, "gmail", max_messages=2)
    now = timezone.now()
    sent = [deliver(fake, f"Bulk {n}", now - dt.timedelta(hours=3, minutes=-n)) for n in range(4)]
    build_digest(ada, now=now)  # reads 2, leaves 2 pending
    build_digest(ada, now=now + dt.timedelta(minutes=1), since=now - dt.timedelta(minutes=30))
    build_digest(ada, now=now + dt.timedelta(minutes=2))
    build_digest(ada, now=now + dt.timedelta(minutes=3))

    from tests.digests.test_sync import every_stored_id

    assert set(every_stored_id(ada)) == {m.id for m in sent}


@pytest.mark.django_db(transaction=True)
def test_a_403_on_the_search_that_is_not_about_the_query_does_not_blame_the_query(demo_user, fake):
    """Issue 7 measured "a 403 ... tells the person to check their search query and counts as
    succeeded". A Workspace admin blocking API access (403 domainPolicy) still does both."""
    from jobs.models import Job
    from tests.digests.test_jobs import run_due_jobs as run
    from tests.digests.test_jobs import scheduled

    job = scheduled(demo_user)
    fake.inject_fault("messages.list", 403, times=None, reason="domainPolicy")

    run()

    job.refresh_from_db()
    digest = Digest.objects.get(user=demo_user)
    assert "search query" not in digest.last_error, digest.last_error
    assert job.status != Job.Status.SUCCEEDED or job.retry_count, (job.status, job.last_error)


def test_future_dated_mail_present_at_the_first_digest_is_not_lost_for_good(ada, fake):  # noqa: F811
    """The first digest lists ``before:<now>``; mail already in the mailbox but dated later is
    not listed, and is never in history after that: it reaches no digest, ever."""
    now = timezone.now()
    future = deliver(fake, "Dated tomorrow", now + dt.timedelta(days=1))
    digests = [build_digest(ada, now=now + dt.timedelta(days=d)) for d in (0, 1, 2, 3)]

    shown = [i for d in digests for i in gmail_ids(d)]
    assert shown.count(future.id) == 1, shown
