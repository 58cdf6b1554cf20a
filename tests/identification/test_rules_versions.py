"""The indicator rules as versioned data: the head of service saves a new version (checked by
the engine first), it is in use at once, and every version is kept."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.identification.indicators.engine import DEFAULT_RULES, rules_in_use
from zastita.identification.models import RulesVersion

from ..conftest import events, sign_in

DRAFT = DEFAULT_RULES.read_text(encoding="utf-8")
TWO_MEDIUM = {"answers": dict.fromkeys(["AL.DR.02", "AL.DR.03", "AL.EX.01", "AL.EX.02",
                                        "AL.CD.01", "AL.CD.02"], "present"),
              "unanswered": "absent", "set": "AL", "age": 30}  # fmt: skip


def test_a_new_version_is_checked_put_in_use_and_kept(client, make_user, worker_user):
    head = make_user("head_of_service")
    sign_in(client, worker_user)
    before = client.post("/api/v1/indicators/evaluate", TWO_MEDIUM, content_type="application/json")
    assert before.json()["outcome"] == "NOT_ESTABLISHED"
    sign_in(client, head)
    page = client.get("/identification/rules/")
    assert page.status_code == 200
    assert page.context["form"]["text"].value() == DRAFT
    changed = DRAFT.replace("- {medium_min: 3}", "- {medium_min: 2}", 1)
    form = {"text": changed, "comment": "Два средња индикатора довољна"}
    saved = client.post("/identification/rules/", form)
    assert saved.status_code == 302
    version = RulesVersion.objects.get()
    assert (version.number, version.created_by) == (1, head)
    assert rules_in_use()[1] == version.digest
    assert events(action=Action.UPDATE, object_type="indicator_rules", actor=head)
    sign_in(client, worker_user)
    after = client.post("/api/v1/indicators/evaluate", TWO_MEDIUM, content_type="application/json")
    assert after.json()["outcome"] == "VICTIM"  # no code changed, only the rules
    history = client.get("/identification/rules/1/")
    assert history.status_code == 200
    assert "medium_min: 2" in history.content.decode()


@pytest.mark.parametrize(
    ("text", "comment", "field"),
    [
        ("sets: [", "Покварен YAML", "text"),
        (DRAFT.replace('"(DR or CR or VR) and EX and (CD or VD)"', '"EX and not CD"', 1),
         "Правило са not", "text"),
        (DRAFT, "", "comment"),
    ],
)  # fmt: skip
def test_rules_the_engine_cannot_use_are_refused_and_the_text_is_kept(client, make_user, text,
                                                                      comment, field):  # fmt: skip
    sign_in(client, make_user("head_of_service"))
    response = client.post("/identification/rules/", {"text": text, "comment": comment})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["form"]["text"].value() == text
    assert not RulesVersion.objects.exists()


@pytest.mark.parametrize("role", ["worker", "director", "duty_worker"])
def test_others_read_the_rules_but_cannot_change_them(client, make_user, role):
    sign_in(client, make_user(role))
    page = client.get("/identification/rules/")
    assert page.status_code == 200
    assert page.context["can_manage"] is False
    refused = client.post("/identification/rules/", {"text": DRAFT, "comment": "Покушај измене"})
    assert refused.status_code == 404
    assert not RulesVersion.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_the_rules_pages_are_not_found_for_others(client, make_user, role):
    RulesVersion.objects.create(number=1, text=DRAFT, digest="x", comment="први",
                                created_by=make_user("head_of_service"))  # fmt: skip
    sign_in(client, make_user(role))
    assert client.get("/identification/rules/").status_code == 404
    assert client.get("/identification/rules/1/").status_code == 404
    assert client.get("/identification/rules/99/").status_code == 404


def test_an_unknown_version_is_not_found(client, worker_user):
    sign_in(client, worker_user)
    assert client.get("/identification/rules/5/").status_code == 404
