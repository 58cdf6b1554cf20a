"""Reads for the partner register."""

from __future__ import annotations

from django.db.models import QuerySet

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied
from zastita.core.selectors import get_for_actor
from zastita.partners.models import ApiKey, Organisation


def organisation_list(*, actor: User | None, active_only: bool = False) -> QuerySet[Organisation]:
    """The register is reference data: every signed-in account may read names and sectors."""
    qs = Organisation.objects.order_by("name")
    return qs.filter(is_active=True) if active_only else qs


def organisation_get_for_actor(*, actor: User, organisation_id: int) -> Organisation:
    return get_for_actor(
        Organisation.objects.all(),
        organisation_id,
        actor=actor,
        perm="partners.manage",
        object_type="organisation",
    )


def api_key_list(*, actor: User, organisation: Organisation) -> QuerySet[ApiKey]:
    if not actor.has_perm("partners.manage"):
        raise PermissionDenied(object_type="api_key_list")
    return organisation.api_keys.select_related("created_by").order_by("-created_at")


def api_key_get_for_actor(*, actor: User, organisation: Organisation, key_id: int) -> ApiKey:
    return get_for_actor(
        organisation.api_keys.all(),
        key_id,
        actor=actor,
        perm="partners.manage",
        object_type="api_key",
    )
