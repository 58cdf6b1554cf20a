"""Issuing under concurrency: the same step issued by several requests at once makes one
document; different steps get consecutive numbers with no gap."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.db import OperationalError

from zastita.core.sequences import sequence_last
from zastita.documents import rendering
from zastita.documents.models import Document
from zastita.documents.public import document_issue

from ..intake.conftest import in_threads
from .conftest import TOY, stored_files

THREADS = 4


def retried(work: Callable[[], object]) -> None:
    for attempt in range(100):
        try:
            work()
            return
        except OperationalError:  # SQLite: busy; the whole transaction retried
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("never got the database")


@pytest.fixture
def quick_pdf(monkeypatch):
    """One real PDF, made once: the renderer is not what these tests are about."""
    pdf = rendering.to_pdf("<p>x</p>")
    monkeypatch.setattr(rendering, "to_pdf", lambda html: pdf)


@pytest.mark.django_db(transaction=True)
def test_the_same_step_at_once_issues_one_document(toy_type, make_user, quick_pdf, files_dir):
    workers = [make_user("worker") for _ in range(THREADS)]
    made: list[int] = []

    def issue(i: int) -> None:
        retried(lambda: made.append(document_issue(
            actor=workers[i], type_code=TOY.code, subject_id=5, step_key="toy:5:once"
        ).pk))  # fmt: skip

    assert in_threads(issue, THREADS) == []
    assert len(set(made)) == 1
    assert len(made) == THREADS
    document = Document.objects.get()
    assert document.number == 1
    assert sequence_last(register="general", year=document.year) == 1
    assert [p.name for p in stored_files(files_dir)] == [document.storage_name]


@pytest.mark.django_db(transaction=True)
def test_different_steps_at_once_leave_no_gap(toy_type, make_user, quick_pdf):
    workers = [make_user("worker") for _ in range(THREADS)]

    def issue(i: int) -> None:
        for n in range(3):
            step = f"{i}:{n}"

            def one(step: str = step) -> Document:
                return document_issue(
                    actor=workers[i], type_code=TOY.code, subject_id=i + 1, step_key=step
                )

            retried(one)

    assert in_threads(issue, THREADS) == []
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * 3 + 1))
