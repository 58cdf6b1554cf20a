"""Writes for the person registry. Every identity is validated, encrypted and audited."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core import reference
from zastita.core.concurrency import check_version
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.registries.person_merge import refusal as merge_refusal
from zastita.people.identity import Identity, digest, seal, seal_reason, search_values, unseal
from zastita.people.models import (
    DocumentHolder,
    DocumentType,
    Ethnicity,
    IdentityReveal,
    Person,
    PersonMerge,
    PersonRelation,
    PersonSearchKey,
    RelationKind,
)
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
    emails = []
    for email in identity.emails:
        try:
            validate_email(email.strip())
            emails.append(email.strip())
        except DjangoValidationError:
            errors.setdefault("emails", []).append(
                _("“%(value)s” is not an e-mail address.") % {"value": email.strip()}
            )
    for document in identity.documents:
        if document.type not in DocumentType.values or document.holder not in (
            DocumentHolder.values
        ):
            errors.setdefault("documents", []).append(_("Choose the type and the holder."))
        elif not document.number.strip() and document.type != DocumentType.OTHER:
            errors.setdefault("documents", []).append(_("Enter the document's number."))
    if errors:
        raise ValidationError(fields=errors)
    return replace(
        identity,
        first_name=identity.first_name.strip(),
        last_name=identity.last_name.strip(),
        aliases=[a.strip() for a in identity.aliases if a.strip()],
        jmbg=jmbg,
        phones=phones,
        emails=emails,
    )


DESCRIPTIVE_FIELDS = frozenset(
    {"sex", "birth_year", "estimated_age", "age_estimated_on", "age_disputed", "citizenships",
     "languages", "disability", "marital_status", "education", "ethnicity", "sealed"}
)  # fmt: skip


def clean_descriptive(descriptive: dict[str, Any]) -> dict[str, Any]:
    """The statistical fields: ISO codes, and ethnicity only where the Center records it."""
    unknown = set(descriptive) - DESCRIPTIVE_FIELDS
    if unknown:
        raise TypeError(f"Not descriptive fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    citizenships = [c.strip().upper() for c in descriptive.get("citizenships") or []]
    if any(not reference.is_country(c) for c in citizenships):
        errors["citizenships"] = [_("Choose countries from the list (ISO 3166).")]
    languages = [c.strip().lower() for c in descriptive.get("languages") or []]
    if any(not reference.is_language(c) for c in languages):
        errors["languages"] = [_("Choose languages from the list (ISO 639).")]
    if descriptive.get("ethnicity"):
        if not settings.ZASTITA_RECORD_ETHNICITY:
            errors["ethnicity"] = [_("The Center does not record ethnicity.")]
        elif descriptive["ethnicity"] not in Ethnicity.values:
            errors["ethnicity"] = [_("Choose a value from the list.")]
    if errors:
        raise ValidationError(fields=errors)
    cleaned = dict(descriptive)
    if "citizenships" in descriptive:
        cleaned["citizenships"] = list(dict.fromkeys(citizenships))
    if "languages" in descriptive:
        cleaned["languages"] = list(dict.fromkeys(languages))
    return cleaned


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
    identity, descriptive = _clean(identity, descriptive)
    for _attempt in range(5):
        try:
            return _create(actor, identity, descriptive)
        except IntegrityError:  # a code collision: try another code
            continue
    raise RuntimeError("Could not allocate a person code.")


def person_create_in_transaction(*, actor: User, identity: Identity, **descriptive: Any) -> Person:
    """person_create inside a caller's transaction (identification registers a report's
    person and links them to the report in one commit)."""
    if not actor.has_perm("people.create"):
        raise PermissionDenied(object_type="person")
    identity, descriptive = _clean(identity, descriptive)
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: a code collision undoes this try only
                return _create_row(actor, identity, descriptive)
        except IntegrityError:  # a code collision: try another code
            continue
    raise RuntimeError("Could not allocate a person code.")


def _clean(identity: Identity, descriptive: dict[str, Any]) -> tuple[Identity, dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    try:
        identity = clean_identity(identity, birth_year=descriptive.get("birth_year"))
    except ValidationError as exc:
        errors.update(exc.fields)
    try:
        descriptive = clean_descriptive(descriptive)
    except ValidationError as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationError(fields=errors)
    if identity.birth_date and not descriptive.get("birth_year"):
        descriptive["birth_year"] = identity.birth_date.year
    return identity, descriptive


MIN_REASON_LENGTH = 15


@transaction.atomic(durable=True)
def person_update(
    *,
    actor: User,
    person: Person,
    version: int,
    identity: Identity,
    reason: str = "",
    **descriptive: Any,
) -> Person:
    """Replaces a person's identity and descriptive fields. `version` is the one the user
    saw: if someone saved in between, nothing is written and Conflict is raised.

    A child's or sealed file (as stored, before this edit) is changed only with a `reason`,
    recorded as a disclosure exactly like a reveal, in this transaction: whoever calls this
    (a view, the API, a command) cannot overwrite a masked identity or unseal a file
    without saying why. Without one, ValidationError at "reason" and nothing is written."""
    if not actor.has_perm("people.view_identity"):
        raise PermissionDenied(object_type="person", object_id=str(person.pk))
    errors: dict[str, list[str]] = {}
    try:
        identity, descriptive = _clean(identity, descriptive)
    except ValidationError as exc:
        errors.update(exc.fields)
    current = Person.objects.select_for_update().get(pk=person.pk)
    masked = current.is_child or current.sealed
    if masked and len(reason.strip()) < MIN_REASON_LENGTH:
        errors["reason"] = [_("Say why you are changing this record (at least 15 characters).")]
    if errors:
        raise ValidationError(fields=errors)
    check_version(current.version, version)
    if current.merged_into_id:
        raise ValidationError(fields={"__all__": [_("This record was merged into another.")]})
    if masked:
        _disclose(actor, current, reason.strip())
    # What merged records brought along stays: the form edits only this record's own values.
    identity.merged = unseal(current.identity, current.code).merged
    current.identity, current.identity_key_id = seal(identity, current.code)
    for name, value in descriptive.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    current.search_keys.all().delete()
    _write_search_keys(current, identity)
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="person", object_id=current.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return current


@transaction.atomic(durable=True)
def _create(actor: User, identity: Identity, descriptive: dict[str, Any]) -> Person:
    return _create_row(actor, identity, descriptive)


def _create_row(actor: User, identity: Identity, descriptive: dict[str, Any]) -> Person:
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
    _disclose(actor, person, reason)
    return unseal(person.identity, person.code)


def _disclose(actor: User, person: Person, reason: str) -> IdentityReveal:
    """The reason kept encrypted for the head of service; the audit event refers to it."""
    reveal = IdentityReveal.objects.create(
        person=person, actor=actor, reason=seal_reason(reason, person.code)
    )
    audit_record(
        action=Action.DISCLOSE, actor=actor, object_type="person", object_id=person.pk,
        purpose=Purpose.BREAK_GLASS, reason_ref=f"reveal:{reveal.pk}",
    )  # fmt: skip
    return reveal


def _with_merged(person: Person) -> list[int]:
    from zastita.people.selectors import merged_family

    return merged_family(person.pk)


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
    refused = merge_refusal(_with_merged(kept), _with_merged(absorbed))
    if refused:
        raise ValidationError(fields={"other_code": [refused]})
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


@transaction.atomic(durable=True)
def relation_add(
    *,
    actor: User,
    person: Person,
    relative: Person,
    kind: str,
    appointed_by_id: int | None = None,
    since: datetime.date | None = None,
) -> PersonRelation:
    """Records a family member or a guardian; both must already be in the registry."""
    if not actor.has_perm("people.view_identity"):
        raise PermissionDenied(object_type="person", object_id=str(person.pk))
    errors: dict[str, list[str]] = {}
    if kind not in RelationKind.values:
        errors["kind"] = [_("Choose a value from the list.")]
    if relative.pk == person.pk:
        errors["relative_code"] = [_("A person cannot be their own relative.")]
    elif relative.merged_into_id:
        errors["relative_code"] = [_("This record was merged into another; use that one.")]
    if appointed_by_id and kind not in RelationKind.guardians():
        errors["appointed_by"] = [_("Only a guardian is appointed.")]
    if since and since > timezone.localdate():
        errors["since"] = [_("The date cannot be in the future.")]
    if (
        not errors
        and PersonRelation.objects.filter(
            person=person, relative=relative, kind=kind, ended_on__isnull=True
        ).exists()
    ):
        errors["relative_code"] = [_("This relation is already recorded.")]
    if errors:
        raise ValidationError(fields=errors)
    relation = PersonRelation.objects.create(
        person=person, relative=relative, kind=kind, appointed_by_id=appointed_by_id,
        since=since, created_by=actor,
    )  # fmt: skip
    audit_record(
        action=Action.CREATE, actor=actor, object_type="person_relation", object_id=relation.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return relation


@transaction.atomic(durable=True)
def relation_end(*, actor: User, relation: PersonRelation, on: datetime.date) -> PersonRelation:
    """Ends a relation (a guardian replaced, a marriage ended); it stays in the history."""
    if not actor.has_perm("people.view_identity"):
        raise PermissionDenied(object_type="person_relation", object_id=str(relation.pk))
    relation = PersonRelation.objects.select_for_update().get(pk=relation.pk)
    if relation.ended_on:
        raise ValidationError(fields={"ended_on": [_("This relation has already ended.")]})
    if on > timezone.localdate() or (relation.since and on < relation.since):
        raise ValidationError(fields={"ended_on": [_("The date is not possible.")]})
    relation.ended_on = on
    relation.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="person_relation", object_id=relation.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return relation
