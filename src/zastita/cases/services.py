"""Writes for cases: opening one (from an approved decision, or before it with a reason)
and moving it through its workflow. Each locks what it changes, refuses a stale version,
audits in the same transaction, and keeps reasons encrypted."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.capabilities import Capability
from zastita.accounts.models import User
from zastita.assignments.public import assignment_carry, assignment_take
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases import workflow
from zastita.cases.models import OPEN_STATUSES, Case, CaseStatus, CaseTransition
from zastita.core.concurrency import check_version
from zastita.core.crypto import seal
from zastita.core.errors import NotFound, PermissionDenied, ValidationError
from zastita.core.sequences import sequence_next
from zastita.identification.public import Identification, VictimStatus, in_force
from zastita.people.public import Person, merged_family

REGISTER = "cases"
MIN_REASON = 10
# The statuses whose decision proposes a case: protection follows a presumed or an
# identified victim.
PROTECTED = (VictimStatus.PRESUMED, VictimStatus.IDENTIFIED)


def open_case_of(person_id: int) -> Case | None:
    """The person's open case: of this record, or of any record merged with it (up to the
    record kept and down to every one merged into it)."""
    ids = merged_family(person_id)
    return Case.objects.filter(person_id__in=ids, status__in=OPEN_STATUSES).first()


def refuse_merge(kept_ids: list[int], absorbed_ids: list[int]) -> str | None:
    """Two records each with an open case are not merged: one person, one open case."""
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES)
    if (
        open_cases.filter(person_id__in=kept_ids).exists()
        and open_cases.filter(person_id__in=absorbed_ids).exists()
    ):
        return _(
            "Both records have an open case. Close one of the cases, or hand it over, before "
            "the records are merged."
        )
    return None


def _refuse_second(person_id: int, actor: User | None = None) -> None:
    """One open case per person. The open one's number is said only to who may see it."""
    existing = open_case_of(person_id)
    if existing is None:
        return
    if actor is not None and actor.has_perm("cases.view", existing):
        raise ValidationError(_("This person already has an open case: %(number)s.")
                              % {"number": existing.number})  # fmt: skip
    raise ValidationError(_("This person already has an open case."))


def may_open_from(actor: User, identification: Identification) -> bool:
    """The head of service, or the worker assigned to the identification."""
    if not actor.has_perm("cases.open"):
        return False
    return actor.has_capability(Capability.CASES_COORDINATE) or (
        identification.assigned_to_id == actor.pk
    )


def proposal(identification: Identification) -> str:
    """Why a case is proposed for this identification ("" when none is): its decision in
    force says the person is a presumed or an identified victim, and they have no open
    case."""
    decision = in_force(identification)
    if decision is None or decision.status not in PROTECTED:
        return ""
    if open_case_of(identification.person_id) is not None:
        return ""
    return str(decision.get_status_display())


def _create(*, actor: User, person_id: int, identification: Identification | None,
            reason: str) -> Case:  # fmt: skip
    _refuse_second(person_id, actor)
    now = timezone.now()
    previous = (
        Case.objects.filter(person_id=person_id, next_case__isnull=True)
        .exclude(status__in=OPEN_STATUSES).order_by("-opened_at", "-pk").first()
    )  # fmt: skip
    try:
        with transaction.atomic():
            case = Case.objects.create(
                person_id=person_id, identification=identification, previous=previous,
                year=now.year, sequence=sequence_next(register=REGISTER, year=now.year),
                opened_at=now, created_by=actor,
            )  # fmt: skip
    except IntegrityError:  # another worker opened one for the person at the same moment
        _refuse_second(person_id, actor)
        raise
    if reason:
        case.opening_reason = seal(reason, "case", case.pk, "opening_reason")
        case.save(update_fields=["opening_reason"])
    CaseTransition.objects.create(case=case, from_status="", to_status=CaseStatus.OPENED,
                                  actor=actor, at=now)  # fmt: skip
    from zastita.cases.proceedings.services import copy_to_case

    copy_to_case(actor=actor, case=case)  # the proceedings move to the case
    if identification is not None:
        assignment_carry(actor=actor, subject_type="case", record=case, source=identification)
    else:
        assignment_take(actor=actor, subject_type="case", record=case)
    audit_record(action=Action.CREATE, actor=actor, object_type="case", object_id=case.pk,
                 purpose=Purpose.CASE_WORK)  # fmt: skip
    return case


@transaction.atomic(durable=True)
def case_open(*, actor: User, identification: Identification) -> Case:
    """Opens the case proposed by the identification's decision in force (one step)."""
    locked = Identification.objects.select_for_update().filter(pk=identification.pk).first()
    if locked is None or not actor.has_perm("identification.view", locked):
        raise NotFound(denied=True, object_type="identification",
                       object_id=str(identification.pk))  # fmt: skip
    if not may_open_from(actor, locked):
        raise PermissionDenied(object_type="case", object_id="")
    # The person is locked as a merge locks them: a merge and an opening wait for each other.
    Person.objects.select_for_update().filter(pk=locked.person_id).first()
    decision = in_force(locked)
    if decision is None or decision.status not in PROTECTED:
        raise ValidationError(_("A case is opened for a presumed or an identified victim, "
                                "once the decision is approved."))  # fmt: skip
    return _create(actor=actor, person_id=locked.person_id, identification=locked, reason="")


@transaction.atomic(durable=True)
def case_open_pending(*, actor: User, person: Person, reason: str) -> Case:
    """Opens a case for a person whose status is not yet decided, who needs protection now;
    the reason is recorded (encrypted)."""
    if not actor.has_perm("cases.open") or not actor.has_perm("people.view", person):
        raise NotFound(denied=True, object_type="person", object_id=str(person.pk))
    if len(reason.strip()) < MIN_REASON:
        raise ValidationError(fields={"reason": [
            _("Say why the case cannot wait for the decision, in at least %(count)d characters.")
            % {"count": MIN_REASON}
        ]})  # fmt: skip
    Person.objects.select_for_update().filter(pk=person.pk).first()
    return _create(actor=actor, person_id=person.pk, identification=None, reason=reason.strip())


def closed_message() -> str:
    """What a write on a closed case is told (its services, its pages, its forms)."""
    return _("The case is closed: it is read-only until it is reopened.")


def case_for_work(actor: User, case: Case) -> Case:
    """The case, locked, for who may work on it (missing and forbidden alike not found; a
    reader who does not work on cases refused); a closed case is read-only. Every write on
    what hangs from a case starts here."""
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None or not actor.has_perm("cases.view", locked):
        raise NotFound(denied=True, object_type="case", object_id=str(case.pk))
    if not actor.has_perm("cases.work", locked):
        raise PermissionDenied(object_type="case", object_id=str(case.pk))
    if not locked.is_open:
        raise ValidationError(closed_message())
    return locked


def _refuse_open_work(case: Case) -> None:
    """A case is not closed while a service it arranged or a task of its plan in force is
    still open: the message names each, to be ended (or handed over) first."""
    named = open_work(case)
    if named:
        raise ValidationError(fields={"reason": [
            _("End these first, or hand them over: %(open)s.") % {"open": "; ".join(named)}
        ]})  # fmt: skip


def open_work(case: Case) -> list[str]:
    """The services and plan tasks of the case still open, each named for a message."""
    from zastita.cases.engagements.services import open_engagements
    from zastita.cases.plans.selectors import open_tasks

    named: list[str] = [
        _("the service “%(kind)s”%(provider)s, requested on %(date)s") % {
            "kind": e.get_kind_display(),
            "provider": f" ({e.provider.name})" if e.provider else "",
            "date": e.requested_on.strftime("%d.%m.%Y"),
        }
        for e in open_engagements(case)
    ] + [
        _("task %(goal)s.%(task)s of the %(plan)s, due on %(date)s") % {
            "goal": t.goal.position, "task": t.position, "plan": t.goal.plan.get_kind_display(),
            "date": t.due_on.strftime("%d.%m.%Y"),
        }
        for t in open_tasks(case)
    ]  # fmt: skip
    return [str(n) for n in named]


@transaction.atomic(durable=True)
def case_transition(*, actor: User, case: Case, to: str, reason: str = "",
                    version: int | None) -> Case:  # fmt: skip
    """Moves the case along the table of `workflow`; closing and reopening need a reason.
    Closing is not a step taken here: the head of service's approval of the closure form
    takes it (`cases.closures`)."""
    return transition_within(actor=actor, case=case, to=to, reason=reason, version=version)


def transition_within(*, actor: User, case: Case, to: str, reason: str = "",
                      version: int | None, closing: bool = False) -> Case:  # fmt: skip
    """The step, inside the caller's transaction; `closing` only from an approved closure
    form. Returns the case, with the step taken as `last_step`."""
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None or not actor.has_perm("cases.view", locked):
        raise NotFound(denied=True, object_type="case", object_id=str(case.pk))
    if not actor.has_perm("cases.work", locked):
        raise PermissionDenied(object_type="case", object_id=str(case.pk))
    step = workflow.find(locked.status, to)
    if step is None:
        raise ValidationError(_("This step is not possible from the case's present status."))
    if step.by_closure_form and not closing:
        raise ValidationError(fields={"reason": [_(
            "A case is closed by its closure form (form 12), once the head of service "
            "approves it: prepare the closure below."
        )]})  # fmt: skip
    if step.needs_reason and len(reason.strip()) < MIN_REASON:
        raise ValidationError(fields={"reason": [
            _("Give the reason in at least %(count)d characters.") % {"count": MIN_REASON}
        ]})  # fmt: skip
    check_version(locked.version, version)
    if step.to in (CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED):
        _refuse_open_work(locked)
    reopening = step.to == CaseStatus.ACTIVE and not locked.is_open
    if reopening:
        _refuse_second(locked.person_id, actor)  # still one open case per person
    now = timezone.now()
    before = locked.status
    locked.status = step.to
    locked.closed_at = None if locked.is_open else now
    locked.version += 1
    try:
        with transaction.atomic():
            locked.save(update_fields=["status", "closed_at", "version", "updated_at"])
    except IntegrityError:  # another case was opened for the person at the same moment
        _refuse_second(locked.person_id, actor)
        raise
    row = CaseTransition.objects.create(case=locked, from_status=before, to_status=step.to,
                                        actor=actor, at=now)  # fmt: skip
    from zastita.cases.reviews.clock import review_start, review_stop

    if not locked.is_open:  # closed: no review is due any more
        review_stop(locked, at=now, actor=actor, cancel=True)
    elif reopening and locked.plans.filter(approved_at__isnull=False).exists():
        review_start(locked, at=now, actor=actor)  # a new period, with its reviews
    if reason.strip():
        row.reason = seal(reason.strip(), "case_transition", row.pk, "reason")
        row.save(update_fields=["reason"])
    audit_record(action=Action.TRANSITION, actor=actor, object_type="case",
                 object_id=locked.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    locked.last_step = row  # type: ignore[attr-defined]
    return locked
