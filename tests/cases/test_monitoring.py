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
from zastita.cases.services import case_open
from zastita.core.errors import NotFound, ValidationError

from ..conftest import sign_in
from .plan_helpers import approved_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


@pytest.fixture
def task(worker_user, head, case):
    """An open task of the case's approved initial plan."""
    _plan, task = approved_plan(worker_user, head, case, goal="Да буде безбедна код куће.",
                                task="Кућна посета.")  # fmt: skip
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
    assert f"/cases/{case.pk}/monitoring/" in client.get(f"/cases/{case.pk}/").content.decode()
    form = client.get(f"/cases/{case.pk}/monitoring/")
    assert form.status_code == 200
    assert task.pk in [pk for pk, _label in form.context["form"].fields["tasks"].choices]
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
    assert {"held_on", "organisation"} <= set(response.context["form"].errors)
    assert "Белешка која остаје." in response.content.decode()
    assert not MonitoringContact.objects.exists()


def test_the_monitoring_of_a_case_outside_the_scope_is_not_found(client, make_user, case):
    sign_in(client, make_user("worker"))
    seen = client.post(f"/cases/{case.pk}/monitoring/", {})
    missing = client.post("/cases/999999/monitoring/", {})
    assert seen.status_code == missing.status_code == 404
