"""The middlewares that answer errors: they audit denials and speak the API's format, so they
belong to the wiring, not to core."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from zastita.core.errors import ApplicationError, NotFound

Handler = Callable[[HttpRequest], HttpResponse]


def _glass_url(request: HttpRequest, exc: NotFound) -> str:
    """Where a worker may open the record with a stated reason (break-the-glass): offered
    for a missing record and a forbidden one alike, to whoever may read records of the type,
    so the page tells nothing about which records exist."""
    from zastita.core.registries.scopes import scoped_types

    spec = scoped_types.find(exc.object_type)
    user = getattr(request, "user", None)
    if spec is None or user is None or not user.is_authenticated:
        return ""
    if request.method != "GET" or not user.has_perm(spec.read_perm):
        return ""
    if spec.scope(user) == Q():  # the head of service, the director: nothing is outside
        return ""
    base = reverse("assignments:glass", args=[spec.code])
    if exc.reference:
        return f"{base}?{urlencode({'ref': exc.reference})}"
    # Only on the record's own page (its other pages answer "not found" as they did).
    if exc.object_id.isdigit() and request.path == spec.link(int(exc.object_id)):
        return f"{base}?id={exc.object_id}"
    return ""


class ApplicationErrorMiddleware:
    """Maps ApplicationError raised by a view to a page in the user's language."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, NotFound):
            if exc.denied:
                from zastita.audit.services import audit_denial

                audit_denial(
                    actor=getattr(request, "user", None),
                    object_type=exc.object_type,
                    object_id=exc.object_id,
                )
            return render(request, "404.html", {"glass_url": _glass_url(request, exc)}, status=404)
        if isinstance(exc, ApplicationError):
            return render(request, "core/error.html", {"message": exc.message}, status=exc.status)
        return None


class ApiErrorFormatMiddleware:
    """Every error under /api/ in the one JSON format, even those raised outside the API's own
    handlers (an unknown path, a wrong method, a CSRF refusal)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            from django.http import JsonResponse

            from zastita.core.errors import error_body, generic_error

            code, message = generic_error(response.status_code)
            replaced = JsonResponse(error_body(code, message), status=response.status_code)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response
