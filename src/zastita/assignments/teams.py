"""Writes and reads for teams (тимови): data the head of service keeps. A worker belongs to
one or more teams, and a record assigned to a team is its members' to see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zastita.accounts.models import Team, User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.concurrency import check_version
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.selectors import get_for_actor


def _require(actor: User) -> None:
    if not actor.has_perm("assignments.manage_teams"):
        raise PermissionDenied(object_type="team")


def team_list(*, actor: User) -> list[Team]:
    _require(actor)
    return list(Team.objects.prefetch_related("members").order_by("-is_active", "name"))


def team_get(*, actor: User, team_id: int) -> Team:
    return get_for_actor(
        Team.objects.all(), team_id, actor=actor, perm="assignments.manage_teams",
        object_type="team",
    )  # fmt: skip


@transaction.atomic(durable=True)
def team_save(
    *, actor: User, team: Team | None, name: str, members: Iterable[User], is_active: bool,
    version: int | None,
) -> Team:  # fmt: skip
    """Creates or changes a team; a stale version is a conflict, a name already taken or a
    member who does not work on cases is refused at its field."""
    _require(actor)
    name = " ".join(name.split())
    members = list(members)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Name the team.")]
    elif any(
        other.casefold() == name.casefold()
        # Compared here, not by the database: SQLite folds the case of Latin letters only.
        for other in Team.objects.exclude(pk=team.pk if team else 0).values_list("name", flat=True)
    ):
        errors["name"] = [_("A team with this name already exists.")]
    outside = [m.full_name for m in members if not m.has_capability("cases.work")]
    if outside:
        errors["members"] = [
            _("Only staff who work on cases can be members: %(names)s.")
            % {"names": ", ".join(outside)}
        ]
    if errors:
        raise ValidationError(fields=errors)
    try:
        with transaction.atomic():
            if team is None:
                team = Team.objects.create(name=name, is_active=is_active)
                action = Action.CREATE
            else:
                team = Team.objects.select_for_update().get(pk=team.pk)
                check_version(team.version, version)
                team.name, team.is_active = name, is_active
                team.version += 1
                team.save(update_fields=["name", "is_active", "version", "updated_at"])
                action = Action.UPDATE
    except IntegrityError:  # the same name saved by someone else meanwhile
        raise ValidationError(
            fields={"name": [_("A team with this name already exists.")]}
        ) from None
    team.members.set(members)
    audit_record(action=action, actor=actor, object_type="team", object_id=team.pk,
                 purpose=Purpose.ADMINISTRATION)  # fmt: skip
    return team
