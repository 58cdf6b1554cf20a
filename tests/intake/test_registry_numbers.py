"""Registry numbers (деловодни бројеви): one sequence a year, no gaps, also under
concurrent creation and when a creating transaction fails half-way."""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError

from zastita.core.sequences import Sequence
from zastita.intake import services
from zastita.intake.models import Report
from zastita.intake.services import report_create

from .conftest import in_threads, report_input

THREADS = 6
EACH = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_creation_leaves_no_gaps(make_user):
    workers = [make_user("worker") for _ in range(THREADS)]

    def create(i: int) -> None:
        for _ in range(EACH):
            for attempt in range(100):
                try:
                    report_create(actor=workers[i], data=report_input())
                    break
                except OperationalError:  # SQLite: busy; the whole transaction retried
                    time.sleep(0.01 * (attempt + 1))
            else:
                raise AssertionError("never got the database")

    errors = in_threads(create, THREADS)
    assert not errors
    numbers = sorted(Report.objects.values_list("sequence", flat=True))
    assert numbers == list(range(1, THREADS * EACH + 1))
    assert Sequence.objects.get(register="reports").last == THREADS * EACH


@pytest.mark.django_db(transaction=True)
def test_a_failed_creation_gives_its_number_back(make_user, monkeypatch):
    worker = make_user("worker")
    first = report_create(actor=worker, data=report_input())

    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the notification could not be written")

    monkeypatch.setattr(services, "notify", fails)
    with pytest.raises(RuntimeError):
        report_create(actor=worker, data=report_input())
    monkeypatch.undo()
    second = report_create(actor=worker, data=report_input())
    assert (first.sequence, second.sequence) == (1, 2)
    assert Report.objects.count() == 2
