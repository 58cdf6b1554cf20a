"""Need-to-know, the part every record type shares (ARCHITECTURE.md §4): who sees every
record, what assignment gives (the assigned worker, the co-workers it is shared with, the
members of its active team), and the object rule that asks a type's scope of one record.

Each type's own part stays in its app's `rules.py`; this module only spares them writing the
same opening and the same predicate four times."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.apps import apps
from django.db.models import Model, Q

from zastita.accounts.capabilities import Capability
from zastita.accounts.models import Team
from zastita.core.registries.scopes import NOTHING, extended, granted


def assigned_q(model: type[Model], actor: Any) -> Q:
    """The records of `model` (it carries `accounts.models.Assigned`) assigned to `actor`,
    shared with them, or their teams': subqueries only, so a list stays one query."""
    teams = Team.objects.filter(members=actor.pk, is_active=True).values("pk")
    return Q(assigned_to=actor.pk) | shared_with(model, actor) | Q(team__in=teams)


def shared_with(model: type[Model], actor: Any) -> Q:
    """The records of `model` shared with `actor` as a co-worker."""
    field: Any = model._meta.get_field("coworkers")
    through = field.remote_field.through
    own = field.m2m_field_name()
    user = field.m2m_reverse_field_name()
    return Q(pk__in=through._default_manager.filter(**{user: actor.pk}).values(f"{own}_id"))


def sees_every_record(actor: Any) -> bool:
    """The head of service (who assigns the work) and the director (who reads it all)."""
    return bool(getattr(actor, "is_active", False)) and (
        actor.has_capability(Capability.CASES_COORDINATE)
        or actor.has_capability(Capability.CASES_READ_ALL)
    )


def record_scope(
    actor: Any, code: str, *, needs: Capability | None, own: Callable[[Any], Q],
    grants: bool = True,
) -> Q:  # fmt: skip
    """A type's scope: everything for who sees every record; for an active actor with the
    capability `needs` (None: any), the type's `own` part, what other apps extend it with
    and (with `grants`) what this session opened with a stated reason; nothing for anyone
    else. A stated reason opens that record for the session, to read and to act on (the
    night's emergency is what it is for), but not the records it leads to: another type's
    scope extended from this one asks it without the grants, so the persons of a report
    opened so need a reason of their own."""
    if not getattr(actor, "is_active", False):
        return NOTHING
    if sees_every_record(actor):
        return Q()
    if needs is not None and not actor.has_capability(needs):
        return NOTHING
    scope = own(actor) | extended(actor, code)
    return scope | granted(actor, code) if grants else scope


def in_scope_rule(
    model: str,
    scope: Callable[..., Q],
    *,
    resolve: Callable[[Any, Any], Any] | None = None,
) -> rules.Predicate:
    """The object rule of a type (`model`, as "intake.Report"): the record is one its `scope`
    gives (no record: the type).
    `resolve(user, obj)` turns what hangs from a record (an attachment, a person of it) into
    the record, or answers itself with True or False; None means no record, so no access.
    Whoever sees every record is answered without a query."""

    def in_scope(user: Any, obj: Any) -> bool:
        if obj is None:
            return True
        kind = apps.get_model(model)
        record = obj if isinstance(obj, kind) or resolve is None else resolve(user, obj)
        if isinstance(record, bool):
            return record
        if not isinstance(record, kind):
            return False
        q = scope(user)
        if not q.children:  # Q(): every record
            return True
        return kind._default_manager.filter(q, pk=record.pk).exists()

    return rules.predicate(in_scope, name=f"in_scope:{model}")
