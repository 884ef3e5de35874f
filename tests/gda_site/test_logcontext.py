"""Log lines carry the request, job and user they were written for; JSON in production."""

import json
import logging

import pytest
from django.test import override_settings

from gda_site import logcontext
from gda_site.middleware import REQUEST_ID_HEADER
from jobs.models import Job
from jobs.registry import register
from jobs.scheduler import run_job


def json_formatter(settings_logging):
    config = settings_logging["formatters"]["json"]
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        config["fmt"], rename_fields=config["rename_fields"], timestamp=config["timestamp"]
    )


def record(message="hello %s", args=("world",)):
    return logging.LogRecord("digests", logging.INFO, __file__, 1, message, args, None)


def test_bound_fields_reach_the_record_and_leave_with_the_block():
    with logcontext.bind(request_id="r1", user_id=7):
        with logcontext.bind(job_id=42):
            inner = record()
            logcontext.ContextFilter().filter(inner)
        outer = record()
        logcontext.ContextFilter().filter(outer)
    after = record()
    logcontext.ContextFilter().filter(after)
    assert (inner.request_id, inner.job_id, inner.user_id) == ("r1", "42", "7")
    assert (outer.job_id, outer.user_id) == ("", "7")
    assert (after.request_id, after.job_id, after.user_id) == ("", "", "")


def test_unknown_fields_are_refused():
    with pytest.raises(ValueError, match="unknown log context fields"), logcontext.bind(email="x"):
        pass


def test_a_json_line_has_level_logger_message_and_context(settings):
    line = record()
    with logcontext.bind(request_id="r1", job_id=5):
        logcontext.ContextFilter().filter(line)
    data = json.loads(json_formatter(settings.LOGGING).format(line))
    assert data["level"] == "INFO"
    assert data["logger"] == "digests"
    assert data["message"] == "hello world"
    assert (data["request_id"], data["job_id"], data["user_id"]) == ("r1", "5", "")
    assert data["timestamp"].endswith("+00:00")


def test_production_logs_json_and_development_plain():
    from gda_site import settings as site_settings

    expected = "plain" if site_settings.DEBUG else "json"
    assert site_settings.LOGGING["handlers"]["console"]["formatter"] == expected
    assert "context" in site_settings.LOGGING["handlers"]["console"]["filters"]


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")[REQUEST_ID_HEADER]
    second = client.get("/healthz")[REQUEST_ID_HEADER]
    assert len(first) == 32
    assert first != second


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_when_safe_and_replaced_when_not(client):
    kept = client.get("/healthz", headers={REQUEST_ID_HEADER: "abc-123-def"})
    assert kept[REQUEST_ID_HEADER] == "abc-123-def"
    forged = client.get("/healthz", headers={REQUEST_ID_HEADER: 'x" level="ERROR'})
    assert forged[REQUEST_ID_HEADER] != 'x" level="ERROR'


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.gda_site.urls_logging")
def test_lines_written_during_a_request_name_it_and_the_user(client, django_user_model, caplog):
    user = django_user_model.objects.create_user(email="ada@example.com", password="x")
    client.force_login(user)
    caplog.handler.addFilter(logcontext.ContextFilter())
    with caplog.at_level(logging.INFO, logger="tests.logging"):
        response = client.get("/log-something")
    [line] = [r for r in caplog.records if r.name == "tests.logging"]
    assert line.request_id == response[REQUEST_ID_HEADER]
    assert line.user_id == str(user.pk)


@register("test.log_line")
def _log_line(job):
    logging.getLogger("tests.logging").info("working")


@pytest.mark.django_db
def test_lines_written_by_a_job_name_the_job_and_its_user(django_user_model, caplog):
    user = django_user_model.objects.create(email="ada@example.com")
    job = Job.objects.enqueue("test.log_line", user=user)
    caplog.handler.addFilter(logcontext.ContextFilter())
    with caplog.at_level(logging.INFO, logger="tests.logging"):
        assert run_job(job).outcome == "succeeded"
    [line] = [r for r in caplog.records if r.name == "tests.logging"]
    assert (line.job_id, line.user_id) == (str(job.pk), str(user.pk))
