"""Password authentication; there is no superuser and no per-user permission table."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class UsernameBackend(ModelBackend):
    """ModelBackend's password check (with its timing equaliser for unknown users).

    Permissions come from `rules` predicates only, so this backend grants none.
    """

    def get_all_permissions(self, user_obj, obj=None):  # type: ignore[no-untyped-def]
        return set()

    def has_perm(self, user_obj, perm, obj=None):  # type: ignore[no-untyped-def]
        return False
