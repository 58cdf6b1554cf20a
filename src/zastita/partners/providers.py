"""The register of providers: reads and writes (the head of service and the administrator
keep it; who arranges services for a case reads it). Professional contact data only."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core import reference
from zastita.core.actors import Actor
from zastita.core.concurrency import check_version
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.selectors import get_for_actor
from zastita.partners.models import Organisation, Provider, ProviderKind

FIELDS = ("kind", "organisation", "professional", "languages", "contact", "agreement",
          "availability", "is_active")  # fmt: skip


def provider_list(*, actor: Actor, active_only: bool = False, kind: str = "") -> QuerySet[Provider]:
    if not actor.has_perm("partners.providers"):
        raise PermissionDenied(object_type="provider_list")
    qs = Provider.objects.select_related("organisation").order_by("kind", "professional", "pk")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.filter(kind=kind) if kind else qs


def provider_get_for_actor(*, actor: Actor, provider_id: int) -> Provider:
    return get_for_actor(
        Provider.objects.select_related("organisation"), provider_id, actor=actor,
        perm="partners.manage_providers", object_type="provider",
    )  # fmt: skip


def _checked(data: dict[str, object]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    organisation = data.get("organisation")
    if organisation is None and not str(data.get("professional") or "").strip():
        errors["professional"] = [_("Name the professional, or choose their organisation.")]
    if isinstance(organisation, Organisation) and not organisation.is_active:
        errors["organisation"] = [_("The organisation is not active.")]
    languages = data.get("languages") or []
    if not isinstance(languages, list) or any(not reference.is_language(str(c)) for c in languages):
        errors["languages"] = [_("Choose languages from the list.")]
    if data.get("kind") not in ProviderKind.values:
        errors["kind"] = [_("Choose a kind from the list.")]
    return errors


@transaction.atomic(durable=True)
def provider_save(*, actor: Actor, provider: Provider | None, version: int | None,
                  **data: object) -> Provider:  # fmt: skip
    """Adds a provider to the register or changes one (a stale version is a conflict)."""
    if not actor.has_perm("partners.manage_providers"):
        raise PermissionDenied(object_type="provider", object_id=str(getattr(provider, "pk", "")))
    errors = _checked(data)
    if errors:
        raise ValidationError(fields=errors)
    values = {k: data.get(k) for k in FIELDS}
    values["professional"] = str(values["professional"] or "").strip()
    if provider is None:
        provider = Provider.objects.create(**values)
        action = Action.CREATE
    else:
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        check_version(provider.version, version)
        for key, value in values.items():
            setattr(provider, key, value)
        provider.version += 1
        provider.save()
        action = Action.UPDATE
    audit_record(action=action, actor=actor, object_type="provider", object_id=provider.pk,
                 purpose=Purpose.ADMINISTRATION)  # fmt: skip
    return provider
