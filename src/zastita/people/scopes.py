"""Persons in the need-to-know registry: break-the-glass can open a person's file (search
finds everyone and shows the code of a match outside the searcher's scope). Their rule is
`people.rules.person_scope`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.scopes import ScopedType, scope_types_register
from zastita.people.models import Person
from zastita.people.rules import person_scope


def _reference(person_id: int) -> str:
    return Person.objects.only("code").get(pk=person_id).code


def _link(person_id: int) -> str:
    return reverse("people:person_detail", args=[person_id])


def person_by_code(reference: str) -> int | None:
    code = reference.strip().upper()
    return Person.objects.filter(code=code).values_list("pk", flat=True).first() if code else None


SCOPED = ScopedType(
    code="person", label=_("person"), model=Person, scope=person_scope, link=_link,
    reference=_reference, read_perm="people.view", lookup=person_by_code,
)  # fmt: skip


def register() -> None:
    scope_types_register(SCOPED)
