"""Identification: the rule engine on random answers, and an assessment saved through the
service (engine, encrypted notes, audit in one transaction); each beside a floor measured
in the same run."""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from django.db import transaction

from zastita.audit.models import Action
from zastita.audit.services import audit_record
from zastita.identification.indicators.engine import evaluate, rules_in_use
from zastita.identification.services import assessment_save, identification_start
from zastita.intake.models import Status
from zastita.intake.services import PersonInput, ReportInput, report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create

ANSWERS = ("present", "absent", "unknown")


def _percentiles(samples: list[float]) -> dict[str, float]:
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 3),
    }


def engine(n: int) -> dict[str, Any]:
    """Evaluations per second of the adult labour set (67 indicators) with random answers;
    the floor is one pass over the same answers that only counts them."""
    book, _digest = rules_in_use()
    ids = [i.id for i in book.sets["AL"].indicators]
    rng = random.Random(5)
    sheets = [{i: rng.choice(ANSWERS) for i in ids} for _ in range(n)]
    outcomes: dict[str, int] = {}
    start = time.perf_counter()
    for sheet in sheets:
        result = evaluate(book, "AL", sheet, age=30)
        outcomes[result.outcome.value] = outcomes.get(result.outcome.value, 0) + 1
    rate = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for sheet in sheets:
        sum(1 for answer in sheet.values() if answer == "present")
    floor = n / (time.perf_counter() - start)
    return {
        "evaluations_per_s": round(rate, 1),
        "floor_count_answers_per_s": round(floor, 1),
        "outcomes": outcomes,
        "n": n,
    }


def assessment(worker: Any, n: int) -> dict[str, Any]:
    """An assessment saved n times (each save a new version, evaluated and audited); the
    floor is one audit event in its own transaction."""
    person = person_create(actor=worker, identity=Identity(first_name="Мерење", last_name="Б"),
                           birth_year=1990)  # fmt: skip
    report = report_create(actor=worker, data=ReportInput(
        channel="phone", received_at=person.created_at, reporter_kind="anonymous",
        municipality="Ниш", exploitation=["ForcedLabour"], urgency="ordinary",
        narrative="Синтетички опис за мерење.", persons=[PersonInput(person_id=person.pk)],
    ))  # fmt: skip
    report = report_transition(actor=worker, report=report, to=Status.REGISTERED)
    report = report_transition(actor=worker, report=report, to=Status.ACCEPTED)
    opened = identification_start(actor=worker, report_person=report.persons.get())
    book, _digest = rules_in_use()
    ids = [i.id for i in book.sets["AL"].indicators]
    rng = random.Random(7)
    samples = []
    for version in range(1, n + 1):
        answers = {i: rng.choice(ANSWERS) for i in ids}
        start = time.perf_counter()
        assessment_save(actor=worker, identification=opened, set_id="AL", answers=answers,
                        notes={ids[0]: "белешка"}, age_at_exploitation=30,
                        version=version - 1 if version > 1 else None)  # fmt: skip
        samples.append((time.perf_counter() - start) * 1000)
    floor = []
    for i in range(n):
        start = time.perf_counter()
        with transaction.atomic():
            audit_record(action=Action.UPDATE, actor=worker, object_type="bench", object_id=i)
        floor.append((time.perf_counter() - start) * 1000)
    return {**_percentiles(samples), "floor_audited_write": _percentiles(floor), "n": n}
