"""Writes for the partner register and API keys."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.actors import Actor
from zastita.core.concurrency import check_version
from zastita.core.errors import NotFound, PermissionDenied, ValidationError
from zastita.partners.models import ApiCapability, ApiKey, Organisation

KEY_PREFIX = "zk_"


def api_key_digest(raw: str) -> str:
    # Keys are 256-bit random values, so a plain digest is enough: nothing to brute-force.
    return hashlib.sha256(raw.encode()).hexdigest()


def _require(actor: Actor, obj: object = None, object_type: str = "organisation") -> None:
    if not actor.has_perm("partners.manage", obj):
        raise PermissionDenied(object_type=object_type, object_id=str(getattr(obj, "pk", "")))


@transaction.atomic(durable=True)
def organisation_save(
    *,
    actor: Actor,
    organisation: Organisation | None,
    version: int | None,
    name: str,
    sector: str,
    municipality: str,
    is_active: bool,
) -> Organisation:
    _require(actor, organisation)
    clash = Organisation.objects.filter(name=name, municipality=municipality)
    if organisation is not None:
        clash = clash.exclude(pk=organisation.pk)
    if clash.exists():
        raise ValidationError(fields={"name": [_("This organisation is already in the register.")]})
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name, sector=sector, municipality=municipality, is_active=is_active
        )
        action = Action.CREATE
    else:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        check_version(organisation.version, version)
        organisation.name, organisation.sector = name, sector
        organisation.municipality, organisation.is_active = municipality, is_active
        organisation.version += 1
        organisation.save(
            update_fields=["name", "sector", "municipality", "is_active", "version", "updated_at"]
        )
        action = Action.UPDATE
    audit_record(
        action=action, actor=actor, object_type="organisation", object_id=organisation.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return organisation


@transaction.atomic(durable=True)
def api_key_issue(
    *, actor: Actor, organisation: Organisation, label: str, capabilities: Iterable[str]
) -> tuple[ApiKey, str]:
    """Creates a key and returns it with its secret, which is never stored or shown again.

    Only for keys that do not submit reports: such a key needs a second person
    (`api_key_request`, then `api_key_confirm`)."""
    _require(actor, organisation, "api_key")
    caps = _checked_capabilities(capabilities, organisation)
    if NEEDS_CONFIRMATION & set(caps):
        raise ValidationError(
            fields={
                "capabilities": [
                    _("A key that submits reports needs a head of service's confirmation.")
                ]
            }
        )
    key = ApiKey(organisation=organisation, label=label, capabilities=caps, created_by_id=actor.pk)
    raw = _mint(key)
    key.save()
    audit_record(
        action=Action.CREATE, actor=actor, object_type="api_key", object_id=key.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return key, raw


# Capabilities that let a partner put reports into the Center's queue.
NEEDS_CONFIRMATION = {ApiCapability.REPORTS_SUBMIT.value}


def _checked_capabilities(capabilities: Iterable[str], organisation: Organisation) -> list[str]:
    caps = sorted(set(capabilities))
    if not caps or any(c not in ApiCapability.values for c in caps):
        raise ValidationError(fields={"capabilities": [_("Choose at least one capability.")]})
    if not organisation.is_active:
        raise ValidationError(fields={"__all__": [_("The organisation is not active.")]})
    return caps


def _mint(key: ApiKey) -> str:
    key.prefix = secrets.token_hex(4)
    raw = f"{KEY_PREFIX}{key.prefix}_{secrets.token_urlsafe(32)}"
    key.digest = api_key_digest(raw)
    return raw


def _may_take_part(user: Actor) -> bool:
    return bool(user.has_perm("partners.manage") or user.has_perm("partners.confirm_key"))


@transaction.atomic(durable=True)
def api_key_request(
    *, actor: Actor, organisation: Organisation, label: str, capabilities: Iterable[str]
) -> ApiKey:
    """Asks for a key that another person must confirm: the administrator asks and a head of
    service confirms, or the reverse. No secret exists until then."""
    if not _may_take_part(actor):
        raise PermissionDenied(object_type="api_key_request")
    caps = _checked_capabilities(capabilities, organisation)
    key = ApiKey.objects.create(
        organisation=organisation, label=label, capabilities=caps, created_by_id=actor.pk
    )
    audit_record(
        action=Action.CREATE, actor=actor, object_type="api_key_request", object_id=key.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return key


def may_confirm(actor: Actor, key: ApiKey) -> bool:
    """The confirmer is another person holding the other side: a head of service for an
    administrator's request, an administrator for a head of service's."""
    if not key.is_pending or key.created_by_id == actor.pk:
        return False
    if key.created_by.has_perm("partners.manage"):
        return bool(actor.has_perm("partners.confirm_key"))
    return bool(actor.has_perm("partners.manage"))


@transaction.atomic(durable=True)
def api_key_confirm(*, actor: Actor, key: ApiKey) -> tuple[ApiKey, str]:
    """Confirms a requested key and returns its secret, shown to the confirmer only once."""
    locked = ApiKey.objects.select_for_update().select_related("created_by").get(pk=key.pk)
    if not may_confirm(actor, locked):
        raise NotFound(denied=True, object_type="api_key_request", object_id=str(key.pk))
    _checked_capabilities(locked.capabilities, locked.organisation)
    raw = _mint(locked)
    locked.confirmed_by_id, locked.confirmed_at = actor.pk, timezone.now()
    locked.save(update_fields=["prefix", "digest", "confirmed_by", "confirmed_at", "updated_at"])
    audit_record(
        action=Action.TRANSITION, actor=actor, object_type="api_key", object_id=locked.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return locked, raw


@transaction.atomic(durable=True)
def api_key_revoke(*, actor: Actor, key: ApiKey) -> ApiKey:
    _require(actor, key, "api_key")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            action=Action.UPDATE, actor=actor, object_type="api_key", object_id=key.pk,
            purpose=Purpose.ADMINISTRATION,
        )  # fmt: skip
    return key


def api_key_authenticate(raw: str) -> ApiKey | None:
    if not raw.startswith(KEY_PREFIX):
        return None
    key = (
        ApiKey.objects.select_related("organisation")
        .filter(digest=api_key_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if key is None or not key.is_active:
        return None
    now = timezone.now()
    # Recorded to the minute: a write on every request would cost each call a round trip.
    if key.last_used_at is None or now - key.last_used_at > datetime.timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key
