"""A decision's place is a code of the municipalities' list (a place not on it encrypted), its
panel's professions and a proceeding's authority are encrypted, each bound to its record;
the pages show them decrypted. The data migration does the same to existing rows."""

from __future__ import annotations

import json

import pytest
from cryptography.exceptions import InvalidTag

from zastita.core.municipalities import OTHER
from zastita.identification.models import Decision, Proceeding
from zastita.identification.services import (
    decision_panel,
    decision_place,
    decision_propose,
    proceeding_add,
    proceeding_authority,
    unseal,
)

from ..conftest import latest, migrate_to, sign_in
from .test_services import decision_data

HAMLET = "Засеок Канаринац код Горње Брезе"


def test_a_known_place_is_a_code_and_the_professions_are_encrypted(
    client, worker_user, make_user, identification
):
    data = decision_data(worker_user, municipality="Kragujevac")
    decision = decision_propose(actor=worker_user, identification=identification, **data)
    decision.refresh_from_db()
    assert (decision.municipality, decision.municipality_other) == ("kragujevac", "")
    assert decision.panel == [{"user": worker_user.pk}]
    assert "социјални" not in decision.panel_professions
    assert decision_panel(decision) == [{"user": worker_user.pk, "profession": "социјални радник"}]
    sign_in(client, make_user("head_of_service"))
    page = client.get(f"/identification/{identification.pk}/").content.decode()
    assert "Крагујевац" in page
    assert "социјални радник" in page


def test_a_place_not_on_the_list_is_encrypted_and_bound_to_its_decision(
    client, worker_user, identification
):
    data = decision_data(worker_user, municipality=HAMLET)
    decision = decision_propose(actor=worker_user, identification=identification, **data)
    decision.refresh_from_db()
    assert decision.municipality == OTHER
    assert "Канаринац" not in decision.municipality_other
    assert decision_place(decision) == HAMLET
    with pytest.raises(InvalidTag):
        unseal(decision.municipality_other, f"decision:{decision.pk + 1}:municipality")
    sign_in(client, worker_user)
    assert HAMLET in client.get(f"/identification/{identification.pk}/").content.decode()


def test_the_authority_of_a_proceeding_is_encrypted(client, worker_user, identification):
    proceeding = proceeding_add(
        actor=worker_user, identification=identification, stage="police",
        authority="ПС Канаринац", reference="КУ 9/26", role="witness",
    )  # fmt: skip
    proceeding.refresh_from_db()
    assert "Канаринац" not in proceeding.authority
    assert proceeding_authority(proceeding) == "ПС Канаринац"
    sign_in(client, worker_user)
    assert "ПС Канаринац" in client.get(f"/identification/{identification.pk}/").content.decode()


BEFORE = [("identification", "0003_written_forms_and_documents")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_places_and_encrypts_texts(worker_user, identification):
    old_apps = migrate_to(BEFORE)
    try:
        OldDecision = old_apps.get_model("identification", "Decision")
        OldProceeding = old_apps.get_model("identification", "Proceeding")
        common = {
            "identification_id": identification.pk, "status": "presumed", "reasons": "",
            "decided_on": identification.created_at.date(), "proposed_by_id": worker_user.pk,
        }  # fmt: skip
        known = OldDecision.objects.create(
            municipality="Ниш",
            panel=[{"user": worker_user.pk, "profession": "психолог"}],
            **common,
        ).pk
        unknown = OldDecision.objects.create(municipality=HAMLET, panel=[], **common).pk
        OldProceeding.objects.create(
            identification_id=identification.pk, stage="police", authority="ПС Канаринац",
            reference="", role="witness", recorded_by_id=worker_user.pk,
        )  # fmt: skip
    finally:
        migrate_to(latest("identification"))
    first, second = Decision.objects.get(pk=known), Decision.objects.get(pk=unknown)
    assert (first.municipality, first.municipality_other) == ("nis", "")
    assert first.panel == [{"user": worker_user.pk}]
    assert "психолог" not in first.panel_professions
    assert decision_panel(first) == [{"user": worker_user.pk, "profession": "психолог"}]
    assert second.municipality == OTHER
    assert "Канаринац" not in second.municipality_other
    assert decision_place(second) == HAMLET
    proceeding = Proceeding.objects.get()
    assert "Канаринац" not in proceeding.authority
    assert proceeding_authority(proceeding) == "ПС Канаринац"
    assert json.loads(unseal(first.panel_professions, f"decision:{first.pk}:panel")) == ["психолог"]


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_where_it_would_decrypt(worker_user, identification):
    proceeding_add(actor=worker_user, identification=identification, stage="police",
                   authority="ПС Канаринац", reference="КУ 9/26", role="witness")  # fmt: skip
    with pytest.raises(RuntimeError, match="in clear"):
        migrate_to(BEFORE)
    assert "Канаринац" not in Proceeding.objects.get().authority
