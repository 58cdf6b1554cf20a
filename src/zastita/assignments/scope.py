"""The part of every record type's scope that assignment gives: the assigned worker, the
co-workers it is shared with, and the members of its team (an active team only)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q

from zastita.accounts.models import Team


def assigned_q(model: type[Model], actor: Any) -> Q:
    """The records of `model` (it carries `accounts.models.Assigned`) assigned to `actor`,
    shared with them, or their teams': subqueries only, so a list stays one query."""
    field: Any = model._meta.get_field("coworkers")
    through = field.remote_field.through
    own = field.m2m_field_name()
    user = field.m2m_reverse_field_name()
    shared = through._default_manager.filter(**{user: actor.pk}).values(f"{own}_id")
    teams = Team.objects.filter(members=actor.pk, is_active=True).values("pk")
    return Q(assigned_to=actor.pk) | Q(pk__in=shared) | Q(team__in=teams)
