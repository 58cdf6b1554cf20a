"""Thin views for partner keys that need two people: the request and its confirmation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.audit.access import no_personal_data
from zastita.core.errors import ValidationError
from zastita.core.forms import apply_errors
from zastita.partners import selectors, services
from zastita.partners.forms import ApiKeyRequestForm


def requested_message() -> str:
    return _("The key has been requested. Another person must confirm it before it exists.")


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def key_request_list(request: HttpRequest) -> HttpResponse:
    actor: Any = request.user
    pending = selectors.api_key_requests(actor=actor)  # permission check
    # Bound on every POST, an empty one included, so that each missing field says so.
    form = ApiKeyRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.api_key_request(
                actor=actor,
                organisation=data["organisation"],
                label=data["label"],
                capabilities=data["capabilities"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, requested_message())
            return redirect("partners:key_request_list")
    rows = [(key, services.may_confirm(actor, key)) for key in pending]
    return render(request, "partners/key_requests.html", {"rows": rows, "form": form})


@no_personal_data
@login_required
@require_POST
def key_request_confirm(request: HttpRequest, key_id: int) -> HttpResponse:
    actor: Any = request.user
    key = selectors.api_key_request_get_for_actor(actor=actor, key_id=key_id)
    try:
        key, raw = services.api_key_confirm(actor=actor, key=key)
    except ValidationError as exc:
        for msgs in exc.fields.values():
            for msg in msgs:
                messages.error(request, msg)
        return redirect("partners:key_request_list")
    # The secret is shown in this one response, to the confirmer, and never stored.
    return render(
        request,
        "partners/api_key_issued.html",
        {"organisation": key.organisation, "key": key, "raw": raw, "confirmed": True},
    )
