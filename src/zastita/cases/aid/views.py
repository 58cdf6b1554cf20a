"""Thin view of aid in kind: the stock per donor and kind with the year's donors' report,
and (for the head of service) the form that records what a donor gave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data
from zastita.cases.aid import services
from zastita.cases.aid.forms import ReceiptForm
from zastita.cases.aid.selectors import stock
from zastita.cases.figures.forms import chosen_year
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.forms import apply_errors


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def aid(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    can_record = actor.has_perm(services.STOCK_PERMISSION)
    form = ReceiptForm(auto_id="id_stock_%s")
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(object_type="stock")
        form = ReceiptForm(request.POST, auto_id="id_stock_%s")
        if form.is_valid():
            try:
                services.stock_receive(actor=actor, data=services.ReceiptInput(**form.cleaned_data))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The stock received is recorded."))
                return redirect("cases:aid")
    year_form, year, valid = chosen_year(request.GET)
    summary = stock(actor=actor, year=year) if valid else None
    return render(request, "cases/aid.html", {
        "form": form, "year_form": year_form, "summary": summary, "can_record": can_record,
    })  # fmt: skip
