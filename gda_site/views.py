from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from prometheus_client import CONTENT_TYPE_LATEST

from gda_site import metrics as site_metrics
from gda_site.health import readiness


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("digests:dashboard")
    return render(request, "home.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for whatever a page links: the static icon."""
    return redirect(static("favicon.ico"))  # not permanent: the hashed name changes


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers only when the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    """For orchestrators: 200 when the database, migrations and a live scheduler are there."""
    checks = readiness()
    ready = all(check.ok for check in checks)
    body = {
        "status": "ready" if ready else "not ready",
        "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in checks},
    }
    return JsonResponse(body, status=200 if ready else 503)


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format, for a bearer token or an allowed address only."""
    if not site_metrics.may_read(request):
        return HttpResponse(
            "Forbidden: a bearer token or an allowed address is needed.\n",
            status=403,
            content_type="text/plain",
        )
    return HttpResponse(site_metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
