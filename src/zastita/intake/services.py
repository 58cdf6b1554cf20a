"""Writes for reports: intake, first contact, the workflow's transitions, attachments.

Every write is one durable transaction holding the audit event, the clocks it starts or
stops and the notifications it queues, so none of them can exist without the others.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.assignments.public import assignment_take
from zastita.audit.models import Action, Purpose
from zastita.audit.services import Subject, audit_record
from zastita.core import files, municipalities
from zastita.core.concurrency import check_version
from zastita.core.crypto import keyring
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.files import attachments
from zastita.core.sequences import sequence_next
from zastita.intake import sealing, workflow
from zastita.intake.clocks import clocks_start, clocks_stop, start_subjects
from zastita.intake.models import (
    Attachment,
    Channel,
    ClockKind,
    Exploitation,
    NotificationKind,
    Report,
    ReporterKind,
    ReporterSector,
    ReportOutcome,
    ReportPerson,
    ReportTransition,
    Status,
    Urgency,
)
from zastita.intake.roster import on_duty, users_with
from zastita.notifications.public import notify
from zastita.partners.models import ApiCapability, ApiKey, Organisation

# One limit per text field, for every way in (the web form, the API): the service enforces
# them, and the form and the API schema take theirs from here.
TEXT_LIMITS = {
    "narrative": 20_000,
    "municipality": 100,
    "reporter_identity": 500,
    "person_description": 1000,
}
MAX_NARRATIVE = TEXT_LIMITS["narrative"]
MAX_PERSONS = 20


def too_long_message(limit: int) -> str:
    """The same words on the web form (Django's max_length) and in the API."""
    return _("Too long: at most %(limit_value)s characters.") % {"limit_value": limit}


def _text_errors(data: ReportInput) -> dict[str, list[str]]:
    """Over-long text and NUL characters (which PostgreSQL cannot store), at their fields."""
    errors: dict[str, list[str]] = {}
    texts = [
        ("narrative", data.narrative, TEXT_LIMITS["narrative"]),
        ("municipality", data.municipality, TEXT_LIMITS["municipality"]),
        ("reporter_identity", data.reporter_identity, TEXT_LIMITS["reporter_identity"]),
        *(("persons", p.description, TEXT_LIMITS["person_description"]) for p in data.persons),
    ]
    for name, value, limit in texts:
        if len(value) > limit:
            errors.setdefault(name, []).append(too_long_message(limit))
        if "\x00" in value:
            errors.setdefault(name, []).append(_("Null characters are not allowed."))
    if len(data.persons) > MAX_PERSONS:
        errors.setdefault("persons", []).append(
            _("At most %(n)s persons in one report.") % {"n": MAX_PERSONS}
        )
    return {name: list(dict.fromkeys(messages)) for name, messages in errors.items()}


@dataclass
class PersonInput:
    """A person concerned: a registry record, or a provisional description for now."""

    person_id: int | None = None
    description: str = ""
    is_child: bool = True


@dataclass
class ReportInput:
    channel: str = ""
    received_at: datetime.datetime | None = None
    reporter_kind: str = ""
    reporter_organisation_id: int | None = None
    reporter_sector: str = ""
    reporter_identity: str = ""
    municipality: str = ""
    exploitation: list[str] = field(default_factory=list)
    urgency: str = ""
    narrative: str = ""
    persons: list[PersonInput] = field(default_factory=list)


def clean_report(data: ReportInput) -> ReportInput:
    """Every problem at once, each on its field."""
    errors: dict[str, list[str]] = _text_errors(data)

    def need(name: str, ok: bool, message: str) -> None:
        if not ok:
            errors.setdefault(name, []).append(message)

    choose = _("Choose a value from the list.")
    need("channel", data.channel in Channel.values, choose)
    need("reporter_kind", data.reporter_kind in ReporterKind.values, choose)
    need("urgency", data.urgency in Urgency.values, choose)
    now = timezone.now()
    if data.received_at is None:
        errors["received_at"] = [_("Enter when the report was received.")]
    elif data.received_at > now + datetime.timedelta(minutes=5):
        errors["received_at"] = [_("The time of receipt cannot be in the future.")]
    elif data.received_at < now - datetime.timedelta(days=366):
        errors["received_at"] = [_("The time of receipt is more than a year ago.")]
    need("municipality", bool(data.municipality.strip()), _("Enter the municipality or city."))
    need("narrative", bool(data.narrative.strip()), _("Write what was reported."))
    need("exploitation", all(e in Exploitation.values for e in data.exploitation), choose)
    if data.reporter_kind == ReporterKind.ORGANISATION:
        organisation = (
            Organisation.objects.filter(pk=data.reporter_organisation_id, is_active=True).first()
            if data.reporter_organisation_id
            else None
        )
        need("reporter_organisation", organisation is not None,
             _("Choose the organisation from the partner register."))  # fmt: skip
        if organisation and not data.reporter_sector:
            data.reporter_sector = organisation.sector
    elif data.reporter_kind == ReporterKind.PRIVATE:
        need("reporter_identity", bool(data.reporter_identity.strip()),
             _("Enter the reporter's name and contact, or mark the report anonymous."))  # fmt: skip
    if data.reporter_sector:
        need("reporter_sector", data.reporter_sector in ReporterSector.values, choose)
    need("persons", bool(data.persons), _("Describe at least one person the report concerns."))
    for person in data.persons:
        if person.person_id is None and not person.description.strip():
            errors.setdefault("persons", []).append(
                _("Each person needs a registry code or a short description.")
            )
            break
    if errors:
        raise ValidationError(fields=errors)
    if data.reporter_kind != ReporterKind.PRIVATE:
        data.reporter_identity = ""  # an organisation or an anonymous reporter has none
    if data.reporter_kind != ReporterKind.ORGANISATION:
        data.reporter_organisation_id = None
    # A child concerned makes the report a child's, unless it is already more urgent.
    if data.urgency == Urgency.ORDINARY and any(p.is_child for p in data.persons):
        data.urgency = Urgency.CHILD
    data.exploitation = list(dict.fromkeys(data.exploitation))
    return data


# The register the reports are numbered in; documents of other kinds have registers of their own.
REPORTS_REGISTER = "reports"


def _next_number(year: int) -> int:
    """The year's next report number, from the reports' register (gap-free, see
    `core.sequences`)."""
    return sequence_next(register=REPORTS_REGISTER, year=year)


def _report_key(report: Report) -> str:
    # The report's id: known before its registry number, and never reused.
    return f"r{report.pk}"


def report_create(
    *, actor: User | None, data: ReportInput, api_key: ApiKey | None = None
) -> Report:
    """Registers a new report: number, persons, clocks, the duty worker's notification and
    the audit event, all in one transaction. (A replayed `Idempotency-Key`, from a partner
    or a staff session, is answered by `api.idempotency` before this is called.)"""
    if api_key is not None:
        if not api_key.allows(ApiCapability.REPORTS_SUBMIT):
            raise PermissionDenied(object_type="report")
    elif actor is None or not actor.has_perm("intake.receive"):
        raise PermissionDenied(object_type="report")
    return _create(actor, clean_report(data), api_key)


@transaction.atomic(durable=True)
def _create(actor: User | None, data: ReportInput, api_key: ApiKey | None) -> Report:
    assert data.received_at is not None
    now = timezone.now()
    year = timezone.localtime(data.received_at).year
    report = Report(
        year=year, channel=data.channel, received_at=data.received_at,
        reporter_kind=data.reporter_kind, reporter_organisation_id=data.reporter_organisation_id,
        reporter_sector=data.reporter_sector,
        municipality=municipalities.resolve(data.municipality) or municipalities.OTHER,
        exploitation=data.exploitation, urgency=data.urgency, created_by=actor,
        submitted_with=api_key, key_id=keyring().active_id,
    )  # fmt: skip
    # The report's id is reserved first and its rows written around it (the foreign keys
    # are checked at commit); the two locks every intake queues on, the year's registry
    # number and the audit chain, are taken last, so each is held for a few statements.
    report.pk = _reserve_report_id()
    key = _report_key(report)
    report.narrative = sealing.seal(data.narrative.strip(), report_key=key, field="narrative")
    report.reporter_identity = sealing.seal(
        data.reporter_identity.strip(), report_key=key, field="reporter"
    )
    if report.municipality == municipalities.OTHER:
        report.municipality_other = sealing.seal(
            data.municipality.strip(), report_key=key, field="municipality"
        )
    ReportPerson.objects.bulk_create(
        ReportPerson(
            report=report,
            person_id=p.person_id,
            is_child=p.is_child,
            description=sealing.seal(p.description.strip(), report_key=key, field="person"),
        )
        for p in data.persons
    )
    ReportTransition.objects.create(report=report, to_status=Status.RECEIVED, actor=actor, at=now)
    # The clocks count from the moment the Center received the report.
    clocks = clocks_start(report, [ClockKind.FIRST_CONTACT, ClockKind.DECISION],
                          at=data.received_at, actor=actor, audit=False)  # fmt: skip
    duty = on_duty(now)
    recipients: list[object] = list(duty.first_responders)
    if not recipients:
        # Nobody on the roster: the report still reaches someone who can act.
        from zastita.accounts.capabilities import Capability

        recipients = list(users_with(Capability.CASES_COORDINATE))
    notify(kind=NotificationKind.NEW_REPORT, subject_type="report", subject_id=report.pk,
           recipients=recipients, at=now)  # fmt: skip
    report.sequence = _next_number(year)
    report.save(force_insert=True)
    # One audit call records the report and its clocks' starts (one lock of the chain).
    audit_record(
        action=Action.CREATE, actor=actor, purpose=(
            Purpose.PARTNER_REPORT if api_key else Purpose.CASE_WORK),
        api_key_id=api_key.pk if api_key else None,
        subjects=[Subject("report", str(report.pk)), *start_subjects(clocks)],
    )  # fmt: skip
    return report


def _reserve_report_id() -> int:
    table = Report._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
        else:
            # SQLite: the write transaction (BEGIN IMMEDIATE) already excludes every other
            # writer, so the next id cannot be taken by anyone else before commit.
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
        row = cursor.fetchone()
    return int(row[0])


def _locked(report: Report, version: int | None) -> Report:
    current = Report.objects.select_for_update().get(pk=report.pk)
    check_version(current.version, version)
    return current


@transaction.atomic(durable=True)
def report_first_contact(*, actor: User, report: Report, version: int | None = None) -> Report:
    """The duty worker took the report in hand: the first-contact clock stops, and the
    report is theirs unless someone else already has it."""
    if not actor.has_perm("intake.receive") or not actor.has_perm("intake.view", report):
        raise PermissionDenied(object_type="report", object_id=str(report.pk))
    report = _locked(report, version)
    if report.first_contact_at is not None:
        raise ValidationError(fields={"__all__": [_("First contact is already recorded.")]})
    now = timezone.now()
    report.first_contact_at = now
    report.version += 1
    report.save(update_fields=["first_contact_at", "version", "updated_at"])
    assignment_take(actor=actor, subject_type="report", record=report)
    clocks_stop(report, [ClockKind.FIRST_CONTACT], at=now, actor=actor)
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="report", object_id=report.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return report


@transaction.atomic(durable=True)
def report_transition(
    *, actor: User, report: Report, to: str, reason: str = "", forwarded_to: str = "",
    version: int | None = None,
) -> Report:  # fmt: skip
    """The one way a report's status changes: checked against the workflow's table, with
    its reason where the step needs one, clocks stopped and started, and audited."""
    return transition_in_transaction(
        actor=actor, report=report, to=to, reason=reason, forwarded_to=forwarded_to,
        version=version,
    )  # fmt: skip


def transition_in_transaction(
    *, actor: User, report: Report, to: str, reason: str = "", forwarded_to: str = "",
    version: int | None = None,
) -> Report:  # fmt: skip
    """report_transition inside a caller's transaction (an identification interview moves
    its report on in the same commit)."""
    if not actor.has_perm("intake.decide", report):
        raise PermissionDenied(object_type="report", object_id=str(report.pk))
    report = _locked(report, version)
    step = workflow.find(report.status, to)
    if step is None:
        raise ValidationError(
            fields={"to": [_("This step is not possible from the report's status.")]}
        )
    errors: dict[str, list[str]] = {}
    if step.needs_reason and len(reason.strip()) < 10:
        errors["reason"] = [_("Give the reason (at least 10 characters).")]
    if step.needs_forwarded_to and not forwarded_to.strip():
        errors["forwarded_to"] = [_("Name the competent body the report goes to.")]
    if errors:
        raise ValidationError(fields=errors)
    now = timezone.now()
    previous = report.status
    report.status = step.to
    fields = ["status", "version", "updated_at"]
    if step.is_decision:
        report.decided_at = now
        fields.append("decided_at")
    if step.needs_forwarded_to:
        report.forwarded_to = sealing.seal(
            forwarded_to.strip(), report_key=_report_key(report), field="forwarded_to"
        )
        fields.append("forwarded_to")
    if step.to == Status.REGISTERED and report.first_contact_at is None:
        report.first_contact_at = now
        fields.append("first_contact_at")
    report.version += 1
    report.save(update_fields=fields)
    # Who takes a step on a report nobody has is its worker from now on.
    assignment_take(actor=actor, subject_type="report", record=report)
    ReportTransition.objects.create(
        report=report, from_status=previous, to_status=step.to, actor=actor, at=now,
        reason=sealing.seal(reason.strip(), report_key=_report_key(report), field="reason"),
    )  # fmt: skip
    outcome = {Status.REJECTED: ReportOutcome.REJECTED, Status.FORWARDED: ReportOutcome.FORWARDED,
               Status.DISCONTINUED: ReportOutcome.DISCONTINUED}.get(Status(step.to))  # fmt: skip
    if outcome is not None:
        Report.objects.filter(pk=report.pk).update(outcome=outcome)
        report.outcome = outcome
    if step.to in (Status.DISCONTINUED, Status.CLOSED):
        clocks_stop(report, [k.value for k in ClockKind], at=now, actor=actor, cancel=True)
    elif step.stops:
        clocks_stop(report, [k.value for k in step.stops], at=now, actor=actor)
    if step.starts is not None:
        clocks_start(report, [step.starts], at=now, actor=actor)
    from zastita.intake.documents import issue_for_step

    # Forms 1 and 2: the note at registration, the decision when decided; issued once.
    issue_for_step(actor=actor, report=report, to=step.to)
    audit_record(
        action=Action.TRANSITION, actor=actor, object_type="report", object_id=report.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return report


def transition_reason(transition: ReportTransition) -> str:
    report = transition.report
    return sealing.unseal(transition.reason, report_key=_report_key(report), field="reason")


def report_texts(report: Report) -> dict[str, str]:
    """The decrypted narrative and reporter; callers record the read."""
    key = _report_key(report)
    return {
        "narrative": sealing.unseal(report.narrative, report_key=key, field="narrative"),
        "reporter": sealing.unseal(report.reporter_identity, report_key=key, field="reporter"),
    }


def report_places(report: Report) -> dict[str, str]:
    """Where it happened (a place not on the reference list decrypted) and the competent body
    it was forwarded to; callers record the read."""
    key = _report_key(report)
    other = sealing.unseal(report.municipality_other, report_key=key, field="municipality")
    return {
        "municipality": other or report.municipality_label,
        "forwarded_to": sealing.unseal(report.forwarded_to, report_key=key, field="forwarded_to"),
    }


def person_description(person: ReportPerson) -> str:
    return sealing.unseal(person.description, report_key=_report_key(person.report), field="person")


# --- attachments ---


def attachment_add(*, actor: User, report: Report, name: str, data: bytes) -> Attachment:
    if not actor.has_perm("intake.receive"):
        raise PermissionDenied(object_type="report", object_id=str(report.pk))
    return attachments.attach(
        name, data, lambda stored, name: _attachment_row(actor, report, name, stored)
    )


def _attachment_row(actor: User, report: Report, name: str, stored: files.StoredFile) -> Attachment:
    attachment = Attachment.objects.create(
        report=report, uploaded_by=actor, **stored.row_fields(),
        name=sealing.seal(name, report_key=_report_key(report), field="attachment"),
    )  # fmt: skip
    audit_record(
        action=Action.CREATE, actor=actor, object_type="attachment", object_id=attachment.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return attachment


def attachment_name(attachment: Attachment) -> str:
    return sealing.unseal(
        attachment.name, report_key=_report_key(attachment.report), field="attachment"
    )


def attachment_content(attachment: Attachment) -> bytes:
    return files.read(attachment.storage_name)


@transaction.atomic(durable=True)
def report_person_link(*, actor: User, report_person: ReportPerson, person_id: int) -> ReportPerson:
    """Links a provisionally described person to their registry record (identification is
    always of a registered person)."""
    return report_person_link_in_transaction(
        actor=actor, report_person=report_person, person_id=person_id
    )


def report_person_link_in_transaction(
    *, actor: User, report_person: ReportPerson, person_id: int
) -> ReportPerson:
    """report_person_link inside a caller's transaction (identification registers the person
    and links them in one commit)."""
    from zastita.people.public import Person

    if not actor.has_perm("intake.decide", report_person.report) or not actor.has_perm(
        "people.search"
    ):
        raise PermissionDenied(object_type="report_person", object_id=str(report_person.pk))
    report_person = ReportPerson.objects.select_for_update().get(pk=report_person.pk)
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    # A file outside the worker's scope answers as one that does not exist: it is opened
    # with a stated reason first (break-the-glass), so that linking it to a report in their
    # scope never brings it in unseen.
    if person is None or not actor.has_perm("people.view", person):
        raise ValidationError(fields={"code": [_("No record has this code.")]})
    if (
        ReportPerson.objects.filter(report_id=report_person.report_id, person=person)
        .exclude(pk=report_person.pk)
        .exists()
    ):
        raise ValidationError(fields={"code": [_("This person is already on the report.")]})
    report_person.person = person
    report_person.is_child = person.is_child
    report_person.save(update_fields=["person", "is_child", "updated_at"])
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="report_person",
        object_id=report_person.pk, purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return report_person


def report_lock(*, report_id: int) -> Report:
    """The report, locked until the caller's transaction ends: for a caller that works out
    something from the report's persons and writes it back (its outcome), so that two
    decisions approved at once do not both compute from the same snapshot."""
    return Report.objects.select_for_update().get(pk=report_id)


def report_outcome_set(*, report: Report, outcome: str) -> str:
    """Sets the report's outcome as worked out from its persons' decisions (identification
    calls this, inside its own transaction, when a decision comes into force). Rejected,
    forwarded and discontinued reports keep theirs. Audited when it changes."""
    if report.outcome in (ReportOutcome.REJECTED, ReportOutcome.FORWARDED,
                          ReportOutcome.DISCONTINUED):  # fmt: skip
        return report.outcome
    if outcome not in (ReportOutcome.PENDING, ReportOutcome.IDENTIFIED, ReportOutcome.NOT_VICTIM):
        raise ValueError(f"Not an outcome decisions give: {outcome!r}")
    if outcome != report.outcome:
        Report.objects.filter(pk=report.pk).update(outcome=outcome)
        report.outcome = outcome
        audit_record(
            action=Action.UPDATE, actor=None, object_type="report_outcome", object_id=report.pk,
            purpose=Purpose.CASE_WORK,
        )  # fmt: skip
    return outcome
