"""Writes for the closure of a case. The worker prepares it (the reason, closed or handed
over); the form's text is written on the platform; the head of service's approval closes
the case in the same transaction, or is refused while a service or task is still open."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.models import CaseStatus, Closure, ClosureReason
from zastita.cases.models.case import Case
from zastita.cases.services import case_for_work, open_work, transition_within
from zastita.core.errors import ValidationError


def pending_closure(case: Case) -> Closure | None:
    """The closure prepared and not yet approved in the case's present period."""
    return case.closures.filter(transition__isnull=True).order_by("-pk").first()


@transaction.atomic(durable=True)
def closure_start(*, actor: User, case: Case, reason: str, referred: bool) -> Closure:
    """Prepares the closure: its reason, and whether the case is handed over. One at a
    time: a second returns the one being written, with the reason given now."""
    locked = case_for_work(actor, case)
    if reason not in ClosureReason.values:
        raise ValidationError(fields={"reason": [_("Choose the reason from the list.")]})
    closure = pending_closure(locked)
    if closure is None:
        closure = Closure.objects.create(case=locked, reason=reason, referred=referred,
                                         created_by=actor)  # fmt: skip
    else:
        closure.reason, closure.referred = reason, referred
        closure.save(update_fields=["reason", "referred", "updated_at"])
    audit_record(action=Action.CREATE, actor=actor, object_type="closure", object_id=closure.pk,
                 purpose=Purpose.CASE_WORK)  # fmt: skip
    return closure


def lacking(closure_id: int) -> list[str]:
    """What keeps the closure form from being submitted or approved: the case already
    closed, or services and tasks still open (each named)."""
    closure = Closure.objects.select_related("case").get(pk=closure_id)
    if closure.is_done or not closure.case.is_open:
        return [_("The case is already closed.")]
    named = open_work(closure.case)
    if named:
        return [_("End these first, or hand them over: %(open)s.") % {"open": "; ".join(named)}]
    return []


def closure_approved(closure_id: int, approver: User) -> Closure:
    """Inside the approval's transaction: the case is closed (or closed and referred) by
    the head of service, the step's reason being the closure's."""
    closure = Closure.objects.select_for_update().select_related("case").get(pk=closure_id)
    if closure.is_done:
        return closure
    missing = lacking(closure.pk)
    if missing:
        raise ValidationError(fields={"__all__": missing})
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Closure form approved: %(reason)s.") % {"reason": closure.get_reason_display()}
    to = CaseStatus.CLOSED_REFERRED if closure.referred else CaseStatus.CLOSED
    case = transition_within(actor=approver, case=closure.case, to=to, reason=reason,
                             version=None, closing=True)  # fmt: skip
    closure.transition = case.last_step  # type: ignore[attr-defined]
    closure.save(update_fields=["transition", "updated_at"])
    return closure
