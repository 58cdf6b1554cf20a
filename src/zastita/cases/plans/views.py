"""Thin views for a case's plans: start one, its page (goals, tasks with their deadlines,
consents to share), each change, the end of a task, a new revision; the plan's written
form is the writtenforms platform's page under this app's address."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zastita.accounts.capabilities import Capability
from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.audit.access import note_read, personal_data
from zastita.audit.models import Purpose
from zastita.cases.models import Plan, Task
from zastita.cases.plans import selectors, services
from zastita.cases.plans.forms import (
    DetailsForm,
    EndTaskForm,
    GoalForm,
    SharingForm,
    TaskForm,
)
from zastita.cases.plans.services import latest_revision
from zastita.cases.plans.written import SUBJECT_TYPE
from zastita.cases.selectors import case_get_for_actor
from zastita.core.errors import Conflict, NotFound, ValidationError
from zastita.core.forms import apply_errors
from zastita.documents.public import documents_for_subject
from zastita.writtenforms import public as written_forms


def _workers() -> list[tuple[int, str]]:
    from zastita.intake.public import users_with

    people = {u.pk: u for u in users_with(Capability.CASES_WORK)}
    return [(pk, u.full_name) for pk, u in sorted(people.items(), key=lambda i: i[1].full_name)]


def _page(request: HttpRequest, actor: User, plan: Plan, **bound: Any) -> HttpResponse:
    note_read(request, "plan", plan.pk)
    note_read(request, "case", plan.case_id)
    note_read(request, "person", plan.case.person_id)
    goals = selectors.plan_goals(plan)
    bound_end, failed = bound.get("end_form"), bound.get("end_task")
    for goal_row in goals:
        for task_row in goal_row.tasks:
            pk = task_row.task.pk
            task_row.end_form = (bound_end if pk == failed and bound_end
                                 else EndTaskForm(auto_id=f"end{pk}_%s"))  # fmt: skip
    choices = [(row.goal.pk, f"{row.goal.position}. {row.text[:60]}") for row in goals]
    can_work = actor.has_perm("cases.work", plan.case) and plan.case.is_open
    editable = can_work and plan.is_draft
    form = written_forms.form_for_subject(plan.form_code, plan.pk)
    latest = latest_revision(plan.case, plan.kind)
    return render(request, "cases/plan.html", {
        "plan": plan, "case": plan.case, "goals": goals, "editable": editable,
        "can_work": can_work, "written": form,
        "form_url": written_forms.form_specs.get(plan.form_code).page_url(plan.pk),
        "can_revise": can_work and not plan.is_draft and latest is not None
        and latest.pk == plan.pk,
        "documents": documents_for_subject(actor=actor, subject_type=SUBJECT_TYPE,
                                           subject_id=plan.pk),
        "details_form": bound.get("details_form") or DetailsForm(initial={
            "participation": plan.participation, "consented_on": plan.consented_on,
            "version": plan.version}),
        "goal_form": bound.get("goal_form") or GoalForm(initial={"version": plan.version}),
        "task_form": bound.get("task_form") or TaskForm(
            initial={"version": plan.version}, goals=choices, workers=_workers()),
        "sharing_form": bound.get("sharing_form") or SharingForm(
            initial={"version": plan.version}, goals=choices),
        "end_task": failed,
        "end_form": bound_end,  # the refused one, also on its task's row
        "revisions": selectors.case_plans(plan.case),
    })  # fmt: skip


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    return _page(request, actor, selectors.plan_get_for_actor(actor=actor, plan_id=plan_id))


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def plan_start(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_get_for_actor(actor=actor, case_id=case_id)
    try:  # the kind comes from the button pressed; the service checks it
        plan = services.plan_start(actor=actor, case=case, kind=request.POST.get("kind", ""))
    except ValidationError as exc:
        messages.error(request, exc.summary())
        return redirect("cases:detail", case_id=case.pk)
    messages.success(request, _("The plan is started: agree its goals with the person."))
    return redirect("cases:plan", plan_id=plan.pk)


def _change(request: HttpRequest, plan_id: int, name: str, make: Any, act: Any,
            done: str) -> HttpResponse:  # fmt: skip
    """One change of a draft plan: the bound form, the service, back to the page with the
    message at its field (and what was typed) when it is refused."""
    actor = actor_of(request)
    plan = selectors.plan_get_for_actor(actor=actor, plan_id=plan_id)
    form = make(plan)
    if form.is_valid():
        try:
            act(actor, plan, form.cleaned_data)
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("cases:plan", plan_id=plan.pk)
    return _page(request, actor, plan, **{name: form})


def _goal_choices(plan: Plan) -> list[tuple[int, str]]:
    return [(row.goal.pk, f"{row.goal.position}. {row.text[:60]}")
            for row in selectors.plan_goals(plan)]  # fmt: skip


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def plan_details(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _change(
        request, plan_id, "details_form", lambda plan: DetailsForm(request.POST),
        lambda actor, plan, d: services.plan_details_save(
            actor=actor, plan=plan, participation=d["participation"],
            consented_on=d["consented_on"], version=d["version"]),
        _("Saved."),
    )  # fmt: skip


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def goal_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _change(
        request, plan_id, "goal_form", lambda plan: GoalForm(request.POST),
        lambda actor, plan, d: services.goal_add(actor=actor, plan=plan, text=d["text"],
                                                 version=d["version"]),
        _("The goal is added."),
    )  # fmt: skip


def _user(pk: int | None) -> User | None:
    return User.objects.filter(pk=pk).first() if pk else None


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def task_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _change(
        request, plan_id, "task_form",
        lambda plan: TaskForm(request.POST, goals=_goal_choices(plan), workers=_workers()),
        lambda actor, plan, d: services.task_add(
            actor=actor, plan=plan, goal_id=d["goal"], text=d["text"],
            responsible=d["responsible"], worker=_user(d["worker"]), provider=d["provider"],
            due_on=d["due_on"], version=d["version"]),
        _("The task is added."),
    )  # fmt: skip


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def sharing_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _change(
        request, plan_id, "sharing_form",
        lambda plan: SharingForm(request.POST, goals=_goal_choices(plan)),
        lambda actor, plan, d: services.sharing_add(
            actor=actor, plan=plan, goal_id=d["goal"], provider=d["provider"],
            consented_on=d["consented_on"], version=d["version"]),
        _("The consent is recorded."),
    )  # fmt: skip


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def plan_revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_get_for_actor(actor=actor, plan_id=plan_id)
    try:
        new = services.plan_revise(actor=actor, plan=plan)
    except ValidationError as exc:
        messages.error(request, exc.summary())
        return redirect("cases:plan", plan_id=plan.pk)
    messages.success(request, _("A new revision of the plan is started."))
    return redirect("cases:plan", plan_id=new.pk)


@personal_data("plan", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def task_end(request: HttpRequest, task_id: int) -> HttpResponse:
    actor = actor_of(request)
    task = Task.objects.select_related("goal__plan").filter(pk=task_id).first()
    if task is None:
        raise NotFound(object_type="plan_task", object_id=str(task_id))
    plan = selectors.plan_get_for_actor(actor=actor, plan_id=task.goal.plan_id)
    form = EndTaskForm(request.POST, auto_id=f"end{task.pk}_%s")
    if form.is_valid():
        try:
            services.task_end(actor=actor, task=task, status=form.cleaned_data["status"],
                              reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The task is ended."))
            return redirect("cases:plan", plan_id=plan.pk)
    return _page(request, actor, plan, end_form=form, end_task=task.pk)


# The plan's written form is the writtenforms platform's page, under this app's address.
plan_form, plan_form_approve, plan_form_return, plan_form_print = written_forms.views.mount_all(
    "plan_id", SUBJECT_TYPE
)
