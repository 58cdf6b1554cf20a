"""Reads for accounts, scoped to the actor: forbidden and missing look the same."""

from __future__ import annotations

from django.db.models import QuerySet

from zastita.accounts.models import Role, User
from zastita.core.errors import NotFound, PermissionDenied


def user_list(*, actor: User) -> QuerySet[User]:
    if not actor.has_perm("accounts.manage_users"):
        raise PermissionDenied(object_type="user_list")
    return (
        User.objects.select_related("organisation").prefetch_related("roles").order_by("username")
    )


def user_get_for_actor(*, actor: User, user_id: int) -> User:
    if not actor.has_perm("accounts.manage_users"):
        raise PermissionDenied(object_type="user", object_id=str(user_id))
    try:
        return User.objects.prefetch_related("roles").get(pk=user_id)
    except User.DoesNotExist:
        raise NotFound(object_type="user", object_id=str(user_id)) from None


def activation_list(*, actor: User) -> QuerySet[User]:
    """Active accounts that have no authenticator yet, and so wait for an activation code."""
    if not actor.has_perm("accounts.list_activations"):
        raise PermissionDenied(object_type="activation_list")
    return (
        User.objects.filter(is_active=True)
        .exclude(totpdevice__confirmed=True)
        .select_related("credentials_set_by", "organisation")
        .prefetch_related("roles")
        .order_by("username")
    )


def activation_get_for_actor(*, actor: User, user_id: int) -> User:
    try:
        return activation_list(actor=actor).get(pk=user_id)
    except User.DoesNotExist:
        raise NotFound(object_type="user_activation", object_id=str(user_id)) from None


def role_list(*, actor: User) -> QuerySet[Role]:
    if not actor.has_perm("accounts.manage_roles"):
        raise PermissionDenied(object_type="role_list")
    return Role.objects.order_by("code")


def role_get_for_actor(*, actor: User, role_id: int) -> Role:
    if not actor.has_perm("accounts.manage_roles"):
        raise PermissionDenied(object_type="role", object_id=str(role_id))
    try:
        return Role.objects.get(pk=role_id)
    except Role.DoesNotExist:
        raise NotFound(object_type="role", object_id=str(role_id)) from None
