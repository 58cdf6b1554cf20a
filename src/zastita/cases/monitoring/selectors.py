"""Reads for monitoring, through the case's scope (the caller has read the case)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zastita.cases.models import Case, MonitoringContact
from zastita.cases.models.monitoring import ContactMode, ContactWith
from zastita.core.crypto import unseal
from zastita.core.labels import labels


@dataclass
class ContactRow:
    contact: MonitoringContact
    notes: str
    tasks: list[str]


def case_contacts(case: Case) -> list[ContactRow]:
    contacts = (
        MonitoringContact.objects.filter(case=case)
        .select_related("provider__organisation", "organisation", "created_by")
        .prefetch_related("tasks__goal")
    )  # fmt: skip
    return [
        ContactRow(c, unseal(c.notes, "monitoring_contact", c.pk, "notes"),
                   [f"{t.goal.position}.{t.position}" for t in c.tasks.all()])
        for c in contacts
    ]  # fmt: skip


@dataclass
class ContactLine:
    """A contact as the case's page shows it: its columns and labels, no model."""

    held_on: datetime.date
    minutes: int
    with_whom: str
    mode: str
    notes: str
    by: str
    tasks: list[str] = field(default_factory=list)


def contact_lines(case: Case) -> list[ContactLine]:
    """The case's monitoring contacts for its page, newest first, in one query of the
    columns it shows (and one for the tasks they followed up, when there are contacts);
    sorted here, as `service_rows`."""
    with_labels, modes = labels(ContactWith), labels(ContactMode)
    rows = MonitoringContact.objects.filter(case_id=case.pk).order_by().values_list(
        "pk", "held_on", "minutes", "with_whom", "mode", "provider__professional",
        "provider__organisation__name", "organisation__name", "notes", "created_by__full_name",
    )  # fmt: skip
    newest_first = sorted(rows, key=lambda r: (r[1], r[0]), reverse=True)
    lines: dict[int, ContactLine] = {}
    for (pk, held_on, minutes, with_whom, mode, professional, provider_organisation,
         organisation, notes, by) in newest_first:  # fmt: skip
        provider = ", ".join(p for p in (professional, provider_organisation) if p)
        lines[pk] = ContactLine(
            held_on=held_on, minutes=minutes,
            with_whom=provider or organisation or with_labels.get(with_whom, ""),
            mode=modes.get(mode, ""), notes=unseal(notes, "monitoring_contact", pk, "notes"),
            by=by,
        )  # fmt: skip
    if lines:
        followed = (
            MonitoringContact.tasks.through.objects.filter(monitoringcontact_id__in=list(lines))
            .order_by("task__goal__plan_id", "task__goal__position", "task__position")
            .values_list("monitoringcontact_id", "task__goal__position", "task__position")
        )
        for contact_id, goal, task in followed:
            lines[contact_id].tasks.append(f"{goal}.{task}")
    return list(lines.values())
