"""The "My work" page (Мој посао): the professional worker's own page. Its sections come from the
apps through `core.registries.my_work`; the site only renders them. Numbers, codes,
statuses and deadlines: no person's name and nothing decrypted about one."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability
from zastita.audit.access import no_personal_data
from zastita.core.errors import PermissionDenied
from zastita.core.registries.my_work import LIMIT, sections_for

PERM = "site.my_work"
# Those who work on cases, and the heads of service who approve their decisions and forms.
rules.add_perm(
    PERM, has_capability(Capability.CASES_WORK) | has_capability(Capability.CASES_COORDINATE)
)


@no_personal_data
@login_required
@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERM):
        raise PermissionDenied(object_type="my_work")
    return render(request, "site/my_work.html", my_work_context(request.user))


def my_work_context(user: Any) -> dict[str, Any]:
    return {"sections": sections_for(user), "limit": LIMIT, "now": timezone.now()}
