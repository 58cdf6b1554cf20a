"""The cases' section of the person's page (`core.registries.person_sections`): the person's
cases, newest first, each with its number, status and dates. One the viewer may not see is
left out, not even counted."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zastita.cases.models import Case
from zastita.cases.rules import case_scope
from zastita.core.registries.person_sections import PersonItem


def cases_of_person(actor: Any, person_ids: list[int]) -> list[PersonItem]:
    if not actor.has_perm("cases.view"):
        return []
    cases = Case.objects.filter(case_scope(actor), person_id__in=person_ids).order_by(
        "-opened_at", "-pk"
    )
    items = []
    for case in cases:
        detail = _("Opened %(date)s") % {"date": date_format(case.opened_at, "SHORT_DATE_FORMAT")}
        if case.closed_at:
            detail += " · " + _("closed %(date)s") % {
                "date": date_format(case.closed_at, "SHORT_DATE_FORMAT")
            }
        items.append(PersonItem(
            label=f"{_('Case')} {case.number}", url=reverse("cases:detail", args=[case.pk]),
            status=case.get_status_display(), detail=detail, audit=(("case", case.pk),),
        ))  # fmt: skip
    return items
