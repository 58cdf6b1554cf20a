"""The access log: who saw which record, when and why (data-protection officer only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zastita.audit.access import personal_data
from zastita.audit.forms import AccessLogFilterForm
from zastita.audit.labels import record_type_label, role_names, roles_label
from zastita.audit.models import Purpose
from zastita.audit.selectors import AccessLogFilters, access_log_list
from zastita.core.paging import paginate

PAGE_SIZE = 50


@personal_data("access_log", purpose=Purpose.DATA_PROTECTION)
@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    actor: Any = request.user
    # Filters are ids and codes, so they may travel in the query string.
    form = AccessLogFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    filters = form.filters() if form.is_bound and not invalid else AccessLogFilters()
    events = access_log_list(actor=actor, filters=filters)
    if invalid:
        events = events.none()
    # Newest first by the chain's sequence, a page at a time from a cursor: no OFFSET, and
    # no count of the whole log.
    page = paginate(request, events, ordering=("-seq", "-pk"), size=PAGE_SIZE)
    # The events keep codes; the page shows them in words.
    names = role_names()
    for event in page.rows:
        event.roles_text = roles_label(event.actor_roles, names)  # type: ignore[attr-defined]
        event.record_text = record_type_label(event.object_type)  # type: ignore[attr-defined]
    context = {"form": form, "page": page}
    return render(request, "audit/access_log.html", context)
