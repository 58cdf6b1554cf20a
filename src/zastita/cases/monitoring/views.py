"""Thin view: a monitoring contact, recorded on a page of its own reached from the case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.audit.access import personal_data
from zastita.audit.models import Purpose
from zastita.cases.monitoring import services
from zastita.cases.monitoring.forms import ContactForm
from zastita.cases.pages import case_to_work_on, closed_unless_open, section_page
from zastita.cases.plans.selectors import open_tasks, task_choices
from zastita.core.errors import ValidationError
from zastita.core.forms import apply_errors


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_to_work_on(actor, case_id)
    tasks = task_choices(open_tasks(case))
    if request.method == "POST":
        form = ContactForm(request.POST, tasks=tasks)
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
    else:
        form = ContactForm(tasks=tasks, initial={"held_on": timezone.localdate(),
                                                 "with_whom": "person"})  # fmt: skip
    return section_page(request, case=case, heading=_("Record a contact"), form=form,
                        submit=_("Record the contact"),
                        unavailable=closed_unless_open(case))  # fmt: skip
