"""The digest pipeline's counts for /metrics: digests, Gmail calls and units, analysis."""

import pytest
from django.utils import timezone
from prometheus_client import REGISTRY

from digests.building import build_digest
from digests.gmail import GmailRequestRejected

pytestmark = pytest.mark.django_db


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_digest_counts_its_gmail_calls_units_analysis_and_delivery(demo_user, fake):
    before = {
        "built": value("gda_digests_total", outcome="built"),
        "sent": value("gda_digests_total", outcome="sent"),
        "list": value("gda_gmail_calls_total", method="messages.list", status="200"),
        "gets": value("gda_gmail_calls_total", method="messages.get", status="200"),
        "batches": value("gda_gmail_calls_total", method="batch", status="200"),
        "units": value("gda_gmail_quota_units_total"),
        "analysed": value("gda_analysis_seconds_count"),
        "offline": value("gda_summary_messages_total", provider="offline", fallback="no"),
    }

    digest = build_digest(demo_user, now=timezone.now())

    messages = digest.emails.count()
    assert messages > 0
    assert value("gda_digests_total", outcome="built") == before["built"] + 1
    assert value("gda_digests_total", outcome="sent") == before["sent"] + 1
    assert value("gda_gmail_calls_total", method="messages.list", status="200") > before["list"]
    gets = value("gda_gmail_calls_total", method="messages.get", status="200") - before["gets"]
    assert gets == fake.counters["messages.get"]
    assert value("gda_gmail_calls_total", method="batch", status="200") > before["batches"]
    assert value("gda_gmail_quota_units_total") - before["units"] == sum(fake.quota_units.values())
    assert value("gda_analysis_seconds_count") - before["analysed"] == messages
    offline = value("gda_summary_messages_total", provider="offline", fallback="no")
    assert offline - before["offline"] == messages


def test_a_failed_digest_is_counted(demo_user, fake):
    before = value("gda_digests_total", outcome="failed")
    fake.inject_fault("messages.list", status=400, times=None)
    with pytest.raises(GmailRequestRejected):
        build_digest(demo_user, now=timezone.now())
    assert value("gda_digests_total", outcome="failed") == before + 1
    assert value("gda_gmail_calls_total", method="messages.list", status="400") >= 1
