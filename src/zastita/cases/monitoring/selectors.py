"""Reads for monitoring, through the case's scope (the caller has read the case)."""

from __future__ import annotations

from dataclasses import dataclass

from zastita.cases.models import Case, MonitoringContact
from zastita.core.crypto import unseal


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
