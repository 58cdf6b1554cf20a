"""The typed request of a signed-in page: who acts is a staff account (`User`), never an
anonymous user, so a view asks `actor_of(request)` once instead of casting `request.user`."""

from __future__ import annotations

from django.http import HttpRequest

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied


class AuthenticatedRequest(HttpRequest):
    """A request that passed the sign-in and the second factor (`login_required` and the MFA
    gate): for a view's signature, where `request.user` is the acting account."""

    user: User


def actor_of(request: HttpRequest) -> User:
    """The account acting in a signed-in view. A view reached without one (a decorator
    forgotten) refuses, as not found, rather than acting as nobody."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied(object_type="session")
    return user
