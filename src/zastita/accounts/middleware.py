"""Session limits (15 minutes idle, 10 hours at most) and the MFA gate."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from zastita.accounts.signin import fully_signed_in
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_denial, audit_record

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_STARTED = "_zastita_started"
SESSION_LAST_SEEN = "_zastita_last_seen"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _unauthorised(request: HttpRequest, message: str) -> HttpResponse:
    return JsonResponse(
        {"error": {"code": "unauthorised", "message": message, "fields": {}}}, status=401
    )


def is_passive(request: HttpRequest) -> bool:
    """A request the page makes by itself (a poll, a draft saved in the background): it
    does not count as the user's activity, so a board left open still locks when idle."""
    return request.headers.get("X-Zastita-Passive") == "1"


def session_seconds_left(request: HttpRequest, now: float | None = None) -> int:
    """Seconds until the session ends by the idle or the absolute limit, whichever first."""
    now = time.time() if now is None else now
    session = request.session
    last_seen = session.get(SESSION_LAST_SEEN, now)
    started = session.get(SESSION_STARTED, now)
    idle_left = settings.ZASTITA_SESSION_IDLE_SECONDS - (now - last_seen)
    absolute_left = settings.ZASTITA_SESSION_ABSOLUTE_SECONDS - (now - started)
    return max(0, int(min(idle_left, absolute_left)))


class SessionTimeoutMiddleware:
    """Ends a session idle for ZASTITA_SESSION_IDLE_SECONDS or older than the absolute limit.

    Activity is any request the user made (a page, a form, the page's heartbeat sent while
    they type, click or scroll); requests the page makes by itself are passive and leave the
    idle time running. A page left behind returns to the sign-in page with `next`, so the
    user comes back to where they were (and to what they typed: see zastita.drafts).
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            session.setdefault(SESSION_STARTED, now)
            session.setdefault(SESSION_LAST_SEEN, now)
            if session_seconds_left(request, now) <= 0:
                audit_record(
                    action=Action.LOGOUT, actor=user, object_type="session",
                    purpose=Purpose.SECURITY,
                )  # fmt: skip
                logout(request)
                message = _("Your session has ended. Please sign in again.")
                if _is_api(request) or is_passive(request):
                    return _unauthorised(request, message)
                messages.info(request, message)
                return redirect(_login_url(request))
            if not is_passive(request):
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


def _login_url(request: HttpRequest) -> str:
    """The sign-in page, returning afterwards to the page that was open (its path only)."""
    url = resolve_url(settings.LOGIN_URL)
    if request.method == "GET" and request.path not in (url, "/"):
        return f"{url}?{urlencode({'next': request.path})}"
    return url


# Paths a signed-in user may reach before passing MFA.
_MFA_EXEMPT_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:mfa_verify",
    "accounts:mfa_enrol",
    "site:language",
    "site:healthz",
}


class MFARequiredMiddleware:
    """A password alone opens nothing: every page and API call needs a verified session."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self._exempt: set[str] | None = None

    def _exempt_paths(self) -> set[str]:
        if self._exempt is None:
            self._exempt = {reverse(name) for name in _MFA_EXEMPT_NAMES}
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not fully_signed_in(user)
            and request.path not in self._exempt_paths()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            audit_denial(actor=user, object_type="mfa_required")
            if _is_api(request):
                return _unauthorised(request, _("Sign in with your second factor first."))
            return redirect("accounts:mfa_verify")
        return self.get_response(request)
