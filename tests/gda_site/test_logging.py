import logging

from gda_site.logging import RedactCredentials, redact


def test_authorization_code_in_a_request_line_is_hidden():
    line = '"GET /accounts/google/callback/?state=abc&code=4/0AQSTgQ-secret&scope=email HTTP/1.1"'
    assert redact(line) == (
        '"GET /accounts/google/callback/?state=abc&code=[hidden]&scope=email HTTP/1.1"'
    )


def test_tokens_in_query_strings_are_hidden():
    assert redact("/revoke?token=ya29.abc") == "/revoke?token=[hidden]"
    assert redact("/x?access_token=ya29.abc&y=1") == "/x?access_token=[hidden]&y=1"


def test_words_that_merely_contain_code_are_left_alone():
    assert redact("/digests/?zipcode=10115&barcode=1") == "/digests/?zipcode=10115&barcode=1"


def test_filter_rewrites_arguments_before_formatting():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /cb/?code=SECRET HTTP/1.1", "302", "0"),
        None,
    )
    assert RedactCredentials().filter(record)
    assert "SECRET" not in record.getMessage()


def test_site_logging_uses_the_filter(settings):
    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
