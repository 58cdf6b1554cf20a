"""The plan's pages: starting a plan from the case, its page, each change, ending a task
and a revision. Each works; a plan outside the scope is "not found" exactly like a missing
one; bad input comes back at its field with nothing saved and what was typed kept."""

from __future__ import annotations

import datetime

import pytest

from zastita.audit.models import Action
from zastita.cases.models import Goal, Plan, Task
from zastita.cases.plans import services
from zastita.cases.services import case_open

from ..conftest import events, normalise, sign_in
from .plan_helpers import approve

pytestmark = pytest.mark.django_db
MISSING = 999999


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


@pytest.fixture
def plan(worker_user, case):
    return services.plan_start(actor=worker_user, case=case, kind="initial")


def _same_as_missing(client, url: str, pk: int) -> None:
    send = client.post if url.endswith(("/end/", "/plans/")) else client.get
    refused = send(url)
    missing_url = url.replace(f"/{pk}/", f"/{MISSING}/")
    missing = send(missing_url)
    assert refused.status_code == missing.status_code == 404
    assert normalise(refused.content).replace(url, "URL") == normalise(missing.content).replace(
        missing_url, "URL"
    )


def test_the_case_page_starts_the_initial_plan(client, worker_user, case):
    sign_in(client, worker_user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Започни почетни план" in page
    response = client.post(f"/cases/{case.pk}/plans/", {"kind": "initial"})
    plan = Plan.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == f"/cases/plans/{plan.pk}/"


def test_starting_a_plan_of_an_unknown_kind_is_refused_and_nothing_is_saved(client, worker_user,
                                                                             case):  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(f"/cases/{case.pk}/plans/", {"kind": "nonsense"}, follow=True)
    assert "Изаберите план са списка." in response.content.decode()
    assert not Plan.objects.exists()


def test_a_plan_outside_the_scope_is_not_found_like_a_missing_one(client, make_user, plan):
    sign_in(client, make_user("worker"))
    for url in (f"/cases/plans/{plan.pk}/", f"/cases/{plan.case_id}/plans/"):
        _same_as_missing(client, url, plan.pk if "plans/" in url[7:] else plan.case_id)
    response = client.post(f"/cases/plans/{plan.pk}/goals/", {"version": 1, "text": "Циљ."})
    assert response.status_code == 404
    assert not Goal.objects.exists()


def test_the_plan_page_shows_goals_and_tasks_and_records_the_read(client, worker_user, plan):
    sign_in(client, worker_user)
    response = client.post(f"/cases/plans/{plan.pk}/goals/",
                           {"version": plan.version, "text": "Да заврши школу."})  # fmt: skip
    assert response.status_code == 302
    goal = Goal.objects.get()
    plan.refresh_from_db()
    due = (plan.plan_date + datetime.timedelta(days=10)).isoformat()
    response = client.post(f"/cases/plans/{plan.pk}/tasks/", {
        "version": plan.version, "goal": goal.pk, "text": "Упис у школу.",
        "responsible": "worker", "worker": worker_user.pk, "due_on": due,
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/cases/plans/{plan.pk}/").content.decode()
    assert "Да заврши школу." in page
    assert "Упис у школу." in page
    reads = {(e.object_type, e.object_id) for e in events(actor=worker_user, action=Action.VIEW)}
    assert ("plan", str(plan.pk)) in reads
    assert ("person", str(plan.case.person_id)) in reads


def test_a_task_due_before_the_plan_comes_back_at_its_field_with_the_text_kept(
    client, worker_user, plan
):
    sign_in(client, worker_user)
    goal = services.goal_add(actor=worker_user, plan=plan, text="Циљ.", version=plan.version)
    plan.refresh_from_db()
    response = client.post(f"/cases/plans/{plan.pk}/tasks/", {
        "version": plan.version, "goal": goal.pk, "text": "Задатак који остаје.",
        "responsible": "person",
        "due_on": (plan.plan_date - datetime.timedelta(days=3)).isoformat(),
    })  # fmt: skip
    assert response.status_code == 200
    form = response.context["task_form"]
    assert "due_on" in form.errors
    assert "Задатак који остаје." in response.content.decode()
    assert not Task.objects.exists()


def test_a_stale_version_is_a_conflict_and_the_goal_is_kept(client, worker_user, plan):
    sign_in(client, worker_user)
    services.goal_add(actor=worker_user, plan=plan, text="Први.", version=plan.version)
    response = client.post(f"/cases/plans/{plan.pk}/goals/",
                           {"version": plan.version, "text": "Мој циљ."})  # fmt: skip
    assert response.status_code == 200
    assert response.context["goal_form"].errors
    assert "Мој циљ." in response.content.decode()
    assert Goal.objects.count() == 1


def test_a_task_of_the_approved_plan_is_ended_and_the_plan_revised(client, worker_user, head,
                                                                   plan):  # fmt: skip
    goal = services.goal_add(actor=worker_user, plan=plan, text="Циљ.", version=plan.version)
    plan.refresh_from_db()
    task = services.task_add(actor=worker_user, plan=plan, goal_id=goal.pk, text="Задатак.",
                             responsible="person", worker=None, provider=None,
                             due_on=plan.plan_date, version=plan.version)  # fmt: skip
    approve(worker_user, head, plan)
    sign_in(client, worker_user)
    refused = client.post(f"/cases/tasks/{task.pk}/end/", {"status": "done", "reason": ""})
    assert refused.status_code == 200
    assert "reason" in refused.context["end_form"].errors
    done = client.post(f"/cases/tasks/{task.pk}/end/", {"status": "done", "reason": "Обављено."})
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == "done"
    revised = client.post(f"/cases/plans/{plan.pk}/revise/")
    new = Plan.objects.get(revises=plan)
    assert revised["Location"] == f"/cases/plans/{new.pk}/"
    page = client.get(f"/cases/plans/{plan.pk}/").content.decode()
    assert "Ревизија 1" in page or "ревизија 1" in page


def test_ending_a_task_outside_the_scope_is_not_found(client, make_user, plan):
    goal = services.goal_add(actor=plan.created_by, plan=plan, text="Циљ.", version=plan.version)
    plan.refresh_from_db()
    task = services.task_add(actor=plan.created_by, plan=plan, goal_id=goal.pk, text="Задатак.",
                             responsible="person", worker=None, provider=None,
                             due_on=plan.plan_date, version=plan.version)  # fmt: skip
    sign_in(client, make_user("worker"))
    _same_as_missing(client, f"/cases/tasks/{task.pk}/end/", task.pk)


def test_the_plans_written_form_is_the_platforms_page_under_the_case(client, worker_user, plan):
    sign_in(client, worker_user)
    page = client.get(f"/cases/plans/{plan.pk}/form/cases.plan_initial/")
    assert page.status_code == 200
    assert "Учешће особе" in page.content.decode()
    # A kind of another subject is not found here.
    assert client.get(f"/cases/plans/{plan.pk}/form/needs/").status_code == 404
