"""One definition of a fully signed-in user: password and, where required, the second factor."""

from __future__ import annotations

from django.conf import settings


def fully_signed_in(user: object) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not settings.ZASTITA_MFA_REQUIRED:
        return True
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return bool(is_verified and is_verified())
