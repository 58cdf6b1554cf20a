"""Thin views for the person registry. Names never travel in URLs: search is a POST."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.audit.access import note_nothing_shown, note_read, personal_data
from zastita.audit.models import Action, Purpose
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from zastita.core.filenames import download_name
from zastita.core.forms import apply_errors
from zastita.core.registries.person_sections import sections_for
from zastita.core.selectors import get_for_actor
from zastita.documents.public import documents_for_subject
from zastita.people import export, selectors, services
from zastita.people.forms import (
    EndRelationForm,
    MergeForm,
    PersonForm,
    RelationForm,
    RevealForm,
    SearchForm,
    SubjectAccessForm,
)
from zastita.people.identity import Identity, unseal
from zastita.people.models import DocumentHolder, DocumentType, Person, PersonRelation
from zastita.people.selectors import merged_family


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def person_search(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
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
    actor = actor_of(request)
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


def _detail(request: HttpRequest, actor: User, person: Person, **extra: object) -> HttpResponse:
    note_read(request, "person", person.pk)
    identity = cast(Identity | None, extra.pop("identity", None))
    masked = identity is None and (
        not actor.has_perm("people.view_identity") or person.is_child or person.sealed
    )
    if identity is None and not masked:
        identity = unseal(person.identity, person.code)
    documents = [
        {
            "type": DocumentType(d.type).label if d.type in DocumentType.values else d.type,
            "number": d.number,
            "issuer": d.issuer,
            "holder": DocumentHolder(d.holder).label if d.holder in DocumentHolder.values else "",
            "withheld": d.holder in DocumentHolder.withheld(),
        }
        for d in (identity.documents if identity else [])
    ]
    relations = selectors.person_relations(actor=actor, person=person)
    for row in relations:
        note_read(request, "person", row.relative.person.pk)
    # What the apps above know of the person (reports, identifications, …), only what this
    # viewer may see; each item shown is a read.
    # A kept record: with every record merged into it, at any depth.
    person_ids = (
        merged_family(person.pk) if person.merged_into_id is None
        else [person.pk, *person.merged_from.values_list("pk", flat=True)]
    )  # fmt: skip
    sections = sections_for(actor, person_ids)
    for _section, items in sections:
        for item in items:
            for object_type, object_id in item.audit:
                note_read(request, object_type, object_id)
    context = {
        "person": person,
        "identity": identity,
        "sections": sections,
        "relations": relations,
        "documents": documents,
        "needs_guardian": selectors.needs_guardian(person),
        "can_edit": actor.has_perm("people.view_identity"),
        "relation_form": extra.pop("relation_form", None) or RelationForm(),
        "masked": masked,
        "can_reveal": masked and actor.has_perm("people.view_identity"),
        "can_merge": actor.has_perm("people.merge"),
        "reveal_form": extra.pop("reveal_form", None) or RevealForm(),
        "official_documents": documents_for_subject(
            actor=actor, subject_type="person", subject_id=person.pk
        ),
        "can_write_note": actor.has_perm("documents.issue"),
        **extra,
    }
    return render(request, "people/person_detail.html", context)


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    person = selectors.person_get_for_actor(actor=actor, person_id=person_id)
    if person.merged_into_id:
        return redirect("people:person_detail", person_id=person.merged_into_id)
    return _detail(request, actor, person)


@personal_data("person", purpose=Purpose.BREAK_GLASS)
@login_required
@require_POST
def person_reveal(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    person = selectors.person_get_for_actor(actor=actor, person_id=person_id)
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            identity = services.person_reveal(
                actor=actor, person=person, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # Shown in this response only: the next visit is masked again.
            return _detail(request, actor, person, identity=identity, revealed=True)
    return _detail(request, actor, person, reveal_form=form)


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """Edits identity and descriptive fields. A child's or sealed file first asks why the
    name is needed, exactly as showing it does; a stale form is refused, never overwrites."""
    actor = actor_of(request)
    if not actor.has_perm("people.view_identity"):
        raise PermissionDenied(object_type="person", object_id=str(person_id))
    person = selectors.person_get_for_actor(actor=actor, person_id=person_id)
    if person.merged_into_id:
        return redirect("people:person_detail", person_id=person.merged_into_id)
    note_read(request, "person", person.pk)
    masked = person.is_child or person.sealed
    reveal_form = RevealForm()
    form = None
    if request.method == "POST" and request.POST.get("step") == "reveal":
        reveal_form = RevealForm(request.POST)
        if reveal_form.is_valid():
            try:
                identity = services.person_reveal(
                    actor=actor, person=person, reason=reveal_form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_errors(reveal_form, exc)
            else:
                initial = PersonForm.initial_for(person, identity)
                initial["reason"] = reveal_form.cleaned_data["reason"]
                form = PersonForm(initial=initial, editing=True, masked=True)
    elif request.method == "POST":
        # Whatever was posted, a masked file is saved only with a reason: the service says so.
        form = PersonForm(request.POST, editing=True, masked=masked)
        if form.is_valid():
            try:
                services.person_update(
                    actor=actor, person=person, version=form.cleaned_data["version"] or 0,
                    identity=form.identity(), reason=form.cleaned_data.get("reason", ""),
                    **form.descriptive(),
                )  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("people:person_detail", person_id=person.pk)
    elif not masked:
        identity = unseal(person.identity, person.code)
        form = PersonForm(initial=PersonForm.initial_for(person, identity), editing=True)
    context = {"person": person, "form": form, "reveal_form": reveal_form}
    return render(request, "people/person_edit.html", context)


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def relation_add(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    if not actor.has_perm("people.view_identity"):
        raise PermissionDenied(object_type="person_relation", object_id=str(person_id))
    person = selectors.person_get_for_actor(actor=actor, person_id=person_id)
    form = RelationForm(request.POST)
    if form.is_valid():
        relative = selectors.person_by_code(actor=actor, code=form.cleaned_data["relative_code"])
        if relative is None:
            form.add_error("relative_code", _("No record has this code."))
        else:
            organisation = form.cleaned_data["appointed_by"]
            try:
                services.relation_add(
                    actor=actor, person=person, relative=relative, kind=form.cleaned_data["kind"],
                    appointed_by_id=organisation.pk if organisation else None,
                    since=form.cleaned_data["since"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The relation has been recorded."))
                return redirect("people:person_detail", person_id=person.pk)
    return _detail(request, actor, person, relation_form=form)


@personal_data("person", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def relation_end(request: HttpRequest, relation_id: int) -> HttpResponse:
    actor = actor_of(request)
    relation = get_for_actor(
        PersonRelation.objects.all(), relation_id, actor=actor, perm="people.view_identity",
        object_type="person_relation",
    )  # fmt: skip
    # A relation of a person outside the actor's scope is "not found", like a missing one.
    if not actor.has_perm("people.view", relation.person):
        raise NotFound(denied=True, object_type="person_relation", object_id=str(relation_id))
    form = EndRelationForm(request.POST, auto_id=f"id_end{relation.pk}_%s")
    if form.is_valid():
        try:
            services.relation_end(actor=actor, relation=relation, on=form.cleaned_data["ended_on"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The relation has been ended."))
            return redirect("people:person_detail", person_id=relation.person_id)
    # The date typed comes back at its field, with the reason it was refused.
    person = selectors.person_get_for_actor(actor=actor, person_id=relation.person_id)
    return _detail(request, actor, person, end_form=form, end_failed=relation.pk)


@personal_data("person", purpose=Purpose.SUPERVISION)
@login_required
@require_http_methods(["GET", "POST"])
def person_merge(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    if not actor.has_perm("people.merge"):
        raise PermissionDenied(object_type="person_merge", object_id=str(person_id))
    kept = selectors.person_get_for_actor(actor=actor, person_id=person_id)
    note_read(request, "person", kept.pk)
    form = MergeForm(request.POST or None)
    other = None
    if request.method == "POST" and form.is_valid():
        other = selectors.person_by_code(actor=actor, code=form.cleaned_data["other_code"])
        if other is None:
            form.add_error("other_code", _("No record has this code."))
        else:
            note_read(request, "person", other.pk)
            if form.cleaned_data["confirm"]:
                try:
                    services.person_merge(actor=actor, kept=kept, absorbed=other)
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, _("The records have been merged."))
                    return redirect("people:person_detail", person_id=kept.pk)
            elif not form.errors:
                form.add_error("confirm", _("Compare the two records, then confirm."))
    cards = selectors.person_cards(actor=actor, people=[p for p in (kept, other) if p])
    return render(
        request, "people/person_merge.html", {"form": form, "person": kept, "cards": cards}
    )


@personal_data("identity_reveal", purpose=Purpose.SUPERVISION)
@login_required
def reveal_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    reveals = selectors.reveal_list(actor=actor)
    for reveal in reveals:
        note_read(request, "identity_reveal", reveal.pk)
    return render(request, "people/reveal_list.html", {"reveals": reveals})


@personal_data("person", purpose=Purpose.DATA_PROTECTION, action=Action.EXPORT)
@login_required
@require_http_methods(["GET", "POST"])
def subject_access(request: HttpRequest) -> HttpResponse:
    """The data-protection officer's answer to a subject access request, as a download."""
    actor = actor_of(request)
    if not actor.has_perm("people.export_subject"):
        raise PermissionDenied(object_type="subject_access")
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = selectors.person_for_subject_access(actor=actor, code=form.cleaned_data["code"])
        if person is None:
            form.add_error("code", _("No record has this code."))
        else:
            note_read(request, "person", person.pk)
            if form.cleaned_data["format"] == "json":
                body, content_type = export.subject_access_json(person), "application/json"
            else:
                body, content_type = export.subject_access_pdf(person), "application/pdf"
            response = HttpResponse(body, content_type=content_type)
            extension = form.cleaned_data["format"]
            # "licni-podaci-L-AB12-CD34.pdf": the label in the user's language, ASCII-safe.
            name = download_name(_("personal data"), person.code, extension=extension)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    note_nothing_shown(request)
    return render(request, "people/subject_access_form.html", {"form": form})
