"""Fixtures for identification: a registered person on an accepted report, and their open
identification."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.identification.services import identification_start
from zastita.intake.models import Status
from zastita.intake.services import PersonInput, report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..intake.conftest import report_input

NO_ACCESS = ["analyst", "partner_reporter", "administrator", "dpo", "shelter_staff"]
MISSING = 999999


@pytest.fixture
def person(worker_user):
    return person_create(actor=worker_user, identity=Identity(first_name="Вера", last_name="Тест"),
                         birth_year=1990)  # fmt: skip


@pytest.fixture
def accepted(worker_user, person):
    report = report_create(actor=worker_user, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False),
                 PersonInput(description="жена, око 30")],
        received_at=timezone.now() - datetime.timedelta(hours=2),
    ))  # fmt: skip
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    return report_transition(actor=worker_user, report=report, to=Status.ACCEPTED)


@pytest.fixture
def identification(worker_user, accepted):
    return identification_start(
        actor=worker_user, report_person=accepted.persons.get(person__isnull=False)
    )
