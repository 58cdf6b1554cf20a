"""Revealing a child's or sealed name needs a reason that is logged and shown to the head of
service; merging two records loses nothing and is audited."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action, Purpose
from zastita.people.identity import Document, Identity, unseal
from zastita.people.models import IdentityReveal, Person, PersonMerge
from zastita.people.selectors import person_search

from ..conftest import events, sign_in

REASON = "Потребно за позив центру за социјални рад у вези са сменом"


@pytest.fixture
def child(register):
    return register(Identity(first_name="Лена", last_name="Костић"), birth_year=2014)


@pytest.fixture
def head(make_user):
    return make_user("head_of_service")


def test_revealing_a_childs_name_needs_a_reason_and_is_logged(client, worker_user, head, child):
    sign_in(client, worker_user)
    short = client.post(f"/people/{child.pk}/reveal/", {"reason": "треба"})
    assert short.status_code == 200
    assert "Лена" not in short.content.decode()
    assert not IdentityReveal.objects.exists()
    shown = client.post(f"/people/{child.pk}/reveal/", {"reason": REASON})
    assert "Лена Костић" in shown.content.decode()
    reveal = IdentityReveal.objects.get()
    assert REASON not in reveal.reason  # kept encrypted
    disclosed = events(action=Action.DISCLOSE, object_type="person", actor=worker_user)
    assert [(e.object_id, e.purpose, e.reason_ref) for e in disclosed] == [
        (str(child.pk), Purpose.BREAK_GLASS, f"reveal:{reveal.pk}")
    ]
    assert all(REASON not in (e.reason_ref + e.object_id) for e in events())
    # The next visit is masked again.
    assert "Лена" not in client.get(f"/people/{child.pk}/").content.decode()
    # The head of service sees who, which file and why.
    sign_in(client, head)
    home = client.get("/").content.decode()
    assert "/people/reveals/" in home
    review = client.get("/people/reveals/").content.decode()
    assert REASON in review
    assert child.code in review
    assert worker_user.username in review


@pytest.mark.parametrize("role", ["director", "analyst", "administrator"])
def test_reveal_forbidden_looks_like_not_found(client, make_user, child, role):
    sign_in(client, make_user(role))
    assert client.post(f"/people/{child.pk}/reveal/", {"reason": REASON}).status_code == 404
    assert client.post("/people/99999/reveal/", {"reason": REASON}).status_code == 404
    assert not IdentityReveal.objects.exists()


def test_reveals_list_only_for_the_head(client, worker_user):
    sign_in(client, worker_user)
    assert client.get("/people/reveals/").status_code == 404


def test_merge_loses_nothing_and_is_audited(client, register, head):
    kept = register(
        Identity(first_name="Ђорђе", last_name="Јовановић", phones=["+381641112223"]),
        birth_year=None,
    )
    absorbed = register(
        Identity(
            first_name="Djordje",
            last_name="Jovanovic",
            aliases=["Đole"],
            place_of_birth="Ниш",
            documents=[Document(type="passport", number="X123", holder="employer")],
        ),
        birth_year=1994,
    )
    sign_in(client, head)
    assert client.get(f"/people/{kept.pk}/merge/").status_code == 200
    ask = client.post(f"/people/{kept.pk}/merge/", {"other_code": absorbed.code})
    assert ask.status_code == 200  # shown side by side, not merged yet
    assert absorbed.code in ask.content.decode()
    assert not PersonMerge.objects.exists()
    done = client.post(f"/people/{kept.pk}/merge/", {"other_code": absorbed.code, "confirm": "on"})
    assert done.status_code == 302
    kept.refresh_from_db()
    absorbed.refresh_from_db()
    assert absorbed.merged_into == kept
    assert kept.birth_year == 1994  # the gap was filled
    identity = unseal(kept.identity, kept.code)
    assert identity.phones == ["+381641112223"]
    merged = identity.merged[0]
    assert merged["code"] == absorbed.code
    assert merged["aliases"] == ["Đole"]
    assert merged["place_of_birth"] == "Ниш"
    assert merged["documents"][0]["holder"] == "employer"
    # The absorbed record and its history remain; its page leads to the kept record.
    assert Person.objects.filter(pk=absorbed.pk).exists()
    assert client.get(f"/people/{absorbed.pk}/")["Location"] == f"/people/{kept.pk}/"
    assert {e.object_id for e in events(action=Action.UPDATE, object_type="person_merge")} == {
        str(kept.pk),
        str(absorbed.pk),
    }
    merge = PersonMerge.objects.get()
    assert (merge.kept, merge.absorbed, merge.actor) == (kept, absorbed, head)
    # Every old spelling still finds the one remaining record.
    cards = person_search(actor=head, text="Djole")
    assert [c.person for c in cards] == [kept]


@pytest.mark.parametrize("role", ["worker", "director", "administrator"])
def test_merge_forbidden_looks_like_not_found(client, make_user, register, role):
    a = register(Identity(last_name="Илић"), birth_year=1990)
    b = register(Identity(last_name="Ilić"), birth_year=1990)
    sign_in(client, make_user(role))
    assert client.get(f"/people/{a.pk}/merge/").status_code == 404
    response = client.post(f"/people/{a.pk}/merge/", {"other_code": b.code, "confirm": "on"})
    assert response.status_code == 404
    assert not PersonMerge.objects.exists()


def test_merge_invalid_input(client, register, head):
    a = register(Identity(last_name="Илић"), birth_year=1990)
    sign_in(client, head)
    unknown = client.post(f"/people/{a.pk}/merge/", {"other_code": "L-NONE-0000", "confirm": "on"})
    assert "other_code" in unknown.context["form"].errors
    itself = client.post(f"/people/{a.pk}/merge/", {"other_code": a.code, "confirm": "on"})
    assert "other_code" in itself.context["form"].errors
    assert not PersonMerge.objects.exists()
