"""Sign-in, sign-out and the person's control over their Google connection and data.

Thin on purpose: the OAuth flow lives in accounts.google_signin and every change of a
connection in accounts.connection.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts import connection, google_signin
from accounts.google_client import GMAIL_SEND, OPTIONAL_SCOPES
from accounts.models import GoogleAccount, User
from accounts.signin_failures import SignInError
from accounts.two_step import LoginForm
from gda_site import ratelimit

logger = logging.getLogger(__name__)

GOOGLE_PERMISSIONS_URL = "https://myaccount.google.com/connections"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]"}
SIGN_IN_STARTS = 30  # Google sign-ins one address may start in 10 minutes

View = Callable[..., HttpResponse]


def on_site_host(view: View) -> View:
    """Start sign-in on the host Google will send the browser back to.

    The OAuth state lives in the session cookie of the host the flow starts on, and Google
    returns to ``site_url``: a flow started on localhost:8000 but ending on 127.0.0.1:8000
    would find no session. Only loopback aliases are redirected (a local run); a deployed
    site has one public host.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        site = urlsplit(settings.SITE_URL)
        host = request.get_host()
        if host != site.netloc and host.rsplit(":", 1)[0] in LOOPBACK_NAMES:
            return redirect(f"{site.scheme}://{site.netloc}{request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper


class LoginView(auth_views.LoginView):
    """ "Sign in with Google" for everyone, and the password form for staff accounts."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm


@require_GET
@on_site_host
def google_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to Google. ``?next=`` where to land, ``?consent=1`` to re-ask."""
    # Each start stores a pending sign-in in a session row: bound what one address can make.
    wait = ratelimit.hit(
        "google_start", ratelimit.client_address(request), limit=SIGN_IN_STARTS, window=600
    )
    if wait:
        minutes = max(1, round(wait / 60))
        response = render(request, "accounts/too_many.html", {"minutes": minutes}, status=429)
        response["Retry-After"] = str(wait)
        return response
    try:
        url = google_signin.begin(
            request,
            request.GET.get("next"),
            force_consent=request.GET.get("consent") == "1",
        )
    except SignInError as error:
        return signin_error(request, error)
    return redirect(url)


@require_GET
@on_site_host
@login_required
def google_reconnect(request: HttpRequest) -> HttpResponse:
    """Ask Google for a new grant for the signed-in person's own account."""
    return _restart_for_user(request, extra_scopes=())


@require_GET
@on_site_host
@login_required
def google_grant(request: HttpRequest, name: str) -> HttpResponse:
    """Incremental grant of one optional scope (``send``: send digests from own Gmail)."""
    scope = OPTIONAL_SCOPES.get(name)
    if scope is None:
        known = ", ".join(sorted(OPTIONAL_SCOPES))
        return HttpResponse(f"Unknown permission {name!r}; known: {known}.", status=404)
    return _restart_for_user(request, extra_scopes=(scope,))


def _restart_for_user(request: HttpRequest, extra_scopes: tuple[str, ...]) -> HttpResponse:
    account = GoogleAccount.objects.filter(user=request.user).first()
    connected = account is not None and account.is_connected
    # Keep optional scopes already granted, so the new grant does not look like a loss.
    kept = [
        scope
        for scope in (account.scopes if connected else ())
        if scope in OPTIONAL_SCOPES.values()
    ]
    try:
        url = google_signin.begin(
            request,
            request.GET.get("next") or reverse("accounts:settings"),
            tuple(dict.fromkeys([*kept, *extra_scopes])),
            # Google hands out a new refresh token only on a fresh consent.
            force_consent=not connected,
            login_hint=account.email if account else request.user.email,
            expected_user_id=request.user.pk,
        )
    except SignInError as error:
        return signin_error(request, error)
    return redirect(url)


@require_GET
def google_callback(request: HttpRequest) -> HttpResponse:
    try:
        result = google_signin.complete(request)
    except SignInError as error:
        if error.kind == "no_refresh_token" and not error.restart.get("force_consent"):
            # Google hands out a refresh token only on consent: ask again, once.
            try:
                return redirect(
                    google_signin.begin(request, **{**error.restart, "force_consent": True})
                )
            except SignInError as again:
                return signin_error(request, again)
        logger.info("Google sign-in failed: %s", error)
        return signin_error(request, error)
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    if result.created:
        messages.success(request, "Welcome! Your first digest is on its way.")
    elif result.reconnected:
        messages.success(request, "Google is connected again: your digests are back on schedule.")
    return redirect(result.next_url)


def signin_error(request: HttpRequest, error: SignInError) -> HttpResponse:
    status = 503 if error.kind in {"google_unavailable", "not_configured"} else 400
    context = {"error": error, "failure": error.failure, "retry_url": _retry_url(error)}
    return render(request, "accounts/signin_error.html", context, status=status)


def _retry_url(error: SignInError) -> str:
    if error.kind in {"not_configured", "staff_account"}:
        return reverse("accounts:login")
    if error.kind == "inactive":
        return reverse("home")
    if error.restart.get("expected_user_id") is not None:
        return reverse("accounts:google_reconnect")
    query = {"next": error.restart.get("next_url") or ""}
    if error.kind == "no_refresh_token":
        query["consent"] = "1"
    return reverse("accounts:google_start") + "?" + urlencode({k: v for k, v in query.items() if v})


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    account = GoogleAccount.objects.filter(user=request.user).first()
    context = {
        "account": account,
        "can_send": bool(account and account.has_scope(GMAIL_SEND)),
    }
    return render(request, "accounts/settings.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def google_disconnect(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/disconnect.html")
    if connection.disconnect(request.user):
        # What was done; the account card below says the state (disconnected, digests paused).
        messages.success(request, "Done: our access at Google is revoked and your tokens deleted.")
    else:
        messages.warning(
            request,
            "We deleted your Google tokens and paused your digests, but could not reach Google "
            f"to revoke our access: please remove it at {GOOGLE_PERMISSIONS_URL}.",
        )
    return redirect("accounts:settings")


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if request.method == "GET":
        return render(request, "accounts/delete.html")
    typed = request.POST.get("confirm", "").strip().lower()
    if typed != user.email.lower():
        error = f"Type your email address, {user.email}, to confirm."
        return render(request, "accounts/delete.html", {"error": error}, status=400)
    revoked = connection.delete_account(user)
    logout(request)
    if revoked:
        messages.success(request, "Your account and all its data are deleted.")
    else:
        messages.warning(
            request,
            "Your account and all its data are deleted. We could not reach Google to revoke "
            f"our access: please remove it at {GOOGLE_PERMISSIONS_URL}.",
        )
    return redirect("home")
