"""Registry pages: success, forbidden-as-404 and invalid input; names never in URLs."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.people.identity import Identity
from zastita.people.models import Person

from ..conftest import events, sign_in
from .conftest import ADULT_BIRTH


@pytest.fixture
def djordje(register):
    return register(Identity(first_name="Ђорђе", last_name="Јовановић", birth_date=ADULT_BIRTH))


def test_search_by_post_finds_and_records_the_read(client, worker_user, djordje):
    sign_in(client, worker_user)
    assert client.get("/people/").status_code == 200
    response = client.post("/people/", {"q": "Djordje"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ђорђе Јовановић" in html
    assert djordje.code in html
    read = events(action=Action.VIEW, object_type="person", actor=worker_user)
    assert [e.object_id for e in read] == [str(djordje.pk)]
    assert all("Djordje" not in (e.request_id + e.object_id) for e in read)


def test_search_query_strings_are_ignored(client, worker_user, djordje):
    sign_in(client, worker_user)
    response = client.get("/people/?q=Djordje")
    assert "Ђорђе Јовановић" not in response.content.decode()  # only POST searches


@pytest.mark.parametrize("role", ["analyst", "administrator", "partner_reporter", "dpo"])
def test_registry_pages_forbidden_look_like_not_found(client, make_user, djordje, role):
    sign_in(client, make_user(role))
    assert client.get("/people/").status_code == 404
    assert client.post("/people/", {"q": "Djordje"}).status_code == 404
    assert client.get("/people/new/").status_code == 404
    assert client.get(f"/people/{djordje.pk}/").status_code == 404
    assert client.get("/people/99999/").status_code == 404


def test_search_without_words_is_invalid(client, worker_user):
    sign_in(client, worker_user)
    response = client.post("/people/", {"q": ""})
    assert response.status_code == 200
    assert "q" in response.context["form"].errors


def test_register_a_new_person(client, worker_user):
    sign_in(client, worker_user)
    response = client.post(
        "/people/new/",
        {"first_name": "Теодора", "last_name": "Ристић", "sex": "Feminine", "birth_year": 1999,
         "phones": "064 123 4567"},
    )  # fmt: skip
    assert response.status_code == 302
    person = Person.objects.get()
    assert response["Location"] == f"/people/{person.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Теодора Ристић" in page
    assert "+381641234567" in page


def test_a_near_duplicate_is_shown_before_saving(client, worker_user, djordje):
    sign_in(client, worker_user)
    data = {
        "first_name": "Djordje",
        "last_name": "Jovanovic",
        "sex": "Masculine",
        "birth_year": 1994,
    }
    first = client.post("/people/new/", data)
    assert first.status_code == 200
    assert djordje.code in first.content.decode()
    assert Person.objects.count() == 1
    confirmed = client.post("/people/new/", {**data, "confirm_new": "on"})
    assert confirmed.status_code == 302
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"sex": "Feminine"}, "last_name"),
        ({"last_name": "Х", "sex": "Feminine", "jmbg": "1234567890123"}, "jmbg"),
        ({"last_name": "Х", "sex": "Feminine", "birth_date": "2999-01-01"}, "birth_date"),
        ({"last_name": "Х", "sex": "Feminine", "phones": "call me"}, "phones"),
        ({"last_name": "Х", "sex": "nonsense"}, "sex"),
    ],
)
def test_invalid_registration_keeps_what_was_typed(client, worker_user, data, field):
    sign_in(client, worker_user)
    response = client.post("/people/new/", {**data, "notes": "текст који се не губи"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "текст који се не губи" in response.content.decode()
    assert Person.objects.count() == 0


def test_a_child_is_masked_on_its_page(client, worker_user, register):
    child = register(Identity(first_name="Лена", last_name="Костић"), birth_year=2014)
    sign_in(client, worker_user)
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert "Лена" not in page
    assert child.code in page


def test_a_document_row_is_marked_at_its_own_fields(client, worker_user):
    sign_in(client, worker_user)
    response = client.post(
        "/people/new/",
        {"first_name": "Теодора", "last_name": "Ристић", "sex": "Feminine", "birth_year": 1999,
         "doc1_number": "P7654321", "doc2_type": "passport", "doc2_holder": "person"},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"doc1_type", "doc1_holder", "doc2_number"}
    assert "__all__" not in errors  # nothing left above the form without its field
    page = response.content.decode()
    for name in errors:
        assert f'id="id_{name}_error"' in page
        assert f'href="#id_{name}"' in page
    assert 'value="P7654321"' in page  # what was typed stays
    assert not Person.objects.exists()
