"""Writes for protection plans. A draft revision gets its goals, tasks and sharing consents
one at a time (each a stale-version check, so two editors get a conflict); approval of its
written form by the head of service makes it read-only, starts its tasks' deadlines and
sets aside the revision before it. A change to an approved plan is a new revision."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.capabilities import Capability
from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.models import (
    Case,
    Closure,
    Goal,
    Plan,
    PlanKind,
    PlanSharing,
    Responsible,
    Task,
    TaskStatus,
)
from zastita.cases.plans import tasks as task_clock
from zastita.cases.services import case_for_work, closed_message
from zastita.core.concurrency import check_version
from zastita.core.crypto import seal, unseal
from zastita.core.errors import ValidationError
from zastita.partners.models import Provider

MAX_TEXT = 2_000
MIN_REASON = 5
# A due date further away than this is a typing error, not a plan.
MAX_HORIZON = datetime.timedelta(days=3 * 366)


def _audit(actor: User, action: Action, object_type: str, object_id: int) -> None:
    audit_record(action=action, actor=actor, object_type=object_type, object_id=object_id,
                 purpose=Purpose.CASE_WORK)  # fmt: skip


def _draft(actor: User, plan: Plan, version: int | None) -> Plan:
    """The plan, locked, still a draft, at the version the editor read."""
    case_for_work(actor, plan.case)
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_draft:
        raise ValidationError(_("This plan is approved and no longer changes: revise it to "
                                "change it."))  # fmt: skip
    check_version(locked.version, version)
    return locked


def _bump(plan: Plan) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])


def _text(value: str, field: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(fields={field: [_("Write the %(what)s.") % {"what": what}]})
    if len(value) > MAX_TEXT:
        raise ValidationError(fields={field: [
            _("At most %(count)d characters.") % {"count": MAX_TEXT}]})  # fmt: skip
    return value


def latest_revision(case: Case, kind: str) -> Plan | None:
    return case.plans.filter(kind=kind).order_by("-revision").first()


@transaction.atomic(durable=True)
def plan_start(*, actor: User, case: Case, kind: str) -> Plan:
    """Starts the case's initial plan (right after opening), or its service plan (once the
    initial plan is approved). The initial plan's text starts from the identification's
    approved needs and state assessment, where its sections fit."""
    locked = case_for_work(actor, case)
    if kind not in PlanKind.values:
        raise ValidationError(fields={"kind": [_("Choose a plan from the list.")]})
    if latest_revision(locked, kind) is not None:
        raise ValidationError(_("This plan is already started: open it from the case."))
    if kind == PlanKind.SERVICE:
        initial = latest_revision(locked, PlanKind.INITIAL)
        if initial is None or initial.is_draft:
            raise ValidationError(_("The service plan follows the approved initial plan."))
    plan = Plan.objects.create(case=locked, kind=kind, plan_date=timezone.localdate(),
                               created_by=actor)  # fmt: skip
    _audit(actor, Action.CREATE, "plan", plan.pk)
    from zastita.cases.plans.written import prefill

    prefill(actor, plan)
    return plan


@transaction.atomic(durable=True)
def plan_revise(*, actor: User, plan: Plan) -> Plan:
    """A new revision of an approved plan: its goals, its open tasks (carrying them on) and
    its sharing consents copied, the approved text as the new draft's start. The approved
    revision stays as it was."""
    case_for_work(actor, plan.case)
    return revise_within(actor=actor, plan=plan)


def revise_within(*, actor: User, plan: Plan) -> Plan:
    """`plan_revise` inside the caller's transaction (a review that decides to revise)."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = latest_revision(locked.case, locked.kind)
    if locked.is_draft or latest is None or latest.pk != locked.pk:
        raise ValidationError(_("Only the latest approved revision of a plan is revised."))
    new = Plan.objects.create(
        case=locked.case, kind=locked.kind, revision=locked.revision + 1, revises=locked,
        plan_date=timezone.localdate(), participation=locked.participation, created_by=actor,
    )  # fmt: skip
    goals: dict[int, Goal] = {}
    for goal in locked.goals.all():
        copy = Goal.objects.create(plan=new, position=goal.position, text="")
        copy.text = seal(unseal(goal.text, "plan_goal", goal.pk, "text"), "plan_goal", copy.pk,
                         "text")  # fmt: skip
        copy.save(update_fields=["text"])
        goals[goal.pk] = copy
    for task in Task.objects.filter(goal__plan=locked, status=TaskStatus.OPEN):
        carried = Task.objects.create(
            goal=goals[task.goal_id], position=task.position, text="",
            responsible=task.responsible, worker_id=task.worker_id,
            provider_id=task.provider_id, due_on=task.due_on, carries=task,
        )  # fmt: skip
        carried.text = seal(unseal(task.text, "plan_task", task.pk, "text"), "plan_task",
                            carried.pk, "text")  # fmt: skip
        carried.save(update_fields=["text"])
    for share in locked.sharing.all():
        PlanSharing.objects.create(plan=new, goal=goals[share.goal_id],
                                   provider_id=share.provider_id,
                                   consented_on=share.consented_on)  # fmt: skip
    _audit(actor, Action.CREATE, "plan", new.pk)
    from zastita.cases.plans.written import prefill

    prefill(actor, new, source=locked)
    return new


@transaction.atomic(durable=True)
def plan_details_save(*, actor: User, plan: Plan, participation: str,
                      consented_on: datetime.date | None, version: int | None) -> Plan:  # fmt: skip
    """How the person took part, and when they agreed to the plan."""
    locked = _draft(actor, plan, version)
    if consented_on is not None and (
        consented_on > timezone.localdate() or consented_on < locked.case.opened_at.date()
    ):
        raise ValidationError(fields={"consented_on": [
            _("The date is between the case's opening and today.")]})  # fmt: skip
    locked.participation, locked.consented_on = participation, consented_on
    locked.version += 1
    locked.save(update_fields=["participation", "consented_on", "version", "updated_at"])
    _audit(actor, Action.UPDATE, "plan", locked.pk)
    return locked


@transaction.atomic(durable=True)
def goal_add(*, actor: User, plan: Plan, text: str, version: int | None) -> Goal:
    """A goal agreed with the person, in their words (encrypted)."""
    locked = _draft(actor, plan, version)
    value = _text(text, "text", _("goal"))
    position = locked.goals.count() + 1
    goal = Goal.objects.create(plan=locked, position=position, text="")
    goal.text = seal(value, "plan_goal", goal.pk, "text")
    goal.save(update_fields=["text"])
    _bump(locked)
    _audit(actor, Action.CREATE, "plan_goal", goal.pk)
    return goal


def _responsible(responsible: str, worker: User | None, provider: Provider | None,
                 goal: Goal) -> tuple[User | None, Provider | None]:  # fmt: skip
    if responsible == Responsible.WORKER:
        if (
            worker is None
            or not worker.is_active
            or not (
                worker.has_capability(Capability.CASES_WORK)
                or worker.has_capability(Capability.CASES_COORDINATE)
            )
        ):
            raise ValidationError(fields={"worker": [_("Choose a worker of the Center.")]})
        return worker, None
    if responsible == Responsible.PROVIDER:
        if provider is None or not provider.is_active:
            raise ValidationError(fields={"provider": [_("Choose a provider from the register.")]})
        if not PlanSharing.objects.filter(goal=goal, provider=provider).exists():
            raise ValidationError(fields={"provider": [_(
                "The person has not agreed that this goal be shared with this provider: "
                "record their consent first."
            )]})  # fmt: skip
        return None, provider
    if responsible == Responsible.PERSON:
        return None, None
    raise ValidationError(fields={"responsible": [_("Choose who is responsible.")]})


@transaction.atomic(durable=True)
def task_add(*, actor: User, plan: Plan, goal_id: int | None, text: str, responsible: str,
             worker: User | None, provider: Provider | None, due_on: datetime.date | None,
             version: int | None) -> Task:  # fmt: skip
    """A task of a goal: who is responsible and by when (not before the plan's date)."""
    locked = _draft(actor, plan, version)
    goal = locked.goals.filter(pk=goal_id).first() if goal_id else None
    if goal is None:
        raise ValidationError(fields={"goal": [_("Choose one of the plan's goals.")]})
    value = _text(text, "text", _("task"))
    if due_on is None:
        raise ValidationError(fields={"due_on": [_("Give the date the task is due.")]})
    if due_on < locked.plan_date:
        raise ValidationError(fields={"due_on": [
            _("The task cannot be due before the plan's date (%(date)s).")
            % {"date": locked.plan_date.strftime("%d.%m.%Y")}]})  # fmt: skip
    if due_on > locked.plan_date + MAX_HORIZON:
        raise ValidationError(fields={"due_on": [_("The date is too far away.")]})
    worker, provider = _responsible(responsible, worker, provider, goal)
    task = Task.objects.create(goal=goal, position=goal.tasks.count() + 1, text="",
                               responsible=responsible, worker=worker, provider=provider,
                               due_on=due_on)  # fmt: skip
    task.text = seal(value, "plan_task", task.pk, "text")
    task.save(update_fields=["text"])
    _bump(locked)
    _audit(actor, Action.CREATE, "plan_task", task.pk)
    return task


@transaction.atomic(durable=True)
def sharing_add(
    *, actor: User, plan: Plan, goal_id: int | None, provider: Provider | None,
    consented_on: datetime.date | None, version: int | None,
) -> PlanSharing:  # fmt: skip
    """Records that the person agreed to share a goal with a provider, and when."""
    locked = _draft(actor, plan, version)
    goal = locked.goals.filter(pk=goal_id).first() if goal_id else None
    if goal is None:
        raise ValidationError(fields={"goal": [_("Choose one of the plan's goals.")]})
    if provider is None or not provider.is_active:
        raise ValidationError(fields={"provider": [_("Choose a provider from the register.")]})
    if consented_on is None or consented_on > timezone.localdate():
        raise ValidationError(fields={"consented_on": [
            _("Give the date the person agreed, not later than today.")]})  # fmt: skip
    if PlanSharing.objects.filter(goal=goal, provider=provider).exists():
        raise ValidationError(fields={"provider": [_("This consent is already recorded.")]})
    share = PlanSharing.objects.create(plan=locked, goal=goal, provider=provider,
                                       consented_on=consented_on)  # fmt: skip
    _bump(locked)
    _audit(actor, Action.CREATE, "plan_sharing", share.pk)
    return share


@transaction.atomic(durable=True)
def task_end(*, actor: User, task: Task, status: str, reason: str) -> Task:
    """A task of the approved plan is done or dropped: when, by whom and why (encrypted);
    its deadline stops (met, met late, or no longer needed)."""
    locked = Task.objects.select_for_update().select_related("goal__plan__case").get(pk=task.pk)
    plan = locked.goal.plan
    case_for_work(actor, plan.case)
    if plan.is_draft:
        raise ValidationError(_("A task is ended once the plan is approved; in a draft, "
                                "change the plan instead."))  # fmt: skip
    if locked.status != TaskStatus.OPEN:
        raise ValidationError(_("This task is already ended."))
    if status not in (TaskStatus.DONE, TaskStatus.DROPPED):
        raise ValidationError(fields={"status": [_("Choose done or dropped.")]})
    if len(reason.strip()) < MIN_REASON:
        raise ValidationError(fields={"reason": [
            _("Say briefly what was done, or why it was dropped.")]})  # fmt: skip
    return task_end_within(actor, locked, status, reason.strip())


def task_end_within(actor: User, locked: Task, status: str, reason: str,
                    settled_by: Closure | None = None) -> Task:  # fmt: skip
    """Ends the locked, checked task inside the caller's transaction (its page, or the
    approval of the case's closure); its deadline stops, met or no longer needed."""
    now = timezone.now()
    locked.status, locked.ended_at, locked.ended_by = status, now, actor
    locked.end_reason = seal(reason, "plan_task", locked.pk, "end_reason")
    locked.settled_by = settled_by
    locked.save(update_fields=["status", "ended_at", "ended_by", "end_reason", "settled_by"])
    task_clock.stop(locked, at=now, actor=actor, cancel=status != TaskStatus.DONE)
    _audit(actor, Action.TRANSITION, "plan_task", locked.pk)
    return locked


def lacking(plan_id: int) -> list[str]:
    """What a plan's records miss before its form is submitted or approved."""
    plan = Plan.objects.select_related("case").filter(pk=plan_id).first()
    if plan is None:
        return []
    problems: list[str] = []
    if not plan.case.is_open:
        problems.append(closed_message())
    goals = list(plan.goals.all())
    if not goals:
        problems.append(str(_("The plan has no goal: agree at least one with the person.")))
    without = [g.position for g in goals if not g.tasks.exists()]
    if without:
        problems.append(str(_("Goal %(numbers)s has no task.")
                            % {"numbers": ", ".join(map(str, without))}))  # fmt: skip
    if plan.consented_on is None:
        problems.append(str(_("Record the date the person agreed to the plan.")))
    return problems


def plan_approved(plan_id: int, approver: User) -> Plan:
    """Inside the approval's transaction: the revision is approved and read-only, the one
    before it is set aside (its open tasks carried into this one), and this one's open
    tasks start their deadlines."""
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    now = timezone.now()
    plan.approved_at = now
    plan.save(update_fields=["approved_at", "updated_at"])
    if plan.revises_id:
        before = Plan.objects.select_for_update().get(pk=plan.revises_id)
        before.superseded_at = now
        before.save(update_fields=["superseded_at", "updated_at"])
        for old in Task.objects.filter(goal__plan=before, status=TaskStatus.OPEN):
            old.status, old.ended_at = TaskStatus.CARRIED, now
            old.save(update_fields=["status", "ended_at"])
            task_clock.stop(old, at=now, actor=approver, cancel=True)
    for task in Task.objects.filter(goal__plan=plan, status=TaskStatus.OPEN):
        task_clock.start(task, at=now, actor=approver)
    from zastita.cases.reviews.clock import review_start_first

    review_start_first(plan.case, at=now, actor=approver)
    _audit(approver, Action.TRANSITION, "plan", plan.pk)
    return plan
