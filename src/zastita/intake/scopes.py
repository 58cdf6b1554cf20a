"""Reports in the need-to-know registry: break-the-glass can open one, and a worker sees
the persons of the reports in their scope (their rule is `intake.rules.report_scope`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.scopes import (
    ScopedType,
    ScopeExtension,
    scope_extensions,
    scope_types_register,
)
from zastita.core.sequences import number_parse
from zastita.intake.models import Report, ReportPerson
from zastita.intake.rules import report_scope


def _reference(report_id: int) -> str:
    return Report.objects.only("year", "sequence").get(pk=report_id).number


def _link(report_id: int) -> str:
    return reverse("intake:report_detail", args=[report_id])


def report_by_number(reference: str) -> int | None:
    """The report a typed number names ("4/2026", "0004/2026"), or None."""
    parsed = number_parse(reference)
    if parsed is None:
        return None
    sequence, year = parsed
    return Report.objects.filter(year=year, sequence=sequence).values_list("pk", flat=True).first()


def persons_of_reports(actor: Any) -> Q:
    """The persons of the reports in the actor's scope."""
    reports = Report.objects.filter(report_scope(actor, grants=False)).values("pk")
    return Q(pk__in=ReportPerson.objects.filter(report__in=reports, person__isnull=False)
             .values("person_id"))  # fmt: skip


SCOPED = ScopedType(
    code="report", label=_("report"), model=Report, scope=report_scope, link=_link,
    reference=_reference, read_perm="intake.view", lookup=report_by_number,
)  # fmt: skip
PERSONS = ScopeExtension(target="person", extend=persons_of_reports)


def register() -> None:
    scope_types_register(SCOPED)
    scope_extensions.register("intake.persons", PERSONS)
