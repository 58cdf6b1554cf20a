"""The indicator evaluation operation: success, forbidden-as-404, invalid input."""

from __future__ import annotations

import pytest
from django.test import Client

from zastita.audit.models import Action

from ..conftest import events, sign_in
from ..partners.keys import issue_confirmed

PRESENT = ["AL.DR.01", "AL.DR.02", "AL.EX.01", "AL.EX.02", "AL.CD.01", "AL.CD.02"]


def _post(client: Client, body: dict, **headers: str):
    return client.post("/api/v1/indicators/evaluate", body, content_type="application/json",
                       headers=headers)  # fmt: skip


def test_a_professional_evaluates_answers(client, worker_user):
    sign_in(client, worker_user)
    body = {"set": "AL", "answers": dict.fromkeys(PRESENT, "present"), "unanswered": "absent",
            "age": 30}  # fmt: skip
    response = _post(client, body)
    assert response.status_code == 200
    data = response.json()
    assert data["outcome"] == "VICTIM"
    assert data["rule"]["kind"] == "adult"
    assert next(d for d in data["dimensions"] if d["id"] == "CD")["present"] == PRESENT[4:]
    assert "UNVERIFIED_SET" in data["flags"]
    assert not events(action=Action.DENIED)


@pytest.mark.parametrize("role", ["analyst", "administrator", "dpo", "partner_reporter"])
def test_others_get_not_found(client, make_user, role):
    sign_in(client, make_user(role))
    response = _post(client, {"set": "AL", "answers": {}})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert events(action=Action.DENIED, object_type="indicator_evaluation")


def test_a_partner_key_gets_not_found(client, admin_user, organisation):
    _key, raw = issue_confirmed(requester=admin_user, organisation=organisation, label="k",
                              capabilities=["reports.submit", "reference.read"])  # fmt: skip
    response = _post(client, {"set": "AL", "answers": {}}, Authorization=f"Bearer {raw}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"set": "AL", "answers": {"CL.DR.01": "present"}}, "answers"),
        ({"set": "ZZ", "answers": {}}, "set"),
        ({"set": "AL", "answers": {"AL.DR.01": "maybe"}}, "answers"),
        ({"set": "AL", "age": -4}, "age"),
    ],
)
def test_invalid_input_names_the_field(client, worker_user, body, field):
    sign_in(client, worker_user)
    response = _post(client, body)
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert any(field in f.split(".") for f in fields), fields
