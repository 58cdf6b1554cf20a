"""Thin views of the director's figures and of the costs of protection, with the costs'
exports (CSV and XLSX). Numbers, case numbers, codes and amounts: no personal data; an
export is recorded in the audit log."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.figures.costs import EXPORT_COLUMNS, cost_rows, cost_summary
from zastita.cases.figures.forms import PeriodForm, chosen_year
from zastita.cases.figures.selectors import FIGURES_PERMISSION, protection_figures
from zastita.core.errors import PermissionDenied


def _allowed(request: HttpRequest) -> None:
    if not actor_of(request).has_perm(FIGURES_PERMISSION):
        raise PermissionDenied(object_type="protection_figures")


@no_personal_data
@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """What the Center can prove, for a period (this year so far unless asked)."""
    _allowed(request)
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"start": today.replace(month=1, day=1).isoformat(),
                                      "end": today.isoformat()})  # fmt: skip
    result = None
    if form.is_valid():
        result = protection_figures(actor=actor_of(request), start=form.cleaned_data["start"],
                                    end=form.cleaned_data["end"])  # fmt: skip
    return render(request, "cases/figures.html", {"form": form, "result": result})


@no_personal_data
@login_required
@require_GET
def costs(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    form, year, valid = chosen_year(request.GET)
    summary = cost_summary(actor=actor_of(request), year=year) if valid else None
    # A case's page is the list's address and its id (`cases/urls.py`): one address reversed
    # for the fifty costliest cases instead of fifty.
    return render(request, "cases/costs.html", {
        "form": form, "summary": summary, "year": year, "case_url": reverse("cases:list"),
    })  # fmt: skip


def _headers() -> list[str]:
    labels = {
        "year": _("Year"), "case": _("Case number"), "service": _("Service"),
        "provider": _("Provider"), "funding": _("Paid from"),
        "funding_source": _("Project or donor"), "units": _("Quantity"), "unit": _("Unit"),
        "cost": _("Cost (RSD)"),
    }  # fmt: skip
    return [str(labels[c]) for c in EXPORT_COLUMNS]


@no_personal_data
@login_required
@require_GET
def costs_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every service counted in the year (or every year), one row each, as CSV or XLSX."""
    _allowed(request)
    form, year, valid = chosen_year(request.GET)
    if not valid or fmt not in ("csv", "xlsx"):
        return render(request, "cases/costs.html", {"form": form, "summary": None}, status=400)
    actor = actor_of(request)
    rows = cost_rows(actor=actor, year=year)
    name = f"costs-{year or 'all'}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(_headers())
        writer.writerows(rows)
        # A byte-order mark, so that spreadsheet programs read the Cyrillic as UTF-8.
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Costs"))
        sheet.append(_headers())
        for row in rows:
            sheet.append(list(row))
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(
            data.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    audit_record(action=Action.EXPORT, actor=actor, object_type="protection_costs",
                 object_id=str(year or "all"), purpose=Purpose.SUPERVISION)  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
