"""A form accepted by the server (answered with a redirect) leaves no draft behind."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]


class DraftCleanupMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method == "POST"
            and response.status_code in (301, 302, 303)
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(("/drafts/", "/api/"))
        ):
            from zastita.drafts.services import drafts_discard_submitted

            drafts_discard_submitted(user=user, action_path=request.path)
        return response
