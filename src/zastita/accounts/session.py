"""The page's view of the session: a heartbeat while the user works, and the time left."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from zastita.accounts.middleware import session_seconds_left
from zastita.audit.access import no_personal_data


def _state(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        # The page asks in the background: an answer it can read, not the sign-in page.
        return JsonResponse({"seconds_left": 0}, status=401)
    return JsonResponse({"seconds_left": session_seconds_left(request)})


@no_personal_data
@require_POST
def heartbeat(request: HttpRequest) -> HttpResponse:
    """Sent at most once a minute while the user types, clicks or scrolls: being an ordinary
    (not passive) request, it counts as activity in SessionTimeoutMiddleware."""
    return _state(request)


@no_personal_data
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """Asked passively before the page warns or locks: another tab may have been active."""
    return _state(request)
