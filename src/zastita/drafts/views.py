"""Saving a draft from the page (JSON, in the background) and discarding one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data
from zastita.core.errors import ValidationError
from zastita.drafts.services import draft_discard, draft_input_from_json, draft_save

MAX_BODY = 1_000_000


@no_personal_data
@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    if len(request.body) > MAX_BODY:
        return JsonResponse({"saved": False, "error": _("The draft is too large.")}, status=413)
    try:
        draft = draft_input_from_json(request.body)
    except ValidationError as exc:
        return JsonResponse({"saved": False, "error": str(exc.message)}, status=422)
    row = draft_save(user=actor_of(request), draft=draft)
    return JsonResponse({"saved": row is not None})


@no_personal_data
@login_required
@require_POST
def discard(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft_discard(user=actor_of(request), draft_id=draft_id)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
