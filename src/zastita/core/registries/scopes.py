"""Need-to-know: which records of each type an actor may see (ARCHITECTURE.md §4).

Each record type's scope is one rule, written in the owning app's `rules.py` as a `Q` over its
model: what is assigned to the actor, shared with them or their teams, and what their duty
brings them. Its selectors apply it to lists and pages alike, and its object permission
(`actor.has_perm("intake.view", report)`) asks the same rule, so documents, attachments and
exports that check the permission follow it too.

An app registers its type here (`scoped_types`) so that the platform can offer
break-the-glass for it and the access-matrix test can find it. An app whose records give
access to another app's records (the worker of an identification sees its report) adds a
`ScopeExtension` for the other type, so neither imports the other.

Break-the-glass grants live in the session; `assignments` puts them on the signed-in user
for the request (`GRANTS_ATTR`), and every rule adds them through `granted`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Model, Q
from django.utils.functional import Promise

from zastita.core.registries import Registry, safe_reference

# The empty scope: no record at all.
NOTHING = Q(pk__in=[])
# The attribute of the signed-in user that holds this session's break-the-glass grants, as
# "type:id" strings.
GRANTS_ATTR = "glass_grants"


@dataclass(frozen=True)
class ScopedType:
    code: str  # the subject type, as in `NotFound.object_type`: "report", "person"
    label: str | Promise
    model: type[Model]
    # The owning app's rule: the records the actor may see (Q() = every one).
    scope: Callable[[Any], Q]
    link: Callable[[int], str]
    reference: Callable[[int], str]  # a number or code, never a name
    # Who may read this type at all, and so may open one outside their scope with a reason.
    read_perm: str
    # The record a typed reference names (a report's number, a person's code), or None.
    lookup: Callable[[str], int | None] = lambda _reference: None


@dataclass(frozen=True)
class ScopeExtension:
    """More records of `target` that an actor sees through records of another app."""

    target: str
    extend: Callable[[Any], Q]


scoped_types = Registry[ScopedType]("scoped record types")
scope_extensions = Registry[ScopeExtension]("scope extensions")


def granted(actor: Any, code: str) -> Q:
    """The records of `code` this session opened through break-the-glass."""
    ids = [int(grant.split(":", 1)[1]) for grant in getattr(actor, GRANTS_ATTR, ())
           if grant.split(":", 1)[0] == code]  # fmt: skip
    return Q(pk__in=ids) if ids else NOTHING


def extended(actor: Any, code: str) -> Q:
    q = NOTHING
    for extension in scope_extensions:
        if extension.target == code:
            q |= extension.extend(actor)
    return q


def any_of(parts: Iterable[Q]) -> Q:
    q = NOTHING
    for part in parts:
        q |= part
    return q


def grant_key(code: str, pk: int) -> str:
    return f"{code}:{pk}"


def scope_types_register(spec: ScopedType) -> ScopedType:
    return scoped_types.register(spec.code, replace(spec, reference=safe_reference(spec.reference)))
