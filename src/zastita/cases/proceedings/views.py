"""Thin views: the case's proceedings with their history (where one is recorded), and the
page that changes one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.audit.access import note_read, personal_data
from zastita.audit.models import Purpose
from zastita.cases.proceedings import selectors, services
from zastita.cases.proceedings.forms import ChangeForm
from zastita.cases.selectors import case_get_for_actor
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.identification.public import ProceedingForm


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def proceedings(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case's proceedings, each with its history; who works on the case records one
    here (refused, the form comes back with the message at its field and what was typed)."""
    actor = actor_of(request)
    case = case_get_for_actor(actor=actor, case_id=case_id)
    can_work = actor.has_perm("cases.work", case) and case.is_open
    form = ProceedingForm(request.POST if request.method == "POST" else None, auto_id="proc_%s")
    if request.method == "POST":
        if not can_work:  # who only reads the case, or a closed case
            raise PermissionDenied(object_type="case", object_id=str(case.pk))
        if form.is_valid():
            try:
                services.proceeding_add(
                    actor=actor, case=case, data=services.ProceedingInput(**form.cleaned_data)
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The proceeding is recorded."))
                return redirect("cases:proceedings", case_id=case.pk)
    note_read(request, "case", case.pk)
    return render(request, "cases/proceedings.html", {
        "case": case, "rows": selectors.case_proceedings(case, history=True),
        "form": form, "can_work": can_work,
    })  # fmt: skip


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def proceeding_change(request: HttpRequest, proceeding_id: int) -> HttpResponse:
    """A new stage, role or consent of one proceeding; the earlier state stays in its
    history."""
    actor = actor_of(request)
    proceeding = selectors.proceeding_get_for_actor(actor=actor, proceeding_id=proceeding_id)
    if not actor.has_perm("cases.work", proceeding.case):  # who only reads the case
        raise PermissionDenied(object_type="case_proceeding", object_id=str(proceeding.pk))
    if request.method == "POST":
        form = ChangeForm(request.POST, auto_id="change_%s")
        if form.is_valid():
            d = dict(form.cleaned_data)
            note, version = d.pop("note"), d.pop("version")
            try:
                services.proceeding_change(
                    actor=actor, proceeding=proceeding, data=services.ProceedingInput(**d),
                    note=note, version=version,
                )  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The change is recorded."))
                return redirect("cases:proceedings", case_id=proceeding.case_id)
    else:
        authority, reference = services.texts(proceeding)
        form = ChangeForm(auto_id="change_%s", initial={
            "stage": proceeding.stage, "role": proceeding.role, "consent": proceeding.consent,
            "consent_on": proceeding.consent_on, "authority": authority,
            "reference": reference, "version": proceeding.version,
        })  # fmt: skip
    note_read(request, "case", proceeding.case_id)
    return render(request, "cases/proceeding_change.html",
                  {"proceeding": proceeding, "form": form})  # fmt: skip
