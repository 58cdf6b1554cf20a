"""Thin views for a case's closure: preparing it from the case's page, and its form 12 on
the writtenforms platform's page under this app's address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from zastita.accounts.requests import actor_of
from zastita.audit.access import personal_data
from zastita.audit.models import Purpose
from zastita.cases import selectors
from zastita.cases.closures import services
from zastita.cases.closures.forms import ClosureForm
from zastita.cases.closures.written import CODE, SUBJECT_TYPE
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.writtenforms import public as written_forms


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def closure_start(request: HttpRequest, case_id: int) -> HttpResponse:
    """Prepares the closure and opens its form; a refused choice comes back on the case."""
    from zastita.cases.views import case_page

    actor = actor_of(request)
    case = selectors.case_get_for_actor(actor=actor, case_id=case_id)
    if not actor.has_perm("cases.work", case):  # who only reads the case (the director)
        raise PermissionDenied(object_type="case", object_id=str(case.pk))
    form = ClosureForm(request.POST, auto_id="id_closure_%s")
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
    return case_page(request, actor, case, closure_form=form)


closure_form, closure_form_approve, closure_form_return, closure_form_print = (
    written_forms.views.mount_all("closure_id", SUBJECT_TYPE)
)
