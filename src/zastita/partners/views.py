"""Thin views for the partner register and its API keys (institutions, not persons)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.audit.access import no_personal_data
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.partners import selectors, services
from zastita.partners.forms import ApiKeyForm, OrganisationForm


def _require_manage(request: HttpRequest) -> Any:
    actor: Any = request.user
    if not actor.has_perm("partners.manage"):
        raise PermissionDenied(object_type="organisation_list")
    return actor


@no_personal_data
@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    actor = _require_manage(request)
    # Serbian alphabetical order (the database sorts by code point).
    from zastita.core.collation import sorted_by_name

    organisations = sorted_by_name(selectors.organisation_list(actor=actor), lambda o: o.name)
    return render(request, "partners/organisation_list.html", {"organisations": organisations})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    actor = _require_manage(request)
    organisation = (
        selectors.organisation_get_for_actor(actor=actor, organisation_id=organisation_id)
        if organisation_id
        else None
    )
    initial: dict[str, object] = {"is_active": True}
    if organisation is not None:
        initial = {
            "name": organisation.name,
            "sector": organisation.sector,
            "municipality": organisation.municipality,
            "is_active": organisation.is_active,
            "version": organisation.version,
        }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.organisation_save(
                actor=actor,
                organisation=organisation,
                version=data.get("version"),
                name=data["name"],
                sector=data["sector"],
                municipality=data["municipality"],
                is_active=data["is_active"],
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect("partners:organisation_edit", organisation_id=saved.pk)
    keys = selectors.api_key_list(actor=actor, organisation=organisation) if organisation else []
    context = {"form": form, "organisation": organisation, "keys": keys, "key_form": ApiKeyForm()}
    return render(request, "partners/organisation_form.html", context)


@no_personal_data
@login_required
@require_POST
def api_key_issue(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = _require_manage(request)
    organisation = selectors.organisation_get_for_actor(
        actor=actor, organisation_id=organisation_id
    )
    form = ApiKeyForm(request.POST)
    if form.is_valid() and services.NEEDS_CONFIRMATION & set(form.cleaned_data["capabilities"]):
        # A key that submits reports: this is only the request; a second person confirms it.
        try:
            services.api_key_request(
                actor=actor,
                organisation=organisation,
                label=form.cleaned_data["label"],
                capabilities=form.cleaned_data["capabilities"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            from zastita.partners.key_requests import requested_message

            messages.success(request, requested_message())
            return redirect("partners:organisation_edit", organisation_id=organisation.pk)
    elif form.is_valid():
        try:
            key, raw = services.api_key_issue(
                actor=actor,
                organisation=organisation,
                label=form.cleaned_data["label"],
                capabilities=form.cleaned_data["capabilities"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # The secret is shown in this one response and never stored.
            return render(
                request, "partners/api_key_issued.html",
                {"organisation": organisation, "key": key, "raw": raw},
            )  # fmt: skip
    keys = selectors.api_key_list(actor=actor, organisation=organisation)
    org_form = OrganisationForm(
        initial={
            "name": organisation.name,
            "sector": organisation.sector,
            "municipality": organisation.municipality,
            "is_active": organisation.is_active,
            "version": organisation.version,
        }
    )
    context = {"form": org_form, "organisation": organisation, "keys": keys, "key_form": form}
    return render(request, "partners/organisation_form.html", context)


@no_personal_data
@login_required
@require_POST
def api_key_revoke(request: HttpRequest, organisation_id: int, key_id: int) -> HttpResponse:
    actor = _require_manage(request)
    organisation = selectors.organisation_get_for_actor(
        actor=actor, organisation_id=organisation_id
    )
    key = selectors.api_key_get_for_actor(actor=actor, organisation=organisation, key_id=key_id)
    services.api_key_revoke(actor=actor, key=key)
    messages.success(request, _("The key has been revoked."))
    return redirect("partners:organisation_edit", organisation_id=organisation.pk)
