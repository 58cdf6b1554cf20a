"""Writes that join a person described on a report to the person registry: a record found by
search, or a new one registered from what the report says, each in one commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.intake.public import ReportPerson, report_person_link_in_transaction
from zastita.people.public import Identity, Person, person_create_in_transaction


def _unlinked(report_person: ReportPerson) -> ReportPerson:
    """The report's person, locked, still waiting for their registry record: a second click
    (or a colleague who linked them meanwhile) must not register the person twice."""
    locked = ReportPerson.objects.select_for_update().get(pk=report_person.pk)
    if locked.person_id is not None:
        raise ValidationError(
            fields={"person": [_("This person is already linked to the registry.")]}
        )
    return locked


@transaction.atomic(durable=True)
def report_person_link_chosen(
    *, actor: User, report_person: ReportPerson, person_id: int
) -> ReportPerson:
    """Links the report's person to a record chosen from a search or from the likely
    duplicates. A record merged into another since the list was shown, or gone, is refused
    with a reason (the user searches again), never silently replaced by another."""
    if not actor.has_perm("intake.decide", report_person.report) or not actor.has_perm(
        "people.search"
    ):
        raise PermissionDenied(object_type="report_person", object_id=str(report_person.pk))
    locked = _unlinked(report_person)
    if not Person.objects.filter(pk=person_id, merged_into__isnull=True).exists():
        raise ValidationError(
            fields={
                "person": [
                    _(
                        "This record is no longer in the registry (it may have been merged "
                        "into another). Search again."
                    )
                ]
            }
        )
    return report_person_link_in_transaction(actor=actor, report_person=locked, person_id=person_id)


@transaction.atomic(durable=True)
def report_person_register(
    *, actor: User, report_person: ReportPerson, identity: Identity, **descriptive: Any
) -> Person:
    """Registers a new person and links them to the report's person in the same commit, with
    both audit events: either the person is registered and on the report, or nothing is
    written. The caller has shown the likely duplicates first (people.person_duplicates);
    creating anyway is the user's decision."""
    if not (
        actor.has_perm("intake.decide", report_person.report) and actor.has_perm("people.create")
    ):
        raise PermissionDenied(object_type="report_person", object_id=str(report_person.pk))
    locked = _unlinked(report_person)
    person = person_create_in_transaction(actor=actor, identity=identity, **descriptive)
    report_person_link_in_transaction(actor=actor, report_person=locked, person_id=person.pk)
    return person
