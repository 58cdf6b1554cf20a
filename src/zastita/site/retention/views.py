"""Thin view for the retention periods page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.audit.access import no_personal_data
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.site.retention import services
from zastita.site.retention.forms import RetentionPeriodForm


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    """Every retention rule with its period in force; the data-protection officer changes
    a rule's period (others get "not found")."""
    actor = request.user
    rows = services.retention_rows(actor=actor)
    codes = [row.rule.code for row in rows]
    failed: tuple[int, RetentionPeriodForm] | None = None
    if request.method == "POST":
        posted = request.POST.get("rule", "")
        index = codes.index(posted) if posted in codes else None
        form = RetentionPeriodForm(
            request.POST, auto_id=f"id_r{'x' if index is None else index}_%s"
        )
        if form.is_valid():
            if index is None:
                raise PermissionDenied(object_type=services.OBJECT_TYPE)
            try:
                services.retention_period_set(
                    actor=actor, rule_code=codes[index], years=form.cleaned_data["years"],
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                )  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The retention period is changed."))
                return redirect("site:retention")
        failed = (-1 if index is None else index, form)
    shown = []
    for i, row in enumerate(rows):
        if failed is not None and failed[0] == i:
            shown.append((row, failed[1]))
            continue
        form = RetentionPeriodForm(
            initial={"rule": row.rule.code, "version": row.version, "years": row.years},
            auto_id=f"id_r{i}_%s",
        )
        shown.append((row, form))
    stray = failed[1] if failed is not None and failed[0] == -1 else None
    return render(request, "site/retention.html", {"rows": shown, "stray": stray})
