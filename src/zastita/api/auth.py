"""API authentication: the UI's session (after MFA), or a partner system's scoped key."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from zastita.accounts.signin import fully_signed_in
from zastita.partners.services import api_key_authenticate


class VerifiedSession(APIKeyCookie):
    """The browser session, and only once the second factor has been passed. CSRF applies."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if fully_signed_in(user) else None


class PartnerKey(HttpBearer):
    """`Authorization: Bearer zk_…`: a key tied to one organisation and a set of capabilities."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        key = api_key_authenticate(token)
        if key is None:
            return None
        request.api_key = key  # type: ignore[attr-defined]
        return key


SESSION = VerifiedSession()
PARTNER_KEY = PartnerKey()
