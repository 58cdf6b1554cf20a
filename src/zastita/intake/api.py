"""API: partners submit reports (idempotently) and follow their status; staff create them too.

`POST /reports` with an `Idempotency-Key` header, from a partner key or a staff session
alike: a replay of the same body returns the first answer (and `Idempotent-Replayed: true`);
the same key with another body is a 409 (see zastita.core.idempotency).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router, Schema
from ninja import Status as Reply

from zastita.audit.access import no_personal_data
from zastita.core import idempotency
from zastita.core.errors import NotFound, PermissionDenied
from zastita.core.schemas import ApiSchema
from zastita.intake import selectors, services
from zastita.intake.models import Channel, Exploitation, ReporterKind, Status, Urgency
from zastita.partners.models import ApiCapability

router = Router(tags=["reports"])


class PersonIn(ApiSchema):
    description: str = Field("", max_length=services.TEXT_LIMITS["person_description"])
    is_child: bool = True


class ReportIn(ApiSchema):
    # The limits are the service's, the same as the web form's.
    received_at: datetime.datetime | None = None
    municipality: str = Field(..., max_length=services.TEXT_LIMITS["municipality"])
    urgency: Urgency
    exploitation: list[Exploitation] = Field([], max_length=len(Exploitation))
    narrative: str = Field(..., max_length=services.TEXT_LIMITS["narrative"])
    persons: list[PersonIn] = Field(..., min_length=1, max_length=services.MAX_PERSONS)
    # Staff only (a partner is the reporter itself): how it arrived and from whom.
    channel: Channel | None = None
    reporter_kind: ReporterKind | None = None


class ReportOut(Schema):
    id: int
    number: str
    status: Status
    received_at: datetime.datetime


class ReportStatusOut(Schema):
    number: str
    status: Status
    received_at: datetime.datetime
    decided_at: datetime.datetime | None


def _out(report: Any) -> ReportOut:
    return ReportOut(id=report.pk, number=report.number, status=Status(report.status),
                     received_at=report.received_at)  # fmt: skip


IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": "Send the same key again to get the first answer instead of a second report "
    f"(kept for {idempotency.TTL.total_seconds() / 3600:.0f} hours, yours alone).",
    "schema": {"type": "string", "maxLength": 100, "pattern": "^[!-~]+$"},
}


@router.post(
    "", response={201: ReportOut, 200: ReportOut}, summary="Submit a report",
    openapi_extra={"parameters": [IDEMPOTENCY_HEADER]},
)  # fmt: skip
@no_personal_data
def report_submit(request: HttpRequest, payload: ReportIn, response: HttpResponse) -> Any:
    """Returns the number and status only: what was submitted is never echoed back."""
    key = getattr(request, "api_key", None)
    # Checked before a replay too: a caller who may no longer submit gets no answer back.
    if (key is not None and not key.allows(ApiCapability.REPORTS_SUBMIT)) or (
        key is None and not request.user.has_perm("intake.receive")
    ):
        raise PermissionDenied(object_type="report")
    persons = [services.PersonInput(description=p.description, is_child=p.is_child)
               for p in payload.persons]  # fmt: skip
    if key is not None:
        organisation = key.organisation
        data = services.ReportInput(
            channel=Channel.PARTNER_APP, reporter_kind=ReporterKind.ORGANISATION,
            reporter_organisation_id=organisation.pk, reporter_sector=organisation.sector,
        )  # fmt: skip
    else:
        data = services.ReportInput(
            channel=payload.channel or Channel.OTHER,
            reporter_kind=payload.reporter_kind or ReporterKind.ANONYMOUS,
        )
    data.received_at = payload.received_at or datetime.datetime.now(tz=datetime.UTC)
    data.municipality = payload.municipality
    data.urgency = payload.urgency
    data.exploitation = [e.value for e in payload.exploitation]
    data.narrative = payload.narrative
    data.persons = persons

    def create() -> tuple[int, dict[str, Any]]:
        report = services.report_create(
            actor=None if key is not None else request.user,  # type: ignore[arg-type]
            data=data, api_key=key,
        )  # fmt: skip
        return 201, _out(report).model_dump(mode="json")

    outcome = idempotency.run(
        request, operation="report_submit", payload=payload.model_dump(mode="json"),
        create=create,
    )  # fmt: skip
    if outcome.replayed:
        response["Idempotent-Replayed"] = "true"
        return Reply(200, outcome.body)
    return Reply(outcome.status, outcome.body)


@router.get(
    "/{int:year}/{int:sequence}/status", response=ReportStatusOut,
    summary="The status of one of your organisation's reports",
)  # fmt: skip
@no_personal_data
def report_status(
    request: HttpRequest,
    year: int = Path(..., ge=2000, le=2100),
    sequence: int = Path(..., ge=1, le=999_999_999),
) -> ReportStatusOut:
    key = getattr(request, "api_key", None)
    if key is None or not key.allows(ApiCapability.REPORTS_STATUS):
        raise PermissionDenied(object_type="report_status")
    report = selectors.report_status_for_partner(api_key=key, number=f"{sequence}/{year}")
    if report is None:
        raise NotFound(object_type="report_status", object_id=f"{sequence}/{year}", denied=True)
    return ReportStatusOut(
        number=report.number, status=Status(report.status), received_at=report.received_at,
        decided_at=report.decided_at,
    )  # fmt: skip
