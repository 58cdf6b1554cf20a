"""Protection plans: a plan is started from the case (the initial plan from the needs
assessment), gets goals and tasks, is approved by the head of service and issued; its
tasks run deadlines that go overdue and escalate; a revision never overwrites the one
before it; bad input is refused with the message at its field."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from zastita.cases.models import Plan, PlanKind, Responsible, Task, TaskStatus
from zastita.cases.plans import services
from zastita.cases.plans.selectors import plan_goals
from zastita.cases.services import case_open
from zastita.core.errors import Conflict, NotFound, ValidationError
from zastita.deadlines.public import Deadline, deadline_scan
from zastita.documents.public import documents_for_subject
from zastita.notifications.models import Notification
from zastita.partners.models import Provider, ProviderKind
from zastita.writtenforms.public import form_approve, form_for_subject, form_save

from .plan_helpers import approve, close_case, plan_form

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


@pytest.fixture
def lawyer(organisation):
    return Provider.objects.create(kind=ProviderKind.LAWYER, professional="Адвокат Тест",
                                   organisation=organisation)  # fmt: skip


def _goal_and_task(actor, plan, due=None):
    goal = services.goal_add(actor=actor, plan=plan, text="Да буде безбедна.",
                             version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    task = services.task_add(
        actor=actor, plan=plan, goal_id=goal.pk, text="Наћи смештај.",
        responsible=Responsible.WORKER, worker=actor, provider=None,
        due_on=due or plan.plan_date + datetime.timedelta(days=7), version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    return goal, task


_approve = approve


def _latest(plan):
    form = form_for_subject(plan.form_code, plan.pk)
    return form.versions.count() if form else 0


def test_the_initial_plan_starts_from_the_approved_needs_assessment(worker_user, head, case):
    from zastita.identification.models import FormKind
    from zastita.writtenforms.public import version_text

    code = str(FormKind.NEEDS_ASSESSMENT)
    form_save(actor=worker_user, code=code, subject_id=case.identification_id,
              sections={"priorities": "Хитан смештај.", "state": "Уплашена."},
              base_version=0)  # fmt: skip
    needs = form_for_subject(code, case.identification_id)
    assert needs is not None
    form_approve(actor=head, form=needs, version=1)
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    assert plan.plan_date == timezone.localdate()
    draft = plan_form(plan).versions.get()
    assert draft.autosaved  # a draft to revise, not a submission
    assert version_text(draft)["priorities"] == "Хитан смештај."
    assert version_text(draft)["situation"] == "Уплашена."


def test_a_plan_with_goals_and_tasks_is_approved_issued_and_its_tasks_run(worker_user, head, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    _goal, task = _goal_and_task(worker_user, plan)
    plan = _approve(worker_user, head, plan)
    assert plan.approved_at is not None
    docs = documents_for_subject(actor=head, subject_type="plan", subject_id=plan.pk)
    assert len(docs) == 1
    assert docs[0].registry_number
    deadline = Deadline.objects.get(kind="cases.task", subject_id=task.pk)
    assert deadline.state == "running"
    assert timezone.localtime(deadline.due_at).date() == task.due_on + datetime.timedelta(days=1)
    # Read-only once approved.
    with pytest.raises(ValidationError):
        services.goal_add(actor=worker_user, plan=plan, text="Још један.", version=plan.version)


def test_a_plan_with_no_goal_is_not_submitted(worker_user, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    with pytest.raises(ValidationError) as refused:
        form_save(actor=worker_user, code=plan.form_code, subject_id=plan.pk,
                  sections={"priorities": "Нешто.", "participation": "Учествовала."},
                  base_version=0)  # fmt: skip
    assert "План нема ниједан циљ" in refused.value.summary()
    assert form_for_subject(plan.form_code, plan.pk) is None


def test_a_task_due_before_the_plan_is_refused_at_its_field(worker_user, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    goal = services.goal_add(actor=worker_user, plan=plan, text="Циљ.", version=plan.version)
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.task_add(actor=worker_user, plan=plan, goal_id=goal.pk, text="Задатак.",
                          responsible=Responsible.PERSON, worker=None, provider=None,
                          due_on=plan.plan_date - datetime.timedelta(days=1),
                          version=plan.version)  # fmt: skip
    assert "due_on" in refused.value.fields
    assert not Task.objects.exists()


def test_a_provider_the_person_did_not_consent_to_is_refused(worker_user, case, lawyer):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    goal = services.goal_add(actor=worker_user, plan=plan, text="Правна помоћ.",
                             version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    task = {"actor": worker_user, "goal_id": goal.pk, "text": "Заступање.",
            "responsible": Responsible.PROVIDER, "worker": None, "provider": lawyer,
            "due_on": plan.plan_date + datetime.timedelta(days=10)}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.task_add(plan=plan, version=plan.version, **task)
    assert "provider" in refused.value.fields
    services.sharing_add(actor=worker_user, plan=plan, goal_id=goal.pk, provider=lawyer,
                         consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    added = services.task_add(plan=plan, version=plan.version, **task)
    assert added.provider == lawyer


def test_two_editors_of_one_plan_get_a_conflict(worker_user, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    read = plan.version
    services.goal_add(actor=worker_user, plan=plan, text="Први.", version=read)
    with pytest.raises(Conflict):
        services.goal_add(actor=worker_user, plan=plan, text="Други.", version=read)
    assert plan.goals.count() == 1


def test_a_task_goes_overdue_and_escalates_to_the_head(worker_user, head, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    _goal, task = _goal_and_task(worker_user, plan)
    _approve(worker_user, head, plan)
    later = timezone.now() + datetime.timedelta(days=9)
    with time_machine.travel(later, tick=False):
        counts = deadline_scan()
    assert counts["breach"] >= 1
    assert counts["escalation"] >= 1
    told = {(n.recipient_id, n.kind) for n in Notification.objects.filter(subject_id=task.pk)}
    assert (worker_user.pk, "cases.task_breach") in told
    assert (head.pk, "cases.task_escalation") in told


def test_ending_a_task_records_when_and_why_and_stops_its_deadline(worker_user, head, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    _goal, task = _goal_and_task(worker_user, plan)
    _approve(worker_user, head, plan)
    with pytest.raises(ValidationError) as refused:
        services.task_end(actor=worker_user, task=task, status=TaskStatus.DONE, reason="")
    assert "reason" in refused.value.fields
    ended = services.task_end(actor=worker_user, task=task, status=TaskStatus.DONE,
                              reason="Смештај је нађен.")  # fmt: skip
    assert ended.status == TaskStatus.DONE
    assert ended.ended_at is not None
    assert "Смештај је нађен." not in Task.objects.values_list("end_reason", flat=True).get(
        pk=task.pk
    )  # encrypted
    assert Deadline.objects.get(kind="cases.task", subject_id=task.pk).state == "met"
    assert plan_goals(plan)[0].tasks[0].end_reason == "Смештај је нађен."


def test_a_revision_keeps_the_old_plan_and_carries_its_open_tasks(worker_user, head, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    _goal, task = _goal_and_task(worker_user, plan)
    plan = _approve(worker_user, head, plan)
    new = services.plan_revise(actor=worker_user, plan=plan)
    assert new.revision == 2
    assert new.revises == plan
    assert new.is_draft
    assert plan_goals(new)[0].text == "Да буде безбедна."
    assert _latest(new) == 1  # the approved text is the new draft's start
    # Another revision while this one is a draft is refused.
    with pytest.raises(ValidationError):
        services.plan_revise(actor=worker_user, plan=plan)
    new = _approve(worker_user, head, new)
    plan.refresh_from_db()
    task.refresh_from_db()
    assert plan.superseded_at is not None
    assert task.status == TaskStatus.CARRIED
    assert Deadline.objects.get(kind="cases.task", subject_id=task.pk).state == "cancelled"
    carried = Task.objects.get(carries=task)
    assert Deadline.objects.get(kind="cases.task", subject_id=carried.pk).state == "running"
    assert Plan.objects.filter(case=case).count() == 2


def test_a_worker_outside_the_case_finds_no_plan(worker_user, make_user, case):
    from zastita.cases.plans.selectors import plan_get_for_actor

    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    with pytest.raises(NotFound):
        plan_get_for_actor(actor=make_user("worker"), plan_id=plan.pk)
    with pytest.raises(NotFound):
        services.goal_add(actor=make_user("worker"), plan=plan, text="Циљ.", version=1)


def test_the_service_plan_follows_the_approved_initial_plan(worker_user, head, case):
    with pytest.raises(ValidationError):
        services.plan_start(actor=worker_user, case=case, kind=PlanKind.SERVICE)
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    with pytest.raises(ValidationError):
        services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    _goal_and_task(worker_user, plan)
    _approve(worker_user, head, plan)
    service = services.plan_start(actor=worker_user, case=case, kind=PlanKind.SERVICE)
    assert service.kind == PlanKind.SERVICE


def test_the_plan_of_a_closed_case_is_not_submitted(worker_user, make_user, case):
    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    _goal_and_task(worker_user, plan)
    case.refresh_from_db()
    close_case(worker_user, make_user("head_of_service"), case, reason="moved_away")
    with pytest.raises(ValidationError) as refused:
        form_save(actor=worker_user, code=plan.form_code, subject_id=plan.pk, base_version=0,
                  sections={"priorities": "Нешто.", "participation": "Учествовала."})  # fmt: skip
    assert "Случај је затворен" in refused.value.summary()


def test_the_case_page_counts_each_plans_open_and_overdue_tasks(worker_user, head, case):
    """The plans' section counts, per plan, its open tasks and those past their deadline
    (one query over the tasks and their deadlines): an ended task is not counted, and a
    task is overdue once its deadline is breached."""
    from zastita.cases.plans.selectors import plans_summary, startable

    plan = services.plan_start(actor=worker_user, case=case, kind=PlanKind.INITIAL)
    assert [(p.kind, p.approved, p.open_count) for p in plans_summary(case)] == [
        ("initial", False, 0)
    ]
    assert startable(case, plans_summary(case)) == []  # the initial plan is under way
    _goal_and_task(worker_user, plan)
    _goal, soon = _goal_and_task(worker_user, Plan.objects.get(pk=plan.pk))
    month = plan.plan_date + datetime.timedelta(days=30)
    _goal, later_task = _goal_and_task(worker_user, Plan.objects.get(pk=plan.pk), due=month)
    plan = _approve(worker_user, head, Plan.objects.get(pk=plan.pk))
    services.task_end(actor=worker_user, task=later_task, status=TaskStatus.DROPPED,
                      reason="Није више потребно.")  # fmt: skip
    with time_machine.travel(timezone.now() + datetime.timedelta(days=9), tick=False):
        deadline_scan()
    (line,) = plans_summary(case)
    assert (line.approved, line.superseded, line.open_count, line.overdue_count) == (
        True, False, 2, 2,
    )  # fmt: skip
    assert [kind for kind, _label in startable(case, [line])] == ["service"]
    services.task_end(actor=worker_user, task=soon, status=TaskStatus.DONE, reason="Урађено.")
    (line,) = plans_summary(case)
    assert (line.open_count, line.overdue_count) == (1, 1)
