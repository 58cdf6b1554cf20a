"""The field-visit clock: met only by field interviews, one clock per report that waits for
every person concerned (or their being set aside with a reason), and the data migration
that reopens the clocks "Start identification" used to mark met."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from zastita.audit.models import Action
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.deadlines.public import Deadline
from zastita.identification.models import Identification
from zastita.identification.services import identification_start, interview_record
from zastita.intake.clocks import clock_scan
from zastita.intake.field_visit import report_person_set_aside, set_aside_reason
from zastita.intake.models import (
    ClockKind,
    ClockState,
    Report,
    ReportPerson,
    Status,
)
from zastita.intake.services import PersonInput, report_create, report_transition
from zastita.notifications.public import Notification
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import events, latest, migrate_to, sign_in
from .clocks import clock
from .conftest import report_input

REASON = "Лице не постоји: пријава је наводила исту жену двапут"


def _person(actor, first_name: str):
    return person_create(actor=actor, identity=Identity(first_name=first_name, last_name="Тест"),
                         birth_year=1990)  # fmt: skip


def _accepted(actor, *persons: PersonInput) -> Report:
    report = report_create(actor=actor, data=report_input(
        persons=list(persons), received_at=timezone.now() - datetime.timedelta(hours=3),
    ))  # fmt: skip
    report = report_transition(actor=actor, report=report, to=Status.REGISTERED)
    return report_transition(actor=actor, report=report, to=Status.ACCEPTED)


@pytest.fixture
def two_persons(worker_user) -> Report:
    """An accepted report about two registered adults."""
    return _accepted(
        worker_user,
        PersonInput(person_id=_person(worker_user, "Ана").pk, is_child=False),
        PersonInput(person_id=_person(worker_user, "Вера").pk, is_child=False),
    )


@pytest.fixture
def one_and_described(worker_user) -> Report:
    """An accepted report about a registered adult and a person only described."""
    return _accepted(
        worker_user,
        PersonInput(person_id=_person(worker_user, "Ана").pk, is_child=False),
        PersonInput(description="жена, око 30", is_child=False),
    )


def _clock(report: Report) -> Deadline:
    return clock(report, ClockKind.FIELD_VISIT)


def _clocks(report: Report, kind: str | None = None):
    rows = Deadline.objects.filter(subject_type="report", subject_id=report.pk)
    return rows if kind is None else rows.filter(kind=f"intake.{kind}")


def _visit(
    actor, report_person: ReportPerson, minutes_ago: int, kind: str = "field"
) -> datetime.datetime:
    """Records an interview (opening the person's identification if needed); its time."""
    identification = Identification.objects.filter(report_person=report_person).first()
    identification = identification or identification_start(
        actor=actor, report_person=report_person
    )
    held_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    interview_record(actor=actor, identification=identification, kind=kind, held_at=held_at)
    return held_at


# --- only a field interview meets the clock ---


def test_starting_identification_leaves_the_field_visit_clock_running(worker_user, two_persons):
    report = report_transition(actor=worker_user, report=two_persons, to=Status.IDENTIFICATION)
    clock = _clock(report)
    assert (clock.state, clock.stopped_at) == (ClockState.RUNNING, None)
    assert clock.next_check_at == clock.warn_times()[0]


def test_a_report_identification_only_started_still_breaches(worker_user, two_persons):
    report_transition(actor=worker_user, report=two_persons, to=Status.IDENTIFICATION)
    clock = _clock(two_persons)
    counts = clock_scan(clock.due_at + datetime.timedelta(minutes=1))
    assert (counts["breach"], counts["escalation"]) == (1, 1)
    assert Notification.objects.filter(subject_id=two_persons.pk, kind="breach").exists()


def test_an_identification_opened_or_another_interview_does_not_meet_it(worker_user, two_persons):
    for report_person in two_persons.persons.all():
        _visit(worker_user, report_person, 20, kind="first")
        _visit(worker_user, report_person, 10, kind="needs")
    assert _clock(two_persons).state == ClockState.RUNNING


# --- one clock per report, waiting for every person ---


def test_the_clock_waits_for_every_person_and_is_met_at_the_last_visit(worker_user, two_persons):
    first, second = two_persons.persons.all()
    _visit(worker_user, first, 50)
    two_persons.refresh_from_db()
    assert two_persons.status == Status.IDENTIFICATION  # the first visit moves the report on
    assert _clock(two_persons).state == ClockState.RUNNING  # the second person is not seen yet
    held = _visit(worker_user, second, 20)
    clock = _clock(two_persons)
    assert (clock.state, clock.stopped_at, clock.next_check_at) == (ClockState.MET, held, None)
    assert events(action=Action.TRANSITION, object_type="clock_stop", object_id=str(clock.pk))


def test_a_visit_after_the_due_time_is_met_late(worker_user, two_persons):
    _clocks(two_persons).update(due_at=timezone.now() - datetime.timedelta(minutes=40))
    first, second = two_persons.persons.all()
    _visit(worker_user, first, 60)
    _visit(worker_user, second, 30)
    assert _clock(two_persons).state == ClockState.MISSED


def test_a_person_set_aside_is_no_longer_waited_for(worker_user, one_and_described):
    registered, described = one_and_described.persons.all()
    _visit(worker_user, registered, 30)
    assert _clock(one_and_described).state == ClockState.RUNNING  # the described woman waits
    report_person_set_aside(actor=worker_user, report_person=described, kind="not_found",
                            reason=REASON)  # fmt: skip
    described.refresh_from_db()
    clock = _clock(one_and_described)
    # Stopped when nobody was left waiting: when she was set aside, after the visit.
    assert (clock.state, clock.stopped_at) == (ClockState.MET, described.set_aside_at)
    assert (described.set_aside, described.set_aside_by) == ("not_found", worker_user)
    assert set_aside_reason(described) == REASON
    assert "постоји" not in described.set_aside_reason  # stored encrypted
    assert events(action=Action.UPDATE, object_type="report_person", object_id=str(described.pk))


def test_every_person_set_aside_unseen_cancels_the_clock(worker_user, one_and_described):
    for report_person in one_and_described.persons.all():
        report_person_set_aside(actor=worker_user, report_person=report_person,
                                kind="withdrawn", reason=REASON)  # fmt: skip
    assert _clock(one_and_described).state == ClockState.CANCELLED


def test_setting_aside_the_last_unseen_person_after_the_due_time_is_met_late(
    worker_user, one_and_described
):
    registered, described = one_and_described.persons.all()
    _visit(worker_user, registered, 30)
    _clocks(one_and_described).update(due_at=timezone.now() - datetime.timedelta(minutes=5))
    report_person_set_aside(actor=worker_user, report_person=described, kind="withdrawn",
                            reason=REASON)  # fmt: skip
    assert _clock(one_and_described).state == ClockState.MISSED


@pytest.mark.parametrize(
    ("kind", "reason", "fields"),
    [("gone", REASON, ["kind"]), ("not_found", " кратко ", ["reason"]),
     ("", "", ["kind", "reason"])],
)  # fmt: skip
def test_set_aside_refuses_bad_input_on_its_field_and_changes_nothing(
    worker_user, one_and_described, kind, reason, fields
):
    described = one_and_described.persons.get(person__isnull=True)
    with pytest.raises(ValidationError) as caught:
        report_person_set_aside(actor=worker_user, report_person=described, kind=kind,
                                reason=reason)  # fmt: skip
    assert sorted(caught.value.fields) == fields
    described.refresh_from_db()
    assert (described.set_aside, described.set_aside_at) == ("", None)
    assert _clock(one_and_described).state == ClockState.RUNNING


def test_set_aside_twice_or_on_a_closed_report_is_refused(worker_user, one_and_described):
    first, described = one_and_described.persons.all()
    report_person_set_aside(actor=worker_user, report_person=described, kind="not_found",
                            reason=REASON)  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        report_person_set_aside(actor=worker_user, report_person=described, kind="withdrawn",
                                reason=REASON)  # fmt: skip
    assert list(caught.value.fields) == ["__all__"]
    report_transition(actor=worker_user, report=one_and_described, to=Status.DISCONTINUED,
                      reason="Пријава повучена од стране подносиоца")  # fmt: skip
    with pytest.raises(ValidationError):
        report_person_set_aside(actor=worker_user, report_person=first, kind="withdrawn",
                                reason=REASON)  # fmt: skip


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_only_those_who_decide_set_a_person_aside(make_user, one_and_described, role):
    described = one_and_described.persons.get(person__isnull=True)
    with pytest.raises(PermissionDenied):
        report_person_set_aside(actor=make_user(role), report_person=described,
                                kind="not_found", reason=REASON)  # fmt: skip
    described.refresh_from_db()
    assert described.set_aside == ""


# --- the data migration ---

BEFORE = [("intake", "0005_report_person_set_aside")]
AFTER = latest("intake")  # 0006_field_visit_clocks and whatever came after it


def _met_by_the_old_step(report: Report, at: datetime.datetime) -> None:
    """What "Start identification" used to do to the clock."""
    _clocks(report, ClockKind.FIELD_VISIT).update(
        state=ClockState.MET, stopped_at=at, next_check_at=None
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_reopens_clocks_met_without_a_field_interview(worker_user):
    now = timezone.now()
    person = lambda name: PersonInput(person_id=_person(worker_user, name).pk, is_child=False)  # noqa: E731
    # Started only: no interview at all.
    started = _accepted(worker_user, person("Ана"))
    report_transition(actor=worker_user, report=started, to=Status.IDENTIFICATION)
    _met_by_the_old_step(started, now)
    # Started two days ago, nobody seen: overdue.
    overdue = _accepted(worker_user, person("Бојана"))
    report_transition(actor=worker_user, report=overdue, to=Status.IDENTIFICATION)
    _clocks(overdue, ClockKind.FIELD_VISIT).update(
        started_at=now - datetime.timedelta(days=2), due_at=now - datetime.timedelta(days=1),
        allowed=datetime.timedelta(days=1), warn_at_percent=[50, 80],
    )  # fmt: skip
    _met_by_the_old_step(overdue, now - datetime.timedelta(days=2))
    # Two persons, only one seen.
    half = _accepted(worker_user, person("Вера"), person("Гордана"))
    _visit(worker_user, half.persons.order_by("pk")[0], 30)
    _met_by_the_old_step(half, now - datetime.timedelta(minutes=30))
    # Everyone seen, but the clock was stopped by the step before the visit.
    seen = _accepted(worker_user, person("Драгана"))
    report_transition(actor=worker_user, report=seen, to=Status.IDENTIFICATION)
    _met_by_the_old_step(seen, now - datetime.timedelta(hours=1))
    held = _visit(worker_user, seen.persons.get(), 20)
    # Started, then closed with nobody seen.
    closed = _accepted(worker_user, person("Ђурђа"))
    report_transition(actor=worker_user, report=closed, to=Status.IDENTIFICATION)
    _met_by_the_old_step(closed, now - datetime.timedelta(hours=1))
    report_transition(actor=worker_user, report=closed, to=Status.CLOSED)
    # Met rightly by the visit: left alone.
    right = _accepted(worker_user, person("Елена"))
    _visit(worker_user, right.persons.get(), 10)
    untouched = _clock(right)
    assert untouched.state == ClockState.MET

    migrate_to(BEFORE)
    migrate_to(AFTER)

    clock = _clock(started)
    assert (clock.state, clock.stopped_at) == (ClockState.RUNNING, None)
    assert clock.next_check_at == clock.warn_times()[0]
    clock = _clock(overdue)
    assert (clock.state, clock.next_check_at) == (
        ClockState.RUNNING,
        now - datetime.timedelta(hours=36),
    )
    assert _clock(half).state == ClockState.RUNNING
    clock = _clock(seen)
    assert (clock.state, clock.stopped_at) == (ClockState.MET, held)
    clock = _clock(closed)
    closed_at = closed.transitions.get(to_status=Status.CLOSED).at
    assert (clock.state, clock.stopped_at, clock.next_check_at) == (
        ClockState.CANCELLED, closed_at, None
    )  # fmt: skip
    clock = _clock(right)
    assert (clock.state, clock.stopped_at, clock.updated_at) == (
        untouched.state, untouched.stopped_at, untouched.updated_at
    )  # fmt: skip
    # The next pass catches up on the overdue clock: a breach, escalated, and no stale warning.
    counts = clock_scan(now + datetime.timedelta(seconds=1))
    assert counts == {"warning": 0, "breach": 1, "escalation": 1}
    assert Notification.objects.filter(subject_id=overdue.pk, kind="breach").exists()
    assert not Notification.objects.filter(
        subject_id=started.pk, kind__in=["warning", "breach"]
    ).exists()


# --- setting a person aside from the report's page ---


def _aside_url(report: Report, report_person: ReportPerson) -> str:
    return f"/reports/{report.pk}/persons/{report_person.pk}/set-aside/"


def test_the_page_sets_a_person_aside_and_shows_it(client, head, one_and_described):
    described = one_and_described.persons.get(person__isnull=True)
    sign_in(client, head)
    page = client.get(f"/reports/{one_and_described.pk}/").content.decode()
    assert f'action="{_aside_url(one_and_described, described)}"' in page
    response = client.post(_aside_url(one_and_described, described),
                           {"kind": "not_found", "reason": REASON})  # fmt: skip
    assert response.status_code == 302
    described.refresh_from_db()
    assert (described.set_aside, described.set_aside_by) == ("not_found", head)
    page = client.get(f"/reports/{one_and_described.pk}/").content.decode()
    assert "издвојено: утврђено да не постоји" in page
    assert REASON in page
    assert f'action="{_aside_url(one_and_described, described)}"' not in page  # done once


def test_the_page_keeps_what_was_typed_and_shows_the_error_at_its_field(
    client, head, one_and_described
):
    described = one_and_described.persons.get(person__isnull=True)
    sign_in(client, head)
    response = client.post(_aside_url(one_and_described, described),
                           {"kind": "withdrawn", "reason": "кратко"})  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    prefix = f"id_aside{described.pk}_"
    # The message is at the reason field, which points to it.
    error = re.search(rf'<ul class="errorlist" id="{prefix}reason_error"><li>([^<]+)</li>', html)
    assert error is not None
    assert error.group(1) == "Наведите разлог (најмање 10 знакова)."
    assert f'aria-describedby="{prefix}reason_error" id="{prefix}reason"' in html
    assert re.search(r">\s*кратко</textarea>", html)
    assert re.search(r'<option value="withdrawn"[^>]*selected', html)
    described.refresh_from_db()
    assert described.set_aside == ""


@pytest.mark.parametrize("role", ["director", "analyst", "partner_reporter", "administrator"])
def test_setting_aside_forbidden_looks_like_not_found(client, make_user, one_and_described, role):
    described = one_and_described.persons.get(person__isnull=True)
    sign_in(client, make_user(role))
    forbidden = client.post(_aside_url(one_and_described, described),
                            {"kind": "not_found", "reason": REASON})  # fmt: skip
    missing = client.post(f"/reports/{one_and_described.pk}/persons/999999/set-aside/",
                          {"kind": "not_found", "reason": REASON})  # fmt: skip
    assert forbidden.status_code == 404
    assert missing.status_code == 404
    described.refresh_from_db()
    assert described.set_aside == ""


def test_a_person_of_another_report_is_not_found(client, head, worker_user, one_and_described):
    other = _accepted(worker_user, PersonInput(description="дечак, око 12"))
    sign_in(client, head)
    stranger = other.persons.get()
    response = client.post(_aside_url(one_and_described, stranger),
                           {"kind": "not_found", "reason": REASON})  # fmt: skip
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.set_aside == ""
    assert client.get(_aside_url(one_and_described, stranger)).status_code == 405


def test_the_database_refuses_a_person_half_set_aside(one_and_described):
    from django.db import IntegrityError, transaction

    described = one_and_described.persons.get(person__isnull=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportPerson.objects.filter(pk=described.pk).update(set_aside="withdrawn")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportPerson.objects.filter(pk=described.pk).update(set_aside_at=timezone.now())
