"""One open case per person, also when two workers open one at the same moment: one case
is opened, the other is told the person already has one (PostgreSQL in CI, SQLite too)."""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError

from zastita.cases.models import Case
from zastita.cases.services import case_open_pending
from zastita.core.errors import ValidationError
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..intake.conftest import in_threads

REASON = "Особа је у непосредној опасности и треба јој смештај."


@pytest.mark.django_db(transaction=True)
def test_two_workers_opening_a_case_for_one_person_at_once_open_one(make_user):
    heads = [make_user("head_of_service") for _ in range(2)]
    person = person_create(actor=heads[0], identity=Identity(first_name="Јана", last_name="Тест"),
                           birth_year=1993)  # fmt: skip
    opened: list[Case] = []
    refused: list[str] = []

    def open_case(i: int) -> None:
        for attempt in range(100):
            try:
                opened.append(case_open_pending(actor=heads[i], person=person, reason=REASON))
            except ValidationError as exc:
                refused.append(str(exc.summary()))
            except OperationalError:  # SQLite: busy; the whole transaction is tried again
                time.sleep(0.01 * (attempt + 1))
                continue
            return
        raise AssertionError("never got the database")

    assert in_threads(open_case, 2) == []
    assert len(opened) == 1
    assert len(refused) == 1
    assert opened[0].number in refused[0]  # the head of service may see it: its number
    assert Case.objects.filter(person=person).count() == 1
