"""Thin view: a review recorded from the case's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zastita.accounts.requests import actor_of
from zastita.audit.access import personal_data
from zastita.audit.models import Purpose
from zastita.cases.reviews import services
from zastita.cases.reviews.forms import ReviewForm
from zastita.cases.reviews.selectors import goal_choices
from zastita.cases.selectors import case_get_for_actor
from zastita.core.errors import ValidationError
from zastita.core.forms import apply_errors


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def review_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_get_for_actor(actor=actor, case_id=case_id)
    form = ReviewForm(request.POST, goals=goal_choices(case))
    if form.is_valid():
        d = form.cleaned_data
        try:
            review = services.review_record(
                actor=actor, case=case, held_on=d["held_on"], progress=form.progress(),
                outcome=d["outcome"], assessment=d["assessment"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The review is recorded."))
            if review.revised_plan_id:
                return redirect("cases:plan", plan_id=review.revised_plan_id)
            return redirect("cases:detail", case_id=case.pk)
    from zastita.cases.views import case_page

    return case_page(request, actor, case, review_form=form)
