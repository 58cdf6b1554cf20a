"""Identifications in the need-to-know registry: break-the-glass can open one, and a worker
sees the report and the person of each identification in their scope (their rule is
`identification.rules.identification_scope`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.paging import id_parse
from zastita.core.registries.scopes import (
    NOTHING,
    ScopedType,
    ScopeExtension,
    scope_extensions,
    scope_types_register,
)
from zastita.identification.assignments import _reference
from zastita.identification.models import Identification
from zastita.identification.rules import identification_scope


def _link(identification_id: int) -> str:
    return reverse("identification:detail", args=[identification_id])


def _mine(actor: Any) -> Any:
    return Identification.objects.filter(identification_scope(actor, grants=False))


def reports_of_identifications(actor: Any) -> Q:
    """The reports of the identifications the actor works on: assigned to them, shared with
    them or their teams, or started by them (who works on identifications at all).

    Asked of each report as it is read, so a page of reports reads a page's worth. The
    report is matched as a range of one (`>=` and `<=`), not with `=`: PostgreSQL turns an
    equality into a hash of every such identification of the years, built before the first
    row, while a range it asks row by row through the index of the report's persons."""
    from zastita.accounts.capabilities import Capability
    from zastita.assignments.public import assigned_q

    if not actor.has_capability(Capability.CASES_WORK):
        return NOTHING
    mine = assigned_q(Identification, actor) | Q(created_by=actor.pk)
    of_report = Identification.objects.filter(
        mine,
        report_person__report_id__gte=OuterRef("pk"),
        report_person__report_id__lte=OuterRef("pk"),
    )
    return Q(Exists(of_report))


def persons_of_identifications(actor: Any) -> Q:
    return Q(pk__in=_mine(actor).values("person_id"))


def identification_by_number(reference: str) -> int | None:
    pk = id_parse(reference.strip().split(" ")[0])
    if pk is None:
        return None
    return Identification.objects.filter(pk=pk).values_list("pk", flat=True).first()


SCOPED = ScopedType(
    code="identification", label=_("identification"), model=Identification,
    scope=identification_scope, link=_link, reference=_reference,
    read_perm="identification.view", lookup=identification_by_number,
)  # fmt: skip
REPORTS = ScopeExtension(target="report", extend=reports_of_identifications)
PERSONS = ScopeExtension(target="person", extend=persons_of_identifications)


def register() -> None:
    scope_types_register(SCOPED)
    scope_extensions.register("identification.reports", REPORTS)
    scope_extensions.register("identification.persons", PERSONS)
