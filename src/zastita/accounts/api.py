"""API: who is calling (a signed-in user or a partner key)."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema

from zastita.accounts.requests import actor_of
from zastita.audit.access import note_read, personal_data
from zastita.audit.models import Purpose

router = Router(tags=["accounts"])


class OrganisationRef(Schema):
    id: int
    name: str
    sector: str


class Me(Schema):
    kind: Literal["user", "api_key"]
    username: str | None = None
    full_name: str | None = None
    language: str | None = None
    roles: list[str] = []
    capabilities: list[str]
    organisation: OrganisationRef | None = None


@router.get("/me", response=Me, summary="The caller's identity and capabilities")
@personal_data("user", purpose=Purpose.SELF_SERVICE)
def me(request: HttpRequest) -> Me:
    key = getattr(request, "api_key", None)
    if key is not None:
        org = key.organisation
        note_read(request, "api_key", key.pk)
        return Me(
            kind="api_key",
            capabilities=sorted(key.capabilities),
            organisation=OrganisationRef(id=org.pk, name=org.name, sector=org.sector),
        )
    user = actor_of(request)
    note_read(request, "user", user.pk)
    org = user.organisation
    return Me(
        kind="user",
        username=user.username,
        full_name=user.full_name,
        language=user.language,
        roles=sorted(r.code for r in user.roles.all()),
        capabilities=sorted(user.capabilities),
        organisation=OrganisationRef(id=org.pk, name=org.name, sector=org.sector) if org else None,
    )
