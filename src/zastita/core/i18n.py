"""Language choice: Cyrillic by default, Latin and English on request, remembered."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def set_language_cookie(response: HttpResponse, language: str) -> None:
    if language in LANGUAGE_CODES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
