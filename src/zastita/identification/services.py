"""Writes for formal identification: starting it for a person of an accepted report,
conversations and interviews, indicator assessments, written forms, decisions and their
approval, criminal proceedings, attached documents, and the indicator rules. Each is
audited in its own transaction; only an approved decision sets a person's status."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.assignments.public import assignment_take
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core import crypto, files, municipalities, reference
from zastita.core.concurrency import check_version
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.files import attachments
from zastita.identification.indicators.engine import AnswerError, evaluate, rules_in_use
from zastita.identification.models import (
    Assessment,
    Attachment,
    Consent,
    ControlMeans,
    Decision,
    DecisionKind,
    DocumentKind,
    Identification,
    IdentificationStatus,
    Interview,
    InterviewKind,
    ProceduralRole,
    Proceeding,
    ProceedingStage,
    Recruitment,
    Relationship,
    RulesVersion,
    VictimStatus,
)
from zastita.identification.selectors import in_force
from zastita.identification.slots import proceedings_kept
from zastita.identification.written import form_spec
from zastita.intake.public import (
    Exploitation,
    Report,
    ReportOutcome,
    ReportPerson,
    Status,
    field_visit_refresh,
    report_lock,
    report_outcome_set,
    transition_in_transaction,
    users_with,
)
from zastita.notifications.public import notify
from zastita.writtenforms import public as written_forms
from zastita.writtenforms.public import FormVersion, WrittenForm

STARTABLE = (Status.ACCEPTED, Status.IDENTIFICATION)


def _seal(text: str, record: str) -> str:
    return crypto.seal(text, "identification", record)


def unseal(token: str, record: str) -> str:
    return crypto.unseal(token, "identification", record)


def _audit(actor: User, action: Action, object_type: str, object_id: int) -> None:
    audit_record(action=action, actor=actor, object_type=object_type, object_id=object_id,
                 purpose=Purpose.CASE_WORK)  # fmt: skip


@transaction.atomic(durable=True)
def identification_start(*, actor: User, report_person: ReportPerson) -> Identification:
    """Opens the identification of one person of an accepted report. The person must be in
    the registry (identification is of someone, not of a description)."""
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="report_person", object_id=str(report_person.pk))
    report_person = ReportPerson.objects.select_related("report").get(pk=report_person.pk)
    if report_person.report.status not in STARTABLE:
        raise ValidationError(
            fields={"__all__": [_("Only a report accepted for identification can have one.")]}
        )
    if report_person.person_id is None:
        raise ValidationError(fields={"person": [_("Link the person to the registry first.")]})
    if Identification.objects.filter(report_person=report_person).exists():
        raise ValidationError(fields={"__all__": [_("This person's identification is open.")]})
    identification = Identification.objects.create(
        report_person=report_person, person_id=report_person.person_id, created_by=actor
    )
    # The worker who opens it works on it, until the head of service assigns it otherwise.
    assignment_take(actor=actor, subject_type="identification", record=identification)
    _audit(actor, Action.CREATE, "identification", identification.pk)
    return identification


@transaction.atomic(durable=True)
def interview_record(
    *, actor: User, identification: Identification, kind: str, held_at: datetime.datetime,
    place: str = "", participants: str = "", interpreter: bool = False, language: str = "",
    notes: str = "",
) -> Interview:  # fmt: skip
    """Records a conversation or interview. A person's first field interview is their field
    visit: the report moves to "identification under way" in this commit, and the intake's
    field-visit clock stops once every person of the report is seen (or set aside; the rule
    is `intake.clocks.field_visit_refresh`)."""
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification.pk))
    identification = Identification.objects.select_related("report_person__report").get(
        pk=identification.pk
    )
    report = identification.report_person.report
    errors: dict[str, list[str]] = {}
    if kind not in InterviewKind.values:
        errors["kind"] = [_("Choose a value from the list.")]
    if held_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["held_at"] = [_("The time cannot be in the future.")]
    elif held_at < report.received_at:
        errors["held_at"] = [_("The interview cannot be before the report was received.")]
    if interpreter and not reference.is_language(language):
        errors["language"] = [_("Choose the language interpreted (ISO 639).")]
    if errors:
        raise ValidationError(fields=errors)
    interview = Interview.objects.create(
        identification=identification, kind=kind, held_at=held_at, interpreter=interpreter,
        language=language if interpreter else "", recorded_by=actor,
    )  # fmt: skip
    record = f"interview:{interview.pk}"
    interview.place = _seal(place.strip(), record + ":place")
    interview.participants = _seal(participants.strip(), record + ":participants")
    interview.notes = _seal(notes.strip(), record + ":notes")
    interview.save(update_fields=["place", "participants", "notes"])
    _audit(actor, Action.CREATE, "interview", interview.pk)
    if kind == InterviewKind.FIELD_INTERVIEW:
        if report.status == Status.ACCEPTED:
            transition_in_transaction(actor=actor, report=report, to=Status.IDENTIFICATION)
        field_visit_refresh(report, actor=actor)
    return interview


@transaction.atomic(durable=True)
def assessment_save(
    *, actor: User, identification: Identification, set_id: str, answers: dict[str, str],
    notes: dict[str, str] | None = None, act_present: bool | None = None,
    age_at_exploitation: int | None = None, age_disputed: bool = False,
    override_reason: str = "", version: int | None = None,
) -> Assessment:  # fmt: skip
    """Saves the answers to one set and the engine's evaluation of them. `version` is the
    one the user saw when editing an existing assessment: a stale save is a conflict."""
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification.pk))
    book, digest = rules_in_use()
    try:
        result = evaluate(
            book, set_id, answers, age=age_at_exploitation, age_disputed=age_disputed,
            act_present=act_present,
        )  # fmt: skip
    except AnswerError as exc:
        field = "set_id" if set_id not in book.sets else "answers"
        raise ValidationError(fields={field: [str(exc)]}) from exc
    if "SET_FOR_OTHER_AGE_GROUP" in result.flags and len(override_reason.strip()) < 10:
        raise ValidationError(fields={"override_reason": [_(
            "This set is meant for another age group: say why it is used (at least 10 "
            "characters)."
        )]})  # fmt: skip
    current = (
        Assessment.objects.select_for_update()
        .filter(identification=identification, set_id=set_id)
        .first()
    )
    if current is not None:
        check_version(current.version, version)
    assessment = current or Assessment(identification=identification, set_id=set_id)
    assessment.answers = dict(answers)
    assessment.act_present = act_present
    assessment.age_at_exploitation = age_at_exploitation
    assessment.age_disputed = age_disputed
    assessment.outcome = result.outcome.value
    assessment.result = result.as_dict()
    assessment.rules_digest = digest
    assessment.updated_by = actor
    assessment.version = (current.version + 1) if current else 1
    assessment.save()
    record = f"assessment:{assessment.pk}"
    assessment.notes = _seal(json.dumps(notes or {}, ensure_ascii=False), record + ":notes")
    assessment.override_reason = _seal(override_reason.strip(), record + ":override")
    assessment.save(update_fields=["notes", "override_reason"])
    _audit(actor, Action.UPDATE if current else Action.CREATE, "assessment", assessment.pk)
    return assessment


def assessment_notes(assessment: Assessment) -> dict[str, Any]:
    raw = unseal(assessment.notes, f"assessment:{assessment.pk}:notes")
    return json.loads(raw) if raw else {}


def _decision_errors(
    identification: Identification, data: dict[str, Any], previous: Decision | None, kind: str
) -> dict[str, list[str]]:
    report = identification.report_person.report
    errors: dict[str, list[str]] = {}
    choose = _("Choose a value from the list.")
    if data["status"] not in VictimStatus.values:
        errors["status"] = [choose]
    if data["status"] == VictimStatus.IDENTIFIED and not data["exploitation"]:
        errors["exploitation"] = [
            _("An identified victim needs at least one form of exploitation.")
        ]
    if any(e not in Exploitation.values for e in data["exploitation"]):
        errors["exploitation"] = [choose]
    if any(c not in ControlMeans.values for c in data["control_means"]):
        errors["control_means"] = [choose]
    if any(c not in Recruitment.values for c in data["recruitment"]):
        errors["recruitment"] = [choose]
    if data["relationship"] not in Relationship.values:
        errors["relationship"] = [choose]
    if data["status"] != VictimStatus.NOT_VICTIM:
        if data["abroad"] and not reference.is_country(data["country"]):
            errors["country"] = [_("Choose the country where the person was exploited.")]
        if not data["abroad"] and not data["municipality"].strip():
            errors["municipality"] = [_("Enter the municipality where the person was exploited.")]
    decided_on = data["decided_on"]
    if decided_on > timezone.localdate():
        errors["decided_on"] = [_("The date cannot be in the future.")]
    elif decided_on < timezone.localtime(report.received_at).date():
        errors["decided_on"] = [_("A decision cannot be dated before its report.")]
    if data["period_from"] and data["period_to"] and data["period_to"] < data["period_from"]:
        errors["period_to"] = [_("The period ends before it begins.")]
    if not data["panel"] or any(not (m.get("user") and m.get("profession")) for m in data["panel"]):
        errors["panel"] = [_("Name the panel's members and their professions.")]
    if len(data["reasons"].strip()) < 20:
        errors["reasons"] = [_("Give the reasons (at least 20 characters).")]
    if kind != DecisionKind.INITIAL and previous is None:
        errors["kind"] = [_("There is no approved decision to review.")]
    if kind == DecisionKind.INITIAL and previous is not None:
        errors["kind"] = [_("A decision exists: a change is a review or an appeal.")]
    return errors


@transaction.atomic(durable=True)
def decision_propose(
    *, actor: User, identification: Identification, kind: str = DecisionKind.INITIAL,
    **data: Any,
) -> Decision:  # fmt: skip
    """Proposes a decision (the head of service approves it). A review or an appeal
    supersedes the approved decision in force; nothing is ever overwritten."""
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification.pk))
    identification = Identification.objects.select_related("report_person__report").get(
        pk=identification.pk
    )
    fields: dict[str, Any] = {
        "status": "", "exploitation": [], "abroad": False, "municipality": "", "country": "",
        "period_from": None, "period_to": None, "recruitment": [], "control_means": [],
        "relationship": "",
        "decided_on": timezone.localdate(), "panel": [], "reasons": "",
    }  # fmt: skip
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Not decision fields: {sorted(unknown)}")
    fields.update(data)
    previous = in_force(identification)
    if Decision.objects.filter(identification=identification, approved_at__isnull=True).exists():
        raise ValidationError(fields={"__all__": [_("A proposed decision awaits approval.")]})
    errors = _decision_errors(identification, fields, previous, kind)
    if errors:
        raise ValidationError(fields=errors)
    reasons = fields.pop("reasons").strip()
    panel = fields.pop("panel")
    place = fields.pop("municipality").strip()
    code = municipalities.resolve(place) or (municipalities.OTHER if place else "")
    decision = Decision.objects.create(
        identification=identification, kind=kind, supersedes=previous, proposed_by=actor,
        reasons="", municipality=code, panel=[{"user": m["user"]} for m in panel], **fields,
    )  # fmt: skip
    record = f"decision:{decision.pk}"
    decision.reasons = _seal(reasons, record + ":reasons")
    professions = json.dumps([str(m["profession"]).strip() for m in panel], ensure_ascii=False)
    decision.panel_professions = _seal(professions, record + ":panel")
    if code == municipalities.OTHER:
        decision.municipality_other = _seal(place, record + ":municipality")
    decision.save(update_fields=["reasons", "panel_professions", "municipality_other"])
    _audit(actor, Action.CREATE, "decision", decision.pk)
    # The heads of service learn that a decision awaits them: the report's number and a
    # link, nothing about the person.
    from zastita.accounts.capabilities import Capability

    heads = [u for u in users_with(Capability.CASES_COORDINATE) if u.pk != actor.pk]
    notify(kind="approval", subject_type="decision", subject_id=decision.pk, recipients=heads)
    return decision


@transaction.atomic(durable=True)
def decision_approve(*, actor: User, decision: Decision) -> Decision:
    """The head of service approves: the decision comes into force (it supersedes the one
    before it), the identification is decided, and the status change is audited."""
    if not actor.has_perm("identification.approve"):
        raise PermissionDenied(object_type="decision", object_id=str(decision.pk))
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.approved_at is not None:
        raise ValidationError(fields={"__all__": [_("This decision is already approved.")]})
    # Four eyes: who sat on the decision's panel does not approve it.
    if any(m.get("user") == actor.pk for m in decision.panel):
        raise ValidationError(fields={"__all__": [
            _("You sat on this decision's panel: another head of service approves it.")
        ]})  # fmt: skip
    decision.approved_by, decision.approved_at = actor, timezone.now()
    decision.save(update_fields=["approved_by", "approved_at", "updated_at"])
    Identification.objects.filter(pk=decision.identification_id).update(
        status=IdentificationStatus.DECIDED, updated_at=timezone.now()
    )
    identification = Identification.objects.select_related("report_person__report").get(
        pk=decision.identification_id
    )
    _report_outcome_refresh(identification.report_person.report)
    audit_record(
        action=Action.TRANSITION, actor=actor, object_type="decision", object_id=decision.pk,
        purpose=Purpose.SUPERVISION,
    )  # fmt: skip
    return decision


def _report_outcome_refresh(report: Report) -> str:
    """The report's outcome from its persons' decisions in force: a victim identified among
    them, or all of them found not to be victims; otherwise still pending. Intake sets it
    (`report_outcome_set`), inside this transaction, with the report locked first."""
    report = report_lock(report_id=report.pk)
    persons = list(report.persons.all())
    statuses = []
    for identification in Identification.objects.filter(report_person__in=persons):
        decision = in_force(identification)
        statuses.append(decision.status if decision else None)
    if VictimStatus.IDENTIFIED in statuses:
        outcome = ReportOutcome.IDENTIFIED
    elif len(statuses) == len(persons) and all(s == VictimStatus.NOT_VICTIM for s in statuses):
        outcome = ReportOutcome.NOT_VICTIM
    else:
        outcome = ReportOutcome.PENDING
    return report_outcome_set(report=report, outcome=outcome)


def decision_reasons(decision: Decision) -> str:
    return unseal(decision.reasons, f"decision:{decision.pk}:reasons")


def decision_panel(decision: Decision) -> list[dict[str, Any]]:
    """The panel with its members' professions decrypted: [{"user": id, "profession": ...}]."""
    raw = unseal(decision.panel_professions, f"decision:{decision.pk}:panel")
    professions = json.loads(raw) if raw else []
    professions += [""] * (len(decision.panel) - len(professions))
    return [
        {"user": member.get("user"), "profession": profession}
        for member, profession in zip(decision.panel, professions, strict=False)
    ]


def decision_place(decision: Decision) -> str:
    """A place of exploitation not on the municipalities' list, decrypted ("" otherwise)."""
    return unseal(decision.municipality_other, f"decision:{decision.pk}:municipality")


def form_save(
    *, actor: User, identification: Identification, kind: str, sections: dict[str, str],
    base_version: int, autosave: bool = False,
) -> FormVersion:  # fmt: skip
    """Saves one of the identification's written forms as a new version, on the writtenforms
    platform (its rules: versions kept, conflicts, required sections; see its form_save)."""
    if form_spec(kind) is None:
        raise ValidationError(fields={"kind": [_("Choose a value from the list.")]})
    return written_forms.form_save(
        actor=actor, code=kind, subject_id=identification.pk, sections=sections,
        base_version=base_version, autosave=autosave,
    )  # fmt: skip


def form_text(version: FormVersion) -> dict[str, str]:
    return written_forms.version_text(version)


def form_approve(*, actor: User, form: WrittenForm, version: int) -> WrittenForm:
    """The head of service approves the version they read (four eyes: see the platform)."""
    return written_forms.form_approve(actor=actor, form=form, version=version)


def proceeding_errors(
    *, stage: str, role: str, consent: str, authority: str, reference: str,
    consent_on: datetime.date | None,
) -> dict[str, list[str]]:  # fmt: skip
    """What is wrong with a proceeding as typed, by field (here and on the person's case)."""
    errors: dict[str, list[str]] = {}
    choose = _("Choose a value from the list.")
    if stage not in ProceedingStage.values:
        errors["stage"] = [choose]
    if role not in ProceduralRole.values:
        errors["role"] = [choose]
    if consent not in Consent.values:
        errors["consent"] = [choose]
    if not authority.strip():
        errors["authority"] = [_("Name the police unit, prosecution office or court.")]
    if not reference.strip():
        errors["reference"] = [_("Enter the case number.")]
    if consent_on and consent_on > timezone.localdate():
        errors["consent_on"] = [_("The date cannot be in the future.")]
    if consent != Consent.NOT_ASKED and consent_on is None:
        errors["consent_on"] = [_("Enter when the person said so.")]
    return errors


@transaction.atomic(durable=True)
def proceeding_add(
    *, actor: User, identification: Identification, stage: str, authority: str, reference: str,
    role: str, consent: str = "not_asked", consent_on: datetime.date | None = None,
) -> Proceeding:  # fmt: skip
    """Records a criminal case the person takes part in. Cooperation is recorded, never
    required: assistance does not depend on it."""
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification.pk))
    kept = [k for k in proceedings_kept.collect(actor, identification) if k]
    if kept:  # the person's case keeps them from its opening
        raise ValidationError(kept[0])
    errors = proceeding_errors(stage=stage, role=role, consent=consent, authority=authority,
                               reference=reference, consent_on=consent_on)  # fmt: skip
    if errors:
        raise ValidationError(fields=errors)
    proceeding = Proceeding.objects.create(
        identification=identification, stage=stage, authority="", role=role,
        consent=consent, consent_on=consent_on, recorded_by=actor, reference="",
    )  # fmt: skip
    record = f"proceeding:{proceeding.pk}"
    proceeding.reference = _seal(reference.strip(), record + ":reference")
    proceeding.authority = _seal(authority.strip(), record + ":authority")
    proceeding.save(update_fields=["reference", "authority"])
    _audit(actor, Action.CREATE, "proceeding", proceeding.pk)
    return proceeding


def proceeding_reference(proceeding: Proceeding) -> str:
    return unseal(proceeding.reference, f"proceeding:{proceeding.pk}:reference")


def proceeding_authority(proceeding: Proceeding) -> str:
    return unseal(proceeding.authority, f"proceeding:{proceeding.pk}:authority")


@transaction.atomic(durable=True)
def rules_version_save(*, actor: User, text: str, comment: str) -> RulesVersion:
    """Saves an edited rules document as the next version, in use from now on. It is
    refused, with the engine's reason, if the engine could not evaluate with it."""
    import hashlib

    from zastita.identification.indicators.engine import RulesError, load_rules

    if not actor.has_perm("identification.manage_rules"):
        raise PermissionDenied(object_type="indicator_rules")
    errors: dict[str, list[str]] = {}
    try:
        load_rules(text=text)
    except RulesError as exc:
        errors["text"] = [_("The rules cannot be used: %(reason)s") % {"reason": exc}]
    if len(comment.strip()) < 5:
        errors["comment"] = [_("Say what changed.")]
    if errors:
        raise ValidationError(fields=errors)
    last = RulesVersion.objects.select_for_update().order_by("-number").first()
    version = RulesVersion.objects.create(
        number=(last.number if last else 0) + 1, text=text, comment=comment.strip(),
        digest=hashlib.sha256(text.encode()).hexdigest(), created_by=actor,
    )  # fmt: skip
    _audit(actor, Action.UPDATE, "indicator_rules", version.pk)
    return version


def attachment_add(
    *, actor: User, identification: Identification, kind: str, name: str, data: bytes,
    description: str = "",
) -> Attachment:  # fmt: skip
    """Attaches a document: checked and stored first, then the row in one audited
    transaction; if the row fails, the stored file goes too."""
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification.pk))
    if kind not in DocumentKind.values:
        raise ValidationError(fields={"kind": [_("Choose a value from the list.")]})
    return attachments.attach(name, data, lambda stored, name: _attachment_row(
        actor, identification, kind, name, description, stored
    ))  # fmt: skip


def _attachment_row(
    actor: User, identification: Identification, kind: str, name: str, description: str,
    stored: files.StoredFile,
) -> Attachment:  # fmt: skip
    attachment = Attachment.objects.create(
        identification=identification, kind=kind, uploaded_by=actor, name="",
        **stored.row_fields(),
    )  # fmt: skip
    record = f"attachment:{attachment.pk}"
    attachment.name = _seal(name, record + ":name")
    attachment.description = _seal(description.strip()[:500], record + ":description")
    attachment.save(update_fields=["name", "description"])
    _audit(actor, Action.CREATE, "identification_attachment", attachment.pk)
    return attachment


def attachment_texts(attachment: Attachment) -> dict[str, str]:
    record = f"attachment:{attachment.pk}"
    return {
        "name": unseal(attachment.name, record + ":name"),
        "description": unseal(attachment.description, record + ":description"),
    }
