"""API: partners submit reports (idempotently) and follow their status; staff create them too.

`POST /reports` with an `Idempotency-Key` header: a replay of the same body returns the
first report (and `Idempotent-Replayed: true`); the same key with another body is a 409.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja import Status as Reply

from zastita.audit.access import no_personal_data
from zastita.core.errors import NotFound, PermissionDenied, ValidationError
from zastita.intake import selectors, services
from zastita.intake.models import Channel, Exploitation, ReporterKind, Status, Urgency
from zastita.partners.models import ApiCapability

router = Router(tags=["reports"])


class PersonIn(Schema):
    description: str = Field("", max_length=1000)
    is_child: bool = True


class ReportIn(Schema):
    received_at: datetime.datetime | None = None
    municipality: str = Field(..., max_length=100)
    urgency: Urgency
    exploitation: list[Exploitation] = []
    narrative: str = Field(..., max_length=20_000)
    persons: list[PersonIn] = Field(..., min_length=1, max_length=20)
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


@router.post("", response={201: ReportOut, 200: ReportOut}, summary="Submit a report")
@no_personal_data
def report_submit(request: HttpRequest, payload: ReportIn, response: HttpResponse) -> Any:
    """Returns the number and status only: what was submitted is never echoed back."""
    key = getattr(request, "api_key", None)
    idempotency_key = request.headers.get("Idempotency-Key", "").strip()
    if len(idempotency_key) > 100:
        raise ValidationError(fields={"Idempotency-Key": ["At most 100 characters."]})
    body = payload.model_dump(mode="json")
    request_hash = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
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
    report = services.report_create(
        actor=None if key is not None else request.user,  # type: ignore[arg-type]
        data=data, api_key=key, idempotency_key=idempotency_key if key else "",
        request_hash=request_hash,
    )  # fmt: skip
    if getattr(report, "replayed", False):
        response["Idempotent-Replayed"] = "true"
        return Reply(200, _out(report))
    return Reply(201, _out(report))


@router.get(
    "/{int:year}/{int:sequence}/status", response=ReportStatusOut,
    summary="The status of one of your organisation's reports",
)  # fmt: skip
@no_personal_data
def report_status(request: HttpRequest, year: int, sequence: int) -> ReportStatusOut:
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
