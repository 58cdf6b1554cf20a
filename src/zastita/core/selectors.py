"""The one way to fetch a record for an actor: missing and forbidden look exactly the same."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet

from zastita.core.errors import NotFound


def get_for_actor[M: Model](
    queryset: QuerySet[M], pk: object, *, actor: Any, perm: str, object_type: str
) -> M:
    """Loads the record, then asks the `rules` predicate `perm` about it (object-level rules
    see the record). A missing and a forbidden record raise the same NotFound, and both are
    recorded as refused, so neither the response nor its timing tells them apart."""
    try:
        # One row by its key: `get` asks for no order (`first` would sort by it).
        obj: M | None = queryset.get(pk=pk)
    except ObjectDoesNotExist:
        obj = None
    if obj is None or not actor.has_perm(perm, obj):
        raise NotFound(denied=True, object_type=object_type, object_id=str(pk))
    return obj
