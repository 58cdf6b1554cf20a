"""Every text field (CharField, TextField, JSONField) of every model of the project is
accounted for: either on the allow-list below, with a one-line reason (choices, codes, ids,
digests, ciphertext columns, the staff and partner directories), or covered by a canary that
the services write and tests/people/test_canary.py looks for in the raw database. A new
field in neither list fails here: nothing is stored in clear without someone deciding so."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models

from tests.people.canaries import IDENTITY_FIELD, TEXTS

CIPHERTEXT = "ciphertext: AES-GCM under the keyring, bound to its record and field"
CHOICES = "one of the field's choices (a code)"

ALLOWED: dict[str, str] = {
    "core.Sequence.register": "the name of a register (a code)",
    "core.RetentionPeriod.rule_code": "a retention rule's code",
    "core.RetentionPeriod.reason": "why a retention period changed (configuration, no person)",
    # documents: the register's entries hold codes and the stored file's key; the rendered
    # PDF is a file encrypted through core.files, never a column
    "documents.Document.register": "the register's code",
    "documents.IncomingDocument.register": "the register's code",
    "documents.IncomingDocument.sender": "the institution or professional who answered",
    "documents.Document.type_code": "the document type's code",
    "documents.Document.subject_type": "the kind of record (a code)",
    "documents.Document.step_key": "the owning app's step, ids and codes only",
    "documents.Document.content_type": "the stored file's media type",
    "documents.Document.storage_name": "the stored file's random name",
    "documents.Document.sha256": "the stored file's hash",
    "documents.Document.key_id": "the id of the key the file is encrypted with",
    "documents.DocumentTemplate.type_code": "the document type's code",
    "documents.DocumentTemplate.kind": "the template's kind (html or docx)",
    # assignments: who of the staff works on a record; ids and codes
    "accounts.Team.name": "a team of the Center's staff (configuration)",
    "assignments.AssignmentChange.subject_type": "the kind of record (a code)",
    "assignments.AssignmentChange.coworker_ids": "the co-workers' account ids",
    "assignments.GlassAccess.subject_type": "the kind of record opened (a code)",
    "cases.Case.status": "the case's status (a code)",
    "cases.CaseTransition.from_status": "a status (a code)",
    "cases.CaseTransition.to_status": "a status (a code)",
    "cases.Plan.kind": CHOICES,
    "cases.Plan.participation": CHOICES,
    "cases.Task.responsible": CHOICES,
    "cases.Task.status": CHOICES,
    "cases.Engagement.kind": CHOICES,
    "cases.MonitoringContact.with_whom": CHOICES,
    "cases.MonitoringContact.mode": CHOICES,
    "cases.Review.outcome": CHOICES,
    "cases.Closure.reason": CHOICES,
    "cases.CostCell.kind": "a kind of service (a code)",
    "cases.CostCell.funding": "a funding source (a code)",
    "cases.CaseCost.cells": "kind and funding codes with amounts and counts",
    "cases.CaseProceeding.stage": CHOICES,
    "cases.CaseProceeding.role": CHOICES,
    "cases.CaseProceeding.consent": CHOICES,
    "cases.ProceedingChange.stage": CHOICES,
    "cases.ProceedingChange.role": CHOICES,
    "cases.ProceedingChange.consent": CHOICES,
    "cases.StockReceipt.kind": CHOICES,
    "cases.StockReceipt.description": "what a donor gave, as they list it (never a person)",
    "cases.Review.progress": "goal ids and progress codes",
    "cases.Engagement.unit": CHOICES,
    "cases.Engagement.funding": CHOICES,
    "cases.Engagement.decision": CHOICES,
    "cases.Engagement.funding_source": "a project's or a donor's name (an institution)",
    "assignments.GlassAccess.reason": "the reason chosen from a list (a code)",
    "documents.EditableCopy.content_type": "the Word copy's media type",
    "documents.EditableCopy.storage_name": "the Word copy's random file name",
    "documents.EditableCopy.sha256": "the Word copy's hash",
    "documents.EditableCopy.key_id": "the id of the key the Word copy is encrypted with",
    "documents.DocumentTemplate.body": "the Center's template text (configuration)",
    # accounts: the Center's own staff and their sign-in; no one the Center protects
    "accounts.Role.code": "the role's code",
    "accounts.Role.name_sr": "the role's name (configuration)",
    "accounts.Role.name_en": "the role's name (configuration)",
    "accounts.Role.capabilities": "capability codes",
    "accounts.User.password": "an Argon2 hash",
    "accounts.User.username": "a staff member's sign-in name (staff directory)",
    "accounts.User.full_name": "a staff member's name, shown on what they sign (staff directory)",
    "accounts.User.email": "a staff member's work address (staff directory)",
    "accounts.User.language": "a language code",
    "accounts.User.activation_digest": "a keyed digest of the activation code",
    "accounts.SealedTOTPDevice.name": "the device's label",
    "accounts.SealedTOTPDevice.sealed_key": CIPHERTEXT,
    "accounts.RecoveryCodeDevice.name": "the device's label",
    "accounts.RecoveryCodeDevice.key_id": "a key id",
    "accounts.RecoveryCode.digest": "a keyed digest",
    # audit: ids and codes, never names or text (the architecture's rule for audit events)
    "audit.AuditEvent.actor_roles": "role codes",
    "audit.AuditEvent.action": CHOICES,
    "audit.AuditEvent.object_type": "a record type's code",
    "audit.AuditEvent.object_id": "a record's id",
    "audit.AuditEvent.purpose": CHOICES,
    "audit.AuditEvent.reason_ref": "a reference to an encrypted reason (type:id)",
    "audit.AuditEvent.request_id": "a random request id",
    "audit.AuditEvent.key_id": "a key id",
    "audit.AuditEvent.prev_hash": "a chain hash",
    "audit.AuditEvent.hash": "a chain hash",
    "audit.ChainHead.hash": "a chain hash",
    # partners: the register of organisations, not of persons
    "partners.Organisation.name": "an organisation's name (partner register)",
    "partners.Organisation.sector": CHOICES,
    "partners.Organisation.municipality": "an organisation's seat (partner register)",
    "partners.ApiKey.label": "the key's label, chosen by the administrator",
    "partners.Provider.kind": CHOICES,
    "partners.Provider.professional": "a provider's professional name (register of providers)",
    "partners.Provider.languages": "ISO 639 language codes",
    "partners.Provider.contact": "a provider's professional contact (register of providers)",
    "partners.Provider.agreement": "a memorandum's or contract's number and date",
    "partners.Provider.availability": "a provider's working hours and availability",
    "partners.ApiKey.prefix": "the key's public prefix",
    "partners.ApiKey.digest": "a digest of the key",
    "partners.ApiKey.capabilities": "capability codes",
    "core.IdempotentRequest.scope": "a caller's id (key:<id> or user:<id>)",
    "core.IdempotentRequest.key": "the caller's idempotency token",
    "core.IdempotentRequest.request_hash": "a keyed hash of the body",
    "core.IdempotentRequest.response": "the answer's ids and codes, never what was submitted",
    # people: the identity itself is one ciphertext (canary: people.Person.identity)
    "people.Person.code": "the pseudonymous code",
    "people.Person.sex": CHOICES,
    "people.Person.citizenships": "ISO 3166 codes",
    "people.Person.languages": "ISO 639 codes",
    "people.Person.marital_status": CHOICES,
    "people.Person.education": CHOICES,
    "people.Person.ethnicity": CHOICES,
    "people.Person.identity_key_id": "a key id",
    "people.PersonSearchKey.kind": CHOICES,
    "people.PersonSearchKey.digest": "a keyed blind index (HMAC)",
    "people.PersonSearchKey.key_id": "a key id",
    "people.PersonRelation.kind": CHOICES,
    # intake
    "intake.Report.status": CHOICES,
    "intake.Report.outcome": CHOICES,
    "intake.Report.channel": CHOICES,
    "intake.Report.reporter_kind": CHOICES,
    "intake.Report.reporter_sector": CHOICES,
    "intake.Report.municipality": "a code of the municipalities' list (core.municipalities)",
    "intake.Report.exploitation": "exploitation codes",
    "intake.Report.urgency": CHOICES,
    "intake.Report.key_id": "a key id",
    "intake.ReportPerson.set_aside": CHOICES,
    "intake.ReportPerson.set_aside_reason": CIPHERTEXT,
    "intake.ReportTransition.from_status": CHOICES,
    "intake.ReportTransition.to_status": CHOICES,
    "intake.Attachment.content_type": "a MIME type",
    "intake.Attachment.storage_name": "a random file name",
    "intake.Attachment.sha256": "a digest of the encrypted file",
    "intake.Attachment.key_id": "a key id",
    "intake.Attachment.name": CIPHERTEXT,
    "intake.Shift.kind": CHOICES,
    "intake.Shift.handover": CIPHERTEXT,
    # identification
    "identification.Identification.status": CHOICES,
    "identification.Interview.kind": CHOICES,
    "identification.Interview.language": "an ISO 639 code",
    "identification.Assessment.set_id": "an indicator set's id",
    "identification.Assessment.answers": "indicator ids and answer codes",
    "identification.Assessment.notes": CIPHERTEXT,
    "identification.Assessment.override_reason": CIPHERTEXT,
    "identification.Assessment.outcome": "the rule engine's outcome code",
    "identification.Assessment.result": "the rule engine's result: codes and numbers",
    "identification.Assessment.rules_digest": "a digest of the rules",
    "identification.Decision.kind": CHOICES,
    "identification.Decision.status": CHOICES,
    "identification.Decision.exploitation": "exploitation codes",
    "identification.Decision.municipality": "a code of the municipalities' list",
    "identification.Decision.country": "an ISO 3166 code",
    "identification.Decision.recruitment": "recruitment codes",
    "identification.Decision.control_means": "control-means codes",
    "identification.Decision.relationship": CHOICES,
    "identification.Decision.panel": "the panel's user ids (professions encrypted apart)",
    "identification.Proceeding.stage": CHOICES,
    "identification.Proceeding.role": CHOICES,
    "identification.Proceeding.consent": CHOICES,
    "identification.RulesVersion.text": "the indicator rules (configuration, about no case)",
    "identification.RulesVersion.digest": "a digest of the rules",
    "identification.RulesVersion.comment": "a comment on a rules change (configuration)",
    "identification.Attachment.content_type": "a MIME type",
    "identification.Attachment.storage_name": "a random file name",
    "identification.Attachment.sha256": "a digest of the encrypted file",
    "identification.Attachment.key_id": "a key id",
    "identification.Attachment.kind": CHOICES,
    "identification.Attachment.name": CIPHERTEXT,
    "identification.Attachment.description": CIPHERTEXT,
    # drafts: a form's typing kept for its author, encrypted
    "drafts.FormDraft.page_path": "a page's path (no personal data in URLs)",
    "drafts.FormDraft.form_key": "a form's key",
    "drafts.FormDraft.action_path": "a form's action path (no personal data in URLs)",
    "drafts.FormDraft.title_ciphertext": CIPHERTEXT,
    "drafts.FormDraft.data_ciphertext": CIPHERTEXT,
    # deadlines: kinds, codes and times; a pause's reason is free text, encrypted
    "deadlines.DeadlineTarget.kind": "a deadline kind's code",
    "deadlines.DeadlineTarget.variant": "a variant's code (e.g. an urgency)",
    "deadlines.DeadlineTarget.warn_at_percent": "numbers",
    "deadlines.Deadline.kind": "a deadline kind's code",
    "deadlines.Deadline.variant": "a variant's code (e.g. an urgency)",
    "deadlines.Deadline.subject_type": "a subject type's code",
    "deadlines.Deadline.state": CHOICES,
    "deadlines.Deadline.warn_at_percent": "numbers",
    "deadlines.Deadline.pause_reason": CIPHERTEXT,
    "deadlines.DeadlinePause.reason": CIPHERTEXT,
    # notifications: the outbox holds codes and ids; the words are made at delivery
    "notifications.Notification.subject_type": "a record type's code",
    "notifications.Notification.kind": "a notification kind's code (registry)",
    "notifications.Notification.channel": CHOICES,
    "notifications.Notification.dedupe": "a tag of record ids and codes",
    "notifications.Notification.state": CHOICES,
    "notifications.Notification.last_error": "a delivery status code, never a body",
    "notifications.NotificationPreference.kind": "a notification kind's code (registry)",
    "notifications.NotificationPreference.channels": "channel codes",
    # writtenforms: forms on a subject (type, id), their specs (configuration, no case)
    "writtenforms.SpecVersion.code": "a form spec's code",
    "writtenforms.SpecVersion.text": "a form's sections and guidance (configuration)",
    "writtenforms.SpecVersion.digest": "a digest of the spec",
    "writtenforms.SpecVersion.comment": "a comment on a spec change (configuration)",
    "writtenforms.WrittenForm.code": "a form spec's code",
    "writtenforms.WrittenForm.subject_type": "a subject type's code",
    "writtenforms.WrittenForm.status": CHOICES,
    "writtenforms.FormReview.outcome": CHOICES,
    "writtenforms.FormReview.comments": CIPHERTEXT,
}
CANARIED = {IDENTITY_FIELD, *TEXTS}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_fields() -> list[str]:
    """app.Model.field for every text column of the project's own models."""
    return [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("zastita.")
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS)
    ]


def unaccounted(labels: Iterable[str]) -> list[str]:
    return [label for label in labels if label not in ALLOWED and label not in CANARIED]


def test_every_text_field_is_a_code_or_covered_by_a_canary():
    missing = unaccounted(text_fields())
    assert missing == [], (
        f"Text fields stored without a decision: {missing}. Encrypt each (and add a canary "
        "to tests/people/canaries.py, written through the services), or make it a code and "
        "add it to ALLOWED in tests/core/test_plaintext_fields.py with the reason."
    )


def test_a_new_plaintext_field_is_caught():
    assert unaccounted(["intake.Report.new_free_text", "intake.Report.narrative"]) == [
        "intake.Report.new_free_text"
    ]


def test_the_lists_name_existing_fields_each_once():
    fields = set(text_fields())
    assert sorted((set(ALLOWED) | CANARIED) - fields) == []  # no stale entry hides a rename
    assert sorted(set(ALLOWED) & CANARIED) == []
