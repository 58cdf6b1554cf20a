"""Thin views for cases: the list, the case's page, its steps, and opening one from an
identification."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.assignments.public import assign_url
from zastita.audit.access import no_personal_data, note_nothing_shown, note_read, personal_data
from zastita.audit.models import Purpose
from zastita.cases import selectors, services, workflow
from zastita.cases.forms import FilterForm, OpenPendingForm, TransitionForm
from zastita.cases.models import Case, CaseStatus
from zastita.cases.selectors import case_documents
from zastita.core.addresses import address_of
from zastita.core.crypto import unseal
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.core.paging import request_pager
from zastita.identification.public import identification_get_for_actor
from zastita.people.public import person_by_code


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    """A case opened before the decision, for a person who needs protection now: the
    person by their code (one outside the worker's scope answers as a code that finds
    nobody, until opened with a stated reason), and the reason, kept encrypted."""
    actor = actor_of(request)
    if not actor.has_perm("cases.open"):
        raise PermissionDenied(object_type="case")
    form = OpenPendingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person = person_by_code(actor=actor, code=form.cleaned_data["code"])
        if person is None or person.merged_into_id or not actor.has_perm("people.view", person):
            form.add_error("code", _("No record has this code."))
        else:
            try:
                case = services.case_open_pending(
                    actor=actor, person=person, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
                return redirect("cases:detail", case_id=case.pk)
    note_nothing_shown(request)  # only what the user typed is on the page
    return render(request, "cases/new.html", {"form": form})


@no_personal_data
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """Numbers, person codes, statuses and the case manager: nothing decrypted."""
    actor = actor_of(request)
    form = FilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = selectors.case_list(
        actor=actor, status=status, pager=request_pager(request, selectors.PAGE_SIZE)
    )
    return render(request, "cases/list.html", {
        "form": form, "cases": page.rows, "page": page,
        "can_open": actor.has_perm("cases.open"),
    })  # fmt: skip


def _writable(may_issue: bool, codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The documents the actor may write from the case's page: (type code, label)."""
    if not may_issue:
        return []
    from zastita.documents.public import type_label

    return [(code, type_label(code)) for code in codes]


def case_page(request: HttpRequest, actor: User, case: Case, **extra: object) -> HttpResponse:
    """The case's page; a refused step of its workflow comes back bound in `extra`."""
    note_read(request, "case", case.pk)
    note_read(request, "person", case.person_id)
    timeline = selectors.case_timeline(case)
    can_work = actor.has_perm("cases.work", case)
    # Closing is the closure form's approval, prepared in its own section.
    steps = [s for s in workflow.allowed(case.status) if not s.by_closure_form] if can_work else []
    failed_step = extra.pop("failed_step", None)
    transition_form = extra.pop("transition_form", None)
    offered = {str(s.to) for s in steps}
    # The earlier case, only to who may see it: another worker's is not even named.
    previous = case.previous if case.previous_id else None
    if previous is not None and not actor.has_perm("cases.view", previous):
        previous = None
    from zastita.cases.documents import CASE_WRITTEN, service_written
    from zastita.cases.engagements.selectors import service_rows
    from zastita.cases.engagements.table import service_table_rows
    from zastita.cases.monitoring.selectors import contact_lines
    from zastita.cases.plans.selectors import plans_summary, startable
    from zastita.cases.proceedings.selectors import case_proceedings
    from zastita.cases.reviews.selectors import next_review, review_lines

    engagements = service_rows(case)
    can_decide = actor.has_perm("cases.approve", case) and case.is_open
    may_issue = actor.has_perm("documents.issue")
    end_url, decide_url = address_of("cases:engagement_end"), address_of("cases:engagement_decide")
    write_url: dict[str, Callable[[int], str]] = {}
    for item in engagements:
        item.end_url, item.decide_url = end_url(item.pk), decide_url(item.pk)
        item.papers = [
            (write_url.setdefault(code, address_of("documents:write", code))(item.pk), label)
            for code, label in _writable(may_issue, service_written(item))
        ]
    plans = plans_summary(case)
    reviews = review_lines(case)
    upcoming = next_review(case)
    # Newest first: the one prepared, not yet approved (sorted here, as the sections' rows).
    closures = sorted(case.closures.order_by(), key=lambda c: c.pk, reverse=True)
    pending = next((c for c in closures if c.transition_id is None), None)
    # Each section's form is a page of its own, linked from here: a case with many services,
    # contacts and reviews renders none of them.
    return render(request, "cases/detail.html", {
        "reviews": reviews,
        "next_review": upcoming,
        # The day it is due (the deadline runs to the end of that day).
        "next_review_on": timezone.localtime(upcoming.due_at - datetime.timedelta(seconds=1))
        if upcoming else None,
        # A review is due once a plan is approved: its clock runs while the case is open.
        "may_review": can_work and case.is_open and upcoming is not None,
        "engagements": engagements,
        "service_rows": service_table_rows(engagements, can_decide=can_decide,
                                           can_work=can_work and case.is_open),
        "closure": pending,
        "documents": case_documents(actor, case, plans=plans, reviews=reviews,
                                    closures=closures, engagements=engagements),
        "case_written": _writable(may_issue, CASE_WRITTEN),
        "contacts": contact_lines(case),
        "proceedings": case_proceedings(case),
        "can_work": can_work and case.is_open,
        "can_decide": can_decide,
        "case": case,
        "plans": plans,
        "startable": startable(case, plans) if can_work else [],
        "can_see_providers": actor.has_perm("partners.providers"),
        "opening_reason": unseal(case.opening_reason, "case", case.pk, "opening_reason"),
        "timeline": timeline,
        "previous": previous,
        "steps": steps,
        "assign_url": assign_url(actor, "case", case.pk),
        "transition_form": transition_form,
        "failed_step": failed_step,
        "transition_unplaced": transition_form is not None and failed_step not in offered,
        **extra,
    })  # fmt: skip


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = selectors.case_get_for_actor(actor=actor, case_id=case_id)
    return case_page(request, actor, case)


@personal_data("case", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def case_transition(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    case = selectors.case_get_for_actor(actor=actor, case_id=case_id)
    to = request.POST.get("to", "")
    form = TransitionForm(request.POST, auto_id=f"id_{to if to in CaseStatus.values else 'x'}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_transition(
                actor=actor, case=case, to=d["to"], reason=d["reason"], version=d["version"]
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The case is now: %(status)s.")
                             % {"status": case.get_status_display()})  # fmt: skip
            return redirect("cases:detail", case_id=case.pk)
    return case_page(request, actor, case, transition_form=form, failed_step=to)


@personal_data("identification", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def case_open(request: HttpRequest, identification_id: int) -> HttpResponse:
    """Opens the case an approved decision proposes: one step, from the identification."""
    actor = actor_of(request)
    identification = identification_get_for_actor(actor=actor, identification_id=identification_id)
    if not services.may_open_from(actor, identification):
        # They see the identification: said plainly, on its page.
        messages.error(request, _("The case is opened by the identification's worker or the "
                                  "head of service."))  # fmt: skip
        return redirect("identification:detail", identification_id=identification.pk)
    try:
        case = services.case_open(actor=actor, identification=identification)
    except ValidationError as exc:
        messages.error(request, exc.summary())
        return redirect("identification:detail", identification_id=identification.pk)
    messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
    return redirect("cases:detail", case_id=case.pk)
