"""Identification's section of the person's page (`core.registries.person_sections`): the
person's identifications, each with its status, the decision in force (or one awaiting
approval) and its official documents. One the viewer may not see is left out."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zastita.core.errors import NotFound
from zastita.core.registries.person_sections import ItemLink, PersonItem
from zastita.documents.public import documents_for_subject
from zastita.identification import selectors
from zastita.identification.models import Decision, Identification
from zastita.identification.written import SUBJECT_TYPE


def _decision_line(identification: Identification) -> str:
    decision = selectors.in_force(identification)
    pending = Decision.objects.filter(identification=identification, approved_at__isnull=True)
    parts = []
    if decision is not None:
        parts.append(
            _("Decision in force: %(status)s (%(date)s)")
            % {
                "status": decision.get_status_display(),
                "date": date_format(decision.decided_on, "SHORT_DATE_FORMAT"),
            }
        )
    else:
        parts.append(_("No decision in force."))
    if pending.exists():
        parts.append(_("A proposed decision awaits approval."))
    return " ".join(parts)


def identifications_of_person(actor: Any, person_ids: list[int]) -> list[PersonItem]:
    if not actor.has_perm("identification.view"):
        return []
    ids = (
        Identification.objects.filter(person_id__in=person_ids)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    items: list[PersonItem] = []
    for identification_id in ids:
        try:
            identification = selectors.identification_get_for_actor(
                actor=actor, identification_id=identification_id
            )
        except NotFound:
            continue  # outside the viewer's scope: not shown, not even counted
        report = identification.report_person.report
        links = tuple(
            ItemLink(
                label=f"{d.registry_number} · {d.type_label}",  # type: ignore[attr-defined]
                url=reverse("documents:detail", args=[d.pk]),
                status=_("cancelled") if d.cancelled_by_id else _("issued"),
            )
            for d in documents_for_subject(
                actor=actor, subject_type=SUBJECT_TYPE, subject_id=identification.pk
            )
        )
        items.append(
            PersonItem(
                label=_("Identification on report %(number)s") % {"number": report.number},
                url=reverse("identification:detail", args=[identification.pk]),
                status=identification.get_status_display(),
                detail=_decision_line(identification),
                links=links,
                audit=(("identification", identification.pk),),
            )
        )
    return items
