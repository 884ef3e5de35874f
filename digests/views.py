from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from digests.models import Digest


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    digests = Digest.objects.filter(user=request.user)[:20]
    return render(request, "digests/dashboard.html", {"digests": digests})


@login_required
def digest_detail(request: HttpRequest, digest_id: int) -> HttpResponse:
    digest = get_object_or_404(Digest, pk=digest_id, user=request.user)
    emails = digest.emails.all()
    return render(request, "digests/detail.html", {"digest": digest, "emails": emails})
