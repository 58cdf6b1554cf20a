"""Reads for accounts, scoped to the actor: forbidden and missing look the same."""

from __future__ import annotations

from django.db.models import QuerySet

from zastita.accounts.models import Role, User
from zastita.core.errors import PermissionDenied
from zastita.core.selectors import get_for_actor


def user_list(*, actor: User) -> QuerySet[User]:
    if not actor.has_perm("accounts.manage_users"):
        raise PermissionDenied(object_type="user_list")
    return (
        User.objects.select_related("organisation").prefetch_related("roles").order_by("username")
    )


def user_get_for_actor(*, actor: User, user_id: int) -> User:
    return get_for_actor(
        User.objects.prefetch_related("roles"),
        user_id,
        actor=actor,
        perm="accounts.manage_users",
        object_type="user",
    )


def activation_list(*, actor: User) -> QuerySet[User]:
    """Active accounts that have no authenticator yet, and so wait for an activation code."""
    if not actor.has_perm("accounts.list_activations"):
        raise PermissionDenied(object_type="activation_list")
    return (
        User.objects.filter(is_active=True)
        .exclude(sealedtotpdevice__confirmed=True)
        .select_related("credentials_set_by", "organisation")
        .prefetch_related("roles")
        .order_by("username")
    )


def activation_get_for_actor(*, actor: User, user_id: int) -> User:
    return get_for_actor(
        activation_list(actor=actor),
        user_id,
        actor=actor,
        perm="accounts.issue_activation",
        object_type="user_activation",
    )


def role_list(*, actor: User) -> QuerySet[Role]:
    if not actor.has_perm("accounts.manage_roles"):
        raise PermissionDenied(object_type="role_list")
    return Role.objects.order_by("code")


def role_get_for_actor(*, actor: User, role_id: int) -> Role:
    return get_for_actor(
        Role.objects.all(), role_id, actor=actor, perm="accounts.manage_roles", object_type="role"
    )


def role_names_by_code() -> dict[str, str]:
    """Every role's name in the user's language, by code (one query for a page): the access
    log shows the roles an event kept by these names."""
    return {role.code: role.display_name for role in Role.objects.all()}
