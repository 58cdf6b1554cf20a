"""Thin views for the person registry. Names never travel in URLs: search is a POST."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.accounts.models import User
from zastita.audit.access import note_nothing_shown, note_read, personal_data
from zastita.audit.models import Purpose
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.people import selectors, services
from zastita.people.forms import PersonForm, SearchForm
from zastita.people.identity import unseal


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def person_search(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    if not actor.has_perm("people.search"):
        raise PermissionDenied(object_type="person_search")
    form = SearchForm(request.POST or None)
    cards = None
    if request.method == "POST" and form.is_valid():
        cards = selectors.person_search(actor=actor, text=form.cleaned_data["q"])
        for card in cards:
            note_read(request, "person", card.person.pk)
    if not cards:
        note_nothing_shown(request)
    context = {"form": form, "cards": cards, "can_create": actor.has_perm("people.create")}
    return render(request, "people/search.html", context)


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    if not actor.has_perm("people.create"):
        raise PermissionDenied(object_type="person")
    form = PersonForm(request.POST or None)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        identity, descriptive = form.identity(), form.descriptive()
        duplicates = selectors.person_duplicates(
            actor=actor, identity=identity, birth_year=descriptive["birth_year"]
        )
        for card in duplicates:
            note_read(request, "person", card.person.pk)
        # Likely duplicates are shown first; a new record only when the user says so.
        if not duplicates or form.cleaned_data["confirm_new"]:
            try:
                person = services.person_create(actor=actor, identity=identity, **descriptive)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The person has been registered."))
                return redirect("people:person_detail", person_id=person.pk)
    if not duplicates:
        note_nothing_shown(request)  # only what the user typed is on the page
    return render(request, "people/person_form.html", {"form": form, "duplicates": duplicates})


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = cast(User, request.user)
    person = selectors.person_get_for_actor(actor=actor, person_id=person_id)
    note_read(request, "person", person.pk)
    identity = None
    masked = not actor.has_perm("people.view_identity") or person.is_child or person.sealed
    if not masked:
        identity = unseal(person.identity, person.code)
    return render(
        request, "people/person_detail.html",
        {"person": person, "identity": identity, "masked": masked},
    )  # fmt: skip
