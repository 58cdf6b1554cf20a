"""Thin views for the services arranged for a case: arrange one (from the case's page),
the head of service's decision (on the case's page), and the end of one (a page of its
own). A refusal comes back with the message at its field and what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.requests import actor_of
from zastita.audit.access import note_read, personal_data
from zastita.audit.models import Purpose
from zastita.cases.engagements import services
from zastita.cases.engagements.forms import DecisionForm, EndForm, EngagementForm
from zastita.cases.engagements.selectors import engagement_get_for_actor
from zastita.cases.selectors import case_get_for_actor
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors


def _case_page(request: HttpRequest, case_id: int, **bound: object) -> HttpResponse:
    from zastita.cases.views import case_page

    actor = actor_of(request)
    return case_page(request, actor, case_get_for_actor(actor=actor, case_id=case_id), **bound)


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def engagement_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_get_for_actor(actor=actor, case_id=case_id)
    form = EngagementForm(request.POST)
    if form.is_valid():
        try:
            services.engagement_add(actor=actor, case=case,
                                    data=services.EngagementInput(**form.cleaned_data))  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The service is recorded."))
            return redirect("cases:detail", case_id=case.pk)
    return _case_page(request, case.pk, engagement_form=form)


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def engagement_decide(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The head of service's decision, from the service's row on the case's page (its form
    with ids of its own); refused, the page again with the message at its field."""
    actor = actor_of(request)
    engagement = engagement_get_for_actor(actor=actor, engagement_id=engagement_id)
    form = DecisionForm(request.POST, auto_id=f"id_d{engagement.pk}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.engagement_decide(actor=actor, engagement=engagement, approve=d["approve"],
                                       reasons=d["reasons"], version=d["version"])  # fmt: skip
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("cases:detail", case_id=engagement.case_id)
    return _case_page(request, engagement.case_id, failed_engagement=engagement.pk,
                      decision_form=form)  # fmt: skip


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def engagement_end(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The page that ends a service: when it ended and how it went (encrypted); refused, it
    comes back with the message at its field and what was typed."""
    actor = actor_of(request)
    engagement = engagement_get_for_actor(actor=actor, engagement_id=engagement_id)
    if not actor.has_perm("cases.work", engagement.case):  # who only reads the case
        raise PermissionDenied(object_type="engagement", object_id=str(engagement.pk))
    if request.method == "POST":
        form = EndForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.engagement_end(actor=actor, engagement=engagement,
                                        ended_on=d["ended_on"], outcome=d["outcome"],
                                        version=d["version"])  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The service is ended."))
                return redirect("cases:detail", case_id=engagement.case_id)
    else:
        form = EndForm(initial={"version": engagement.version, "ended_on": timezone.localdate()})
    note_read(request, "case", engagement.case_id)
    return render(request, "cases/service_end.html", {"engagement": engagement, "form": form})
