"""API authentication: the UI's session (after MFA), or a partner system's scoped key."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from zastita.accounts.signin import fully_signed_in
from zastita.audit.services import audit_denial
from zastita.partners.services import api_key_authenticate


class VerifiedSession(APIKeyCookie):
    """The browser session, and only once the second factor has been passed. CSRF applies."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if "Authorization" in request.headers:
            # A request that presents a key is judged by the key alone: a wrong or revoked
            # key must not fall back to the browser's session.
            return None
        # Without a session cookie there is no session to protect, so no CSRF check: a
        # partner system's bearer key must not be refused for a missing CSRF token.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None:
            return None  # no session cookie, or a key was presented
        user = getattr(request, "user", None)
        if fully_signed_in(user):
            return user
        if user is not None and user.is_authenticated:
            # A password-only session: refused, and recorded.
            audit_denial(actor=user, object_type="mfa_required")
        return None


class PartnerKey(HttpBearer):
    """`Authorization: Bearer zk_…`: a key tied to one organisation and a set of capabilities."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        key = api_key_authenticate(token)
        if key is None:
            # The presented key is not recorded, only that a key was refused.
            audit_denial(actor=None, object_type="api_key")
            return None
        request.api_key = key  # type: ignore[attr-defined]
        return key


SESSION = VerifiedSession()
PARTNER_KEY = PartnerKey()
