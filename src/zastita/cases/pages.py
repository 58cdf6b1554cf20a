"""The pages of a case's sections that write: arranging a service, the head of service's
decision on one, ending one, a monitoring contact, a review, preparing the closure. Each is
a page of its own (GET shows the form, a refused POST shows it again with the message at its
field and what was typed), so that the case's page renders no form of its sections."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zastita.accounts.models import User
from zastita.audit.access import note_read
from zastita.cases import selectors
from zastita.cases.models import Case, Engagement
from zastita.cases.services import closed_message
from zastita.core.errors import PermissionDenied


def case_to_work_on(actor: User, case_id: int) -> Case:
    """The case, for who may work on it: missing or out of scope not found, and a reader who
    does not work on cases (the director) refused as not found too."""
    case = selectors.case_get_for_actor(actor=actor, case_id=case_id)
    if not actor.has_perm("cases.work", case):
        raise PermissionDenied(object_type="case", object_id=str(case.pk))
    return case


def section_page(
    request: HttpRequest,
    *,
    case: Case,
    heading: str,
    form: forms.Form,
    submit: str,
    engagement: Engagement | None = None,
    unavailable: str = "",
    intro: str = "",
) -> HttpResponse:
    """One section's form on its page; `unavailable` says why nothing can be recorded now
    (a closed case, a decision already taken), and then an unbound form is not shown."""
    note_read(request, "case", case.pk)
    return render(request, "cases/section_form.html", {
        "case": case, "heading": heading, "submit": submit, "engagement": engagement,
        "intro": intro, "unavailable": unavailable,
        "form": None if unavailable and not form.is_bound else form,
    })  # fmt: skip


def closed_unless_open(case: Case) -> str:
    """Why nothing is recorded on the case now ("" while it is open)."""
    return "" if case.is_open else closed_message()
