"""Assigning records: the head of service assigns and reassigns, a worker takes what nobody
has, a worker's open records move at once; each change kept, audited, told to who is new,
and a stale or wrong choice refused with the reason."""

from __future__ import annotations

import pytest

from zastita.accounts.models import Team
from zastita.assignments.models import AssignmentChange
from zastita.assignments.services import Assignment, assignment_set, assignments_move
from zastita.assignments.teams import team_save
from zastita.audit.models import Action
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from zastita.intake.models import Report, Status
from zastita.intake.services import report_transition
from zastita.notifications.models import Notification

from ..conftest import events

pytestmark = pytest.mark.django_db


def test_the_worker_who_takes_a_report_is_its_assignee(accepted, worker_user):
    # The fixture's worker registered the report: that step took it.
    assert accepted.assigned_to == worker_user
    [change] = AssignmentChange.objects.filter(subject_type="report", subject_id=accepted.pk)
    assert (change.assignee, change.changed_by, change.taken) == (worker_user, worker_user, True)
    assert not Notification.objects.filter(kind="assignments.report").exists()


def test_the_worker_who_opens_an_identification_is_its_assignee(identification, worker_user):
    assert identification.assigned_to == worker_user
    assert AssignmentChange.objects.get(
        subject_type="identification", subject_id=identification.pk
    ).taken


def test_the_head_assigns_a_report_with_co_workers_and_a_team(
    accepted, worker_user, head, colleague, make_user
):
    other = make_user("worker", username="other1")
    team = team_save(actor=head, team=None, name="Север", members=[other, colleague],
                     is_active=True, version=None)  # fmt: skip
    before = accepted.version
    report = assignment_set(
        actor=head, subject_type="report", subject_id=accepted.pk, version=before,
        chosen=Assignment(assignee=other, team=team, coworkers=(colleague,)),
    )  # fmt: skip
    report = Report.objects.get(pk=report.pk)
    assert (report.assigned_to, report.team, report.version) == (other, team, before + 1)
    assert list(report.coworkers.all()) == [colleague]
    last = AssignmentChange.objects.filter(subject_id=accepted.pk).last()
    assert last is not None
    assert (last.assignee, last.team, last.coworker_ids, last.changed_by, last.taken) == (
        other, team, [colleague.pk], head, False,
    )  # fmt: skip
    [event] = [e for e in events(actor=head) if e.object_type == "report_assignment"]
    assert (event.action, event.object_id) == (Action.UPDATE, str(accepted.pk))
    # The new assignee and the new co-worker are told, by number only.
    told = Notification.objects.filter(kind="assignments.report", channel="in_app")
    assert {n.recipient_id for n in told} == {other.pk, colleague.pk}
    from zastita.core.registries.notifications import notification_kinds

    text = notification_kinds.get("assignments.report").text(accepted.pk, "sr")
    assert accepted.number in text
    assert "Север" not in text


def test_assigning_the_same_again_changes_nothing(accepted, worker_user, head):
    before = AssignmentChange.objects.count()
    assignment_set(actor=head, subject_type="report", subject_id=accepted.pk,
                   version=accepted.version, chosen=Assignment(assignee=worker_user))  # fmt: skip
    assert AssignmentChange.objects.count() == before
    assert Report.objects.get(pk=accepted.pk).version == accepted.version


def test_two_heads_at_once_get_a_conflict(accepted, head, make_user, colleague):
    other_head = make_user("head_of_service", username="head2")
    version = accepted.version
    assignment_set(actor=head, subject_type="report", subject_id=accepted.pk, version=version,
                   chosen=Assignment(assignee=colleague))  # fmt: skip
    with pytest.raises(Conflict):
        assignment_set(actor=other_head, subject_type="report", subject_id=accepted.pk,
                       version=version, chosen=Assignment(assignee=head))  # fmt: skip
    assert Report.objects.get(pk=accepted.pk).assigned_to == colleague


def test_who_cannot_be_assigned_is_refused_by_name(accepted, head, make_user):
    analyst = make_user("analyst", username="analyst1")
    gone = make_user("worker", username="gone1")
    gone.is_active = False
    gone.save()
    for who, says in ((analyst, "не ради на предметима"), (gone, "није активан")):
        with pytest.raises(ValidationError) as refused:
            assignment_set(actor=head, subject_type="report", subject_id=accepted.pk,
                           version=accepted.version, chosen=Assignment(assignee=who))  # fmt: skip
        assert says in " ".join(refused.value.fields["assignee"])
        assert who.full_name in " ".join(refused.value.fields["assignee"])
    with pytest.raises(ValidationError) as refused:
        assignment_set(actor=head, subject_type="report", subject_id=accepted.pk,
                       version=accepted.version,
                       chosen=Assignment(assignee=head, coworkers=(head,)))  # fmt: skip
    assert "coworkers" in refused.value.fields
    assert Report.objects.get(pk=accepted.pk).version == accepted.version


def test_a_worker_does_not_assign_and_an_unknown_record_is_not_found(
    accepted, worker_user, head, colleague
):
    with pytest.raises(PermissionDenied):
        assignment_set(actor=worker_user, subject_type="report", subject_id=accepted.pk,
                       version=None, chosen=Assignment(assignee=colleague))  # fmt: skip
    for subject_type, subject_id in (("report", 999999), ("nothing", accepted.pk)):
        with pytest.raises(NotFound):
            assignment_set(actor=head, subject_type=subject_type, subject_id=subject_id,
                           version=None, chosen=Assignment(assignee=colleague))  # fmt: skip


def test_a_workers_open_records_move_to_another(
    accepted, identification, worker_user, head, colleague, make_user
):
    from zastita.intake.services import report_create

    from ..intake.conftest import report_input

    done = report_create(actor=worker_user, data=report_input())
    done = report_transition(actor=worker_user, report=done, to=Status.REGISTERED)
    done = report_transition(actor=worker_user, report=done, to=Status.REJECTED,
                             reason="Нема основа за поступање.")  # fmt: skip
    assert done.assigned_to == worker_user
    moved = assignments_move(actor=head, from_user=worker_user, to_user=colleague,
                             subject_types=["report", "identification"])  # fmt: skip
    assert moved == 2  # the open report and the identification; the rejected one stays
    assert Report.objects.get(pk=accepted.pk).assigned_to == colleague
    assert Report.objects.get(pk=done.pk).assigned_to == worker_user
    identification.refresh_from_db()
    assert identification.assigned_to == colleague
    with pytest.raises(ValidationError):
        assignments_move(actor=head, from_user=colleague, to_user=colleague,
                         subject_types=["report"])  # fmt: skip
    with pytest.raises(PermissionDenied):
        assignments_move(actor=worker_user, from_user=colleague, to_user=worker_user,
                         subject_types=["report"])  # fmt: skip


def test_teams_are_kept_by_the_head_of_service(head, worker_user, colleague, make_user):
    team = team_save(actor=head, team=None, name="  Југ  ", members=[worker_user],
                     is_active=True, version=None)  # fmt: skip
    assert team.name == "Југ"
    with pytest.raises(ValidationError) as refused:
        team_save(actor=head, team=None, name="југ", members=[], is_active=True, version=None)
    assert "name" in refused.value.fields
    analyst = make_user("analyst", username="analyst1")
    with pytest.raises(ValidationError) as refused:
        team_save(actor=head, team=team, name="Југ", members=[analyst], is_active=True,
                  version=team.version)  # fmt: skip
    assert analyst.full_name in " ".join(refused.value.fields["members"])
    saved = team_save(actor=head, team=team, name="Југ", members=[worker_user, colleague],
                      is_active=False, version=team.version)  # fmt: skip
    assert (saved.is_active, set(saved.members.all())) == (False, {worker_user, colleague})
    with pytest.raises(Conflict):
        team_save(actor=head, team=team, name="Југ 2", members=[], is_active=True,
                  version=team.version)  # fmt: skip
    with pytest.raises(PermissionDenied):
        team_save(actor=worker_user, team=None, name="Запад", members=[], is_active=True,
                  version=None)  # fmt: skip
    assert not Team.objects.filter(name="Запад").exists()


def test_the_summary_names_the_co_workers_in_order(client, accepted, head, make_user):
    """Who works on a record: the summary on its page reads the co-workers' names alone
    (`coworker_names`), in Serbian alphabetical order."""
    from zastita.assignments.selectors import coworker_names

    from ..conftest import sign_in

    assert coworker_names(accepted) == []
    zora, ana, djura = (make_user("worker", username=name) for name in ("zora1", "ana1", "djura1"))
    # In the azbuka а, ђ, з; in Unicode Ђ (U+0402) comes before А (U+0410).
    for user, name in ((zora, "Зора Тест"), (ana, "Ана Тест"), (djura, "Ђура Тест")):
        user.full_name = name
        user.save(update_fields=["full_name"])
    assignment_set(
        actor=head, subject_type="report", subject_id=accepted.pk, version=accepted.version,
        chosen=Assignment(assignee=accepted.assigned_to, team=None,
                          coworkers=(zora, ana, djura)),
    )  # fmt: skip
    assert coworker_names(accepted) == ["Ана Тест", "Ђура Тест", "Зора Тест"]
    sign_in(client, zora)  # a co-worker sees the record
    page = client.get(f"/reports/{accepted.pk}/").content.decode()
    assert "Ана Тест, Ђура Тест, Зора Тест" in page
