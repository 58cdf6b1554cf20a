"""Thin views for the register of providers: the list and a provider's page (professional
contact data, no person the Center protects)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zastita.audit.access import no_personal_data
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.partners import providers
from zastita.partners.forms import ProviderForm
from zastita.partners.models import ProviderKind


@no_personal_data
@login_required
def provider_list(request: HttpRequest) -> HttpResponse:
    actor = request.user
    kind = request.GET.get("kind", "")
    if kind not in ProviderKind.values:
        kind = ""
    rows = providers.provider_list(actor=actor, kind=kind)
    return render(request, "partners/provider_list.html", {
        "providers": rows, "kinds": ProviderKind.choices, "kind": kind,
        "can_manage": actor.has_perm("partners.manage_providers"),
    })  # fmt: skip


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, provider_id: int | None = None) -> HttpResponse:
    actor = request.user
    if not actor.has_perm("partners.manage_providers"):
        raise PermissionDenied(object_type="provider")
    provider = (
        providers.provider_get_for_actor(actor=actor, provider_id=provider_id)
        if provider_id else None
    )  # fmt: skip
    initial: dict[str, object] = {"is_active": True}
    if provider is not None:
        initial = {k: getattr(provider, k) for k in providers.FIELDS} | {
            "version": provider.version
        }
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            saved = providers.provider_save(
                actor=actor,
                provider=provider,
                version=version,
                **data,
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The provider has been saved."))
            return redirect("partners:provider_edit", provider_id=saved.pk)
    return render(request, "partners/provider_form.html", {"form": form, "provider": provider})
