"""A view that logs one line, for the log-context tests."""

import logging

from django.http import HttpRequest, HttpResponse
from django.urls import path


def log_something(request: HttpRequest) -> HttpResponse:
    logging.getLogger("tests.logging").info("handled")
    return HttpResponse("ok")


urlpatterns = [path("log-something", log_something)]
