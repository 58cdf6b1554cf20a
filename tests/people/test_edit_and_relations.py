"""Editing a record (with version conflicts), descriptive fields by ISO code, ethnicity only
where enabled, identity documents, and family members and guardians."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from zastita.audit.models import Action, Purpose
from zastita.core import reference
from zastita.core.errors import Conflict, ValidationError
from zastita.partners.models import Organisation, Sector
from zastita.people.identity import Document, Identity, unseal
from zastita.people.models import IdentityReveal, Person, PersonRelation
from zastita.people.selectors import needs_guardian, person_search
from zastita.people.services import person_update, relation_add, relation_end

from ..conftest import events, normalise, sign_in
from .conftest import ADULT_BIRTH


@pytest.fixture
def adult(register):
    return register(
        Identity(first_name="Милена", last_name="Стојковић", birth_date=ADULT_BIRTH),
        citizenships=["RS"],
    )


@pytest.fixture
def child(register):
    return register(Identity(first_name="Тамара", last_name="Петковић"), birth_year=2015)


def _form(person: Person, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Милена", "last_name": "Стојковић", "sex": "Feminine",
        "birth_date": ADULT_BIRTH.isoformat(), "citizenships": ["RS", "BA"],
        "languages": ["srp", "rom"], "marital_status": "married", "education": "isced3",
        "disability": "false", "emails": "milena@example.org", "doc1_type": "passport",
        "doc1_number": "P1234567", "doc1_issuer": "ПУ Ниш", "doc1_holder": "employer",
        "version": person.version, "step": "save",
    }  # fmt: skip
    data.update(changes)
    return data


# --- reference lists ---


def test_iso_codes_are_checked_and_named_in_the_users_language():
    assert reference.is_country("RS")
    assert not reference.is_country("YU")
    assert reference.is_language("srp")
    assert not reference.is_language("sr")
    with translation.override("sr"):
        assert reference.country_name("DE") == "Немачка"
        assert reference.language_name("rom") == "ромски"
        assert reference.country_choices()[0] == ("RS", "Србија")
    with translation.override("sr-latn"):
        assert reference.country_name("DE") == "Nemačka"
    with translation.override("en"):
        assert reference.language_name("hun") == "Hungarian"


# --- services ---


def test_update_replaces_identity_and_search_keys_and_is_audited(worker_user, adult):
    updated = person_update(
        actor=worker_user, person=adult, version=1,
        identity=Identity(first_name="Милена", last_name="Илић", birth_date=ADULT_BIRTH,
                          maiden_name="Стојковић"),
        citizenships=["rs", "BA", "RS"], languages=["srp"],
    )  # fmt: skip
    assert updated.version == 2
    assert updated.citizenships == ["RS", "BA"]  # normalised, each once
    assert unseal(updated.identity, updated.code).last_name == "Илић"
    assert [c.person for c in person_search(actor=worker_user, text="Milena Ilic")] == [updated]
    # The maiden name is a name too: the old surname still finds her.
    assert [c.person for c in person_search(actor=worker_user, text="Stojkovic")] == [updated]
    assert events(action=Action.UPDATE, object_type="person", object_id=str(adult.pk))


def test_a_stale_version_is_a_conflict_and_writes_nothing(worker_user, adult):
    person_update(actor=worker_user, person=adult, version=1,
                  identity=Identity(first_name="Милена", last_name="Прва"))  # fmt: skip
    with pytest.raises(Conflict):
        person_update(actor=worker_user, person=adult, version=1,
                      identity=Identity(first_name="Милена", last_name="Друга"))  # fmt: skip
    adult.refresh_from_db()
    assert adult.version == 2
    assert unseal(adult.identity, adult.code).last_name == "Прва"


@pytest.mark.parametrize(
    ("descriptive", "field"),
    [
        ({"citizenships": ["XX"]}, "citizenships"),
        ({"languages": ["sr"]}, "languages"),
        ({"ethnicity": "roma"}, "ethnicity"),
    ],
)
def test_descriptive_fields_are_validated(worker_user, adult, descriptive, field):
    with pytest.raises(ValidationError) as caught:
        person_update(actor=worker_user, person=adult, version=1,
                      identity=Identity(first_name="Милена"), **descriptive)  # fmt: skip
    assert list(caught.value.fields) == [field]
    adult.refresh_from_db()
    assert adult.version == 1


def test_ethnicity_is_recorded_only_where_the_center_enabled_it(worker_user, adult):
    with override_settings(ZASTITA_RECORD_ETHNICITY=True):
        updated = person_update(
            actor=worker_user, person=adult, version=1, identity=Identity(first_name="Милена"),
            ethnicity="roma",
        )  # fmt: skip
        with pytest.raises(ValidationError):
            person_update(actor=worker_user, person=updated, version=2,
                          identity=Identity(first_name="Милена"), ethnicity="martian")  # fmt: skip
    assert updated.ethnicity == "roma"


def test_emails_and_documents_are_validated_per_field(worker_user, adult):
    with pytest.raises(ValidationError) as caught:
        person_update(
            actor=worker_user, person=adult, version=1,
            identity=Identity(first_name="Милена", emails=["not-an-address"],
                              documents=[Document(type="passport", number="", holder="person")]),
        )  # fmt: skip
    assert set(caught.value.fields) == {"emails", "documents"}


def test_only_identity_holders_edit(make_user, adult):
    from zastita.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        person_update(actor=make_user("analyst"), person=adult, version=1,
                      identity=Identity(first_name="X"))  # fmt: skip


# --- the edit page ---


def test_edit_page_saves_and_shows_the_new_values(client, worker_user, adult):
    sign_in(client, worker_user)
    page = client.get(f"/people/{adult.pk}/edit/")
    assert page.status_code == 200
    assert "Стојковић" in page.content.decode()
    assert events(action=Action.VIEW, object_type="person", actor=worker_user)
    response = client.post(f"/people/{adult.pk}/edit/", _form(adult))
    assert response.status_code == 302
    shown = client.get(f"/people/{adult.pk}/").content.decode()
    for text in ("Србија", "Босна и Херцеговина", "ромски", "P1234567", "milena@example.org",
                 "послодавац", "одузет"):  # fmt: skip
        assert text in shown, text


def test_edit_page_invalid_input_keeps_what_was_typed(client, worker_user, adult):
    sign_in(client, worker_user)
    response = client.post(
        f"/people/{adult.pk}/edit/",
        _form(adult, jmbg="1234567890123", notes="Белешка коју не смемо изгубити"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "jmbg" in form.errors
    assert "Белешка коју не смемо изгубити" in response.content.decode()
    adult.refresh_from_db()
    assert adult.version == 1


def test_edit_page_refuses_a_stale_form_and_keeps_the_typing(client, worker_user, adult):
    person_update(actor=worker_user, person=adult, version=1,
                  identity=Identity(first_name="Милена", last_name="Стојковић"))  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(f"/people/{adult.pk}/edit/", _form(adult, version=1, notes="Моја"))
    assert response.status_code == 200
    assert "Someone else changed" in str(response.context["form"].non_field_errors()) or (
        "Неко други" in str(response.context["form"].non_field_errors())
    )
    assert "Моја" in response.content.decode()


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator"])
def test_edit_page_forbidden_looks_like_not_found(client, make_user, adult, role):
    sign_in(client, make_user(role))
    forbidden = client.get(f"/people/{adult.pk}/edit/")
    missing = client.get("/people/999999/edit/")
    assert forbidden.status_code == missing.status_code == 404
    assert normalise(forbidden.content).replace(f"/{adult.pk}/", "/ID/") == normalise(
        missing.content
    ).replace("/999999/", "/ID/")


def test_editing_a_childs_file_asks_why_first(client, worker_user, child):
    sign_in(client, worker_user)
    page = client.get(f"/people/{child.pk}/edit/")
    assert page.status_code == 200
    assert "Тамара" not in page.content.decode()
    assert page.context["form"] is None
    short = client.post(f"/people/{child.pk}/edit/", {"step": "reveal", "reason": "кратко"})
    assert "reason" in short.context["reveal_form"].errors
    assert not IdentityReveal.objects.exists()
    opened = client.post(
        f"/people/{child.pk}/edit/",
        {"step": "reveal", "reason": "Исправка презимена по решењу ЦСР"},
    )
    assert "Тамара" in opened.content.decode()
    reveal = IdentityReveal.objects.get()
    assert reveal.actor == worker_user
    assert events(action=Action.DISCLOSE, purpose=Purpose.BREAK_GLASS, object_id=str(child.pk))


def _unchanged(person: Person, first_name: str) -> None:
    before_sealed = person.sealed
    person.refresh_from_db()
    assert person.version == 1
    assert person.sealed == before_sealed
    assert unseal(person.identity, person.code).first_name == first_name
    assert not IdentityReveal.objects.exists()
    assert not events(action=Action.UPDATE, object_type="person", object_id=str(person.pk))


def test_a_plain_post_to_a_childs_edit_page_is_refused_and_keeps_the_typing(
    client, worker_user, child
):
    sign_in(client, worker_user)
    response = client.post(
        f"/people/{child.pk}/edit/",
        _form(child, first_name="Подметнуто", last_name="Име", birth_date="", birth_year=2015),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["reason"]
    assert "Подметнуто" in response.content.decode()  # what was typed stays on the page
    _unchanged(child, "Тамара")


def test_the_service_refuses_a_masked_change_without_a_reason(worker_user, child):
    for reason in ("", "   кратко   "):
        with pytest.raises(ValidationError) as caught:
            person_update(actor=worker_user, person=child, version=1, reason=reason,
                          identity=Identity(first_name="Друго"), birth_year=2015)  # fmt: skip
        assert list(caught.value.fields) == ["reason"]
    _unchanged(child, "Тамара")


def test_other_field_errors_come_with_the_reason_error_at_once(worker_user, child):
    with pytest.raises(ValidationError) as caught:
        person_update(actor=worker_user, person=child, version=1,
                      identity=Identity(first_name="Друго"), citizenships=["XX"])  # fmt: skip
    assert set(caught.value.fields) == {"reason", "citizenships"}


def test_sealing_is_not_removed_by_an_edit_without_a_reason(worker_user, register):
    sealed = register(
        Identity(first_name="Јелена", last_name="Тајна", birth_date=ADULT_BIRTH), sealed=True
    )
    with pytest.raises(ValidationError) as caught:
        person_update(actor=worker_user, person=sealed, version=1, sealed=False,
                      identity=Identity(first_name="Јелена", birth_date=ADULT_BIRTH))  # fmt: skip
    assert list(caught.value.fields) == ["reason"]
    _unchanged(sealed, "Јелена")
    assert sealed.sealed


def test_with_a_reason_the_disclosure_and_the_update_are_audited_together(worker_user, register):
    sealed = register(
        Identity(first_name="Јелена", last_name="Тајна", birth_date=ADULT_BIRTH), sealed=True
    )
    updated = person_update(
        actor=worker_user, person=sealed, version=1, sealed=False,
        reason="Решење суда о скидању ознаке", identity=Identity(first_name="Јелена",
                                                               birth_date=ADULT_BIRTH),
    )  # fmt: skip
    assert not updated.sealed
    reveal = IdentityReveal.objects.get()
    assert (reveal.person, reveal.actor) == (sealed, worker_user)
    assert "Решење" not in reveal.reason  # kept encrypted
    disclosed = events(action=Action.DISCLOSE, object_type="person", object_id=str(sealed.pk))
    assert [(e.purpose, e.reason_ref) for e in disclosed] == [
        (Purpose.BREAK_GLASS, f"reveal:{reveal.pk}")
    ]
    assert events(action=Action.UPDATE, object_type="person", object_id=str(sealed.pk))


def test_an_adult_unsealed_file_needs_no_reason_and_records_no_disclosure(worker_user, adult):
    person_update(actor=worker_user, person=adult, version=1, sealed=True,
                  identity=Identity(first_name="Милена", birth_date=ADULT_BIRTH))  # fmt: skip
    assert not IdentityReveal.objects.exists()


def test_a_childs_file_is_edited_through_the_page_with_the_reason(client, worker_user, child):
    sign_in(client, worker_user)
    opened = client.post(
        f"/people/{child.pk}/edit/",
        {"step": "reveal", "reason": "Исправка презимена по решењу ЦСР"},
    )
    form = opened.context["form"]
    assert form.initial["reason"] == "Исправка презимена по решењу ЦСР"
    data = _form(child, first_name="Тамара", last_name="Исправљена", birth_date="",
                 birth_year=2015, reason="Исправка презимена по решењу ЦСР")  # fmt: skip
    saved = client.post(f"/people/{child.pk}/edit/", data)
    assert saved.status_code == 302
    child.refresh_from_db()
    assert unseal(child.identity, child.code).last_name == "Исправљена"
    assert IdentityReveal.objects.count() == 2  # opening it, then changing it
    assert len(events(action=Action.DISCLOSE, object_id=str(child.pk))) == 2
    assert events(action=Action.UPDATE, object_type="person", object_id=str(child.pk))


# --- relations ---


def test_a_guardian_for_a_child_is_recorded_shown_and_audited(client, worker_user, child, register):
    csr = Organisation.objects.create(name="Демо ЦСР", sector=Sector.SOCIAL_WORK)
    guardian = register(Identity(first_name="Гордана", last_name="Старатељ"), birth_year=1970)
    assert needs_guardian(child)
    sign_in(client, worker_user)
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert "no legal or temporary guardian" in page or "није евидентиран" in page
    response = client.post(
        f"/people/{child.pk}/relations/",
        {"relative_code": guardian.code.lower(), "kind": "temp_guardian",
         "appointed_by": csr.pk, "since": "2026-01-10"},
    )  # fmt: skip
    assert response.status_code == 302
    relation = PersonRelation.objects.get()
    assert (relation.person, relation.relative, relation.appointed_by) == (child, guardian, csr)
    assert not needs_guardian(child)
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert guardian.code in page
    assert "Гордана Старатељ" in page
    assert "Демо ЦСР" in page
    assert events(action=Action.CREATE, object_type="person_relation")
    # Read from the guardian's side, the child stays masked.
    other_side = client.get(f"/people/{guardian.pk}/").content.decode()
    assert child.code in other_side
    assert "Тамара" not in other_side


def test_relations_refuse_bad_input(client, worker_user, adult, register):
    sign_in(client, worker_user)
    unknown = client.post(f"/people/{adult.pk}/relations/", {"relative_code": "L-XXXX-XXXX",
                                                            "kind": "mother"})  # fmt: skip
    assert unknown.status_code == 200
    assert "relative_code" in unknown.context["relation_form"].errors
    itself = client.post(f"/people/{adult.pk}/relations/", {"relative_code": adult.code,
                                                           "kind": "mother"})  # fmt: skip
    assert "relative_code" in itself.context["relation_form"].errors
    mother = register(Identity(first_name="Мајка", last_name="Стојковић"), birth_year=1960)
    appointed = client.post(f"/people/{adult.pk}/relations/", {
        "relative_code": mother.code, "kind": "mother", "since": "2999-01-01"})  # fmt: skip
    assert "since" in appointed.context["relation_form"].errors
    assert not PersonRelation.objects.exists()


def test_ending_a_relation_keeps_it_in_the_history(client, worker_user, child, register):
    guardian = register(Identity(first_name="Гордана", last_name="Старатељ"), birth_year=1970)
    relation = relation_add(actor=worker_user, person=child, relative=guardian,
                            kind="guardian", since=datetime.date(2025, 1, 1))  # fmt: skip
    sign_in(client, worker_user)
    bad = client.post(f"/people/relations/{relation.pk}/end/", {"ended_on": "2024-01-01"})
    assert bad.status_code == 200  # the page again, the reason at the date, the date kept
    assert bad.context["end_form"].errors["ended_on"]
    assert 'value="2024-01-01"' in bad.content.decode()
    relation.refresh_from_db()
    assert relation.ended_on is None
    done = client.post(f"/people/relations/{relation.pk}/end/", {"ended_on": "2026-02-01"})
    assert done.status_code == 302
    relation.refresh_from_db()
    assert relation.ended_on == datetime.date(2026, 2, 1)
    assert needs_guardian(child)
    with pytest.raises(ValidationError):
        relation_end(actor=worker_user, relation=relation, on=datetime.date(2026, 3, 1))


@pytest.mark.parametrize("role", ["analyst", "partner_reporter"])
def test_relation_pages_forbidden_look_like_not_found(client, make_user, worker_user, child,
                                                      register, role):  # fmt: skip
    guardian = register(Identity(first_name="Гордана"), birth_year=1970)
    relation = relation_add(actor=worker_user, person=child, relative=guardian, kind="guardian")
    sign_in(client, make_user(role))
    add = client.post(f"/people/{child.pk}/relations/", {"relative_code": guardian.code,
                                                        "kind": "mother"})  # fmt: skip
    end = client.post(f"/people/relations/{relation.pk}/end/", {"ended_on": "2026-02-01"})
    missing = client.post("/people/relations/999999/end/", {"ended_on": "2026-02-01"})
    assert add.status_code == end.status_code == missing.status_code == 404
    relation.refresh_from_db()
    assert relation.ended_on is None
    assert PersonRelation.objects.count() == 1
