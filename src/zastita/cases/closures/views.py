"""Thin views for a case's closure: preparing it on a page of its own, and its form 12 on
the writtenforms platform's page under this app's address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.audit.access import personal_data
from zastita.audit.models import Purpose
from zastita.cases.closures import services
from zastita.cases.closures.forms import ClosureForm
from zastita.cases.closures.written import CODE, SUBJECT_TYPE
from zastita.cases.pages import case_to_work_on, closed_unless_open, section_page
from zastita.core.errors import ValidationError
from zastita.core.forms import apply_errors
from zastita.writtenforms import public as written_forms


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def closure_start(request: HttpRequest, case_id: int) -> HttpResponse:
    """Prepares the closure (or changes its reason) and opens its form, on a page of its
    own reached from the case."""
    actor = actor_of(request)
    case = case_to_work_on(actor, case_id)
    pending = services.pending_closure(case)
    if request.method == "POST":
        form = ClosureForm(request.POST)
        if form.is_valid():
            try:
                d = form.cleaned_data
                closure = services.closure_start(actor=actor, case=case, reason=d["reason"],
                                                 referred=d["referred"],
                                                 settle_open=d["settle_open"])  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("cases:closure_form", closure_id=closure.pk, kind=CODE)
    else:
        form = ClosureForm(initial={
            "reason": pending.reason, "referred": pending.referred,
            "settle_open": pending.settle_open,
        } if pending else None)  # fmt: skip
    return section_page(
        request, case=case, form=form, unavailable=closed_unless_open(case),
        heading=_("Change the reason") if pending else _("Prepare the closure"),
        submit=_("Save the reason") if pending else _("Prepare the closure form"),
        intro=_("The case is closed when the head of service approves the closure form. "
                "Services and tasks still open are ended first, or by the approval if you "
                "choose so below."),
    )  # fmt: skip


closure_form, closure_form_approve, closure_form_return, closure_form_print = (
    written_forms.views.mount_all("closure_id", SUBJECT_TYPE)
)
