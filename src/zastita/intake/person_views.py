"""Setting aside a person of a report (found not to exist, or withdrawn), from the report's
page: the field-visit clock then no longer waits for them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zastita.accounts.requests import actor_of
from zastita.audit.access import personal_data
from zastita.audit.models import Purpose
from zastita.core.errors import NotFound, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.intake import selectors
from zastita.intake.field_visit import report_person_set_aside
from zastita.intake.models import ReportPerson, SetAside


class SetAsideForm(forms.Form):
    # Not required here: the service says what is missing, every problem at once.
    kind = forms.ChoiceField(
        label=gettext_lazy("The person is"),
        choices=[("", "—"), *SetAside.choices],
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


def form_for(report_person_id: int, data: object = None) -> SetAsideForm:
    return SetAsideForm(data, auto_id=f"id_aside{report_person_id}_%s")  # type: ignore[arg-type]


@personal_data("report", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def person_set_aside(request: HttpRequest, report_id: int, person_id: int) -> HttpResponse:
    """A person of another report, or of a report the user cannot see, is "not found"; bad
    input comes back on the report's page, at its field, with what was typed."""
    from zastita.intake.views import report_page

    actor = actor_of(request)
    report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
    if not actor.has_perm("intake.decide"):
        raise PermissionDenied(object_type="report_person", object_id=str(person_id))
    report_person = ReportPerson.objects.filter(pk=person_id, report=report).first()
    if report_person is None:
        raise NotFound(object_type="report_person", object_id=str(person_id))
    form = form_for(report_person.pk, request.POST)
    if form.is_valid():
        try:
            report_person_set_aside(
                actor=actor, report_person=report_person, kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The person is set aside: the field visit no longer waits for them.")
            )
            return redirect("intake:report_detail", report_id=report.pk)
    return report_page(
        request, actor, report, set_aside_form=form, set_aside_failed=report_person.pk
    )
