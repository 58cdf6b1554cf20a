"""Writes for the person registry. Every identity is validated, encrypted and audited."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.people.identity import Identity, digest, seal, seal_reason, search_values, unseal
from zastita.people.models import IdentityReveal, Person, PersonMerge, PersonSearchKey
from zastita.people.validators import normalise_phone, validate_birth_date, validate_jmbg

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"L-{raw[:4]}-{raw[4:]}"


def clean_identity(identity: Identity, *, birth_year: int | None) -> Identity:
    """Validates and normalises; every problem is reported on its own field at once."""
    errors: dict[str, list[str]] = {}
    if not (identity.first_name or identity.last_name or identity.aliases):
        errors["last_name"] = [_("Enter at least a name, a surname or a nickname.")]
    if identity.birth_date:
        try:
            validate_birth_date(identity.birth_date)
        except DjangoValidationError as exc:
            errors["birth_date"] = list(exc.messages)
    if birth_year and identity.birth_date and identity.birth_date.year != birth_year:
        errors["birth_year"] = [_("The year of birth differs from the date of birth.")]
    jmbg = identity.jmbg
    if jmbg:
        try:
            jmbg = validate_jmbg(jmbg, identity.birth_date if "birth_date" not in errors else None)
        except DjangoValidationError as exc:
            errors["jmbg"] = list(exc.messages)
    phones = []
    for phone in identity.phones:
        try:
            phones.append(normalise_phone(phone))
        except DjangoValidationError as exc:
            errors.setdefault("phones", []).extend(exc.messages)
    if errors:
        raise ValidationError(fields=errors)
    return replace(
        identity,
        first_name=identity.first_name.strip(),
        last_name=identity.last_name.strip(),
        aliases=[a.strip() for a in identity.aliases if a.strip()],
        jmbg=jmbg,
        phones=phones,
    )


def _write_search_keys(person: Person, identity: Identity) -> None:
    rows = []
    for kind, value in search_values(identity):
        key_id, mac = digest(kind, value)
        rows.append(
            PersonSearchKey(
                person=person, kind=kind, digest=mac, key_id=key_id, birth_year=person.birth_year
            )
        )
    PersonSearchKey.objects.bulk_create(rows)


def person_create(*, actor: User, identity: Identity, **descriptive: Any) -> Person:
    """Registers a person. Likely duplicates are shown to the user before this is called
    (selectors.person_duplicates); the decision to create anyway is the user's."""
    if not actor.has_perm("people.create"):
        raise PermissionDenied(object_type="person")
    identity = clean_identity(identity, birth_year=descriptive.get("birth_year"))
    if identity.birth_date and not descriptive.get("birth_year"):
        descriptive["birth_year"] = identity.birth_date.year
    for _attempt in range(5):
        try:
            return _create(actor, identity, descriptive)
        except IntegrityError:  # a code collision: try another code
            continue
    raise RuntimeError("Could not allocate a person code.")


@transaction.atomic(durable=True)
def _create(actor: User, identity: Identity, descriptive: dict[str, Any]) -> Person:
    code = _new_code()
    token, key_id = seal(identity, code)
    person = Person.objects.create(
        code=code, identity=token, identity_key_id=key_id, created_by=actor, **descriptive
    )
    _write_search_keys(person, identity)
    audit_record(
        action=Action.CREATE, actor=actor, object_type="person", object_id=person.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return person


MIN_REASON_LENGTH = 15


@transaction.atomic(durable=True)
def person_reveal(*, actor: User, person: Person, reason: str) -> Identity:
    """Opens a child's or sealed file by name. The reason is required, kept encrypted, shown
    to the head of service, and referenced (not copied) by the audit event."""
    if not actor.has_perm("people.view_identity"):
        raise PermissionDenied(object_type="person", object_id=str(person.pk))
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            fields={"reason": [_("Say why you need the name (at least 15 characters).")]}
        )
    reveal = IdentityReveal.objects.create(
        person=person, actor=actor, reason=seal_reason(reason, person.code)
    )
    audit_record(
        action=Action.DISCLOSE, actor=actor, object_type="person", object_id=person.pk,
        purpose=Purpose.BREAK_GLASS, reason_ref=f"reveal:{reveal.pk}",
    )  # fmt: skip
    return unseal(person.identity, person.code)


@transaction.atomic(durable=True)
def person_merge(*, actor: User, kept: Person, absorbed: Person) -> Person:
    """Merges `absorbed` into `kept` (head of service only). The absorbed record stays, with
    its history, pointing to the kept one; its whole identity is stored inside the kept
    identity and its search keys are added, so every old spelling still finds the person."""
    if not actor.has_perm("people.merge"):
        raise PermissionDenied(object_type="person", object_id=str(absorbed.pk))
    kept = Person.objects.select_for_update().get(pk=kept.pk)
    absorbed = Person.objects.select_for_update().get(pk=absorbed.pk)
    if kept.pk == absorbed.pk or kept.merged_into_id or absorbed.merged_into_id:
        raise ValidationError(
            fields={"other_code": [_("Choose two different records that are not merged already.")]}
        )
    kept_identity = unseal(kept.identity, kept.code)
    absorbed_identity = unseal(absorbed.identity, absorbed.code)
    other = absorbed_identity.to_dict()
    other["code"] = absorbed.code
    kept_identity.merged.append(other)
    kept.identity, kept.identity_key_id = seal(kept_identity, kept.code)
    # Descriptive gaps are filled from the absorbed record; differing values stay in it.
    for field_name in ("birth_year", "estimated_age", "age_estimated_on", "disability"):
        if getattr(kept, field_name) is None and getattr(absorbed, field_name) is not None:
            setattr(kept, field_name, getattr(absorbed, field_name))
    kept.age_disputed = kept.age_disputed or absorbed.age_disputed
    kept.sealed = kept.sealed or absorbed.sealed
    kept.version += 1
    kept.save()
    # The kept identity now holds the absorbed one: its keys, recomputed, cover every name,
    # number and date of both records, and pairs of names across them.
    kept.search_keys.all().delete()
    _write_search_keys(kept, kept_identity)
    absorbed.merged_into = kept
    absorbed.save(update_fields=["merged_into", "updated_at"])
    PersonMerge.objects.create(kept=kept, absorbed=absorbed, actor=actor)
    for person in (kept, absorbed):
        audit_record(
            action=Action.UPDATE, actor=actor, object_type="person_merge", object_id=person.pk,
            purpose=Purpose.CASE_WORK,
        )  # fmt: skip
    return kept
