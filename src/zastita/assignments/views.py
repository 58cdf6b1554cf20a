"""Thin views for assignments: a record's assignment (shown to who may see the record,
changed by the head of service) and the workload page with the move of a worker's open
records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.assignments import selectors, services
from zastita.assignments import teams as teams_service
from zastita.assignments.forms import AssignmentForm, MoveForm, TeamForm
from zastita.audit.access import note_read, personal_data
from zastita.audit.models import Purpose
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors


@personal_data("assignment", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def assignment(request: HttpRequest, subject_type: str, subject_id: int) -> HttpResponse:
    """A record's assignment and its history; the head of service changes it here. Who may
    not see the record, or may not assign, finds nothing."""
    actor = actor_of(request)
    spec = services.assignable(subject_type)
    if not spec.can_view(actor, subject_id):
        raise NotFound(denied=True, object_type=spec.code, object_id=str(subject_id))
    if not actor.has_perm("assignments.assign"):
        raise PermissionDenied(object_type=f"{spec.code}_assignment", object_id=str(subject_id))
    record: Any = spec.model._default_manager.get(pk=subject_id)
    note_read(request, spec.code, subject_id)
    initial = {
        "assignee": record.assigned_to_id, "team": record.team_id,
        "coworkers": list(record.coworkers.values_list("pk", flat=True)),
        "version": record.version,
    }  # fmt: skip
    form = AssignmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        chosen = services.Assignment(
            assignee=d["assignee"], team=d["team"], coworkers=tuple(d["coworkers"])
        )
        try:
            services.assignment_set(
                actor=actor, subject_type=spec.code, subject_id=subject_id, chosen=chosen,
                version=d["version"],
            )  # fmt: skip
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The assignment is saved."))
            return redirect(spec.link(subject_id))
    return render(request, "assignments/assignment.html", {
        "spec": spec, "reference": spec.reference(subject_id), "link": spec.link(subject_id),
        "form": form, "history": selectors.history(subject_type=spec.code, subject_id=subject_id),
    })  # fmt: skip


@personal_data("workload", purpose=Purpose.SUPERVISION)
@login_required
@require_http_methods(["GET", "POST"])
def workload(request: HttpRequest) -> HttpResponse:
    """Who carries what: per worker, open records of each type, running and breached
    deadlines; the records nobody has; the move of one worker's open records to another."""
    actor = actor_of(request)
    load = selectors.workload(actor=actor)
    # The staff's names and how much each carries.
    for worker in load.workers:
        note_read(request, "user", worker.user.pk)
    form = MoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.assignments_move(
                actor=actor, from_user=form.cleaned_data["from_user"],
                to_user=form.cleaned_data["to_user"], subject_types=[t.code for t in load.types],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(n)s open records were moved.") % {"n": moved})
            return redirect("assignments:workload")
    return render(request, "assignments/workload.html", {"load": load, "form": form})


@personal_data("team", purpose=Purpose.ADMINISTRATION)
@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    teams = teams_service.team_list(actor=actor_of(request))
    for team in teams:  # its members, by name
        note_read(request, "team", team.pk)
    return render(request, "assignments/team_list.html", {"teams": teams})


@personal_data("team", purpose=Purpose.ADMINISTRATION)
@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, team_id: int | None = None) -> HttpResponse:
    """A new team, or a team's name, members and whether it is active."""
    actor = actor_of(request)
    team = teams_service.team_get(actor=actor, team_id=team_id) if team_id else None
    if team is None:
        teams_service.team_list(actor=actor)  # the permission, before any form
    else:
        note_read(request, "team", team.pk)
    initial = {
        "name": team.name, "is_active": team.is_active, "version": team.version,
        "members": list(team.members.values_list("pk", flat=True)),
    } if team else {}  # fmt: skip
    form = TeamForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            teams_service.team_save(
                actor=actor, team=team, name=d["name"], members=d["members"],
                is_active=d["is_active"], version=d["version"],
            )  # fmt: skip
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The team is saved."))
            return redirect("assignments:teams")
    return render(request, "assignments/team_edit.html", {"team": team, "form": form})
