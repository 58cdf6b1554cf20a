"""Helpers for tests that need a protection plan: its written form, and a plan whose goals
and tasks are written, agreed with the person and approved by the head of service."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from zastita.cases.models import Plan, Task
from zastita.cases.plans import services as plans
from zastita.writtenforms.public import WrittenForm, form_approve, form_for_subject, form_save

SECTIONS = {"priorities": "Безбедност и смештај.", "participation": "Учествовала у свему."}


def plan_form(plan: Plan) -> WrittenForm:
    form = form_for_subject(plan.form_code, plan.pk)
    assert form is not None, "the plan's form was never saved"
    return form


def approve(author: Any, approver: Any, plan: Plan, sections: dict[str, str] | None = None) -> Plan:
    """The person's consent recorded, the text submitted by `author`, approved by
    `approver`."""
    plan.refresh_from_db()
    plans.plan_details_save(actor=author, plan=plan, participation="full",
                            consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    saved = form_for_subject(plan.form_code, plan.pk)
    form_save(actor=author, code=plan.form_code, subject_id=plan.pk,
              sections=sections or SECTIONS,
              base_version=saved.versions.count() if saved else 0)  # fmt: skip
    form = plan_form(plan)
    form_approve(actor=approver, form=form, version=form.versions.count())
    plan.refresh_from_db()
    return plan


def approved_plan(author: Any, approver: Any, case: Any, *, goal: str = "Да буде безбедна.",
                  task: str = "Наћи смештај.", days: int = 7) -> tuple[Plan, Task]:  # fmt: skip
    """The case's initial plan with one goal and one task (the person's), approved."""
    plan = plans.plan_start(actor=author, case=case, kind="initial")
    added = plans.goal_add(actor=author, plan=plan, text=goal, version=plan.version)
    plan.refresh_from_db()
    made = plans.task_add(
        actor=author, plan=plan, goal_id=added.pk, text=task, responsible="person",
        worker=None, provider=None, due_on=plan.plan_date + datetime.timedelta(days=days),
        version=plan.version,
    )  # fmt: skip
    return approve(author, approver, plan), made


CLOSURE = {"goals": "Сви циљеви су постигнути.", "follow_up": "Особа се јавља по потреби."}


def close_case(author: Any, approver: Any, case: Any, *, reason: str = "goals_reached",
               referred: bool = False, sections: dict[str, str] | None = None,
               settle_open: bool = False) -> Any:  # fmt: skip
    """The closure prepared by `author`, its form 12 submitted, and approved by `approver`
    (which closes the case). Returns the case as it is then."""
    from zastita.cases.closures.services import closure_start

    closure = closure_start(actor=author, case=case, reason=reason, referred=referred,
                            settle_open=settle_open)  # fmt: skip
    form_save(actor=author, code=closure.form_code, subject_id=closure.pk,
              sections=sections or CLOSURE, base_version=0)  # fmt: skip
    form = form_for_subject(closure.form_code, closure.pk)
    assert form is not None
    form_approve(actor=approver, form=form, version=form.versions.count())
    case.refresh_from_db()
    return case
