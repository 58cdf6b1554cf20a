"""From a report, find or register the person in place: search and link by a chosen record,
or register a new person from what the report says (duplicates shown first) and link them
in one commit. Success, forbidden-looks-like-not-found and invalid input."""

from __future__ import annotations

import pytest

from zastita.accounts.models import Role
from zastita.audit.models import Action
from zastita.core.errors import ValidationError
from zastita.identification.registry_link import report_person_register
from zastita.intake.models import ReportPerson
from zastita.people.identity import Identity
from zastita.people.models import Person
from zastita.people.services import person_create, person_merge

from ..conftest import events, normalise, share, sign_in
from .conftest import MISSING, NO_ACCESS

DESCRIBED = "жена, око 30"


def url(report_person_id: int) -> str:
    return f"/reports/persons/{report_person_id}/registry/"


@pytest.fixture
def described(accepted) -> ReportPerson:
    return accepted.persons.get(person__isnull=True)


@pytest.fixture
def other(worker_user):
    identity = Identity(first_name="Друга", last_name="Особа")
    return person_create(actor=worker_user, identity=identity, birth_year=1995)


def new_person(**overrides: str) -> dict[str, str]:
    data = {"step": "create", "first_name": "Нада", "last_name": "Нова", "sex": "Feminine",
            "birth_year": "1994", "notes": DESCRIBED, "disability": "unknown"}  # fmt: skip
    data.update(overrides)
    return data


# --- success ---


def test_the_report_page_leads_to_the_page_which_shows_what_the_report_says(
    client, worker_user, accepted, described
):
    sign_in(client, worker_user)
    report_page = client.get(f"/reports/{accepted.pk}/").content.decode()
    assert f'href="{url(described.pk)}"' in report_page
    response = client.get(url(described.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert DESCRIBED in html
    # The registry's own form, with the report's description already in its notes.
    assert response.context["person_form"]["notes"].value() == DESCRIBED
    assert f"{DESCRIBED}</textarea>" in html
    assert events(action=Action.VIEW, object_type="report", object_id=str(accepted.pk))


def test_a_person_found_by_search_is_linked_by_their_id(client, worker_user, described, other):
    sign_in(client, worker_user)
    response = client.post(url(described.pk), {"step": "search", "q": "друга особа"})
    assert response.status_code == 200
    assert [c.person for c in response.context["cards"]] == [other]
    html = response.content.decode()
    assert other.code in html
    assert f'name="person" value="{other.pk}"' in html
    assert events(action=Action.VIEW, object_type="person", object_id=str(other.pk))
    linked = client.post(url(described.pk), {"step": "link", "person": str(other.pk)})
    assert linked.status_code == 302
    assert linked["Location"] == f"/reports/{described.report_id}/"
    described.refresh_from_db()
    assert described.person == other
    assert events(action=Action.UPDATE, object_type="report_person", object_id=str(described.pk))


def test_masked_results_show_the_code_and_no_name(client, make_user, described, worker_user):
    child = person_create(actor=worker_user, identity=Identity(first_name="Мала", last_name="Дете"),
                          birth_year=2015)  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(url(described.pk), {"step": "search", "q": "Мала Дете"})
    [card] = response.context["cards"]
    assert card.person == child
    assert card.name is None
    html = response.content.decode()
    assert child.code in html
    assert "Дете</td>" not in html  # the code, and "name hidden" where the name would be


def test_registering_creates_and_links_in_one_step_and_the_person_page_lists_the_report(
    client, worker_user, accepted, described
):
    sign_in(client, worker_user)
    before = Person.objects.count()
    response = client.post(url(described.pk), new_person())
    assert response.status_code == 302, response.context["person_form"].errors
    assert response["Location"] == f"/reports/{accepted.pk}/"
    assert Person.objects.count() == before + 1
    described.refresh_from_db()
    person = described.person
    assert person is not None
    assert person.birth_year == 1994
    assert events(action=Action.CREATE, object_type="person", object_id=str(person.pk))
    assert events(action=Action.UPDATE, object_type="report_person", object_id=str(described.pk))
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert f'href="/reports/{accepted.pk}/"' in page
    assert accepted.number in page


def test_likely_duplicates_come_first_then_one_is_linked_instead(
    client, worker_user, described, other
):
    sign_in(client, worker_user)
    before = Person.objects.count()
    response = client.post(url(described.pk), new_person(first_name="Друга", last_name="Особа",
                                                        birth_year="1995"))  # fmt: skip
    assert response.status_code == 200
    assert [c.person for c in response.context["duplicates"]] == [other]
    html = response.content.decode()
    assert 'id="duplicates-heading"' in html
    assert f'name="person" value="{other.pk}"' in html
    # Nothing registered yet, and what was typed is still there.
    assert Person.objects.count() == before
    assert 'value="Друга"' in html
    linked = client.post(url(described.pk), {"step": "link", "person": str(other.pk)})
    assert linked.status_code == 302
    described.refresh_from_db()
    assert described.person == other
    assert Person.objects.count() == before


def test_a_new_record_despite_the_duplicates_only_when_confirmed(
    client, worker_user, described, other
):
    sign_in(client, worker_user)
    before = Person.objects.count()
    data = new_person(first_name="Друга", last_name="Особа", birth_year="1995")
    assert client.post(url(described.pk), data).status_code == 200
    response = client.post(url(described.pk), {**data, "confirm_new": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == before + 1
    described.refresh_from_db()
    assert described.person not in (None, other)


def test_a_person_already_linked_goes_back_to_the_report(client, worker_user, accepted, person):
    linked = accepted.persons.get(person=person)
    sign_in(client, worker_user)
    response = client.get(url(linked.pk))
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{accepted.pk}/"


# --- forbidden looks like not found ---


@pytest.mark.parametrize("role", [*NO_ACCESS, "director"])
def test_the_page_is_not_found_for_others(client, make_user, described, role):
    sign_in(client, make_user(role))
    before = Person.objects.count()
    for data in (None, {"step": "search", "q": "Вера"}, new_person()):
        send = client.get if data is None else client.post
        forbidden = send(url(described.pk), data or {})
        missing = send(url(MISSING), data or {})
        assert forbidden.status_code == missing.status_code == 404
        assert normalise(forbidden.content).replace(f"/{described.pk}/", "/ID/") == normalise(
            missing.content
        ).replace(f"/{MISSING}/", "/ID/")
    assert Person.objects.count() == before
    described.refresh_from_db()
    assert described.person is None


def test_without_the_right_to_register_only_search_is_offered(client, make_user, described, other):
    role = Role.objects.create(code="receiver_search", name_sr="Пријем", name_en="Intake",
                               capabilities=["reports.receive", "people.search"])  # fmt: skip
    user = make_user()
    user.roles.set([role])
    share(described.report, user)  # the report is their work
    sign_in(client, user)
    response = client.get(url(described.pk))
    assert response.status_code == 200
    assert 'id="register-heading"' not in response.content.decode()
    before = Person.objects.count()
    assert client.post(url(described.pk), new_person()).status_code == 404
    assert Person.objects.count() == before
    # Linking a record found outside their work needs its file opened with a reason first.
    assert client.post(url(described.pk), {"step": "link", "person": other.pk}).status_code == 200
    opened = client.post(f"/assignments/open/person/?id={other.pk}", {
        "id": other.pk, "reason": "other", "explanation": "Иста особа као у пријави, провера.",
    })  # fmt: skip
    assert opened.status_code == 302
    assert client.post(url(described.pk), {"step": "link", "person": other.pk}).status_code == 302


# --- invalid input ---


def test_an_empty_search_is_an_error_at_its_field(client, worker_user, described):
    sign_in(client, worker_user)
    response = client.post(url(described.pk), {"step": "search", "q": ""})
    assert response.status_code == 200
    assert response.context["search_form"].errors["q"]
    assert response.context["cards"] is None
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_invalid_person_keeps_what_was_typed_and_says_why_at_each_field(
    client, worker_user, described
):
    sign_in(client, worker_user)
    before = Person.objects.count()
    typed = new_person(jmbg="123", birth_year="1800", notes="белешка коју је радник откуцао")
    response = client.post(url(described.pk), typed)
    assert response.status_code == 200
    errors = response.context["person_form"].errors
    assert "jmbg" in errors
    assert "birth_year" in errors
    html = response.content.decode()
    assert 'value="123"' in html
    assert 'value="Нада"' in html
    assert "белешка коју је радник откуцао</textarea>" in html
    assert Person.objects.count() == before
    described.refresh_from_db()
    assert described.person is None


@pytest.mark.parametrize("chosen", [str(MISSING), "abc", ""])
def test_linking_a_record_that_does_not_exist_keeps_the_page_with_the_reason(
    client, worker_user, described, chosen
):
    sign_in(client, worker_user)
    response = client.post(url(described.pk), {"step": "link", "person": chosen})
    assert response.status_code == 200
    assert (
        "Search again" in response.context["link_error"]
        or "Претражите" in (response.context["link_error"])
    )
    assert 'id="link-error"' in response.content.decode()
    described.refresh_from_db()
    assert described.person is None


def test_linking_a_merged_record_is_refused_and_the_search_is_shown_again(
    client, make_user, worker_user, described, other
):
    head = make_user("head_of_service")
    absorbed = person_create(actor=worker_user, identity=Identity(first_name="Друга",
                             last_name="Особа"), birth_year=1995)  # fmt: skip
    person_merge(actor=head, kept=other, absorbed=absorbed)
    sign_in(client, worker_user)
    response = client.post(url(described.pk), {"step": "link", "person": str(absorbed.pk),
                                                "q": "Друга Особа"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["link_error"]
    assert [c.person for c in response.context["cards"]] == [other]
    described.refresh_from_db()
    assert described.person is None


def test_a_person_already_on_the_report_cannot_be_linked_twice(
    client, worker_user, described, person
):
    sign_in(client, worker_user)
    response = client.post(url(described.pk), {"step": "link", "person": str(person.pk)})
    assert response.status_code == 200
    assert response.context["link_error"]
    described.refresh_from_db()
    assert described.person is None


def test_registering_a_person_linked_meanwhile_writes_nothing(worker_user, described, other):
    """Created and linked together, or neither: a colleague linked the person first."""
    stale = ReportPerson.objects.get(pk=described.pk)
    ReportPerson.objects.filter(pk=described.pk).update(person=other)
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        report_person_register(actor=worker_user, report_person=stale,
                               identity=Identity(first_name="Нада", last_name="Нова"),
                               birth_year=1994)  # fmt: skip
    assert Person.objects.count() == before
