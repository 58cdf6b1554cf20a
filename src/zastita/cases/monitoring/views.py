"""Thin view: a monitoring contact recorded from the case's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zastita.accounts.requests import actor_of
from zastita.audit.access import personal_data
from zastita.audit.models import Purpose
from zastita.cases.monitoring import services
from zastita.cases.monitoring.forms import ContactForm
from zastita.cases.plans.selectors import open_tasks, task_choices
from zastita.cases.selectors import case_get_for_actor
from zastita.core.errors import ValidationError
from zastita.core.forms import apply_errors


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def contact_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_get_for_actor(actor=actor, case_id=case_id)
    form = ContactForm(request.POST, tasks=task_choices(open_tasks(case)))
    if form.is_valid():
        d = dict(form.cleaned_data)
        d["task_ids"] = d.pop("tasks")
        try:
            services.contact_record(actor=actor, case=case, data=services.ContactInput(**d))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The contact is recorded."))
            return redirect("cases:detail", case_id=case.pk)
    from zastita.cases.views import case_page

    return case_page(request, actor, case, contact_form=form)
