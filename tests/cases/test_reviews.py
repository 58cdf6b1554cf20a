"""Reviews: the first is due once a plan is approved, at the case's interval; a review
assesses each goal of the plan in force, decides what follows (a revised plan, follow-up)
and sets the next one; closing stops it and reopening starts a new period. Bad input comes
back at its field, nothing saved."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.cases.models import Plan, Review
from zastita.cases.plans import services as plans
from zastita.cases.reviews import services
from zastita.cases.reviews.clock import running
from zastita.cases.services import case_open, case_transition
from zastita.core.errors import NotFound, ValidationError
from zastita.deadlines.public import Deadline

from ..conftest import sign_in
from .plan_helpers import approved_plan, close_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


@pytest.fixture
def goal(worker_user, head, case):
    plan, _task = approved_plan(worker_user, head, case, goal="Да пронађе посао.",
                                task="Пријава НСЗ.", days=20)  # fmt: skip
    return plan.goals.get()


def test_the_first_review_is_due_at_the_cases_interval_once_a_plan_is_approved(case, goal):
    case.refresh_from_db()
    deadline = running(case)
    assert deadline is not None
    due = timezone.localtime(deadline.due_at).date()
    assert due == timezone.localdate() + datetime.timedelta(days=case.review_every_days + 1)


def test_a_review_that_revises_the_plan_starts_a_revision_and_the_next_review(
    worker_user, case, goal
):
    first = running(case)
    assert first is not None
    review = services.review_record(
        actor=worker_user, case=case, held_on=timezone.localdate(), progress={goal.pk: "stalled"},
        outcome="revise", assessment="Особа жели другачији посао; план се мења.",
    )  # fmt: skip
    assert review.revised_plan is not None
    assert review.revised_plan.revision == 2
    assert Plan.objects.get(pk=review.revised_plan.pk).is_draft
    first.refresh_from_db()
    assert first.state == "met"
    following = running(case)
    assert following is not None
    assert following.pk != first.pk
    assert "другачији" not in Review.objects.values_list("assessment", flat=True).get()


def test_a_review_that_moves_to_follow_up(worker_user, case, goal):
    case = case_transition(actor=worker_user, case=case, to="active", version=case.version)
    services.review_record(actor=worker_user, case=case, held_on=timezone.localdate(),
                           progress={goal.pk: "reached"}, outcome="follow_up",
                           assessment="Циљ је постигнут, следи праћење.")  # fmt: skip
    case.refresh_from_db()
    assert case.status == "follow_up"


def test_every_goal_is_assessed_and_bad_input_comes_back_at_its_field(worker_user, case, goal):
    with pytest.raises(ValidationError) as refused:
        services.review_record(actor=worker_user, case=case,
                               held_on=timezone.localdate() + datetime.timedelta(days=1),
                               progress={}, outcome="nope", assessment="")  # fmt: skip
    assert {"held_on", f"goal_{goal.pk}", "outcome", "assessment"} <= set(refused.value.fields)
    assert not Review.objects.exists()


def test_closing_stops_the_review_and_reopening_starts_a_new_period(worker_user, head, case, goal):
    from zastita.cases.models import Task

    task = Task.objects.get()
    plans.task_end(actor=worker_user, task=task, status="done", reason="Пријављена у НСЗ.")
    case.refresh_from_db()
    closed = close_case(worker_user, head, case)
    assert running(closed) is None
    assert Deadline.objects.filter(kind="cases.review", state="cancelled").count() == 1
    reopened = case_transition(
        actor=worker_user, case=closed, to="active", version=closed.version,
        reason="Особа поново тражи подршку.",
    )  # fmt: skip
    assert running(reopened) is not None


def test_a_review_outside_the_scope_is_not_found(make_user, case, goal):
    with pytest.raises(NotFound):
        services.review_record(actor=make_user("worker"), case=case, held_on=None, progress={},
                               outcome="continue", assessment="Процена.")  # fmt: skip


def test_the_case_page_records_a_review(client, worker_user, case, goal):
    sign_in(client, worker_user)
    assert f"/cases/{case.pk}/reviews/" in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(f"/cases/{case.pk}/reviews/").content.decode()
    assert "Да пронађе посао." in page  # the goal, to assess
    response = client.post(f"/cases/{case.pk}/reviews/", {
        "held_on": timezone.localdate().isoformat(), f"goal_{goal.pk}": "progressing",
        "outcome": "continue", "assessment": "Напредује, наставља се по плану.",
    })  # fmt: skip
    assert response.status_code == 302
    assert "Напредује, наставља се по плану." in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_refused_review_keeps_what_was_typed(client, worker_user, case, goal):
    sign_in(client, worker_user)
    response = client.post(f"/cases/{case.pk}/reviews/", {
        "held_on": timezone.localdate().isoformat(), "outcome": "continue",
        "assessment": "Процена која остаје.",
    })  # fmt: skip
    assert response.status_code == 200
    assert f"goal_{goal.pk}" in response.context["form"].errors
    assert "Процена која остаје." in response.content.decode()
    assert not Review.objects.exists()


def test_the_reviews_of_a_case_outside_the_scope_are_not_found(client, make_user, case):
    sign_in(client, make_user("worker"))
    seen = client.post(f"/cases/{case.pk}/reviews/", {})
    missing = client.post("/cases/999999/reviews/", {})
    assert seen.status_code == missing.status_code == 404


def test_before_a_plan_is_approved_the_review_page_says_why_it_has_no_form(client, worker_user,
                                                                          case):  # fmt: skip
    sign_in(client, worker_user)
    assert f"/cases/{case.pk}/reviews/" not in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(f"/cases/{case.pk}/reviews/")
    assert page.status_code == 200
    assert page.context["form"] is None
    assert "Први поновни преглед доспева када се план одобри." in page.content.decode()
