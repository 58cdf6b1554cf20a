"""Monitoring contacts: a home visit that follows up a task of the plan in force, its notes
encrypted; bad input refused at its field; a contact on a case outside the scope is not
found."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.cases.models import MonitoringContact
from zastita.cases.monitoring import services
from zastita.cases.monitoring.services import ContactInput
from zastita.cases.plans import services as plans
from zastita.cases.services import case_open
from zastita.core.errors import NotFound, ValidationError
from zastita.writtenforms.public import form_approve, form_for_subject, form_save

from ..conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


@pytest.fixture
def task(worker_user, head, case):
    """An open task of the case's approved initial plan."""
    plan = plans.plan_start(actor=worker_user, case=case, kind="initial")
    goal = plans.goal_add(actor=worker_user, plan=plan, text="Да буде безбедна код куће.",
                          version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    task = plans.task_add(actor=worker_user, plan=plan, goal_id=goal.pk, text="Кућна посета.",
                          responsible="worker", worker=worker_user, provider=None,
                          due_on=plan.plan_date + datetime.timedelta(days=7),
                          version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    plans.plan_details_save(actor=worker_user, plan=plan, participation="full",
                            consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    form_save(actor=worker_user, code=plan.form_code, subject_id=plan.pk, base_version=0,
              sections={"priorities": "Безбедност.", "participation": "Учествовала."})  # fmt: skip
    form_approve(actor=head, form=form_for_subject(plan.form_code, plan.pk), version=1)
    return task


def test_a_home_visit_follows_up_a_task_and_its_notes_are_encrypted(worker_user, case, task):
    contact = services.contact_record(actor=worker_user, case=case, data=ContactInput(
        with_whom="person", mode="home_visit", held_on=timezone.localdate(), minutes=90,
        notes="Особа је безбедна, мајка је присутна.", task_ids=[task.pk],
    ))  # fmt: skip
    assert list(contact.tasks.all()) == [task]
    stored = MonitoringContact.objects.values_list("notes", flat=True).get()
    assert "мајка" not in stored


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": timezone.localdate() + datetime.timedelta(days=2)}, "held_on"),
        ({"minutes": 0}, "minutes"),
        ({"with_whom": "provider"}, "provider"),
        ({"task_ids": [999999]}, "tasks"),
    ],
)
def test_bad_input_is_refused_at_its_field(worker_user, case, changes, field):
    data = {"with_whom": "person", "mode": "phone", "held_on": timezone.localdate(),
            "minutes": 15, **changes}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.contact_record(actor=worker_user, case=case, data=ContactInput(**data))
    assert field in refused.value.fields
    assert not MonitoringContact.objects.exists()


def test_a_contact_on_a_case_outside_the_scope_is_not_found(make_user, case):
    with pytest.raises(NotFound):
        services.contact_record(
            actor=make_user("worker"),
            case=case,
            data=ContactInput(
                with_whom="person", mode="phone", held_on=timezone.localdate(), minutes=10
            ),
        )


def test_the_case_page_records_a_contact_and_shows_it(client, worker_user, case, task):
    sign_in(client, worker_user)
    response = client.post(f"/cases/{case.pk}/monitoring/", {
        "with_whom": "person", "mode": "home_visit", "held_on": timezone.localdate().isoformat(),
        "minutes": "60", "tasks": [task.pk], "notes": "Посета протекла мирно.",
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Посета протекла мирно." in page
    assert "1.1" in page


def test_a_refused_contact_comes_back_at_its_field_with_the_notes_kept(client, worker_user,
                                                                        case):  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(f"/cases/{case.pk}/monitoring/", {
        "with_whom": "partner", "mode": "phone", "held_on": "2001-01-01", "minutes": "5",
        "notes": "Белешка која остаје.",
    })  # fmt: skip
    assert response.status_code == 200
    assert {"held_on", "organisation"} <= set(response.context["contact_form"].errors)
    assert "Белешка која остаје." in response.content.decode()
    assert not MonitoringContact.objects.exists()


def test_the_monitoring_of_a_case_outside_the_scope_is_not_found(client, make_user, case):
    sign_in(client, make_user("worker"))
    seen = client.post(f"/cases/{case.pk}/monitoring/", {})
    missing = client.post("/cases/999999/monitoring/", {})
    assert seen.status_code == missing.status_code == 404
