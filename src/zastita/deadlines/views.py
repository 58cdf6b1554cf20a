"""Thin views for deadlines: the targets page of the head of service."""

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
from zastita.deadlines import selectors, services
from zastita.deadlines.forms import TargetForm
from zastita.deadlines.selectors import split


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    """The time allowed for each kind of deadline, in hours or days, and its warnings:
    changed by the head of service, read by the director."""
    actor = request.user
    rows = selectors.target_rows(actor=actor)
    can_manage = actor.has_perm("deadlines.manage_targets")
    keys = [row.key for row in rows]
    failed: tuple[int, TargetForm] | None = None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(object_type="deadline_target")
        posted = request.POST.get("target", "")
        index = keys.index(posted) if posted in keys else None
        # The same ids as the row it came from, so the summary's links reach its fields.
        form = TargetForm(request.POST, auto_id=f"id_t{'x' if index is None else index}_%s")
        if form.is_valid():
            if index is None:
                raise PermissionDenied(object_type="deadline_target")
            row = rows[index]
            try:
                services.deadline_target_set(
                    actor=actor, kind=row.kind.code, variant=row.variant,
                    target=form.duration(), warn_at_percent=form.cleaned_data["warn_at_percent"],
                    expected_version=form.cleaned_data["version"],
                )  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The target is changed; new deadlines use it."))
                return redirect("deadlines:targets")
        failed = (-1 if index is None else index, form)
    shown = []
    for i, row in enumerate(rows):
        if failed is not None and failed[0] == i:
            shown.append((row, failed[1]))
            continue
        amount, unit = split(row.target)
        shown.append((row, TargetForm(initial={
            "target": row.key, "version": row.version, "amount": amount, "unit": unit,
            "warn_at_percent": ", ".join(str(p) for p in row.warn_at_percent),
        }, auto_id=f"id_t{i}_%s")))  # fmt: skip
    # Input for no row the page shows (a stale page): its errors above the table.
    stray = failed[1] if failed is not None and failed[0] == -1 else None
    return render(request, "deadlines/targets.html", {
        "rows": shown, "can_manage": can_manage, "stray": stray,
    })  # fmt: skip
