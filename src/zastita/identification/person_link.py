"""The page of a person described on a report: find them in the person registry, or register
them from what the report says, and link them to the report, with no code copied by hand.

One address, three steps posted to it (`step`): a search of the registry, linking a record
chosen from the results (by its id), and registering a new person, whose likely duplicates
are shown first, exactly as on the registry's own page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.audit.access import note_read, personal_data
from zastita.audit.models import Purpose
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.identification.registry_link import report_person_link_chosen, report_person_register
from zastita.identification.views import _report_person
from zastita.intake.public import ReportPerson, person_description
from zastita.people.public import (
    PersonCard,
    PersonForm,
    SearchForm,
    person_duplicates,
    person_search,
)


def _to_report(report_person: ReportPerson) -> HttpResponse:
    return redirect("intake:report_detail", report_id=report_person.report_id)


def _chosen_id(request: HttpRequest) -> int:
    """The record chosen from a list: its id as posted; anything else names no record."""
    value = request.POST.get("person", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 12 else 0


def _search(actor: User, form: SearchForm) -> list[PersonCard] | None:
    if not actor.has_perm("people.search"):
        raise PermissionDenied(object_type="person_search")
    return person_search(actor=actor, text=form.cleaned_data["q"]) if form.is_valid() else None


@personal_data("report_person", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def person_find(request: HttpRequest, report_person_id: int) -> HttpResponse:
    """Permission as for linking by code (`intake.decide` on the report); searching and
    linking need `people.search`, registering `people.create`. A report the actor may not
    see, or a person of it, is not found."""
    actor = actor_of(request)
    report_person = _report_person(actor, report_person_id, "intake.decide")
    if report_person.person_id is not None:
        messages.info(request, _("This person is already linked to the registry."))
        return _to_report(report_person)
    description = person_description(report_person)
    note_read(request, "report", report_person.report_id)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    search_form = SearchForm(request.POST if step == "search" else None)
    person_form = PersonForm(request.POST if step == "create" else None,
                             initial={"notes": description})  # fmt: skip
    cards: list[PersonCard] | None = None
    duplicates: list[PersonCard] | None = None
    link_error = ""
    if step == "search":
        cards = _search(actor, search_form)
    elif step == "link":
        try:
            report_person_link_chosen(
                actor=actor, report_person=report_person, person_id=_chosen_id(request)
            )
        except ValidationError as exc:
            link_error = exc.summary()
            # The list the choice came from, again, so another can be chosen.
            if request.POST.get("q"):
                search_form = SearchForm({"q": request.POST["q"]})
                cards = _search(actor, search_form)
        else:
            messages.success(request, _("The person is linked to the registry."))
            return _to_report(report_person)
    elif step == "create":
        if not actor.has_perm("people.create"):
            raise PermissionDenied(object_type="person", object_id="")
        if person_form.is_valid():
            identity, descriptive = person_form.identity(), person_form.descriptive()
            duplicates = person_duplicates(
                actor=actor, identity=identity, birth_year=descriptive["birth_year"]
            )
            # Likely duplicates are shown first; a new record only when the user says so.
            if not duplicates or person_form.cleaned_data["confirm_new"]:
                try:
                    report_person_register(
                        actor=actor, report_person=report_person, identity=identity,
                        **descriptive,
                    )  # fmt: skip
                except ValidationError as exc:
                    apply_errors(person_form, exc)
                else:
                    messages.success(
                        request, _("The person has been registered and linked to the report.")
                    )
                    return _to_report(report_person)
    for card in [*(cards or []), *(duplicates or [])]:
        note_read(request, "person", card.person.pk)
    context: dict[str, Any] = {
        "report_person": report_person,
        "report": report_person.report,
        "description": description,
        "search_form": search_form,
        "person_form": person_form,
        "cards": cards,
        "duplicates": duplicates,
        "link_error": link_error,
        "can_search": actor.has_perm("people.search"),
        "can_create": actor.has_perm("people.create"),
    }
    return render(request, "identification/person_find.html", context)
