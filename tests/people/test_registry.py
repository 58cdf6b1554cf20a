"""Registering persons, finding them by any spelling, masking, duplicates."""

from __future__ import annotations

import datetime

import pytest

from zastita.audit.models import Action
from zastita.core.errors import NotFound, ValidationError
from zastita.people.identity import Identity, unseal
from zastita.people.models import Person, PersonSearchKey
from zastita.people.selectors import person_duplicates, person_search
from zastita.people.services import person_create

from ..conftest import events
from .conftest import ADULT_BIRTH


def test_create_encrypts_the_identity_and_audits(register, worker_user):
    person = register(Identity(first_name="Ђорђе", last_name="Јовановић", birth_date=ADULT_BIRTH))
    stored = Person.objects.get(pk=person.pk)
    assert "Ђорђе" not in stored.identity
    assert stored.identity.startswith(f"{stored.identity_key_id}:")
    assert unseal(stored.identity, stored.code).first_name == "Ђорђе"
    assert stored.birth_year == 1994
    assert stored.code.startswith("L-")
    assert events(action=Action.CREATE, object_type="person", object_id=str(person.pk))
    assert PersonSearchKey.objects.filter(person=person, kind="name").count() == 2


@pytest.mark.parametrize(
    "typed",
    ["Djordje", "Đorđe", "dorde", "ЂОРЂЕ", "Jovanovic", "jovan", "Djordje Jovanović 1994"],
)
def test_every_spelling_finds_the_person(register, worker_user, typed):
    person = register(Identity(first_name="Ђорђе", last_name="Јовановић", birth_date=ADULT_BIRTH))
    register(Identity(first_name="Марко", last_name="Петровић"), birth_year=1990)
    cards = person_search(actor=worker_user, text=typed)
    assert [c.person.pk for c in cards] == [person.pk]
    assert cards[0].name == "Ђорђе Јовановић"


def test_a_wrong_year_or_word_finds_nothing(register, worker_user):
    register(Identity(first_name="Ђорђе", last_name="Јовановић", birth_date=ADULT_BIRTH))
    assert person_search(actor=worker_user, text="Djordje 1995") == []
    assert person_search(actor=worker_user, text="Djordje Petrovic") == []


def test_search_by_jmbg(register, worker_user):
    from ..people.test_validators import make_jmbg

    day = datetime.date(1988, 2, 9)
    jmbg = next(j for s in range(999) if (j := make_jmbg(day, 71, s)))
    person = register(Identity(last_name="Илић", jmbg=jmbg, birth_date=day), birth_year=None)
    assert [c.person for c in person_search(actor=worker_user, text=jmbg)] == [person]


def test_names_are_masked_without_identity_access(register, make_user):
    register(Identity(first_name="Ђорђе", last_name="Јовановић", birth_date=ADULT_BIRTH))
    director = make_user("director")
    cards = person_search(actor=director, text="Djordje")
    assert len(cards) == 1
    assert cards[0].name is None


def test_childrens_and_sealed_names_are_masked_for_everyone(register, worker_user):
    register(Identity(first_name="Ана", last_name="Лазић"), birth_year=2015)
    register(Identity(first_name="Ана", last_name="Лазић"), birth_year=None)
    register(Identity(first_name="Ана", last_name="Лазић"), birth_year=1980, age_disputed=True)
    register(Identity(first_name="Ана", last_name="Лазић"), birth_year=1980, sealed=True)
    adult = register(Identity(first_name="Ана", last_name="Лазић"), birth_year=1981)
    cards = person_search(actor=worker_user, text="ana lazic")
    assert len(cards) == 5
    assert [c.person.pk for c in cards if c.name] == [adult.pk]


@pytest.mark.parametrize("role", ["analyst", "administrator", "partner_reporter", "dpo"])
def test_search_is_refused_to_roles_without_it(register, make_user, role):
    with pytest.raises(NotFound):
        person_search(actor=make_user(role), text="ana")


@pytest.mark.parametrize(
    ("identity", "birth_year", "field"),
    [
        (Identity(), 1990, "last_name"),
        (Identity(last_name="Х", birth_date=datetime.date(2999, 1, 1)), None, "birth_date"),
        (Identity(last_name="Х", jmbg="1234567890123"), None, "jmbg"),
        (Identity(last_name="Х", phones=["call me"]), None, "phones"),
        (Identity(last_name="Х", birth_date=ADULT_BIRTH), 1990, "birth_year"),
    ],
)
def test_invalid_identities_are_refused_whole(worker_user, identity, birth_year, field):
    with pytest.raises(ValidationError) as exc:
        person_create(actor=worker_user, identity=identity, birth_year=birth_year)
    assert field in exc.value.fields
    assert Person.objects.count() == 0
    assert PersonSearchKey.objects.count() == 0


def test_only_identity_roles_may_register(make_user):
    with pytest.raises(NotFound):
        person_create(actor=make_user("director"), identity=Identity(last_name="Х"))


def test_duplicates_by_name_jmbg_or_alias(register, worker_user):
    existing = register(
        Identity(
            first_name="Ђорђе", last_name="Јовановић", aliases=["Ђоле"], birth_date=ADULT_BIRTH
        )
    )
    register(Identity(first_name="Марко", last_name="Јовановић"), birth_year=1994)
    near = Identity(first_name="Djordje", last_name="Jovanovic")
    cards = person_duplicates(actor=worker_user, identity=near, birth_year=1994)
    assert [c.person.pk for c in cards] == [existing.pk]
    assert cards[0].reasons == ("name",)
    by_alias = Identity(first_name="Djole", last_name="Jovanović")
    assert [
        c.person for c in person_duplicates(actor=worker_user, identity=by_alias, birth_year=None)
    ] == [existing]
    other_year = person_duplicates(actor=worker_user, identity=near, birth_year=1970)
    assert other_year == []
