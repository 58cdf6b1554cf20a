"""Reads for the partner register."""

from __future__ import annotations

from django.db.models import QuerySet

from zastita.core.actors import Actor
from zastita.core.errors import NotFound, PermissionDenied
from zastita.core.selectors import get_for_actor
from zastita.partners.models import ApiKey, Organisation


def organisation_list(*, actor: Actor | None, active_only: bool = False) -> QuerySet[Organisation]:
    """The register is reference data: every signed-in account may read names and sectors."""
    qs = Organisation.objects.order_by("name")
    return qs.filter(is_active=True) if active_only else qs


def organisation_get_for_actor(*, actor: Actor, organisation_id: int) -> Organisation:
    return get_for_actor(
        Organisation.objects.all(),
        organisation_id,
        actor=actor,
        perm="partners.manage",
        object_type="organisation",
    )


def api_key_list(*, actor: Actor, organisation: Organisation) -> QuerySet[ApiKey]:
    if not actor.has_perm("partners.manage"):
        raise PermissionDenied(object_type="api_key_list")
    return organisation.api_keys.select_related("created_by").order_by("-created_at")


def api_key_get_for_actor(*, actor: Actor, organisation: Organisation, key_id: int) -> ApiKey:
    return get_for_actor(
        organisation.api_keys.all(),
        key_id,
        actor=actor,
        perm="partners.manage",
        object_type="api_key",
    )


def api_key_requests(*, actor: Actor) -> list[ApiKey]:
    """Keys requested and not yet confirmed, for the two sides that take part."""
    if not actor.has_perm("partners.key_requests"):
        raise PermissionDenied(object_type="api_key_request_list")
    pending = ApiKey.objects.filter(digest__isnull=True, revoked_at__isnull=True)
    return list(pending.select_related("organisation", "created_by").order_by("created_at"))


def api_key_request_get_for_actor(*, actor: Actor, key_id: int) -> ApiKey:
    """A request the actor may confirm; any other (their own, a confirmed key, one for the
    same side, a missing one) is the same NotFound."""
    from zastita.partners.services import may_confirm

    key = ApiKey.objects.select_related("organisation", "created_by").filter(pk=key_id).first()
    if key is None or not may_confirm(actor, key):
        raise NotFound(denied=True, object_type="api_key_request", object_id=str(key_id))
    return key
