"""Writes for the case's proceedings. Each one and each of its states is kept: a change
adds a state to the history and never overwrites one. Authority, case number and the reason
for a change are encrypted; every write is audited in its transaction. Cooperation with the
authorities is recorded, never required: assistance does not depend on it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.models import Case, CaseProceeding, ProceedingChange
from zastita.cases.services import case_for_work
from zastita.core.concurrency import check_version
from zastita.core.crypto import seal, unseal
from zastita.core.errors import NotFound, ValidationError
from zastita.identification.public import (
    Identification,
    Proceeding,
    proceeding_authority,
    proceeding_errors,
    proceeding_reference,
)
from zastita.people.public import merged_family

MAX_NOTE = 2000


@dataclass(frozen=True)
class ProceedingInput:
    stage: str
    authority: str
    reference: str
    role: str
    consent: str = "not_asked"
    consent_on: datetime.date | None = None


def _check(data: ProceedingInput) -> None:
    errors = proceeding_errors(
        stage=data.stage, role=data.role, consent=data.consent, authority=data.authority,
        reference=data.reference, consent_on=data.consent_on,
    )  # fmt: skip
    if errors:
        raise ValidationError(fields=errors)


def _state(proceeding: CaseProceeding, *, actor: User, at: datetime.datetime,
           authority: str, reference: str, note: str = "") -> ProceedingChange:  # fmt: skip
    """Adds the proceeding's present state to its history, its texts sealed to the row."""
    row = ProceedingChange.objects.create(
        proceeding=proceeding, stage=proceeding.stage, role=proceeding.role,
        consent=proceeding.consent, consent_on=proceeding.consent_on, at=at, actor=actor,
        authority="", reference="",
    )  # fmt: skip
    row.authority = seal(authority, "proceeding_change", row.pk, "authority")
    row.reference = seal(reference, "proceeding_change", row.pk, "reference")
    row.note = seal(note, "proceeding_change", row.pk, "note")
    row.save(update_fields=["authority", "reference", "note"])
    return row


def _seal_texts(proceeding: CaseProceeding, authority: str, reference: str) -> None:
    proceeding.authority = seal(authority, "case_proceeding", proceeding.pk, "authority")
    proceeding.reference = seal(reference, "case_proceeding", proceeding.pk, "reference")


def texts(proceeding: CaseProceeding | ProceedingChange) -> tuple[str, str]:
    """The authority and the case number, decrypted (the caller has read the case)."""
    kind = "case_proceeding" if isinstance(proceeding, CaseProceeding) else "proceeding_change"
    return (unseal(proceeding.authority, kind, proceeding.pk, "authority"),
            unseal(proceeding.reference, kind, proceeding.pk, "reference"))  # fmt: skip


def copy_to_case(*, actor: User, case: Case) -> list[CaseProceeding]:
    """Inside the opening's transaction: the proceedings recorded on the person's
    identifications that no case holds yet move to this one, each re-sealed to its new row,
    with its first state as it was recorded (by whom and when) and a second saying it was
    copied. The identifications keep theirs, read-only from now on."""
    taken = CaseProceeding.objects.filter(copied_from__isnull=False).values("copied_from_id")
    originals = (
        Proceeding.objects.filter(identification__person_id__in=merged_family(case.person_id))
        .exclude(pk__in=taken).select_related("recorded_by").order_by("pk")
    )  # fmt: skip
    moved = []
    now = timezone.now()
    for original in originals:
        authority, reference = proceeding_authority(original), proceeding_reference(original)
        proceeding = CaseProceeding.objects.create(
            case=case, stage=original.stage, role=original.role, consent=original.consent,
            consent_on=original.consent_on, copied_from=original,
            recorded_by=original.recorded_by, authority="", reference="",
        )  # fmt: skip
        _seal_texts(proceeding, authority, reference)
        proceeding.save(update_fields=["authority", "reference"])
        _state(proceeding, actor=original.recorded_by, at=original.created_at,
               authority=authority, reference=reference)  # fmt: skip
        _state(
            proceeding,
            actor=actor,
            at=now,
            authority=authority,
            reference=reference,
            note=_("Moved from the identification to the case when the case opened."),
        )
        audit_record(action=Action.CREATE, actor=actor, object_type="case_proceeding",
                     object_id=proceeding.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
        moved.append(proceeding)
    return moved


@transaction.atomic(durable=True)
def proceeding_add(*, actor: User, case: Case, data: ProceedingInput) -> CaseProceeding:
    """Records a police, prosecution or court case the person takes part in."""
    locked = case_for_work(actor, case)
    _check(data)
    proceeding = CaseProceeding.objects.create(
        case=locked, stage=data.stage, role=data.role, consent=data.consent,
        consent_on=data.consent_on, recorded_by=actor, authority="", reference="",
    )  # fmt: skip
    authority, reference = data.authority.strip(), data.reference.strip()
    _seal_texts(proceeding, authority, reference)
    proceeding.save(update_fields=["authority", "reference"])
    _state(proceeding, actor=actor, at=proceeding.created_at, authority=authority,
           reference=reference)  # fmt: skip
    audit_record(action=Action.CREATE, actor=actor, object_type="case_proceeding",
                 object_id=proceeding.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    return proceeding


@transaction.atomic(durable=True)
def proceeding_change(*, actor: User, proceeding: CaseProceeding, data: ProceedingInput,
                      note: str, version: int | None) -> CaseProceeding:  # fmt: skip
    """A new stage (the police's case went to the prosecution, then to court), a new role, or
    the person's consent given, refused or withdrawn: the present state changes and the
    earlier one stays in the history, with the reason."""
    case_for_work(actor, proceeding.case)
    locked = CaseProceeding.objects.select_for_update().filter(pk=proceeding.pk).first()
    if locked is None:
        raise NotFound(denied=True, object_type="case_proceeding", object_id=str(proceeding.pk))
    _check(data)
    if len(note) > MAX_NOTE:
        raise ValidationError(fields={"note": [
            _("At most %(count)d characters.") % {"count": MAX_NOTE}]})  # fmt: skip
    check_version(locked.version, version)
    authority, reference = data.authority.strip(), data.reference.strip()
    same = (locked.stage, locked.role, locked.consent, locked.consent_on) == (
        data.stage,
        data.role,
        data.consent,
        data.consent_on,
    ) and texts(locked) == (authority, reference)
    if same:
        raise ValidationError(fields={"stage": [_("Nothing has changed.")]})
    locked.stage, locked.role = data.stage, data.role
    locked.consent, locked.consent_on = data.consent, data.consent_on
    _seal_texts(locked, authority, reference)
    locked.version += 1
    locked.save()
    _state(locked, actor=actor, at=timezone.now(), authority=authority, reference=reference,
           note=note.strip())  # fmt: skip
    audit_record(action=Action.UPDATE, actor=actor, object_type="case_proceeding",
                 object_id=locked.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    return locked


def kept_on_case(actor: User, identification: Identification) -> str | None:
    """For the identification's page and service: once the person has a case, their
    proceedings are kept on it (named to who may see it)."""
    case = (
        Case.objects.filter(person_id__in=merged_family(identification.person_id))
        .order_by("-opened_at", "-pk").first()
    )  # fmt: skip
    if case is None:
        return None
    if actor.has_perm("cases.view", case):
        return _(
            "The proceedings are kept on the person's case %(number)s since it opened: "
            "record them and their changes there."
        ) % {"number": case.number}
    return _("The proceedings are kept on the person's case since it opened.")
