"""Subject access, complete: the export is assembled from every app's registered section, and a
model that refers to a person cannot be left out of it."""

from __future__ import annotations

import datetime
import json

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone, translation

from zastita.core.registries import subject_access
from zastita.identification.services import interview_record
from zastita.people.export import subject_access_data

from ..conftest import sign_in

# Models that refer to a person (directly or through another that does) yet hold nothing of
# the person's own: each with the reason. Everything else must be in a section.
NOT_PERSONAL: dict[str, str] = {}


def _refers_to_a_person() -> set[str]:
    """Every model with a foreign key to a person, or to a model that has one, and every
    platform model that acts on a subject (type, id): these are about someone."""
    root: type[models.Model] = apps.get_model("people", "Person")
    found: set[type[models.Model]] = {root}
    level: set[type[models.Model]] = {root}
    while level:
        reached: set[type[models.Model]] = set()
        for model in apps.get_models():
            if model in found:
                continue
            for field in model._meta.get_fields():
                if isinstance(field, models.ForeignKey | models.OneToOneField) and (
                    field.related_model in level
                ):
                    reached.add(model)
        found |= reached
        level = reached
    on_subjects = {
        model for model in apps.get_models()
        if {"subject_type", "subject_id"} <= {f.name for f in model._meta.get_fields()}
    }  # fmt: skip
    return {model._meta.label for model in found | on_subjects}


def test_every_model_that_refers_to_a_person_has_a_section():
    missing = sorted(_refers_to_a_person() - subject_access.covered_models() - set(NOT_PERSONAL))
    assert missing == [], (
        f"No subject-access section covers {missing}: register one in the owning app's "
        "AppConfig.ready() (zastita.core.registries.subject_access), or add the model to "
        "NOT_PERSONAL here with the reason."
    )


def test_an_unregistered_model_fails_the_coverage_check():
    section = subject_access.subject_access_sections.get("intake.reports")
    subject_access.subject_access_sections.unregister("intake.reports")
    try:
        missing = _refers_to_a_person() - subject_access.covered_models() - set(NOT_PERSONAL)
        assert "intake.ReportPerson" in missing
    finally:
        subject_access.register(section)


@pytest.mark.django_db
def test_the_export_holds_the_persons_reports_and_identification_and_nobody_elses(
    client,
    dpo_user,
    worker_user,
    make_user,
    person,
    accepted,
    identification,
):
    interview_record(
        actor=worker_user, identification=identification, kind="first",
        held_at=timezone.now() - datetime.timedelta(minutes=30),
        place="канцеларија Центра", participants="", notes="говори о послу у иностранству",
    )  # fmt: skip
    from zastita.notifications.public import notify

    notify(kind="new_report", subject_type="report", subject_id=accepted.pk,
           recipients=[worker_user])  # fmt: skip
    # A note written about the person (form 6), and a decision awaiting approval, which
    # the head of service is notified about.
    from zastita.documents.public import document_issue
    from zastita.identification.services import decision_propose

    from .test_services import decision_data

    note = document_issue(actor=worker_user, type_code="people.official_note",
                          subject_id=person.pk, step_key="written:test-note",
                          written={"text": "Белешка о особи."})  # fmt: skip
    head = make_user("head_of_service", username="head1")
    decision_propose(actor=worker_user, identification=identification,
                                **decision_data(worker_user))  # fmt: skip
    # The labels in Serbian, whatever language an earlier test left active.
    with translation.override("sr"):
        data = subject_access_data(person)
    reports = data["sections"]["intake.reports"]
    assert [r["number"] for r in reports] == [accepted.number]
    assert reports[0]["status"] == "accepted"
    rows = data["sections"]["identification.identifications"]
    assert any(r.get("notes") == "говори о послу у иностранству" for r in rows)
    assert any(r.get("place") == "канцеларија Центра" for r in rows)
    # The platform's sections about those records: the note issued at registration, the
    # messages sent about the report.
    assert any(r["type"] == "Службена белешка о примљеној пријави"
               for r in data["sections"]["documents.documents"])  # fmt: skip
    assert {r["channel"] for r in data["sections"]["notifications.notifications"]} >= {"in_app"}
    numbers = [r["registry_number"] for r in data["sections"]["documents.documents"]]
    assert note.registry_number in numbers
    assert numbers.count(note.registry_number) == 1
    told = [r["kind"] for r in data["sections"]["notifications.notifications"]]
    assert "чека одобрење" in told  # the approval notification about the decision
    assert "decision" in {p["record_type"] for p in data["processing"]}
    assert head.is_active
    # The other person on the same report is not in this person's export.
    text = json.dumps(data, ensure_ascii=False)
    assert "жена, око 30" not in text
    # The access log about the person includes their report and identification.
    kinds = {p["record_type"] for p in data["processing"]}
    assert {"person", "report", "identification", "interview"} <= kinds
    # Roles by name, in Serbian, beside the codes.
    assert any(p["by_role_names"] == "Стручни радник" for p in data["processing"])

    sign_in(client, dpo_user)
    response = client.post("/people/subject-access/", {"code": person.code, "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
