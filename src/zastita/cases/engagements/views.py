"""Thin views for the services arranged for a case, each a page of its own: arranging one,
the head of service's decision on one above the configured cost, and its end. A refusal
comes back with the message at its field and what was typed."""

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
from zastita.cases.engagements import services
from zastita.cases.engagements.forms import DecisionForm, EndForm, EngagementForm
from zastita.cases.engagements.selectors import engagement_get_for_actor
from zastita.cases.models import Decision
from zastita.cases.pages import case_to_work_on, closed_unless_open, section_page
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def engagement_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_to_work_on(actor, case_id)
    if request.method == "POST":
        form = EngagementForm(request.POST)
        if form.is_valid():
            try:
                data = services.EngagementInput(**form.cleaned_data)
                services.engagement_add(actor=actor, case=case, data=data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The service is recorded."))
                return redirect("cases:detail", case_id=case.pk)
    else:
        form = EngagementForm(initial={"requested_on": timezone.localdate()})
    return section_page(request, case=case, heading=_("Arrange a service"), form=form,
                        submit=_("Record the service"),
                        unavailable=closed_unless_open(case))  # fmt: skip


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def engagement_decide(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The head of service's decision on a service above the configured cost; once taken,
    the page says so."""
    actor = actor_of(request)
    engagement = engagement_get_for_actor(actor=actor, engagement_id=engagement_id)
    if not actor.has_perm("cases.approve", engagement.case):
        raise PermissionDenied(object_type="engagement", object_id=str(engagement.pk))
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.engagement_decide(actor=actor, engagement=engagement,
                                           approve=d["approve"], reasons=d["reasons"],
                                           version=d["version"])  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("cases:detail", case_id=engagement.case_id)
    else:
        form = DecisionForm(initial={"version": engagement.version})
    return section_page(
        request, case=engagement.case, heading=_("Decision on the service"), form=form,
        submit=_("Record the decision"), engagement=engagement,
        unavailable="" if engagement.decision == Decision.PENDING
        else _("The decision on this service is already recorded."),
    )  # fmt: skip


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def engagement_end(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The page that ends a service: when it ended and how it went (encrypted)."""
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
    return section_page(request, case=engagement.case, heading=_("End the service"), form=form,
                        submit=_("End the service"), engagement=engagement)  # fmt: skip
