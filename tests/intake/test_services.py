"""Report intake and workflow: numbers, clocks, notifications, audit, refusals."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from zastita.audit.models import Action
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.sequences import Sequence
from zastita.intake.models import (
    ClockKind,
    ClockState,
    Report,
    ReportTransition,
    Status,
)
from zastita.intake.services import (
    PersonInput,
    report_create,
    report_first_contact,
    report_texts,
    report_transition,
)
from zastita.notifications.public import Notification, text

from ..conftest import events, share
from .clocks import clock, clocks, states
from .conftest import NARRATIVE, report_input


def test_a_report_gets_the_next_number_clocks_and_a_notification(
    make_report, duty_worker, on_shift
):
    on_shift()
    first, second = make_report(), make_report()
    year = timezone.localtime().year
    assert (first.year, first.sequence, second.sequence) == (year, 1, 2)
    assert first.number == f"0001/{year}"
    # A child concerned: the report is a child's and first contact is due within the hour.
    assert first.urgency == "child"
    found = clocks(first)
    assert set(found) == {ClockKind.FIRST_CONTACT, ClockKind.DECISION}
    contact = found[ClockKind.FIRST_CONTACT]
    assert contact.due_at - contact.started_at == datetime.timedelta(minutes=60)
    assert len(contact.warn_times()) == 2
    note = Notification.objects.get(subject_type="report", subject_id=first.pk, channel="in_app")
    assert note.recipient == duty_worker
    assert note.kind == "new_report"
    assert text(note)
    assert first.number in text(note)
    assert NARRATIVE not in text(note)
    assert "Крагујевац" not in text(note)
    assert [e.object_id for e in events(action=Action.CREATE, object_type="report")] == [
        str(first.pk),
        str(second.pk),
    ]
    assert events(object_type="clock_start")


def test_the_narrative_and_a_private_reporter_are_encrypted(make_report):
    report = make_report(reporter_kind="private", reporter_identity="Марија Марић, 0641234567")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT narrative, reporter_identity FROM intake_report WHERE id = %s", [report.pk]
        )
        narrative, reporter = cursor.fetchone()
    assert "газда" not in narrative
    assert "Марић" not in reporter
    assert report_texts(report) == {
        "narrative": NARRATIVE,
        "reporter": "Марија Марић, 0641234567",
    }


def test_invalid_input_is_refused_field_by_field_and_nothing_is_saved(worker_user):
    data = report_input(
        channel="pigeon", municipality=" ", narrative="", persons=[], urgency="whenever",
        received_at=timezone.now() + datetime.timedelta(days=2),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        report_create(actor=worker_user, data=data)
    assert set(caught.value.fields) == {
        "channel", "municipality", "narrative", "persons", "urgency", "received_at",
    }  # fmt: skip
    assert not Report.objects.exists()
    assert not Sequence.objects.exists()


def test_an_organisation_reporter_must_be_in_the_register(worker_user, organisation):
    with pytest.raises(ValidationError) as caught:
        report_create(actor=worker_user, data=report_input(reporter_kind="organisation"))
    assert list(caught.value.fields) == ["reporter_organisation"]
    report = report_create(
        actor=worker_user,
        data=report_input(reporter_kind="organisation", reporter_organisation_id=organisation.pk),
    )
    assert report.reporter_sector == organisation.sector


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_only_staff_who_receive_reports_create_them(make_user, role):
    with pytest.raises(PermissionDenied):
        report_create(actor=make_user(role), data=report_input())
    assert not Report.objects.exists()


def test_the_workflow_registers_decides_and_moves_the_clocks(make_report, worker_user):
    report = make_report(persons=[PersonInput(description="одрасла жена", is_child=False)])
    assert report.urgency == "ordinary"
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    assert report.first_contact_at is not None
    assert report.assigned_to == worker_user
    contact = clock(report, ClockKind.FIRST_CONTACT)
    assert contact.state == ClockState.MET
    with pytest.raises(ValidationError) as caught:
        report_transition(actor=worker_user, report=report, to=Status.REJECTED, reason="кратко")
    assert list(caught.value.fields) == ["reason"]
    with pytest.raises(ValidationError):
        report_transition(actor=worker_user, report=report, to=Status.FORWARDED)
    report = report_transition(actor=worker_user, report=report, to=Status.ACCEPTED)
    assert report.decided_at is not None
    assert states(report) == {"first_contact": "met", "decision": "met", "field_visit": "running"}
    report = report_transition(actor=worker_user, report=report, to=Status.DISCONTINUED,
                               reason="Особа је напустила земљу пре идентификације")  # fmt: skip
    assert clock(report, "field_visit").state == "cancelled"
    steps = list(ReportTransition.objects.filter(report=report).values_list("to_status", flat=True))
    assert steps == ["received", "registered", "accepted", "discontinued"]
    assert len(events(action=Action.TRANSITION, object_type="report")) == 3


def test_a_step_outside_the_table_is_refused(make_report, worker_user):
    report = make_report()
    with pytest.raises(ValidationError) as caught:
        report_transition(actor=worker_user, report=report, to=Status.ACCEPTED)
    assert list(caught.value.fields) == ["to"]
    report.refresh_from_db()
    assert report.status == Status.RECEIVED


def test_a_stale_version_is_a_conflict(make_report, worker_user, make_user):
    report = make_report()
    coworker = make_user("worker")
    share(report, coworker)
    report_transition(actor=coworker, report=report, to=Status.REGISTERED, version=1)
    with pytest.raises(Conflict):
        report_transition(actor=worker_user, report=report, to=Status.DISCONTINUED,
                          reason="Дупла пријава истог случаја", version=1)  # fmt: skip
    report.refresh_from_db()
    assert report.status == Status.REGISTERED


def test_first_contact_stops_its_clock_once(make_report, duty_worker, on_shift):
    on_shift(duty_worker)  # the open report nobody has is the duty worker's to take
    report = make_report()
    report = report_first_contact(actor=duty_worker, report=report)
    assert report.assigned_to == duty_worker
    assert clock(report, "first_contact").state == "met"
    with pytest.raises(ValidationError):
        report_first_contact(actor=duty_worker, report=report)


def test_nobody_on_duty_sends_the_report_to_the_head_of_service(make_report, head):
    report = make_report()
    assert list(
        Notification.objects.filter(subject_id=report.pk, channel="in_app").values_list(
            "recipient", flat=True
        )
    ) == [head.pk]


def test_a_worker_outside_the_reports_scope_cannot_move_it(make_report, make_user):
    """The service asks the report's scope itself, not only the page that called it."""
    report = make_report()
    with pytest.raises(PermissionDenied):
        report_transition(actor=make_user("worker"), report=report, to=Status.REGISTERED)
    report.refresh_from_db()
    assert report.status == Status.RECEIVED
