"""Need-to-know, rule by rule: what a worker, a duty worker on shift, the head of service and
the director see of reports, identifications and persons; the rest is "not found"."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.accounts.models import Team
from zastita.deadlines.models import Deadline, DeadlineState
from zastita.identification.models import Identification
from zastita.identification.rules import identification_scope
from zastita.intake.models import Report
from zastita.intake.roster import shift_create
from zastita.intake.rules import report_scope
from zastita.intake.services import report_create
from zastita.people.models import Person
from zastita.people.rules import person_scope

from ..conftest import share, sign_in
from ..intake.conftest import report_input

pytestmark = pytest.mark.django_db


def visible(user, model=Report, scope=report_scope) -> set[int]:
    return set(model.objects.filter(scope(user)).values_list("pk", flat=True))


@pytest.fixture
def stranger_report(make_user):
    """A report another worker received: in nobody's scope but theirs and the heads'."""
    return report_create(actor=make_user("worker", username="other1"), data=report_input())


def test_a_worker_sees_their_own_shared_and_teams_reports_only(make_user, stranger_report):
    me, other = make_user("worker"), make_user("worker")
    mine = report_create(actor=me, data=report_input())
    shared = report_create(actor=other, data=report_input())
    share(shared, me)
    teams = report_create(actor=other, data=report_input())
    team = Team.objects.create(name="Тим Југ")
    team.members.add(me)
    Report.objects.filter(pk=teams.pk).update(team=team)
    assigned = report_create(actor=other, data=report_input())
    Report.objects.filter(pk=assigned.pk).update(assigned_to=me)
    assert visible(me) == {mine.pk, shared.pk, teams.pk, assigned.pk}
    # An inactive team no longer shares its records.
    Team.objects.filter(pk=team.pk).update(is_active=False)
    assert teams.pk not in visible(me)


def test_heads_and_the_director_see_every_report_others_none(make_user, stranger_report):
    for role in ("head_of_service", "director"):
        assert stranger_report.pk in visible(make_user(role))
    for role in ("shelter_staff", "analyst", "partner_reporter", "administrator", "dpo"):
        assert visible(make_user(role)) == set()


def test_a_duty_worker_on_shift_sees_the_shifts_reports_and_the_unassigned(make_user):
    head, duty, other = make_user("head_of_service"), make_user("duty_worker"), make_user("worker")
    now = timezone.now()
    before = report_create(
        actor=other, data=report_input(received_at=now - datetime.timedelta(days=2))
    )
    Report.objects.filter(pk=before.pk).update(assigned_to=other)
    # Answered in time: no clock of it is past due (an overdue one reaches the duty worker).
    Deadline.objects.filter(subject_type="report", subject_id=before.pk).update(
        state=DeadlineState.MET
    )
    unassigned_old = report_create(
        actor=other, data=report_input(received_at=now - datetime.timedelta(days=3))
    )
    Report.objects.filter(pk=unassigned_old.pk).update(assigned_to=None)
    during = report_create(actor=other, data=report_input())
    Report.objects.filter(pk=during.pk).update(assigned_to=other)
    assert visible(duty) == set()  # off duty: nothing of others
    shift_create(actor=head, user=duty, kind="primary", starts_at=now - datetime.timedelta(hours=1),
                 ends_at=now + datetime.timedelta(hours=8))  # fmt: skip
    seen = visible(duty)
    assert during.pk in seen  # received during the shift
    assert unassigned_old.pk in seen  # nobody has it: its clocks warn the duty worker
    assert before.pk not in seen  # someone else's, from before the shift, answered in time
    Deadline.objects.filter(subject_type="report", subject_id=before.pk).update(
        state=DeadlineState.RUNNING, due_at=now - datetime.timedelta(minutes=5)
    )
    assert before.pk in visible(duty)  # past due: the breach reaches the duty worker


def test_an_identification_and_its_person_follow_the_work(client, make_user, identification):
    worker = make_user("worker")
    from zastita.identification.rules import identification_scope

    assert identification.pk not in visible(worker, Identification, identification_scope)
    assert identification.person_id not in visible(worker, Person, person_scope)
    share(identification, worker)
    assert identification.pk in visible(worker, Identification, identification_scope)
    # The worker of an identification sees its report and its person.
    assert identification.report_person.report_id in visible(worker)
    assert identification.person_id in visible(worker, Person, person_scope)


def test_the_report_list_and_the_number_box_keep_to_the_scope(client, make_user, stranger_report):
    worker = make_user("worker")
    mine = report_create(actor=worker, data=report_input())
    sign_in(client, worker)
    listed = {r.pk for r in client.get("/reports/").context["reports"]}
    assert listed == {mine.pk}
    found = client.get("/reports/", {"number": mine.number})
    assert found.status_code == 302
    assert found["Location"] == f"/reports/{mine.pk}/"
    # Outside the scope and missing: the same "not found", each offering the stated reason.
    hidden = client.get("/reports/", {"number": stranger_report.number})
    missing = client.get("/reports/", {"number": "9999/2026"})
    assert hidden.status_code == missing.status_code == 404
    assert "/assignments/open/report/?ref=" in hidden.content.decode()
    assert "/assignments/open/report/?ref=" in missing.content.decode()
    wrong = client.get("/reports/", {"number": "четири"})
    assert wrong.status_code == 200
    assert "number" in wrong.context["form"].errors


def test_person_search_finds_everyone_but_shows_only_the_code_outside_the_scope(
    client, make_user, identification
):
    from zastita.people.identity import unseal

    worker = make_user("worker")
    sign_in(client, worker)
    name = unseal(identification.person.identity, identification.person.code).display_name
    response = client.post("/people/", {"q": name.split()[0]})
    cards = response.context["cards"]
    card = next(c for c in cards if c.person.pk == identification.person_id)
    assert card.in_scope is False
    assert card.name is None
    html = response.content.decode()
    assert identification.person.code in html
    assert name not in html
    assert f"/assignments/open/person/?id={identification.person_id}" in html


def test_a_person_outside_the_scope_is_linked_only_after_a_stated_reason(make_user):
    from zastita.core.errors import ValidationError
    from zastita.core.registries.scopes import GRANTS_ATTR
    from zastita.intake.services import PersonInput, report_person_link
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    other, worker = make_user("worker"), make_user("worker")
    theirs = person_create(actor=other, identity=Identity(first_name="Вида", last_name="Тест"),
                           birth_year=1991)  # fmt: skip
    mine = report_create(actor=worker, data=report_input(
        persons=[PersonInput(description="жена, око 35", is_child=False)]))  # fmt: skip
    described = mine.persons.get()
    with pytest.raises(ValidationError):  # answered as a code that finds nobody
        report_person_link(actor=worker, report_person=described, person_id=theirs.pk)
    assert theirs.pk not in visible(worker, Person, person_scope)
    setattr(worker, GRANTS_ATTR, frozenset({f"person:{theirs.pk}"}))  # opened with a reason
    report_person_link(actor=worker, report_person=described, person_id=theirs.pk)
    described.refresh_from_db()
    assert described.person_id == theirs.pk


def test_the_director_and_the_head_have_no_glass_to_break(client, make_user, stranger_report):
    for role in ("director", "head_of_service"):
        sign_in(client, make_user(role))
        assert client.get(f"/reports/{stranger_report.pk}/").status_code == 200
        form = client.get(f"/assignments/open/report/?id={stranger_report.pk}")
        assert form.status_code == 404
    missing = client.get("/reports/999999/")
    assert "/assignments/open/" not in missing.content.decode()


def test_a_report_opened_with_a_reason_does_not_open_its_persons(make_user):
    """The reason is for the report: each person named on it needs a reason of their own
    (their file is another disclosure, with its own line for the head of service)."""
    from zastita.core.registries.scopes import GRANTS_ATTR
    from zastita.intake.services import PersonInput, report_person_link
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    other, worker = make_user("worker"), make_user("worker")
    person = person_create(actor=other, identity=Identity(first_name="Мила", last_name="Тест"),
                           birth_year=1990)  # fmt: skip
    theirs = report_create(actor=other, data=report_input(
        persons=[PersonInput(description="жена, око 30", is_child=False)]))  # fmt: skip
    report_person_link(actor=other, report_person=theirs.persons.get(), person_id=person.pk)
    assert person.pk in visible(other, Person, person_scope)
    setattr(worker, GRANTS_ATTR, frozenset({f"report:{theirs.pk}"}))
    assert theirs.pk in visible(worker)
    assert person.pk not in visible(worker, Person, person_scope)
    setattr(worker, GRANTS_ATTR, frozenset({f"report:{theirs.pk}", f"person:{person.pk}"}))
    assert person.pk in visible(worker, Person, person_scope)


def test_the_identifications_team_sees_its_report(make_user, identification):
    """A member of the identification's team works on it, and so sees the report it came
    from (even when the report belongs to no team of theirs)."""
    member = make_user("worker")
    team = Team.objects.create(name="Тим за идентификацију")
    team.members.add(member)
    Identification.objects.filter(pk=identification.pk).update(team=team)
    report_id = identification.report_person.report_id
    assert identification.pk in visible(member, Identification, identification_scope)
    assert report_id in visible(member)
    team.members.remove(member)
    assert report_id not in visible(member)
