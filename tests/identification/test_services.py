"""Formal identification: starting it, interviews (the field interview stops the intake
clock), indicator assessments evaluated by the engine, audited, with conflicts and refusals."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.audit.models import Action
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.deadlines.public import Deadline
from zastita.identification.models import Assessment, Identification
from zastita.identification.services import (
    assessment_notes,
    assessment_save,
    identification_start,
    interview_record,
    unseal,
)
from zastita.intake.models import Status
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
    clock = Deadline.objects.get(
        subject_type="report", subject_id=accepted.pk, kind="intake.field_visit"
    )
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


# --- decisions ---


@pytest.fixture
def head(make_user):
    return make_user("head_of_service")


def decision_data(worker, **changes):
    data = {
        "status": "identified", "exploitation": ["ForcedLabour"], "abroad": False,
        "municipality": "Крагујевац", "period_from": datetime.date(2026, 3, 1),
        "period_to": datetime.date(2026, 6, 30), "control_means": ["DebtBondage"],
        "recruitment": ["JobOffer", "Online"],
        "relationship": "Acquainted", "decided_on": timezone.localdate(),
        "panel": [{"user": worker.pk, "profession": "социјални радник"}],
        "reasons": "Присутни индикатори принуде на одредишту и обмане при врбовању.",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_decision_comes_into_force_when_the_head_approves_it(worker_user, head, identification):
    from zastita.identification.models import HTCDS_STATUS, VictimStatus
    from zastita.identification.selectors import in_force
    from zastita.identification.services import (
        decision_approve,
        decision_propose,
        decision_reasons,
    )

    proposed = decision_propose(actor=worker_user, identification=identification,
                                **decision_data(worker_user))  # fmt: skip
    assert in_force(identification) is None
    assert "Присутни" not in proposed.reasons  # encrypted
    assert decision_reasons(proposed).startswith("Присутни")
    with pytest.raises(PermissionDenied):
        decision_approve(actor=worker_user, decision=proposed)
    approved = decision_approve(actor=head, decision=proposed)
    identification.refresh_from_db()
    assert (in_force(identification), identification.status) == (approved, "decided")
    assert (
        approved.htcds_status
        == HTCDS_STATUS[VictimStatus.IDENTIFIED]
        == "ActualVictimOfTrafficking"
    )
    assert events(action=Action.TRANSITION, object_type="decision", actor=head)


def test_a_head_on_the_panel_may_not_approve_the_decision(worker_user, head, make_user,
                                                          identification):  # fmt: skip
    from zastita.identification.selectors import in_force
    from zastita.identification.services import decision_approve, decision_propose

    panel = [{"user": worker_user.pk, "profession": "социјални радник"},
             {"user": head.pk, "profession": "психолог"}]  # fmt: skip
    proposed = decision_propose(actor=worker_user, identification=identification,
                                **decision_data(worker_user, panel=panel))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        decision_approve(actor=head, decision=proposed)
    assert "__all__" in refused.value.fields
    assert in_force(identification) is None
    assert not events(action=Action.TRANSITION, object_type="decision", actor=head)
    # Another head of service, not on the panel, approves it.
    other = make_user("head_of_service")
    assert decision_approve(actor=other, decision=proposed).approved_by == other


def test_a_review_supersedes_and_keeps_the_history(worker_user, head, identification):
    from zastita.identification.selectors import in_force
    from zastita.identification.services import decision_approve, decision_propose

    first = decision_approve(actor=head, decision=decision_propose(
        actor=worker_user, identification=identification,
        **decision_data(worker_user, status="presumed")))  # fmt: skip
    with pytest.raises(ValidationError) as caught:  # a second "initial" decision
        decision_propose(actor=worker_user, identification=identification,
                         **decision_data(worker_user))  # fmt: skip
    assert list(caught.value.fields) == ["kind"]
    review = decision_propose(actor=worker_user, identification=identification, kind="review",
                              **decision_data(worker_user))  # fmt: skip
    assert review.supersedes == first
    assert in_force(identification) == first  # until the review is approved
    decision_approve(actor=head, decision=review)
    assert in_force(identification) == review
    first.refresh_from_db()
    assert (first.status, first.approved_by) == ("presumed", head)  # untouched


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "identified", "exploitation": []}, "exploitation"),
        ({"decided_on": timezone.localdate() - datetime.timedelta(days=10)}, "decided_on"),
        ({"decided_on": timezone.localdate() + datetime.timedelta(days=1)}, "decided_on"),
        ({"abroad": True, "country": "XX"}, "country"),
        ({"municipality": " "}, "municipality"),
        ({"period_to": datetime.date(2026, 1, 1)}, "period_to"),
        ({"panel": []}, "panel"),
        ({"reasons": "кратко"}, "reasons"),
        ({"control_means": ["Magic"]}, "control_means"),
        ({"recruitment": ["Magic"]}, "recruitment"),
        ({"status": "victim"}, "status"),
    ],
)
def test_contradictions_are_refused(worker_user, identification, changes, field):
    from zastita.identification.models import Decision
    from zastita.identification.services import decision_propose

    with pytest.raises(ValidationError) as caught:
        decision_propose(actor=worker_user, identification=identification,
                         **decision_data(worker_user, **changes))  # fmt: skip
    assert field in caught.value.fields
    assert not Decision.objects.exists()


def test_a_review_without_a_decision_in_force_is_refused(worker_user, identification):
    from zastita.identification.services import decision_propose

    with pytest.raises(ValidationError) as caught:
        decision_propose(actor=worker_user, identification=identification, kind="appeal",
                         **decision_data(worker_user))  # fmt: skip
    assert list(caught.value.fields) == ["kind"]


def test_the_reports_outcome_follows_the_decisions(worker_user, head, identification, accepted):
    from zastita.identification.services import decision_approve, decision_propose

    assert accepted.outcome == "pending"
    not_victim = decision_approve(actor=head, decision=decision_propose(
        actor=worker_user, identification=identification,
        **decision_data(worker_user, status="not_victim", exploitation=[])))  # fmt: skip
    accepted.refresh_from_db()
    assert accepted.outcome == "not_victim"  # the only person, found not to be a victim
    review = decision_propose(actor=worker_user, identification=identification, kind="review",
                              **decision_data(worker_user))  # fmt: skip
    decision_approve(actor=head, decision=review)
    accepted.refresh_from_db()
    assert accepted.outcome == "identified"
    assert not_victim.status == "not_victim"
    assert events(object_type="report_outcome")


def test_a_rejected_report_keeps_its_outcome(worker_user):
    from zastita.intake.services import report_create

    report = report_create(actor=worker_user, data=report_input())
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    report = report_transition(actor=worker_user, report=report, to=Status.REJECTED,
                               reason="Нема основа сумње на трговину људима.")  # fmt: skip
    report.refresh_from_db()
    assert report.outcome == "rejected"
