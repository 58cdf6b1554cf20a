"""Session limits (15 minutes idle, 10 hours at most) and the MFA gate."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
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


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(SESSION_STARTED, now)
            last_seen = session.get(SESSION_LAST_SEEN, now)
            idle = now - last_seen > settings.ZASTITA_SESSION_IDLE_SECONDS
            too_long = now - started > settings.ZASTITA_SESSION_ABSOLUTE_SECONDS
            if idle or too_long:
                audit_record(
                    action=Action.LOGOUT, actor=user, object_type="session",
                    purpose=Purpose.SECURITY,
                )  # fmt: skip
                logout(request)
                message = _("Your session has ended. Please sign in again.")
                if _is_api(request):
                    return _unauthorised(request, message)
                messages.info(request, message)
                return redirect(settings.LOGIN_URL)
            session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


# Paths a signed-in user may reach before passing MFA.
_MFA_EXEMPT_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:mfa_verify",
    "accounts:mfa_enrol",
    "core:language",
    "core:healthz",
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
