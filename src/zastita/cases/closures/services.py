"""Writes for the closure of a case. The worker prepares it (the reason, closed or handed
over); the form's text is written on the platform; the head of service's approval closes
the case in the same transaction, or is refused while a service or task is still open."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.engagements.services import end_within, open_engagements
from zastita.cases.models import (
    CaseStatus,
    Closure,
    ClosureReason,
    Decision,
    Engagement,
    Task,
    TaskStatus,
)
from zastita.cases.models.case import Case
from zastita.cases.plans.selectors import open_tasks
from zastita.cases.plans.services import task_end_within
from zastita.cases.services import case_for_work, open_work, transition_within
from zastita.core.errors import ValidationError


def pending_closure(case: Case) -> Closure | None:
    """The closure prepared and not yet approved in the case's present period."""
    return case.closures.filter(transition__isnull=True).order_by("-pk").first()


@transaction.atomic(durable=True)
def closure_start(*, actor: User, case: Case, reason: str, referred: bool,
                  settle_open: bool = False) -> Closure:  # fmt: skip
    """Prepares the closure: its reason, whether the case is handed over, and whether its
    approval ends the services and tasks still open (handed over with a referred case). One
    at a time: a second returns the one being written, with what is chosen now."""
    locked = case_for_work(actor, case)
    if reason not in ClosureReason.values:
        raise ValidationError(fields={"reason": [_("Choose the reason from the list.")]})
    closure = pending_closure(locked)
    if closure is None:
        closure = Closure.objects.create(case=locked, reason=reason, referred=referred,
                                         settle_open=settle_open, created_by=actor)  # fmt: skip
    else:
        closure.reason, closure.referred = reason, referred
        closure.settle_open = settle_open
        closure.save(update_fields=["reason", "referred", "settle_open", "updated_at"])
    audit_record(action=Action.CREATE, actor=actor, object_type="closure", object_id=closure.pk,
                 purpose=Purpose.CASE_WORK)  # fmt: skip
    return closure


def lacking(closure_id: int) -> list[str]:
    """What keeps the closure form from being submitted or approved: the case already
    closed, or services and tasks still open (each named)."""
    closure = Closure.objects.select_related("case").get(pk=closure_id)
    if closure.is_done or not closure.case.is_open:
        return [_("The case is already closed.")]
    if closure.settle_open:  # what is open is ended by the approval, except what waits
        waiting = waiting_services(closure.case)
        if waiting:
            return [_("The head of service decides on these services first: %(open)s.")
                    % {"open": "; ".join(waiting)}]  # fmt: skip
        return []
    named = open_work(closure.case)
    if named:
        return [_("End these first, or hand them over: %(open)s.") % {"open": "; ".join(named)}]
    return []


def waiting_services(case: Case) -> list[str]:
    """The case's services waiting for the head of service's decision, each named: the
    closure does not end those, it waits for the decision."""
    return [
        str(_("the service “%(kind)s”, requested on %(date)s")
            % {"kind": e.get_kind_display(), "date": e.requested_on.strftime("%d.%m.%Y")})
        for e in open_engagements(case) if e.decision == Decision.PENDING
    ]  # fmt: skip


def _settle(closure: Closure, approver: User) -> None:
    """Inside the approval: each service and task still open ends with the closure, handed
    over with the case when it is referred, else ended (a task: dropped). The reasons are
    said in the Center's language, as the case's own steps are."""
    case = closure.case
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        if closure.referred:
            outcome = _("Handed over with the case to another institution on its closure.")
        else:
            outcome = _("Ended with the closure of the case.")
    for engagement in open_engagements(case):
        locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
        end_within(approver, locked, today, str(outcome), settled_by=closure)
    status = TaskStatus.HANDED_OVER if closure.referred else TaskStatus.DROPPED
    for task in open_tasks(case):
        locked_task = Task.objects.select_for_update().get(pk=task.pk)
        task_end_within(approver, locked_task, status, str(outcome), settled_by=closure)


def closure_approved(closure_id: int, approver: User) -> Closure:
    """Inside the approval's transaction: the case is closed (or closed and referred) by
    the head of service, the step's reason being the closure's."""
    closure = Closure.objects.select_for_update().select_related("case").get(pk=closure_id)
    if closure.is_done:
        return closure
    missing = lacking(closure.pk)
    if missing:
        raise ValidationError(fields={"__all__": missing})
    if closure.settle_open:
        _settle(closure, approver)
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Closure form approved: %(reason)s.") % {"reason": closure.get_reason_display()}
    to = CaseStatus.CLOSED_REFERRED if closure.referred else CaseStatus.CLOSED
    case = transition_within(actor=approver, case=closure.case, to=to, reason=reason,
                             version=None, closing=True)  # fmt: skip
    closure.transition = case.last_step  # type: ignore[attr-defined]
    closure.save(update_fields=["transition", "updated_at"])
    return closure
