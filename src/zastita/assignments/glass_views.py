"""Thin views for break-the-glass: the form that opens a record outside one's scope with a
stated reason, and the head of service's page of every such opening."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from zastita.accounts.requests import actor_of
from zastita.assignments import glass
from zastita.assignments.models import GlassReason
from zastita.audit.access import no_personal_data, note_read, personal_data
from zastita.audit.models import Purpose
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.core.paging import id_parse, paginate


class GlassForm(forms.Form):
    # Not required here: the service says what is missing, every problem at once.
    reference = forms.CharField(
        label=gettext_lazy("Number or code of the record"), max_length=40, required=False
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Why do you open it?"),
        choices=[("", "—"), *GlassReason.choices], required=False,
    )  # fmt: skip
    explanation = forms.CharField(
        label=gettext_lazy("Explain, in a sentence"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The head of service reads this. At least 10 characters."),
    )  # fmt: skip


def _subject_id(request: HttpRequest) -> int | None:
    raw = (request.POST if request.method == "POST" else request.GET).get("id", "")
    return id_parse(raw)


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def glass_open(request: HttpRequest, subject_type: str) -> HttpResponse:
    """The record is named by `id` (from a "not found" page or a search result) or by the
    number the worker types. Nothing about the record is shown before the reason is given;
    a record the worker already sees opens at once."""
    actor = actor_of(request)
    spec = glass.scoped(subject_type)
    if not glass.may_break_glass(actor, spec):
        raise PermissionDenied(object_type=spec.code)
    subject_id = _subject_id(request)
    if request.method == "GET" and subject_id and glass.in_scope(actor, spec, subject_id):
        return redirect(spec.link(subject_id))
    data = request.POST if request.method == "POST" else None
    form = GlassForm(data, initial={"reference": request.GET.get("ref", "")[:40]})
    if data is not None and form.is_valid():
        try:
            access = glass.glass_open(
                actor=actor, subject_type=spec.code, subject_id=subject_id,
                reference=form.cleaned_data["reference"], reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            glass.grant(request, access)
            messages.warning(
                request, _("Opened with your stated reason. The head of service sees this access.")
            )
            return redirect(spec.link(access.subject_id))
    return render(request, "assignments/glass_open.html", {
        "spec": spec, "form": form, "subject_id": subject_id,
    })  # fmt: skip


@personal_data("glass_access", purpose=Purpose.SUPERVISION)
@login_required
def glass_list(request: HttpRequest) -> HttpResponse:
    """Every opening with a stated reason, for the head of service."""
    actor = actor_of(request)

    def pager(qs, ordering):  # type: ignore[no-untyped-def]
        return paginate(request, qs, ordering=ordering, size=50)

    page = glass.glass_list(actor=actor, pager=pager)
    for row in page.rows:
        note_read(request, "glass_access", row.pk)
    return render(request, "assignments/glass_list.html", {"page": page})
