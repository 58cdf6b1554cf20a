"""Formal identification: starting it, interviews (the field interview stops the intake
clock), indicator assessments evaluated by the engine, audited, with conflicts and refusals."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.audit.models import Action
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.identification.models import Assessment, Identification
from zastita.identification.services import (
    assessment_notes,
    assessment_save,
    identification_start,
    interview_record,
    unseal,
)
from zastita.intake.models import ResponseClock, Status
from zastita.intake.services import PersonInput, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import events
from ..intake.conftest import report_input

VICTIM_AL = ["AL.DR.01", "AL.DR.02", "AL.EX.01", "AL.EX.02", "AL.CD.01", "AL.CD.02"]


@pytest.fixture
def accepted(worker_user):
    """An accepted report about one registered adult."""
    from zastita.intake.services import report_create

    person = person_create(actor=worker_user, identity=Identity(first_name="Ана", last_name="Тест"),
                           birth_year=1990)  # fmt: skip
    report = report_create(actor=worker_user, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)],
        received_at=timezone.now() - datetime.timedelta(hours=3),
    ))  # fmt: skip
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    return report_transition(actor=worker_user, report=report, to=Status.ACCEPTED)


@pytest.fixture
def identification(worker_user, accepted):
    return identification_start(actor=worker_user, report_person=accepted.persons.get())


def test_identification_starts_for_a_registered_person_of_an_accepted_report(worker_user, accepted):
    from zastita.intake.services import report_create

    identification = identification_start(actor=worker_user, report_person=accepted.persons.get())
    assert identification.person_id == accepted.persons.get().person_id
    assert events(action=Action.CREATE, object_type="identification")
    with pytest.raises(ValidationError):  # only once
        identification_start(actor=worker_user, report_person=accepted.persons.get())
    fresh = report_create(actor=worker_user, data=report_input())  # received, not accepted
    with pytest.raises(ValidationError):
        identification_start(actor=worker_user, report_person=fresh.persons.get())


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_only_professionals_identify(make_user, accepted, role):
    with pytest.raises(PermissionDenied):
        identification_start(actor=make_user(role), report_person=accepted.persons.get())
    assert not Identification.objects.exists()


def test_the_field_interview_stops_the_field_visit_clock(worker_user, identification, accepted):
    clock = ResponseClock.objects.get(report=accepted, kind="field_visit")
    assert clock.state == "running"
    interview = interview_record(
        actor=worker_user, identification=identification, kind="field",
        held_at=timezone.now() - datetime.timedelta(minutes=30), place="Крагујевац, ЦСР",
        participants="стручни радник, преводилац", interpreter=True, language="rom",
        notes="Разговор у присуству преводиоца",
    )  # fmt: skip
    clock.refresh_from_db()
    accepted.refresh_from_db()
    assert (clock.state, accepted.status) == ("met", Status.IDENTIFICATION)
    assert unseal(interview.place, f"interview:{interview.pk}:place") == "Крагујевац, ЦСР"
    assert "Крагујевац" not in interview.place  # stored encrypted
    assert events(action=Action.CREATE, object_type="interview")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_at": timezone.now() + datetime.timedelta(days=1)}, "held_at"),
        ({"held_at": timezone.now() - datetime.timedelta(days=30)}, "held_at"),
        ({"interpreter": True, "language": "xx"}, "language"),
        ({"kind": "chat"}, "kind"),
    ],
)
def test_an_impossible_interview_is_refused(worker_user, identification, changes, field):
    data = {"kind": "first", "held_at": timezone.now() - datetime.timedelta(minutes=5), **changes}
    with pytest.raises(ValidationError) as caught:
        interview_record(actor=worker_user, identification=identification, **data)
    assert field in caught.value.fields
    assert not identification.interviews.exists()


def test_an_assessment_is_evaluated_kept_with_its_rules_and_audited(worker_user, identification):
    from zastita.identification.indicators.engine import load_rules

    answers = {i.id: "absent" for i in load_rules().sets["AL"].indicators}
    answers.update(dict.fromkeys(VICTIM_AL, "present"))
    saved = assessment_save(actor=worker_user, identification=identification, set_id="AL",
                            answers=answers, age_at_exploitation=30,
                            notes={"AL.CD.01": "пасош код газде"})  # fmt: skip
    assert (saved.outcome, saved.version) == ("VICTIM", 1)
    assert saved.result["rule"]["kind"] == "adult"
    assert len(saved.rules_digest) == 64
    assert assessment_notes(saved) == {"AL.CD.01": "пасош код газде"}
    answers["AL.CD.02"] = "unknown"
    again = assessment_save(actor=worker_user, identification=identification, set_id="AL",
                            answers=answers, age_at_exploitation=30, version=1)  # fmt: skip
    assert (again.pk, again.version, again.outcome) == (saved.pk, 2, "INSUFFICIENT_INFORMATION")
    assert again.result["missing"] == ["CD: AL.CD.02"]
    assert [e.action for e in events(object_type="assessment")] == [Action.CREATE, Action.UPDATE]


def test_two_editors_of_one_assessment_get_a_conflict(worker_user, make_user, identification):
    assessment_save(actor=worker_user, identification=identification, set_id="AL",
                    answers={}, age_at_exploitation=30)  # fmt: skip
    assessment_save(actor=make_user("worker"), identification=identification, set_id="AL",
                    answers={"AL.DR.01": "present"}, age_at_exploitation=30, version=1)  # fmt: skip
    with pytest.raises(Conflict):
        assessment_save(actor=worker_user, identification=identification, set_id="AL",
                        answers={"AL.DR.01": "absent"}, age_at_exploitation=30,
                        version=1)  # fmt: skip
    assert Assessment.objects.get().answers == {"AL.DR.01": "present"}


def test_a_set_for_another_age_group_needs_a_reason(worker_user, identification):
    with pytest.raises(ValidationError) as caught:
        assessment_save(actor=worker_user, identification=identification, set_id="CL",
                        answers={}, age_at_exploitation=30)  # fmt: skip
    assert list(caught.value.fields) == ["override_reason"]
    saved = assessment_save(
        actor=worker_user, identification=identification, set_id="CL", answers={},
        age_at_exploitation=30, override_reason="Експлоатација је почела пре 18. године",
    )  # fmt: skip
    assert "SET_FOR_OTHER_AGE_GROUP" in saved.result["flags"]


def test_answers_outside_the_set_are_refused(worker_user, identification):
    with pytest.raises(ValidationError) as caught:
        assessment_save(actor=worker_user, identification=identification, set_id="AL",
                        answers={"CL.DR.01": "present"}, age_at_exploitation=30)  # fmt: skip
    assert list(caught.value.fields) == ["answers"]
    with pytest.raises(ValidationError) as caught:
        assessment_save(actor=worker_user, identification=identification, set_id="QQ",
                        answers={}, age_at_exploitation=30)  # fmt: skip
    assert list(caught.value.fields) == ["set_id"]
    assert not Assessment.objects.exists()
