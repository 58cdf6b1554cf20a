"""Writes for monitoring: a contact is recorded on an open case, with the tasks of the
plan in force it followed up; its notes are encrypted; it is audited in its transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.models import Case, ContactWith, MonitoringContact
from zastita.cases.plans.selectors import open_tasks
from zastita.cases.services import case_for_work
from zastita.core.crypto import seal
from zastita.core.errors import ValidationError
from zastita.partners.models import Organisation, Provider

MAX_NOTES = 10_000
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class ContactInput:
    with_whom: str
    mode: str
    held_on: datetime.date | None
    minutes: int | None
    notes: str = ""
    provider: Provider | None = None
    organisation: Organisation | None = None
    task_ids: list[int] = field(default_factory=list)


@transaction.atomic(durable=True)
def contact_record(*, actor: User, case: Case, data: ContactInput) -> MonitoringContact:
    locked = case_for_work(actor, case)
    errors: dict[str, list[str]] = {}
    if data.held_on is None or data.held_on > timezone.localdate():
        errors["held_on"] = [_("Give the date of the contact, not later than today.")]
    elif data.held_on < locked.opened_at.date():
        errors["held_on"] = [_("The contact cannot be before the case was opened.")]
    if not data.minutes or data.minutes <= 0 or data.minutes > MAX_MINUTES:
        errors["minutes"] = [_("Give the duration in minutes, at most a day.")]
    if data.with_whom == ContactWith.PROVIDER and data.provider is None:
        errors["provider"] = [_("Choose the provider.")]
    if data.with_whom == ContactWith.PARTNER and data.organisation is None:
        errors["organisation"] = [_("Choose the partner institution.")]
    if len(data.notes) > MAX_NOTES:
        errors["notes"] = [_("At most %(count)d characters.") % {"count": MAX_NOTES}]
    running = {t.pk for t in open_tasks(locked)}
    if set(data.task_ids) - running:
        errors["tasks"] = [_("Choose open tasks of the plan in force.")]
    if errors or data.held_on is None or data.minutes is None:  # (both are in `errors`)
        raise ValidationError(fields=errors)
    contact = MonitoringContact.objects.create(
        case=locked, with_whom=data.with_whom, mode=data.mode, held_on=data.held_on,
        minutes=data.minutes, created_by=actor,
        provider=data.provider if data.with_whom == ContactWith.PROVIDER else None,
        organisation=data.organisation if data.with_whom == ContactWith.PARTNER else None,
    )  # fmt: skip
    if data.notes.strip():
        contact.notes = seal(data.notes.strip(), "monitoring_contact", contact.pk, "notes")
        contact.save(update_fields=["notes"])
    contact.tasks.set(data.task_ids)
    audit_record(action=Action.CREATE, actor=actor, object_type="monitoring_contact",
                 object_id=contact.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    return contact
