"""A whole digest built with a remote provider: each stored Email says who analyzed it."""

import pytest
from django.utils import timezone

from digests.building import build_digest
from digests.models import Email
from fakellm import FakeLLM, error, serve
from fakellm.digest import digest_answer
from tests.digests.conftest import replace_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def llm(settings):
    with serve(FakeLLM()) as running:
        replace_config(
            settings,
            "summary",
            providers=["openai_compatible", "extractive"],
            compatible_base_url=running.base_url,
            timeout=5.0,
        )
        yield running


def test_listed_mail_records_the_provider_and_the_rest_stays_offline(demo_user, llm):
    llm.fake.respond_with(lambda request: digest_answer(request, omit=["m1"]))

    digest = build_digest(demo_user, now=timezone.now())

    listed = list(digest.emails.order_by("rank"))
    by = [email.analyzed_by for email in listed]
    assert len(listed) == 25
    assert by.count("openai_compatible") >= 20
    assert set(by) == {"openai_compatible", "offline"}  # omitted or withheld: offline, kept
    assert digest.provider == "openai_compatible+extractive"
    sent = sum(len(r.prompt_json()["messages"]) for r in llm.fake.requests)
    assert sent <= 25  # only listed mail goes to the model


def test_a_failing_provider_still_makes_the_digest(demo_user, llm):
    llm.fake.respond_with(lambda request: error(500))

    digest = build_digest(demo_user, now=timezone.now())

    assert digest.status == digest.Status.SENT
    assert digest.provider == "extractive"
    assert set(Email.objects.filter(digest=digest).values_list("analyzed_by", flat=True)) == {
        "offline"
    }
