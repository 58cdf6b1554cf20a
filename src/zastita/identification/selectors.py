"""Reads for formal identification, scoped to the actor."""

from __future__ import annotations

from zastita.accounts.models import User
from zastita.core.selectors import get_for_actor
from zastita.identification.models import Decision, Identification


def identification_get_for_actor(*, actor: User, identification_id: int) -> Identification:
    return get_for_actor(
        Identification.objects.select_related("report_person__report", "person"),
        identification_id, actor=actor, perm="identification.view",
        object_type="identification",
    )  # fmt: skip


def decision_get_for_actor(*, actor: User, decision_id: int) -> Decision:
    return get_for_actor(
        Decision.objects.select_related("identification"), decision_id, actor=actor,
        perm="identification.approve", object_type="decision",
    )  # fmt: skip
