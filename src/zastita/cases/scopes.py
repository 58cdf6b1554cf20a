"""Cases in the need-to-know registry: break-the-glass can open one, and a worker sees the
person of each case in their scope (their rule is `cases.rules.case_scope`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Case
from zastita.cases.rules import case_scope
from zastita.core.registries.scopes import (
    ScopedType,
    ScopeExtension,
    scope_extensions,
    scope_types_register,
)
from zastita.core.sequences import number_parse


def _reference(case_id: int) -> str:
    return Case.objects.only("year", "sequence").get(pk=case_id).number


def _link(case_id: int) -> str:
    return reverse("cases:detail", args=[case_id])


def case_by_number(reference: str) -> int | None:
    parsed = number_parse(reference, prefixes=("С-", "S-"))
    if parsed is None:
        return None
    sequence, year = parsed
    return Case.objects.filter(year=year, sequence=sequence).values_list("pk", flat=True).first()


def persons_of_cases(actor: Any) -> Q:
    return Q(pk__in=Case.objects.filter(case_scope(actor, grants=False)).values("person_id"))


SCOPED = ScopedType(
    code="case", label=_("case"), model=Case, scope=case_scope, link=_link,
    reference=_reference, read_perm="cases.view", lookup=case_by_number,
)  # fmt: skip
PERSONS = ScopeExtension(target="person", extend=persons_of_cases)


def register() -> None:
    scope_types_register(SCOPED)
    scope_extensions.register("cases.persons", PERSONS)
