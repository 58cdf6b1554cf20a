"""What every page's layout needs: navigation for the user's roles, and the languages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest

from zastita.accounts.signin import fully_signed_in
from zastita.core.navigation import entries_for


def shell(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    verified = fully_signed_in(user)
    return {
        "nav_entries": entries_for(user, request.path) if verified else [],
        "shell_verified": verified,
        "shell_languages": settings.LANGUAGES,
        "session_idle_seconds": settings.ZASTITA_SESSION_IDLE_SECONDS,
        "session_warning_seconds": settings.ZASTITA_SESSION_WARNING_SECONDS,
        "shell_on_duty": _on_duty(request) if verified and _sees_duty(user) else None,
    }


def _sees_duty(user: object) -> bool:
    has_perm = getattr(user, "has_perm", None)
    return bool(has_perm and has_perm("intake.see_duty"))


def _on_duty(request: HttpRequest) -> Callable[[], object]:
    # Called by the template only when shown (a callable in the context is evaluated lazily),
    # and read once per request, however often the template asks.
    def on_duty() -> object:
        from zastita.intake.roster import on_duty_for_request

        return on_duty_for_request(request)

    return on_duty
