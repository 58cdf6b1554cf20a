"""API: the access log, for the data-protection officer's own tools."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zastita.audit.access import personal_data
from zastita.audit.models import Action, Purpose
from zastita.audit.selectors import AccessLogFilters, access_log_list
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.schemas import MAX_ID, ApiSchema

router = Router(tags=["audit"])


class EventOut(Schema):
    seq: int
    occurred_at: datetime
    actor_id: int | None
    actor_roles: str
    api_key_id: int | None
    action: Action
    object_type: str
    object_id: str
    purpose: str
    request_id: str


class EventFilters(ApiSchema):
    actor_id: int | None = Field(None, ge=1, le=MAX_ID)
    action: Action | None = None
    object_type: str = Field("", max_length=40, pattern=r"^[a-z_]*$")
    object_id: str = Field("", max_length=64)
    date_from: date | None = None
    date_to: date | None = None
    before_seq: int | None = Field(
        None, ge=1, le=MAX_ID, description="Cursor: events older than this seq"
    )
    limit: int = Field(50, ge=1, le=200)


@router.get("/events", response=list[EventOut], summary="Access log events, newest first")
@personal_data("access_log", purpose=Purpose.DATA_PROTECTION)
def events(request: HttpRequest, filters: Query[EventFilters]) -> list[EventOut]:
    if getattr(request, "api_key", None) is not None:
        raise PermissionDenied(object_type="access_log")
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError(fields={"date_to": ["The end date is before the start date."]})
    qs = access_log_list(
        actor=request.user,
        filters=AccessLogFilters(
            actor_id=filters.actor_id,
            action=filters.action or "",
            object_type=filters.object_type,
            object_id=filters.object_id,
            date_from=filters.date_from,
            date_to=filters.date_to,
        ),
    )
    if filters.before_seq:
        qs = qs.filter(seq__lt=filters.before_seq)
    return [EventOut.from_orm(e) for e in qs[: filters.limit]]
