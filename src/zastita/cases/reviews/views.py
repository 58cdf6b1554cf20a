"""Thin view: a review, recorded on a page of its own reached from the case."""

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
from zastita.cases.pages import case_to_work_on, closed_unless_open, section_page
from zastita.cases.reviews import services
from zastita.cases.reviews.forms import ReviewForm
from zastita.cases.reviews.selectors import goal_choices
from zastita.core.errors import ValidationError
from zastita.core.forms import apply_errors


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_to_work_on(actor, case_id)
    goals = goal_choices(case)
    if request.method == "POST":
        form = ReviewForm(request.POST, goals=goals)
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
    else:
        form = ReviewForm(goals=goals, initial={"held_on": timezone.localdate()})
    unavailable = closed_unless_open(case)
    if not goals and not unavailable:
        unavailable = _("The first review is due once a plan is approved.")
    return section_page(request, case=case, heading=_("Record a review"), form=form,
                        submit=_("Record the review"), unavailable=unavailable)  # fmt: skip
