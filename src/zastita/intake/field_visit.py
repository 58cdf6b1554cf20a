"""Setting aside a person of a report who is found not to exist or is withdrawn from it, so
that the field-visit clock no longer waits for them (the rule: `clocks.field_visit_refresh`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.intake import sealing
from zastita.intake.clocks import field_visit_refresh
from zastita.intake.models import ReportPerson, SetAside

MIN_REASON = 10


def _reason_field(report_person: ReportPerson) -> str:
    return f"set_aside:{report_person.pk}"


@transaction.atomic(durable=True)
def report_person_set_aside(
    *, actor: User, report_person: ReportPerson, kind: str, reason: str
) -> ReportPerson:
    """Sets a person of an open report aside, with the reason (encrypted, bound to the
    report and the person); audited. Once nobody is left waiting for the visit, the
    report's field-visit clock stops (or is cancelled, if nobody was seen at all). It cannot
    be undone here: a person set aside by mistake is added to a new report."""
    if not actor.has_perm("intake.decide"):
        raise PermissionDenied(object_type="report_person", object_id=str(report_person.pk))
    report_person = ReportPerson.objects.select_for_update().get(pk=report_person.pk)
    report = report_person.report
    errors: dict[str, list[str]] = {}
    if kind not in SetAside.values:
        errors["kind"] = [_("Choose a value from the list.")]
    if len(reason.strip()) < MIN_REASON:
        errors["reason"] = [_("Give the reason (at least 10 characters).")]
    if report_person.set_aside:
        errors["__all__"] = [_("This person is already set aside.")]
    elif not report.is_open:
        errors["__all__"] = [_("The report is no longer open.")]
    if errors:
        raise ValidationError(fields=errors)
    report_person.set_aside = kind
    report_person.set_aside_reason = sealing.seal(
        reason.strip(), report_key=f"r{report.pk}", field=_reason_field(report_person)
    )
    report_person.set_aside_at = timezone.now()
    report_person.set_aside_by = actor
    report_person.save(
        update_fields=["set_aside", "set_aside_reason", "set_aside_at", "set_aside_by",
                       "updated_at"]
    )  # fmt: skip
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="report_person",
        object_id=report_person.pk, purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    field_visit_refresh(report, actor=actor)
    return report_person


def set_aside_reason(report_person: ReportPerson) -> str:
    return sealing.unseal(
        report_person.set_aside_reason,
        report_key=f"r{report_person.report_id}",
        field=_reason_field(report_person),
    )
