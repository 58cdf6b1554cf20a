"""API: the partner register (reference data, no personal data)."""

from django.http import HttpRequest
from ninja import Query, Router, Schema

from zastita.audit.access import no_personal_data
from zastita.core.errors import PermissionDenied
from zastita.core.schemas import ApiSchema
from zastita.partners.models import ApiCapability, Sector
from zastita.partners.selectors import organisation_list

router = Router(tags=["partners"])


class OrganisationOut(Schema):
    id: int
    name: str
    sector: Sector
    municipality: str


class OrganisationFilters(ApiSchema):
    sector: Sector | None = None


@router.get("", response=list[OrganisationOut], summary="Active partner organisations")
@no_personal_data
def organisations(
    request: HttpRequest, filters: Query[OrganisationFilters]
) -> list[OrganisationOut]:
    key = getattr(request, "api_key", None)
    if key is not None and not key.allows(ApiCapability.REFERENCE_READ):
        raise PermissionDenied(object_type="organisation_list")
    qs = organisation_list(actor=None if key else request.user, active_only=True)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    return [
        OrganisationOut(id=o.pk, name=o.name, sector=Sector(o.sector), municipality=o.municipality)
        for o in qs
    ]
